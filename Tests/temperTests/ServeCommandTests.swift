import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
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

    @Test("A missing or bad rubric is named with what is wrong")
    func rubricProblems() throws {
        let db = try CLI.temporaryFile("qa.db", "")
        try FileManager.default.removeItem(atPath: db)
        try CLI.run(["ingest", "corpora/message-rows.csv", "--db", db], stderr: .any)
        let missing = try CLI.run(["serve", "--db", db, "--rubric", "/nonexistent/rubric.yaml"], status: 1, stderr: .any)
        #expect(missing.stderr == "temper: error: /nonexistent/rubric.yaml: no such rubric file (the default is relative to the repository's root): name one with --rubric FILE\n")
        let bad = try CLI.temporaryFile("rubric.yaml", "name: x\ncategories:\n  - id: a\n    label: A\n    scale: [1]\n")
        let refused = try CLI.run(["serve", "--db", db, "--rubric", bad], status: 1, stderr: .any)
        #expect(refused.stderr == "temper: error: \(bad):5: category 'a': a scale needs at least two points\n", "\(refused.stderr)")
    }

    @Test("Serves the ingested corpus on a free port, says where, answers, and stops cleanly on SIGINT")
    func servesAndStops() async throws {
        let db = try CLI.temporaryFile("qa.db", "")
        try FileManager.default.removeItem(atPath: db)
        try CLI.run(["ingest", "corpora/transcripts.jsonl", "--db", db], stderr: .any)

        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--db", db, "--port", "0"]
        process.currentDirectoryURL = CLI.root
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // A server that never says where it listens must not hang the suite.
        let watchdog = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
        var printed = ""
        while !printed.contains("\n") {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        #expect(printed.hasPrefix("temper: serving \(db) (343 conversations) at http://127.0.0.1:"), "\(printed)")
        #expect(printed.contains("(this machine only)"))
        let address = try #require(printed.firstMatch(of: /http:\/\/127\.0\.0\.1:\d+\//)?.0)
        let (body, response) = try await URLSession.shared.data(from: try #require(URL(string: String(address) + "?limit=5")))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("343 conversations"))

        process.interrupt()
        process.waitUntilExit()
        watchdog.cancel()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "")
    }
}
