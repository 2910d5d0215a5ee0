// CONTRACT SKELETON — the store branch fills in every `fatalError` below. Names and
// signatures are the agreed seam between TemperStore and TemperServer; change them only
// together.
import TemperReview

/// One message as stored, with what Temper made of it.
public struct StoredMessage: Sendable, Equatable {
    public var index: Int
    public var role: String             // customer, agent, bot, system
    public var text: String
    public var at: Double?              // epoch seconds
    public var label: String?           // negative / neutral / positive (scored messages only)
    public var compound: Double?
}

/// A reason with its evidence span: UTF-8 byte offsets into message `message`'s text.
public struct StoredReason: Sendable, Equatable {
    public var code: String
    public var message: Int
    public var evidence: String
    public var start: Int
    public var end: Int
    public var detail: String?
}

/// A conversation in the store.
public struct StoredConversation: Sendable, Equatable {
    public var id: String
    public var channel: String?
    public var agent: String?
    public var team: String?
    public var customer: String?
    public var startedAt: Double?
    public var risk: Double
    public var level: String            // low / medium / high
    public var flagged: Bool
    public var label: String?           // conversation's customer-sentiment label
    public var compound: Double?
    public var reasons: [StoredReason]
    public var drivers: [String]        // empty until drivers exist (#13)
    public var messages: [StoredMessage]
    /// Customer-message compound scores in order: the trajectory.
    public var trajectory: [Double]
    public var ingestedAt: Double
}

/// One line of the queue.
public struct QueueRow: Sendable, Equatable {
    public var id: String
    public var risk: Double
    public var level: String
    public var channel: String?
    public var agent: String?
    public var team: String?
    public var startedAt: Double?
    public var label: String?
    public var compound: Double?
    public var reasonCodes: [String]
    public var reviewCount: Int
    public var latestVerdict: Verdict?
}

public enum QueueOrder: Sendable, Equatable {
    /// Highest risk first (ties by id).
    case risk
    /// A uniform random sample, repeatable for the same seed (paging walks one permutation).
    case sample(seed: UInt64)
}

public struct QueueFilter: Sendable, Equatable {
    public var team: String?
    public var agent: String?
    public var channel: String?
    /// Conversations started in [from, to) (epoch seconds).
    public var from: Double?
    public var to: Double?
    public var level: String?
    public var reason: String?
    public var driver: String?
    /// nil: all; true: reviewed at least once; false: never reviewed.
    public var reviewed: Bool?
    public var order: QueueOrder = .risk
    public var limit: Int = 50
    /// Opaque keyset cursor from the previous page's `next`.
    public var after: String?
    public init() {}
}

public struct QueuePage: Sendable, Equatable {
    public var rows: [QueueRow]
    /// Cursor for the next page; nil on the last.
    public var next: String?
    /// Matching conversations in all.
    public var total: Int
}

/// What a reviewer submits. Scores are rubric category id → point.
public struct ReviewDraft: Sendable, Equatable {
    public var conversationID: String
    public var reviewer: String
    public var verdict: Verdict
    public var scores: [String: Int]
    public var note: String
    /// Set when the review belongs to a calibration session.
    public var sessionID: Int64?
    public init(conversationID: String, reviewer: String, verdict: Verdict, scores: [String: Int] = [:],
                note: String = "", sessionID: Int64? = nil) {
        self.conversationID = conversationID; self.reviewer = reviewer; self.verdict = verdict
        self.scores = scores; self.note = note; self.sessionID = sessionID
    }
}

/// A stored review. Reviews are never updated: an edit is a new row whose `revises` names the
/// review it replaces, so the history is the audit trail.
public struct Review: Sendable, Equatable {
    public var id: Int64
    public var conversationID: String
    public var reviewer: String
    public var verdict: Verdict
    public var scores: [String: Int]
    /// Rubric score 0–100 at the time of the review.
    public var score: Double?
    public var note: String
    public var sessionID: Int64?
    public var revises: Int64?
    public var createdAt: Double
}

public struct CalibrationSession: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var conversationIDs: [String]
    public var reviewers: [String]
    public var createdAt: Double
}

/// Distinct values for the queue's filter menus.
public struct QueueFacets: Sendable, Equatable {
    public var teams: [String]
    public var agents: [String]
    public var channels: [String]
    public var reasons: [String]
    public var drivers: [String]
}

/// The QA store: one SQLite file (WAL, foreign keys, versioned migrations) through GRDB.
/// Thread-safe; every method may be called from any task.
public final class Store: Sendable {
    /// Opens (creating and migrating) the database at `path`; `:memory:` for a private in-memory one.
    public init(path: String) throws { fatalError("contract") }

    public func conversationCount() throws -> Int { fatalError("contract") }
    public func queue(_ filter: QueueFilter) throws -> QueuePage { fatalError("contract") }
    public func facets() throws -> QueueFacets { fatalError("contract") }
    public func conversation(id: String) throws -> StoredConversation? { fatalError("contract") }

    /// Current reviews (latest revision of each) for a conversation, oldest first.
    public func reviews(conversationID: String) throws -> [Review] { fatalError("contract") }
    /// Every revision of every review of a conversation, oldest first.
    public func reviewHistory(conversationID: String) throws -> [Review] { fatalError("contract") }
    /// Stores a new review (scored with `rubric`); `revises` makes it an edit of an earlier one
    /// (same conversation and reviewer). Throws `StoreError` for unknown conversations, etc.
    public func addReview(_ draft: ReviewDraft, rubric: Rubric, revises: Int64? = nil) throws -> Review { fatalError("contract") }

    public func createSession(name: String, conversationIDs: [String], reviewers: [String]) throws -> CalibrationSession { fatalError("contract") }
    public func sessions() throws -> [CalibrationSession] { fatalError("contract") }
    public func session(id: Int64) throws -> CalibrationSession? { fatalError("contract") }
    /// Current reviews made in a session.
    public func sessionReviews(id: Int64) throws -> [Review] { fatalError("contract") }

    /// Every current review in id order, streamed (bounded memory).
    public func forEachReview(_ body: (Review) throws -> Void) throws { fatalError("contract") }
}

/// Problems a caller can act on (bad ids, edits of someone else's review, …), with a message
/// fit for an HTTP 4xx body or a CLI error.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable { case notFound, invalid, conflict }
    public var kind: Kind
    public var message: String
    public var description: String { message }
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
}

// Ingest (the store branch implements; depends on TemperPipeline):
//
//   extension StoredConversation { public init(_ assessed: AssessedConversation, ingestedAt: Double) }
//   public struct IngestSummary: Sendable, Equatable { public var inserted: Int; public var updated: Int; public var skipped: Int }
//   extension Store {
//       /// Upserts by conversation id in one transaction; an updated conversation keeps its reviews.
//       public func upsert(_ conversations: [StoredConversation]) throws -> (inserted: Int, updated: Int)
//       /// Assesses every conversation of `paths` with `pipeline` and upserts them in batches.
//       public func ingest(paths: [String], pipeline: ConversationPipeline, input: ConversationInput = ConversationInput(),
//                          policy: BadRecordPolicy = BadRecordPolicy(), progress: ((RunProgress) -> Void)? = nil) throws -> IngestSummary
//   }
