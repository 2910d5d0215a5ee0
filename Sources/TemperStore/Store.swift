import GRDB
import TemperReview

// The store's value types: what goes in (conversations, review drafts) and what comes out
// (queue pages, reviews, sessions). `Store` (Store+Database.swift and its extensions) reads and
// writes them.

/// One message as stored, with what Temper made of it.
public struct StoredMessage: Sendable, Equatable {
    public var index: Int
    public var role: String             // customer, agent, bot, system
    public var text: String
    public var at: Double?              // epoch seconds
    public var label: String?           // negative / neutral / positive (scored messages only)
    public var compound: Double?

    public init(index: Int, role: String, text: String, at: Double? = nil, label: String? = nil, compound: Double? = nil) {
        self.index = index
        self.role = role
        self.text = text
        self.at = at
        self.label = label
        self.compound = compound
    }
}

/// A reason with its evidence span: UTF-8 byte offsets into message `message`'s text.
public struct StoredReason: Sendable, Equatable {
    public var code: String
    public var message: Int
    public var evidence: String
    public var start: Int
    public var end: Int
    public var detail: String?

    public init(code: String, message: Int, evidence: String, start: Int, end: Int, detail: String? = nil) {
        self.code = code
        self.message = message
        self.evidence = evidence
        self.start = start
        self.end = end
        self.detail = detail
    }
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

    public init(id: String, channel: String? = nil, agent: String? = nil, team: String? = nil, customer: String? = nil,
                startedAt: Double? = nil, risk: Double, level: String, flagged: Bool, label: String? = nil, compound: Double? = nil,
                reasons: [StoredReason] = [], drivers: [String] = [], messages: [StoredMessage], trajectory: [Double] = [],
                ingestedAt: Double) {
        self.id = id
        self.channel = channel
        self.agent = agent
        self.team = team
        self.customer = customer
        self.startedAt = startedAt
        self.risk = risk
        self.level = level
        self.flagged = flagged
        self.label = label
        self.compound = compound
        self.reasons = reasons
        self.drivers = drivers
        self.messages = messages
        self.trajectory = trajectory
        self.ingestedAt = ingestedAt
    }
}

/// One line of the queue.
public struct QueueRow: Sendable, Equatable {
    public var id: String
    public var risk: Double
    public var level: String
    /// Risk at the model's threshold, or a threat (`RiskModel.isFlagged`): a flagged
    /// conversation can be of any level, which is the risk's band alone.
    public var flagged: Bool
    public var channel: String?
    public var agent: String?
    public var team: String?
    public var startedAt: Double?
    public var label: String?
    public var compound: Double?
    public var reasonCodes: [String]
    /// Current reviews made outside calibration sessions (a session's stay blind).
    public var reviewCount: Int
    /// The verdict of the latest review or revision made outside calibration sessions.
    public var latestVerdict: Verdict?
}

public enum QueueOrder: Sendable, Equatable {
    /// Flagged conversations first (risk at the threshold, or a threat), then highest risk, ties
    /// by id: a calm conversation with a legal threat is flagged and comes before unflagged ones.
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
    /// nil: all; true: flagged only; false: unflagged only.
    public var flagged: Bool?
    public var reason: String?
    public var driver: String?
    /// nil: all; true: reviewed at least once; false: never reviewed.
    public var reviewed: Bool?
    public var order: QueueOrder = .risk
    /// 1…`Store.maxPageSize`.
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

/// Problems a caller can act on (bad ids, edits of someone else's review, …), with a message
/// fit for an HTTP 4xx body or a CLI error.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable { case notFound, invalid, conflict }
    public var kind: Kind
    public var message: String
    public var description: String { message }
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
}


/// The QA store: one SQLite file (WAL, foreign keys, versioned migrations) through GRDB.
/// Thread-safe; every method may be called from any task. Readers never wait for a writer (WAL):
/// the queue stays responsive while `temper ingest` writes.
public final class Store: Sendable {
    /// The largest page `queue` returns.
    public static let maxPageSize = 500
    /// Address space for memory-mapped reads (not memory: pages are the OS's file cache).
    static let mmapSize = 1 << 30

    let database: any DatabaseWriter

    /// Opens (creating and migrating) the database at `path`; `:memory:` for a private in-memory one.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another process (an ingest while `temper serve` runs) may hold the write lock for a
        // batch; wait for it rather than fail.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try SampleRank.register(db)
            // Reads straight from the OS page cache, shared by every connection, instead of
            // copying each page into a small private cache (a reason filter over 100k
            // conversations looks up thousands of rows).
            try db.execute(sql: "PRAGMA mmap_size = \(Store.mmapSize)")
        }
        do {
            if path == ":memory:" {
                database = try DatabaseQueue(configuration: configuration)
            } else {
                database = try DatabasePool(path: path, configuration: configuration)
            }
            try Schema.migrate(database)
        } catch let error as StoreError {
            throw StoreError(error.kind, "\(path): \(error.message)")
        } catch let error as DatabaseError {
            throw StoreError(.invalid, "\(path): cannot open the database: \(error.message ?? "\(error)")")
        }
    }

    public func conversationCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conversations") ?? 0 }
    }

    public func queue(_ filter: QueueFilter) throws -> QueuePage {
        let query = try QueueQuery(filter)
        return try database.read { db in try query.page(db) }
    }

    public func facets() throws -> QueueFacets {
        try database.read { db in
            func distinct(_ sql: String) throws -> [String] { try String.fetchAll(db, sql: sql) }
            return QueueFacets(
                teams: try distinct("SELECT DISTINCT team FROM conversations WHERE team IS NOT NULL ORDER BY team"),
                agents: try distinct("SELECT DISTINCT agent FROM conversations WHERE agent IS NOT NULL ORDER BY agent"),
                channels: try distinct("SELECT DISTINCT channel FROM conversations WHERE channel IS NOT NULL ORDER BY channel"),
                reasons: try distinct("SELECT DISTINCT code FROM reasons ORDER BY code"),
                drivers: try distinct("SELECT DISTINCT driver FROM drivers ORDER BY driver"))
        }
    }

    public func conversation(id: String) throws -> StoredConversation? {
        try database.read { db in try StoredConversation.fetch(db, id: id) }
    }

    /// Current reviews (latest revision of each) for a conversation, oldest first.
    public func reviews(conversationID: String) throws -> [Review] {
        try database.read { db in
            try Review.fetchAll(db, where: "r.conversation_id = ? AND \(Review.isCurrent)", [conversationID])
        }
    }

    /// Every revision of every review of a conversation, oldest first.
    public func reviewHistory(conversationID: String) throws -> [Review] {
        try database.read { db in try Review.fetchAll(db, where: "r.conversation_id = ?", [conversationID]) }
    }

    /// Stores a new review (scored with `rubric`); `revises` makes it an edit of an earlier one
    /// (same conversation and reviewer). Throws `StoreError` for unknown conversations, etc.
    public func addReview(_ draft: ReviewDraft, rubric: Rubric, revises: Int64? = nil) throws -> Review {
        try ReviewWriter(draft: draft, rubric: rubric, revises: revises).write(to: database)
    }

    public func createSession(name: String, conversationIDs: [String], reviewers: [String]) throws -> CalibrationSession {
        try CalibrationSession.create(in: database, name: name, conversationIDs: conversationIDs, reviewers: reviewers)
    }

    public func sessions() throws -> [CalibrationSession] {
        try database.read { db in try CalibrationSession.fetchAll(db) }
    }

    public func session(id: Int64) throws -> CalibrationSession? {
        try database.read { db in try CalibrationSession.fetch(db, id: id) }
    }

    /// Current reviews made in a session.
    public func sessionReviews(id: Int64) throws -> [Review] {
        try database.read { db in try Review.fetchAll(db, where: "r.session_id = ? AND \(Review.isCurrent)", [id]) }
    }

    /// Every current review in id order, streamed (bounded memory).
    public func forEachReview(_ body: (Review) throws -> Void) throws {
        try forEachReview(history: false, body)
    }

    /// Every review in id order, streamed; with `history`, every revision, else the current ones.
    public func forEachReview(history: Bool, _ body: (Review) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: Review.select + (history ? "" : " WHERE \(Review.isCurrent)") + " ORDER BY r.id")
            while let row = try rows.next() { try body(try Review(row: row)) }
        }
    }
}
