import Foundation
import TemperConversation
import TemperIO
import TemperPipeline

extension StoredConversation {
    /// What the store keeps of an assessed conversation: the queue's columns, every message with
    /// its sentiment (customer messages are the ones scored), the reasons with their evidence,
    /// and the customer's trajectory.
    public init(_ assessed: AssessedConversation, ingestedAt: Double) {
        let conversation = assessed.conversation, assessment = assessed.assessment
        var messages: [StoredMessage] = []
        messages.reserveCapacity(conversation.messages.count)
        for (index, message) in conversation.messages.enumerated() {
            let sentiment = index < assessment.messageSentiments.count ? assessment.messageSentiments[index] : nil
            messages.append(StoredMessage(index: index, role: message.role.rawValue, text: message.text, at: message.at,
                                          label: sentiment?.label.rawValue, compound: sentiment.map { Self.rounded(Double($0.compound)) }))
        }
        self.init(
            id: conversation.id, channel: conversation.channel, agent: conversation.agent, team: conversation.team,
            customer: conversation.customer, startedAt: assessment.timing.startedAt, risk: assessment.risk,
            level: assessment.level.rawValue, flagged: assessment.flagged,
            label: assessment.customerSentiment.label?.rawValue, compound: assessment.customerSentiment.compound.map(Self.rounded),
            reasons: assessment.reasons.map {
                StoredReason(code: $0.code.rawValue, message: $0.message, evidence: $0.evidence, start: $0.start, end: $0.end, detail: $0.detail)
            },
            // The queue filters on what customers complained about: negative drivers, most salient first.
            drivers: assessment.drivers.filter { $0.polarity == .negative }.map(\.id), messages: messages, trajectory: assessment.customerSentiment.scores.map(Self.rounded), ingestedAt: ingestedAt)
    }

    /// Four decimals, as `temper flag` writes them: finer than any model here resolves, and a
    /// Float's widening noise (0.1230000019…) stays out of the database.
    private static func rounded(_ value: Double) -> Double {
        (value * 10_000).rounded() / 10_000
    }
}

/// What an ingest did. `skipped` counts bad records passed over with `--skip-invalid`.
public struct IngestSummary: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    public var skipped = 0
    public init(inserted: Int = 0, updated: Int = 0, skipped: Int = 0) {
        self.inserted = inserted
        self.updated = updated
        self.skipped = skipped
    }
}

extension Store {
    /// Conversations per write transaction. Every commit rewrites the index pages its batch
    /// touched, so larger batches write less (100k conversations in batches of 1,000 with
    /// SQLite's default 2 MB cache spent 4.9 s in the kernel, in batches of 5,000 with
    /// `ingestCacheKiB` 1.0 s; benchmarks/ingest.md); smaller ones hold the write lock for less time (a
    /// review saved during an ingest waits for at most one batch, well under a second) and less
    /// memory (~6 MB of conversations).
    public static let ingestBatchSize = 5_000
    /// The writer's page cache during an ingest, in KiB.
    static let ingestCacheKiB = 32_768

    /// Assesses every conversation of `paths` with `pipeline` and upserts them in batches.
    public func ingest(paths: [String], pipeline: ConversationPipeline, input: ConversationInput = ConversationInput(),
                       policy: BadRecordPolicy = BadRecordPolicy(), progress: ((RunProgress) -> Void)? = nil) throws -> IngestSummary {
        var summary = IngestSummary()
        try ingest(paths: paths, pipeline: pipeline, input: input, policy: policy, progress: progress, summary: &summary)
        return summary
    }

    /// As above, with the counts kept in `summary` even when a bad record stops the run: what
    /// came before it is stored (re-running after a fix is idempotent), and the caller can say so.
    public func ingest(paths: [String], pipeline: ConversationPipeline, input: ConversationInput = ConversationInput(),
                       policy: BadRecordPolicy = BadRecordPolicy(), progress: ((RunProgress) -> Void)? = nil,
                       summary: inout IngestSummary) throws {
        let problems = ProblemCounter()
        var counting = policy
        let report = policy.report
        counting.report = { problem in
            problems.count += 1
            report(problem)
        }
        let ingestedAt = Date().timeIntervalSince1970
        // Each batch touches pages all over the conversation indexes (risk, team, … are in no
        // particular order); a page cache that holds them keeps the writer from reading them
        // back from the file for every batch. Only the one writer connection gets it, and it
        // writes through that cache rather than the memory map readers use (ANALYZE at the end
        // would otherwise map the whole file into this process).
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -\(Self.ingestCacheKiB)")
            try db.execute(sql: "PRAGMA mmap_size = 0")
        }
        var batch: [StoredConversation] = []
        batch.reserveCapacity(Self.ingestBatchSize)
        func flush() throws {
            guard !batch.isEmpty else { return }
            let counts = try upsert(batch)
            summary.inserted += counts.inserted
            summary.updated += counts.updated
            batch.removeAll(keepingCapacity: true)
        }
        defer { if policy.skipsInvalid { summary.skipped += problems.count } }
        do {
            try pipeline.run(paths: paths, input: input, policy: counting, progress: progress,
                             transform: { assessed throws(RecordError) in StoredConversation(assessed, ingestedAt: ingestedAt) },
                             each: { conversation in
                                 batch.append(conversation)
                                 if batch.count >= Self.ingestBatchSize { try flush() }
                             })
        } catch {
            try flush()
            throw error
        }
        try flush()
        // Fresh statistics let the planner pick between a filter's index and the risk order
        // (0.4 s for 100k conversations).
        try database.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
    }
}

/// The policy's report closure escapes, so the count lives in a box.
private final class ProblemCounter {
    var count = 0
}
