import Testing
@testable import TemperServer

@Suite("Links")
struct LinksTests {
    @Test("Ids are percent-encoded into one path segment")
    func conversationLinks() {
        #expect(Links.conversation("c0001") == "/conversations/c0001")
        #expect(Links.conversation("a/b?c#d") == "/conversations/a%2Fb%3Fc%23d")
        #expect(Links.conversation("javascript:alert(1)") == "/conversations/javascript%3Aalert%281%29")
        #expect(Links.conversation("x", session: 3, reviewer: "Ana B") == "/conversations/x?session=3&reviewer=Ana%20B")
        #expect(Links.session(2, reviewer: "<b>") == "/sessions/2?reviewer=%3Cb%3E")
    }

    @Test("After signing in, only a path on this server", arguments: [
        ("/conversations/c1?x=1", "/conversations/c1?x=1"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/ok\r\nSet-Cookie: x", "/"),
    ])
    func returnPath(_ given: String, _ expected: String) {
        #expect(Links.safeReturnPath(given) == expected)
    }
}
