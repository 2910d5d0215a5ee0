import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import TemperServer
@testable import TemperStore

@Suite("Request body limit")
struct ServerContextTests {
    @Test("Bodies over 64 KB are refused with 413, form and JSON")
    func bodyLimit() async throws {
        let store = try Fixtures.store(Fixtures.many(1))
        try await Fixtures.app(store).test(.router) { client in
            let csrf = try await client.csrf()
            let big = String(repeating: "a", count: 70 * 1024)
            let form = try await client.postForm("/conversations/c001/reviews", [("reviewer", "Ana"), ("verdict", "confirmed"), ("note", big)], csrf: csrf)
            #expect(form.status == .contentTooLarge)
            #expect(form.text.contains("larger than 64 KB"))
            let json = try await client.postJSON("/api/conversations/c001/reviews", #"{"reviewer":"Ana","verdict":"confirmed","note":"\#(big)"}"#, csrf: csrf)
            #expect(json.status == .contentTooLarge)
            #expect(try store.reviewHistory(conversationID: "c001").isEmpty)
            let justUnder = try await client.postForm("/conversations/c001/reviews", [("reviewer", "Ana"), ("verdict", "confirmed"),
                                                                                     ("note", String(repeating: "b", count: 9_000))], csrf: csrf)
            #expect(justUnder.status == .seeOther)
        }
    }
}
