import Testing
@testable import TemperServer

@Suite("Where the server may listen")
struct ServerConfigurationTests {
    @Test("Loopback addresses", arguments: ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"])
    func loopback(_ host: String) throws {
        #expect(ServerConfiguration(host: host).isLoopback)
        try ServerConfiguration(host: host).validate()
    }

    @Test("Any other address needs a token", arguments: ["0.0.0.0", "192.168.1.20", "::", "example.com", "127.0.0.256", "1270.0.0.1"])
    func beyondLoopback(_ host: String) throws {
        #expect(!ServerConfiguration(host: host).isLoopback)
        #expect(throws: ConfigurationError.self) { try ServerConfiguration(host: host).validate() }
        try ServerConfiguration(host: host, token: "0123456789abcdef").validate()
    }

    @Test("The refusal says why and what to do")
    func message() {
        #expect {
            try ServerConfiguration(host: "0.0.0.0").validate()
        } throws: { error in
            "\(error)".contains("refusing to listen on 0.0.0.0 without --token")
        }
    }

    @Test("Short or unprintable tokens and bad ports are refused")
    func badValues() {
        #expect(throws: ConfigurationError.self) { try ServerConfiguration(token: "short").validate() }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration(token: "has a space in it!!").validate() }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration(port: 70_000).validate() }
        #expect(throws: ConfigurationError.self) { try ServerConfiguration(port: -1).validate() }
    }
}
