import Foundation
import Testing

@Suite("temper serve")
struct ServeCommandTests {
    @Test("--help documents the pages, the token and the options")
    func help() throws {
        let result = try CLI.run(["serve", "--help"])
        for text in ["--db <path>", "--host <address>", "--port <port>", "--rubric <file>", "--token <token>", "TEMPER_TOKEN", "/conversations/ID"] {
            #expect(result.stdout.contains(text), "\(text)")
        }
    }

    @Test("Listening beyond loopback without a token is refused as a usage error (64)")
    func refusesOpenAddress() throws {
        let result = try CLI.run(["serve", "--host", "0.0.0.0"], status: 64, stderr: .any)
        #expect(result.stderr.hasPrefix("temper: error: refusing to listen on 0.0.0.0 without --token"), "\(result.stderr)")
        let short = try CLI.run(["serve", "--token", "abc"], status: 64, stderr: .any)
        #expect(short.stderr.contains("temper: error: the token must be at least 16 characters long"), "\(short.stderr)")
        let port = try CLI.run(["serve", "--port", "99999"], status: 64, stderr: .any)
        #expect(port.stderr.contains("--port must be from 0 to 65535"), "\(port.stderr)")
    }

    @Test("A database that does not exist is an error, not a new empty workspace")
    func missingDatabase() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("temper-missing-\(UUID().uuidString).db").path
        let result = try CLI.run(["serve", "--db", path], status: 1, stderr: .any)
        #expect(result.stderr == "temper: error: \(path): no such database (create one with 'temper ingest FILE… --db \(path)')\n")
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
