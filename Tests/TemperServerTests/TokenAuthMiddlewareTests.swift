import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import TemperServer
@testable import TemperStore

@Suite("The token")
struct TokenAuthMiddlewareTests {
    static let token = "s3cret-token-0123456789"

    @Test("With --token: pages go to sign-in, the API answers 401, the bearer token opens both")
    func tokenRequired() async throws {
        let store = try Fixtures.store(Fixtures.many(2))
        try await Fixtures.app(store, token: Self.token).test(.router) { client in
            let page = try await client.execute(uri: "/conversations/c001?x=1", method: .get)
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login?next=%2Fconversations%2Fc001%3Fx%3D1")
            let api = try await client.execute(uri: "/api/queue", method: .get)
            #expect(api.status == .unauthorized)
            #expect(api.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let wrong = try await client.execute(uri: "/api/queue", method: .get, headers: [.authorization: "Bearer nope"])
            #expect(wrong.status == .unauthorized)
            let bearer: HTTPFields = [.authorization: "Bearer \(Self.token)"]
            #expect(try await client.execute(uri: "/api/queue", method: .get, headers: bearer).status == .ok)
            #expect(try await client.execute(uri: "/", method: .get, headers: bearer).status == .ok)
            // The bearer token needs no CSRF token: no other site can add the header.
            let posted = try await client.postJSON("/api/conversations/c001/reviews", #"{"reviewer":"Ana","verdict":"confirmed"}"#, csrf: nil, headers: bearer)
            #expect(posted.status == .created)
            // A POST without it is refused before anything else.
            let anonymous = try await client.postJSON("/api/conversations/c001/reviews", #"{"reviewer":"Ana","verdict":"confirmed"}"#, csrf: nil)
            #expect(anonymous.status == .unauthorized)
            // The stylesheet and the sign-in page are open.
            #expect(try await client.execute(uri: "/static/app.css", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/login", method: .get).status == .ok)
        }
    }

    @Test("?token= once sets the login cookie and drops the token from the address")
    func tokenInQuery() async throws {
        let store = try Fixtures.store(Fixtures.many(2))
        try await Fixtures.app(store, token: Self.token).test(.router) { client in
            let response = try await client.execute(uri: "/?team=billing&token=\(Self.token)", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/?team=billing")
            let setCookie = try #require(response.headers[.setCookie])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            #expect(!setCookie.contains(Self.token), "the cookie carries a session value, not the token")
            let cookie = String(setCookie.prefix { $0 != ";" })
            #expect(try await client.execute(uri: "/?team=billing", method: .get, headers: [.cookie: cookie]).status == .ok)
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: "temper_auth=forged"]).status == .seeOther)
            #expect(try await client.execute(uri: "/?token=wrong", method: .get).status == .unauthorized)
        }
    }

    @Test("The sign-in form: CSRF-checked, a wrong token is 401, the right one returns to a local path only")
    func signIn() async throws {
        let store = try Fixtures.store(Fixtures.many(1))
        try await Fixtures.app(store, token: Self.token).test(.router) { client in
            // With a token the API's /api/csrf is closed; the sign-in page gives the cookie and the field.
            let response = try await client.execute(uri: "/login?next=%2F%2Fevil.example%2F", method: .get)
            let login = response.text
            #expect(login.contains(#"<input type="hidden" name="next" value="/">"#))
            let token = try #require(login.firstMatch(of: /name="csrf_token" value="([0-9a-f]{64})"/)?.1)
            #expect(response.headers[.setCookie]?.hasPrefix("temper_csrf=\(token);") == true)
            let csrf = (token: String(token), cookie: "temper_csrf=\(token)")
            let wrong = try await client.postForm("/login", [("token", "nope"), ("next", "/conversations/c001")], csrf: csrf)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("That token is not the right one."))
            let noCSRF = try await client.postForm("/login", [("token", Self.token)], csrf: nil)
            #expect(noCSRF.status == .forbidden)
            let right = try await client.postForm("/login", [("token", Self.token), ("next", "/conversations/c001")], csrf: csrf)
            #expect(right.status == .seeOther)
            #expect(right.headers[.location] == "/conversations/c001")
            let evil = try await client.postForm("/login", [("token", Self.token), ("next", "//evil.example/")], csrf: csrf)
            #expect(evil.headers[.location] == "/")
        }
    }
}
