import Foundation
import HummingbirdTesting
import Testing
@testable import TemperServer
@testable import TemperStore

@Suite("Calibration sessions")
struct SessionRoutesTests {
    func review(_ client: some TestClientProtocol, _ csrf: (token: String, cookie: String), _ conversation: String, session: Int64,
                reviewer: String, verdict: String, empathy: Int) async throws {
        let response = try await client.postForm("/conversations/\(conversation)/reviews", [
            ("reviewer", reviewer), ("verdict", verdict), ("score.empathy", String(empathy)), ("session", String(session)),
        ], csrf: csrf)
        #expect(response.status == .seeOther, "\(response.text)")
        #expect(response.headers[.location] == "/conversations/\(conversation)?session=\(session)&reviewer=\(FormData.encode(reviewer))#history")
    }

    @Test("From the queue's top N, blind while reviewing, and the report with Cohen's kappa once everyone is done")
    func twoReviewers() async throws {
        let store = try Fixtures.store(Fixtures.many(9))
        try await Fixtures.app(store).test(.router) { client in
            let csrf = try await client.csrf()
            let created = try await client.postForm("/sessions", [
                ("name", "Week 38"), ("reviewers", "Ana, Ben"), ("top", "3"), ("level", "high"), ("team", "billing"),
            ], csrf: csrf)
            #expect(created.status == .seeOther)
            let location = try #require(created.headers[.location])
            let session = try #require(try store.sessions().first)
            #expect(location == "/sessions/\(session.id)")
            #expect(session.conversationIDs == ["c001", "c002"], "high and billing: c001, c002 (c003 is tech)")

            let before = try await client.page(location).body
            #expect(before.contains("Reviews in a calibration session are blind"))
            #expect(!before.contains("Cohen"))
            #expect(before.contains("Review as Ana"))

            try await review(client, csrf, "c001", session: session.id, reviewer: "Ana", verdict: "confirmed", empathy: 3)
            // Ben, reviewing blind, does not see Ana's review; nor does the open conversation page.
            let benView = try await client.page("/conversations/c001?session=\(session.id)&reviewer=Ben").body
            #expect(benView.contains("reviewing <strong>blind</strong> as <strong>Ben</strong>"))
            #expect(!benView.contains("v-confirmed"))
            let openView = try await client.page("/conversations/c001").body
            #expect(!openView.contains("v-confirmed"))
            #expect(openView.contains("Calibration-session reviews are not shown here"))
            let benAPI = try await client.json("/api/conversations/c001/reviews?session=\(session.id)&reviewer=Ben")
            #expect((benAPI.object["history"] as? [Any])?.isEmpty == true)

            try await review(client, csrf, "c002", session: session.id, reviewer: "Ana", verdict: "false_alarm", empathy: 2)
            // Ana has finished: the report opens for her, not yet for everyone.
            #expect(try await client.page(location + "?reviewer=Ana").body.contains("Cohen’s κ"))
            #expect(!(try await client.page(location).body.contains("Cohen’s κ")))
            let hidden = try await client.json("/api/sessions/\(session.id)")
            #expect(hidden.object["report"] == nil && hidden.object["reportHidden"] != nil)

            try await review(client, csrf, "c001", session: session.id, reviewer: "Ben", verdict: "confirmed", empathy: 3)
            try await review(client, csrf, "c002", session: session.id, reviewer: "Ben", verdict: "confirmed", empathy: 1)
            let report = try await client.page(location).body
            #expect(report.contains("Cohen’s κ"))
            #expect(report.contains("<td>Verdict</td>") || report.contains("<td>verdict</td>"))
            #expect(report.contains(#"<span class="pt">Ana <b>False alarm</b></span><span class="pt">Ben <b>Confirmed</b></span>"#))
            #expect(report.contains(#"<span class="pt">Ana <b>2</b></span><span class="pt">Ben <b>1</b></span>"#))

            let api = try await client.json("/api/sessions/\(session.id)")
            let apiReport = try #require(api.object["report"] as? [String: Any])
            let dimensions = apiReport["dimensions"] as? [[String: Any]] ?? []
            #expect(dimensions.first?["method"] as? String == "cohen")
            #expect((apiReport["disagreements"] as? [Any])?.count == 2)
            #expect(api.object["complete"] as? Bool == true)
        }
    }

    @Test("Three reviewers: Fleiss' kappa; a stranger may not review in the session")
    func threeReviewers() async throws {
        let store = try Fixtures.store(Fixtures.many(4))
        try await Fixtures.app(store).test(.router) { client in
            let csrf = try await client.csrf()
            let created = try await client.postJSON("/api/sessions", #"{"name":"Trio","reviewers":["A","B","C"],"conversations":["c001","c002"]}"#, csrf: csrf)
            #expect(created.status == .created)
            let id = try #require(created.object["id"] as? Int)
            for reviewer in ["A", "B", "C"] {
                for conversation in ["c001", "c002"] {
                    try await review(client, csrf, conversation, session: Int64(id), reviewer: reviewer,
                                     verdict: reviewer == "C" && conversation == "c002" ? "false_alarm" : "confirmed", empathy: 2)
                }
            }
            #expect(try await client.page("/sessions/\(id)").body.contains("Fleiss’ κ"))
            let stranger = try await client.postForm("/conversations/c001/reviews", [
                ("reviewer", "Zoe"), ("verdict", "confirmed"), ("session", String(id)),
            ], csrf: csrf)
            #expect(stranger.status == .badRequest)
            #expect(stranger.text.contains("“Zoe” is not a reviewer of session “Trio”"))
            let outside = try await client.postForm("/conversations/c003/reviews", [
                ("reviewer", "A"), ("verdict", "confirmed"), ("session", String(id)),
            ], csrf: csrf)
            #expect(outside.status == .badRequest)
            let list = try await client.page("/sessions").body
            #expect(list.contains(#"<a href="/sessions/\#(id)">Trio</a>"#))
        }
    }

    @Test("Bad session requests: one reviewer, unknown conversations, unknown session")
    func refusals() async throws {
        let store = try Fixtures.store(Fixtures.many(2))
        try await Fixtures.app(store).test(.router) { client in
            let csrf = try await client.csrf()
            let one = try await client.postForm("/sessions", [("name", "x"), ("reviewers", "Ana"), ("ids", "c001")], csrf: csrf)
            #expect(one.status == .badRequest)
            let unknown = try await client.postJSON("/api/sessions", #"{"name":"x","reviewers":["A","B"],"conversations":["c001","zzz"]}"#, csrf: csrf)
            #expect(unknown.status.code == 404 || unknown.status.code == 400, "\(unknown.text)")
            #expect(try await client.page("/sessions/99").status == .notFound)
            #expect(try await client.page("/sessions/abc").status == .notFound)
            #expect(try await client.json("/api/sessions/99").status == .notFound)
        }
    }
}
