import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import TemperServer
@testable import TemperStore

@Suite("Conversation page, reviews and their API")
struct ConversationRoutesTests {
    @Test("Every message with role, time and sentiment; the evidence marked in place; the trajectory; the form")
    func page() async throws {
        let store = try Fixtures.store([Fixtures.conversation("c1")])
        try await Fixtures.app(store).test(.router) { client in
            let (status, html) = try await client.page("/conversations/c1")
            #expect(status == .ok)
            #expect(html.contains(#"<p class="text">Honestly, <mark title="churn threat">I will cancel my account</mark> today.</p>"#))
            #expect(html.contains(#"<span class="role">Customer</span><time>10:02:00</time><span class="tone neg">negative −0.70</span>"#))
            #expect(html.contains(#"<article class="msg role-agent tone-none" id="m1">"#))
            #expect(html.contains(#"<svg class="trajectory""#) && html.contains(#"<circle class="dot neg""#))
            #expect(html.contains(##"<a class="chip" href="#m2">churn threat</a>"##))
            #expect(html.contains("<q>I will cancel my account</q>"))
            #expect(html.contains(#"<select name="score.empathy">"#) && html.contains(#"<option value="4">4</option>"#))
            #expect(html.contains(#"value="confirmed" required"#) && html.contains(#"value="coaching_needed" required"#))
            #expect(html.contains(#"name="csrf_token" value=""#))
            #expect(html.contains("No reviews yet."))
        }
    }

    @Test("An unknown conversation is a 404, in HTML and in JSON")
    func notFound() async throws {
        let store = try Fixtures.store([])
        try await Fixtures.app(store).test(.router) { client in
            let page = try await client.page("/conversations/nope%3Cb%3E")
            #expect(page.status == .notFound)
            #expect(page.body.contains("no conversation “nope&lt;b&gt;” in the store"))
            let api = try await client.json("/api/conversations/nope")
            #expect(api.status == .notFound)
            #expect(try await client.page("/no/such/page").status == .notFound)
        }
    }

    @Test("A review posted with the CSRF token is stored, shown in the history, and the name remembered")
    func postReview() async throws {
        let store = try Fixtures.store([Fixtures.conversation("c1")])
        try await Fixtures.app(store).test(.router) { client in
            let csrf = try await client.csrf()
            let response = try await client.postForm("/conversations/c1/reviews", [
                ("reviewer", "Ana"), ("verdict", "confirmed"), ("score.empathy", "3"), ("score.compliance", "1"), ("note", "Clear churn risk."),
            ], csrf: csrf)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/conversations/c1#history")
            #expect(response.headers[.setCookie]?.hasPrefix("temper_reviewer=Ana;") == true)
            let reviews = try store.reviews(conversationID: "c1")
            #expect(reviews.count == 1 && reviews[0].verdict == .confirmed && reviews[0].scores == ["empathy": 3, "compliance": 1])
            let html = try await client.page("/conversations/c1", headers: [.cookie: "temper_reviewer=Ana"]).body
            #expect(html.contains(#"<span class="verdict v-confirmed">Confirmed</span>"#))
            #expect(html.contains("Clear churn risk."))
            #expect(html.contains(#"name="reviewer" value="Ana""#))
            // The store keeps one review per reviewer: the page offers Ana her own to edit.
            #expect(html.contains("Ana, you reviewed this conversation (#\(reviews[0].id)). <a href=\"/conversations/c1?edit=\(reviews[0].id)#review\">Edit your review</a>"))
            let again = try await client.postForm("/conversations/c1/reviews", [("reviewer", "Ana"), ("verdict", "false_alarm")], csrf: csrf)
            #expect(again.status == .conflict)
            #expect(again.text.contains("revise that review instead"))
            let queue = try await client.page("/").body
            #expect(queue.contains(#"<span class="verdict v-confirmed" title="1 review(s)">Confirmed</span>"#))
        }
    }

    @Test("An edit appends a revision: the history keeps both, the queue counts one review")
    func editAppends() async throws {
        let store = try Fixtures.store([Fixtures.conversation("c1")])
        try await Fixtures.app(store).test(.router) { client in
            let csrf = try await client.csrf()
            _ = try await client.postForm("/conversations/c1/reviews", [("reviewer", "Ana"), ("verdict", "confirmed")], csrf: csrf)
            let first = try #require(try store.reviews(conversationID: "c1").first)
            let form = try await client.page("/conversations/c1?edit=\(first.id)").body
            #expect(form.contains(#"<input type="hidden" name="revises" value="\#(first.id)">"#))
            let edit = try await client.postForm("/conversations/c1/reviews", [
                ("reviewer", "Ana"), ("verdict", "false_alarm"), ("note", "On reflection, fine."), ("revises", String(first.id)),
            ], csrf: csrf)
            #expect(edit.status == .seeOther)
            let history = try await client.json("/api/conversations/c1/reviews")
            let revisions = history.object["history"] as? [[String: Any]] ?? []
            #expect(revisions.count == 2)
            #expect(revisions.last?["revises"] as? Int == Int(first.id))
            #expect((history.object["current"] as? [[String: Any]])?.map { $0["verdict"] as? String } == ["false_alarm"])
            let html = try await client.page("/conversations/c1").body
            #expect(html.contains("superseded"))
            #expect(html.contains("revises #\(first.id)"))
            // Someone else's review is not theirs to edit.
            let other = try await client.postForm("/conversations/c1/reviews", [
                ("reviewer", "Ben"), ("verdict", "confirmed"), ("revises", String(first.id + 1)),
            ], csrf: csrf)
            #expect(other.status == .conflict)
            #expect(other.text.contains("only its reviewer can edit it"))
        }
    }

    @Test("The JSON API: the conversation, a review POST (201) and bad bodies (400)")
    func api() async throws {
        let store = try Fixtures.store([Fixtures.conversation("c1")])
        try await Fixtures.app(store).test(.router) { client in
            let conversation = try await client.json("/api/conversations/c1")
            #expect(conversation.object["id"] as? String == "c1")
            let reasons = conversation.object["reasons"] as? [[String: Any]]
            #expect(reasons?.first?["start"] as? Int == "Honestly, ".utf8.count)
            #expect((conversation.object["messages"] as? [Any])?.count == 3)
            let csrf = try await client.csrf()
            let created = try await client.postJSON("/api/conversations/c1/reviews",
                                                     #"{"reviewer":"Ana","verdict":"coaching_needed","scores":{"empathy":1,"compliance":1},"note":"n"}"#, csrf: csrf)
            #expect(created.status == .created)
            #expect(created.object["verdict"] as? String == "coaching_needed")
            #expect(created.object["score"] as? Double != nil)
            for (body, message) in [
                (#"{"reviewer":"Ana","verdict":"great"}"#, "verdict must be one of"),
                (#"{"verdict":"confirmed"}"#, "“reviewer” is missing"),
                (#"{"reviewer":"Ana","verdict":"confirmed","scores":{"empathy":9}}"#, "scores:"),
                (#"{"reviewer":"Ana","verdict":"confirmed","scores":{"empathy":"x"}}"#, "scores.empathy"),
                (#"not json"#, "not valid JSON"),
            ] {
                let response = try await client.postJSON("/api/conversations/c1/reviews", body, csrf: csrf)
                #expect(response.status == .badRequest, "\(body)")
                #expect(((response.object["error"] as? [String: Any])?["message"] as? String)?.contains(message) == true, "\(body): \(response.text)")
            }
            let formAsJSON = try await client.execute(uri: "/api/conversations/c1/reviews", method: .post,
                                                      headers: [.cookie: csrf.cookie, HTTPField.Name("X-CSRF-Token")!: csrf.token, .contentType: "text/plain"],
                                                      body: .init(string: "{}"))
            #expect(formAsJSON.status.code == 415)
            let missing = try await client.postJSON("/api/conversations/none/reviews", #"{"reviewer":"Ana","verdict":"confirmed"}"#, csrf: csrf)
            #expect(missing.status == .notFound)
        }
    }
}
