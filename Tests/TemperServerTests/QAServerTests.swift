import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import TemperServer
@testable import TemperStore

@Suite("The live server")
struct QAServerTests {
    @Test("The live server: the same flow over a real connection")
    func live() async throws {
        let store = try Fixtures.store(Fixtures.many(3))
        try await Fixtures.app(store).test(.live) { client in
            #expect(try await client.page("/").body.contains("3 conversations"))
            let csrf = try await client.csrf()
            let posted = try await client.postForm("/conversations/c002/reviews", [("reviewer", "Ana"), ("verdict", "coaching_needed")], csrf: csrf)
            #expect(posted.status == .seeOther)
            let reviews = try await client.json("/api/conversations/c002/reviews")
            #expect((reviews.object["current"] as? [[String: Any]])?.first?["verdict"] as? String == "coaching_needed")
            let rubric = try await client.json("/api/rubric")
            #expect((rubric.object["categories"] as? [Any])?.count == Fixtures.rubric.categories.count)
        }
    }
}
