import Foundation
import Testing
import TemperIO
import TemperReview
import TemperStore

/// `temper reviews export` through the built binary, over a database filled through the store.
@Suite struct ReviewsCommandTests {
    let rubric = try! Rubric(name: "t", categories: [.init(id: "empathy", label: "Empathy", scale: [0, 1, 2]),
                                                     .init(id: "tone", label: "Tone", scale: [0, 1, 2])])

    /// A database with two conversations, a revised review with a hostile note, and a second reviewer's.
    func database() throws -> (path: String, reviews: [Review]) {
        let path = try CLI.temporaryFile("temper.db", "")
        try FileManager.default.removeItem(atPath: path)
        let store = try Store(path: path)
        let messages = [StoredMessage(index: 0, role: "customer", text: "hi")]
        _ = try store.upsert([StoredConversation(id: "c1", risk: 0.8, level: "high", flagged: true, messages: messages, ingestedAt: 0),
                              StoredConversation(id: "c,2", risk: 0.1, level: "low", flagged: false, messages: messages, ingestedAt: 0)])
        let first = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .confirmed, scores: ["empathy": 1]), rubric: rubric)
        let edit = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .coachingNeeded, scores: ["empathy": 2, "tone": 1],
                                                   note: "=HYPERLINK(\"x\"), said \"no\"\nsecond line"), rubric: rubric, revises: first.id)
        let other = try store.addReview(ReviewDraft(conversationID: "c,2", reviewer: "ben <b>", verdict: .falseAlarm), rubric: rubric)
        return (path, [first, edit, other])
    }

    @Test func jsonLinesHoldTheCurrentReviews() throws {
        let (db, reviews) = try database()
        let result = try CLI.run(["reviews", "export", "--db", db])
        let lines = try result.lines.map { try JSONValue(parsing: $0) }
        #expect(lines.count == 2)
        #expect(lines[0].object?.members.map(\.key) == ["id", "conversation_id", "reviewer", "verdict", "score", "scores", "note",
                                                        "session_id", "revises", "created_at"])
        #expect(lines[0]["id"]?.int == Int(reviews[1].id))
        #expect(lines[0]["verdict"]?.string == "coaching_needed")
        #expect(lines[0]["score"]?.double == 75)
        #expect(lines[0]["scores"]?["tone"]?.int == 1)
        #expect(lines[0]["note"]?.string == reviews[1].note)
        #expect(lines[0]["revises"]?.int == Int(reviews[0].id))
        #expect(lines[0]["session_id"]?.isNull == true)
        #expect(lines[1]["reviewer"]?.string == "ben <b>" && lines[1]["score"]?.isNull == true)
        #expect(ISO8601.parse(lines[1]["created_at"]!.string!).map { abs($0 - reviews[2].createdAt) < 0.001 } == true)
    }

    @Test func historyHoldsEveryRevision() throws {
        let (db, reviews) = try database()
        let result = try CLI.run(["reviews", "export", "--db", db, "--history"])
        #expect(try result.lines.map { try JSONValue(parsing: $0)["id"]?.int } == reviews.map { Int($0.id) })
    }

    @Test func csvIsQuotedAndDefused() throws {
        let (db, reviews) = try database()
        let output = try CLI.temporaryFile("reviews.csv", "old contents that must go")
        let result = try CLI.run(["reviews", "export", "--db", db, "--format", "csv", "-o", output])
        #expect(result.stdout.isEmpty)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let created = reviews.map { ISO8601.format($0.createdAt) }
        #expect(text == """
            id,conversation_id,reviewer,verdict,score,scores,note,session_id,revises,created_at\r
            \(reviews[1].id),c1,ana,coaching_needed,75.00,"{""empathy"":2,""tone"":1}","'=HYPERLINK(""x""), said ""no""
            second line",,\(reviews[0].id),\(created[1])\r
            \(reviews[2].id),"c,2",ben <b>,false_alarm,,{},,,,\(created[2])\r

            """)
        // And it reads back through the project's CSV reader, field for field.
        let reader = try CSVRecordReader(path: output)
        #expect(reader.header.count == 10)
        var records: [[String]] = []
        try reader.forEach(policy: BadRecordPolicy()) { fields, _ in records.append(fields) }
        #expect(records.map(\.count) == [10, 10])
        #expect(records[0][6] == "'" + reviews[1].note)
        #expect(records[1][1] == "c,2")
    }

    @Test func aMissingDatabaseIsAnErrorNotANewFile() throws {
        let path = NSTemporaryDirectory() + "missing-\(UUID().uuidString).db"
        let result = try CLI.run(["reviews", "export", "--db", path], status: 1, stderr: .any)
        #expect(result.stderr == "temper: error: \(path): no such database (create one with 'temper ingest FILE… --db \(path)')\n")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func anUnwritableOutputIsAnError() throws {
        let (db, _) = try database()
        let result = try CLI.run(["reviews", "export", "--db", db, "-o", "/nonexistent/dir/out.csv"], status: 1, stderr: .any)
        #expect(result.stderr.hasPrefix("temper: error: /nonexistent/dir/out.csv: cannot write"))
    }

    @Test func anUnknownFormatIsAUsageError() throws {
        let result = try CLI.run(["reviews", "export", "--format", "xml"], status: 64, stderr: .any)
        #expect(result.stderr.hasPrefix("temper: error: "))
    }
}
