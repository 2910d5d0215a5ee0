import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import TemperServer
@testable import TemperStore

@Suite("Security headers")
struct SecurityHeadersMiddlewareTests {
    @Test("Security headers on pages, API answers, the stylesheet and errors alike")
    func securityHeaders() async throws {
        let store = try Fixtures.store(Fixtures.many(2))
        try await Fixtures.app(store).test(.router) { client in
            for uri in ["/", "/conversations/c001", "/api/queue", "/static/app.css", "/nowhere", "/?limit=999", "/api/conversations/none"] {
                let response = try await client.execute(uri: uri, method: .get)
                let csp = response.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "\(uri)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(uri)")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
            }
            #expect(try await client.execute(uri: "/", method: .get).headers[.cacheControl] == "no-store")
            #expect(try await client.execute(uri: "/static/app.css", method: .get).headers[.contentType] == "text/css; charset=utf-8")
        }
    }
}
