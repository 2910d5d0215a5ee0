import Foundation
import Testing
import TemperStore

/// `temper ingest` through the built binary: exit status, the summary on standard error, and
/// what `temper reviews export` then finds in the database.
@Suite struct IngestCommandTests {
    static let transcripts = CLI.root.path + "/corpora/transcripts.jsonl"

    func database() throws -> String {
        let path = try CLI.temporaryFile("temper.db", "")
        try FileManager.default.removeItem(atPath: path)
        return path
    }

    @Test func ingestsAndReportsNewThenUpdated() throws {
        let db = try database()
        let first = try CLI.run(["ingest", Self.transcripts, "--db", db, "--jobs", "2"], stderr: .any)
        #expect(first.stdout.isEmpty)
        #expect(first.stderr == "temper: 343 conversations stored in \(db) (343 new, 0 updated, 0 skipped)\n")
        let again = try CLI.run(["ingest", Self.transcripts, "--db", db], stderr: .any)
        #expect(again.stderr == "temper: 343 conversations stored in \(db) (0 new, 343 updated, 0 skipped)\n")
        // The database is a real SQLite file the export reads (no reviews yet).
        #expect(try CLI.run(["reviews", "export", "--db", db]).stdout.isEmpty)
    }

    @Test func aBadRecordStopsTheRunWithItsLineAndKeepsWhatCameBefore() throws {
        let db = try database()
        let lines = try String(contentsOfFile: Self.transcripts, encoding: .utf8).split(separator: "\n").prefix(4).map(String.init)
        let input = try CLI.temporaryFile("bad.jsonl", ([lines[0], lines[1], "{\"id\": \"x\", \"messages\": []}", lines[2], lines[3]]).joined(separator: "\n") + "\n")
        let stopped = try CLI.run(["ingest", input, "--db", db], status: 1, stderr: .any)
        #expect(stopped.stderr == """
            temper: error: \(input):3: conversation 'x': "messages" is empty
            temper: 2 conversations stored in \(db) (2 new, 0 updated, 0 skipped)
            temper: 1 invalid record(s) found

            """)
        let skipped = try CLI.run(["ingest", input, "--db", db, "--skip-invalid"], stderr: .any)
        #expect(skipped.stderr == """
            temper: error: \(input):3: conversation 'x': "messages" is empty
            temper: 4 conversations stored in \(db) (2 new, 2 updated, 1 skipped)
            temper: 1 invalid record(s) skipped

            """)
    }

    @Test func readsMessageRowsLikeFlag() throws {
        let db = try database()
        let result = try CLI.run(["ingest", CLI.root.path + "/corpora/message-rows.csv", "--db", db], stderr: .any)
        #expect(result.stderr.hasPrefix("temper: ") && result.stderr.contains(" conversations stored in \(db) ("))
    }

    @Test func aFileThatIsNotADatabaseIsAnError() throws {
        let notADatabase = try CLI.temporaryFile("notes.db", String(repeating: "plain text, not SQLite\n", count: 100))
        let result = try CLI.run(["ingest", Self.transcripts, "--db", notADatabase], status: 1, stderr: .any)
        #expect(result.stderr.hasPrefix("temper: error: \(notADatabase): cannot open the database"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aMissingInputIsAnError() throws {
        let db = try database()
        let result = try CLI.run(["ingest", "/nonexistent/input.jsonl", "--db", db], status: 1, stderr: .any)
        #expect(result.stderr.hasPrefix("temper: error: /nonexistent/input.jsonl"))
    }

    /// The shipped risk model with its `threshold` replaced: where every command draws the flag line by default.
    static func riskModel(threshold: String) throws -> String {
        let shipped = try String(contentsOfFile: CLI.root.path + "/lexicons/risk.model.json", encoding: .utf8)
        let text = shipped.replacingOccurrences(of: #""threshold": 0.5000"#, with: "\"threshold\": \(threshold)")
        precondition(text != shipped, "the shipped model's threshold line moved")
        return try CLI.temporaryFile("risk-\(threshold).json", text)
    }

    @Test func flagsAtTheRiskModelsThresholdUnlessToldOtherwise() throws {
        // Threshold 0 flags everything, 1 only the two with a legal threat (c0004, c0005; a risk
        // is below 1, a threat flags whatever the risk): the model file decides.
        let input = try CLI.temporaryFile("five.jsonl", String(contentsOfFile: Self.transcripts, encoding: .utf8)
            .split(separator: "\n").prefix(5).joined(separator: "\n") + "\n")
        func flagged(_ arguments: [String]) throws -> Int {
            let db = try database()
            try CLI.run(["ingest", input, "--db", db] + arguments, stderr: .any)
            let store = try Store(path: db)
            return try (1...5).filter { try store.conversation(id: String(format: "c%04d", $0))!.flagged }.count
        }
        #expect(try flagged(["--risk-model", Self.riskModel(threshold: "0")]) == 5)
        #expect(try flagged(["--risk-model", Self.riskModel(threshold: "1")]) == 2)
        #expect(try flagged(["--risk-model", Self.riskModel(threshold: "1"), "--threshold", "0"]) == 5)
    }

    @Test func badOptionsAreUsageErrors() throws {
        let result = try CLI.run(["ingest", Self.transcripts, "--threshold", "2"], status: 64, stderr: .any)
        #expect(result.stderr.hasPrefix("temper: error: --threshold must be between 0 and 1"))
    }
}
