import Testing
@testable import TemperServer

@Suite("Random tokens")
struct SecretsTests {
    @Test("Tokens are 64 hex digits and differ every time")
    func tokens() {
        let tokens = (0..<50).map { _ in Secrets.randomToken() }
        #expect(tokens.allSatisfy(Secrets.isWellFormedToken))
        #expect(Set(tokens).count == 50)
        #expect(!Secrets.isWellFormedToken("zz" + String(tokens[0].dropFirst(2))))
        #expect(!Secrets.isWellFormedToken(String(tokens[0].dropFirst())))
    }

    @Test("Comparison: equal only when equal, whatever the lengths")
    func comparison() {
        #expect(Secrets.constantTimeEqual("abc", "abc"))
        #expect(!Secrets.constantTimeEqual("abc", "abd"))
        #expect(!Secrets.constantTimeEqual("abc", "abcd"))
        #expect(!Secrets.constantTimeEqual("", "a"))
        #expect(Secrets.constantTimeEqual("", ""))
    }
}
