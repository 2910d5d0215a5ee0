import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import TemperServer
@testable import TemperStore

@Suite("CSRF")
struct CSRFMiddlewareTests {
    @Test("No CSRF cookie, no field, or a wrong one: 403 and nothing stored")
    func csrfRequired() async throws {
        let store = try Fixtures.store([Fixtures.conversation("c1")])
        try await Fixtures.app(store).test(.router) { client in
            let fields = [("reviewer", "Ana"), ("verdict", "confirmed")]
            let csrf = try await client.csrf()
            let missingField = try await client.postForm("/conversations/c1/reviews", fields, csrf: (token: "", cookie: csrf.cookie), field: "")
            let wrongField = try await client.postForm("/conversations/c1/reviews", fields, csrf: csrf, field: String(repeating: "0", count: 64))
            let noCookie = try await client.postForm("/conversations/c1/reviews", fields, csrf: nil, field: csrf.token)
            for response in [missingField, wrongField, noCookie] {
                #expect(response.status == .forbidden)
                #expect(response.text.contains("CSRF"))
            }
            let json = try await client.postJSON("/api/conversations/c1/reviews", #"{"reviewer":"Ana","verdict":"confirmed"}"#, csrf: nil,
                                                 headers: [.cookie: csrf.cookie])
            #expect(json.status == .forbidden)
            #expect((json.object["error"] as? [String: Any])?["status"] as? Int == 403)
            #expect(try store.reviewHistory(conversationID: "c1").isEmpty)
            // A GET never changes anything, and other methods are not routes.
            #expect(try await client.execute(uri: "/conversations/c1/reviews", method: .get).status == .notFound)
            let put = try await client.execute(uri: "/conversations/c1/reviews", method: .put,
                                               headers: [.cookie: csrf.cookie, HTTPField.Name("X-CSRF-Token")!: csrf.token])
            #expect(put.status == .notFound)
        }
    }
}
