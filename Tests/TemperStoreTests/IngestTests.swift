import Foundation
import Testing
import TemperIO
import TemperPipeline
@testable import TemperStore

@Suite struct IngestTests {
    let transcripts = Fixtures.root + "/corpora/transcripts.jsonl"

    func lines() throws -> [String] {
        try String(contentsOfFile: transcripts, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func ingestsTheSampleCorpusAndReIngestsItIdempotently() throws {
        let store = try Store(path: try Fixtures.directory() + "/temper.db")
        let pipeline = ConversationPipeline(model: Fixtures.model, options: RunOptions(jobs: 2, batchLines: 64))
        let count = try lines().count
        #expect(try store.ingest(paths: [transcripts], pipeline: pipeline) == IngestSummary(inserted: count, updated: 0, skipped: 0))
        #expect(try store.conversationCount() == count)
        let review = try store.addReview(ReviewDraft(conversationID: "c0001", reviewer: "ana", verdict: .falseAlarm), rubric: Fixtures.rubric)
        let before = try #require(try store.conversation(id: "c0001"))
        #expect(try store.ingest(paths: [transcripts], pipeline: pipeline) == IngestSummary(inserted: 0, updated: count, skipped: 0))
        var after = try #require(try store.conversation(id: "c0001"))
        #expect(after.ingestedAt >= before.ingestedAt)
        after.ingestedAt = before.ingestedAt
        #expect(after == before)
        #expect(try store.reviews(conversationID: "c0001") == [review])
    }

    @Test func storesWhatTheAssessmentFound() throws {
        let store = try Store(path: ":memory:")
        let pipeline = ConversationPipeline(model: Fixtures.model, options: RunOptions(jobs: 1))
        var expected: [String: AssessedConversation] = [:]
        try pipeline.run(paths: [transcripts], transform: { $0 }, each: { expected[$0.conversation.id] = $0 })
        _ = try store.ingest(paths: [transcripts], pipeline: pipeline)
        var filter = QueueFilter()
        filter.limit = 1
        let riskiest = try #require(try store.queue(filter).rows.first)
        let assessed = try #require(expected[riskiest.id])
        #expect(riskiest.risk == assessed.assessment.risk)
        #expect(riskiest.risk == expected.values.map(\.assessment.risk).max())
        let stored = try #require(try store.conversation(id: riskiest.id))
        #expect(stored.reasons.map(\.code) == assessed.assessment.reasons.map(\.code.rawValue))
        #expect(stored.messages.map(\.text) == assessed.conversation.messages.map(\.text))
        #expect(stored.trajectory.count == assessed.assessment.customerSentiment.scores.count)
        #expect(stored.startedAt == assessed.assessment.timing.startedAt)
        // Evidence offsets point into the stored text.
        for reason in stored.reasons where reason.end > reason.start {
            let bytes = Array(stored.messages[reason.message].text.utf8)[reason.start..<reason.end]
            #expect(String(decoding: bytes, as: UTF8.self) == reason.evidence)
        }
        #expect(stored.messages.contains { $0.role == "customer" && $0.label != nil && $0.compound != nil })
    }

    @Test func badRecordsAreReportedAndSkippedOrStopTheRun() throws {
        var content = try lines()
        content.insert("{\"id\": \"broken\", \"messages\": [", at: 5)
        let path = try Fixtures.file("bad.jsonl", content.joined(separator: "\n") + "\n")
        let pipeline = ConversationPipeline(model: Fixtures.model, options: RunOptions(jobs: 2, batchLines: 4))
        var reported: [InputError] = []

        let skipping = try Store(path: ":memory:")
        let summary = try skipping.ingest(paths: [path], pipeline: pipeline, policy: BadRecordPolicy(.skip) { reported.append($0) })
        #expect(summary == IngestSummary(inserted: content.count - 1, updated: 0, skipped: 1))
        #expect(reported.map(\.line) == [6])
        #expect(reported.first?.file == path)

        let stopping = try Store(path: ":memory:")
        var partial = IngestSummary()
        #expect(throws: InputError.self) {
            try stopping.ingest(paths: [path], pipeline: pipeline, policy: BadRecordPolicy(.stop), summary: &partial)
        }
        // What came before the bad record is stored; nothing after it.
        #expect(partial == IngestSummary(inserted: 5, updated: 0, skipped: 0))
        #expect(try stopping.conversationCount() == 5)
    }
}
