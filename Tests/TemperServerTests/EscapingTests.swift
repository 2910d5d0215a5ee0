import Foundation
import HummingbirdTesting
import Testing
@testable import TemperServer
@testable import TemperStore

/// Customer text is hostile input. Every place a stored or submitted string appears is checked
/// with a script tag, attribute breakers and a `javascript:` URL.
@Suite("Escaping")
struct EscapingTests {
    static let hostile = Fixtures.hostile

    /// Fails when the page holds markup the payload would have made, or a link that is not ours.
    func expectInert(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        HTMLAudit.expectInert(html, sourceLocation: sourceLocation)
        #expect(!html.contains("<script"), sourceLocation: sourceLocation)
        #expect(!html.contains("<img"), sourceLocation: sourceLocation)
    }

    @Test("The audit itself catches what it is for")
    func auditWorks() {
        withKnownIssue {
            HTMLAudit.expectInert(#"<p>ok</p><img src=x onerror=alert(1)>"#)
        }
        withKnownIssue {
            HTMLAudit.expectInert(#"<a href="javascript:alert(1)">x</a>"#)
        }
        withKnownIssue {
            HTMLAudit.expectInert(#"<input value="" onfocus="alert(1)">"#)
        }
        withKnownIssue {
            HTMLAudit.expectInert(#"<div class="x"><script>alert(1)</script></div>"#)
        }
        HTMLAudit.expectInert(#"<input value="&quot; onfocus=&quot;alert(1)"><p>&lt;img src=x onerror=alert(1)&gt;</p><a href="/c?x=1">x</a>"#)
    }

    func hostileConversation() -> StoredConversation {
        var conversation = Fixtures.conversation("x<script>1", agent: Self.hostile, team: "t\"'><b>", channel: "javascript:alert(1)",
                                                 threat: "<script>alert('cancel')</script>", prefix: Self.hostile + " ")
        conversation.customer = Self.hostile
        conversation.messages[0].text = Self.hostile
        conversation.messages[1].role = Self.hostile
        conversation.reasons[0].detail = Self.hostile
        conversation.reasons[0].code = "code\"><script>"
        return conversation
    }

    @Test("Message text, names, ids, reason codes and details: inert on the queue and the conversation page")
    func storedStrings() async throws {
        let store = try Fixtures.store([hostileConversation()])
        try await Fixtures.app(store).test(.router) { client in
            let queue = try await client.page("/")
            #expect(queue.status == .ok)
            expectInert(queue.body)
            #expect(queue.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;"))
            #expect(queue.body.contains(#"<a href="/conversations/x%3Cscript%3E1">x&lt;script&gt;1</a>"#))
            // A javascript: value shows as text, never as a link.
            #expect(queue.body.contains("<td>javascript:alert(1)</td>"))

            let page = try await client.page("/conversations/x%3Cscript%3E1")
            #expect(page.status == .ok)
            expectInert(page.body)
            #expect(page.body.contains("<mark title=\"code&quot;&gt;&lt;script&gt;\">&lt;script&gt;alert(&#39;cancel&#39;)&lt;/script&gt;</mark>"))
        }
    }

    @Test("Submitted reviewer names and notes: inert in the history, the queue badge and the session report")
    func submittedStrings() async throws {
        let store = try Fixtures.store(Fixtures.many(2))
        try await Fixtures.app(store).test(.router) { client in
            let csrf = try await client.csrf()
            let posted = try await client.postForm("/conversations/c001/reviews", [
                ("reviewer", Self.hostile), ("verdict", "confirmed"), ("note", Self.hostile + "\n[click](javascript:alert(1))"),
            ], csrf: csrf)
            #expect(posted.status == .seeOther)
            let page = try await client.page("/conversations/c001").body
            expectInert(page)
            #expect(page.contains("<strong>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))

            let session = try await client.postForm("/sessions", [
                ("name", Self.hostile), ("reviewers", "<b>Ana</b>, \"Ben'"), ("ids", "c001 c002"),
            ], csrf: csrf)
            #expect(session.status == .seeOther)
            let location = try #require(session.headers[.location])
            let sessionPage = try await client.page(location).body
            expectInert(sessionPage)
            #expect(sessionPage.contains("&lt;b&gt;Ana&lt;/b&gt;"))
            // The reviewer's name goes into links percent-encoded.
            #expect(sessionPage.contains("reviewer=%3Cb%3EAna%3C%2Fb%3E"))
            let sessions = try await client.page("/sessions").body
            expectInert(sessions)

            let blind = try await client.page("/conversations/c001?session=1&reviewer=%22Ben%27").body
            expectInert(blind)
            #expect(blind.contains(#"<input type="hidden" name="reviewer" value="&quot;Ben&#39;">"#))
        }
    }

    @Test("JSON answers are application/json with nosniff: a payload in them is data")
    func json() async throws {
        let store = try Fixtures.store([hostileConversation()])
        try await Fixtures.app(store).test(.router) { client in
            let response = try await client.execute(uri: "/api/conversations/x%3Cscript%3E1", method: .get)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.object["agent"] as? String == Self.hostile)
        }
    }
}
