import Foundation
import GRDB
import TemperIO
import TemperReview

extension Review {
    static let select = """
        SELECT r.id, r.conversation_id, r.reviewer, r.verdict, r.scores, r.score, r.note, r.session_id, r.revises, r.created_at
        FROM reviews r
        """
    /// No later review revises it (`reviews.revises` is UNIQUE and indexed, so this is one probe).
    static let isCurrent = "NOT EXISTS (SELECT 1 FROM reviews later WHERE later.revises = r.id)"

    static func fetchAll(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> [Review] {
        try Row.fetchAll(db, sql: select + " WHERE " + condition + " ORDER BY r.id", arguments: arguments).map(Review.init(row:))
    }

    init(row: Row) throws {
        let verdictText: String = row["verdict"]
        guard let verdict = Verdict(rawValue: verdictText) else {
            throw StoreError(.invalid, "review \(row["id"] as Int64): unknown verdict '\(verdictText)'")
        }
        self.init(id: row["id"], conversationID: row["conversation_id"], reviewer: row["reviewer"], verdict: verdict,
                  scores: Self.decodeScores(row["scores"]), score: row["score"], note: row["note"], sessionID: row["session_id"],
                  revises: row["revises"], createdAt: row["created_at"])
    }

    /// The scores as JSON, `{"category": points, …}` with keys sorted.
    public var scoresJSON: String { Self.encodeScores(scores) }

    /// `{"category": points, …}` with keys sorted, so equal scores are equal text.
    static func encodeScores(_ scores: [String: Int]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in scores.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONWriter.appendInt(scores[key]!, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    static func decodeScores(_ text: String) -> [String: Int] {
        var scores: [String: Int] = [:]
        for member in (try? JSONValue(parsing: text))?.object ?? JSONObject() {
            if let points = member.value.int { scores[member.key] = points }
        }
        return scores
    }
}

/// Checks a review against the store and the rubric, then appends it, all in one write
/// transaction so two reviewers racing on one review cannot both edit it.
struct ReviewWriter {
    static let maxReviewerLength = 100
    static let maxNoteLength = 10_000

    var draft: ReviewDraft
    var rubric: Rubric
    var revises: Int64?

    func write(to database: any DatabaseWriter) throws -> Review {
        let reviewer = draft.reviewer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reviewer.isEmpty else { throw StoreError(.invalid, "a review needs the reviewer's name") }
        guard reviewer.count <= Self.maxReviewerLength else {
            throw StoreError(.invalid, "the reviewer's name is longer than \(Self.maxReviewerLength) characters")
        }
        guard draft.note.count <= Self.maxNoteLength else {
            throw StoreError(.invalid, "the note is longer than \(Self.maxNoteLength) characters")
        }
        let score: Double?
        do {
            score = draft.scores.isEmpty ? nil : try rubric.score(draft.scores)
        } catch let error as RubricError {
            throw StoreError(.invalid, error.message)
        }
        return try database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM conversations WHERE id = ?", arguments: [draft.conversationID]) ?? false else {
                throw StoreError(.notFound, "no conversation '\(draft.conversationID)'")
            }
            var sessionID = draft.sessionID
            if let revises {
                guard let earlier = try Row.fetchOne(db, sql: Review.select + " WHERE r.id = ?", arguments: [revises]).map(Review.init(row:)) else {
                    throw StoreError(.notFound, "no review \(revises) to revise")
                }
                guard earlier.conversationID == draft.conversationID else {
                    throw StoreError(.invalid, "review \(revises) is of conversation '\(earlier.conversationID)', not '\(draft.conversationID)'")
                }
                guard earlier.reviewer == reviewer else {
                    throw StoreError(.conflict, "review \(revises) is \(earlier.reviewer)'s; only its reviewer can revise it")
                }
                if let later = try Int64.fetchOne(db, sql: "SELECT id FROM reviews WHERE revises = ?", arguments: [revises]) {
                    throw StoreError(.conflict, "review \(revises) was already revised by review \(later); revise the latest")
                }
                guard sessionID == nil || sessionID == earlier.sessionID else {
                    throw StoreError(.invalid, "review \(revises) belongs to \(earlier.sessionID.map { "session \($0)" } ?? "no session")")
                }
                sessionID = earlier.sessionID
            } else {
                // One current review per reviewer, conversation and session: a second is an edit.
                if let current = try Int64.fetchOne(db, sql: """
                    SELECT r.id FROM reviews r
                    WHERE r.conversation_id = ? AND r.reviewer = ? AND r.session_id IS ? AND \(Review.isCurrent)
                    """, arguments: [draft.conversationID, reviewer, sessionID]) {
                    throw StoreError(.conflict, "\(reviewer) has already reviewed '\(draft.conversationID)' (review \(current)); revise that review instead")
                }
            }
            if let sessionID {
                guard try CalibrationSession.fetch(db, id: sessionID) != nil else { throw StoreError(.notFound, "no session \(sessionID)") }
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM session_items WHERE session_id = ? AND conversation_id = ?",
                                        arguments: [sessionID, draft.conversationID]) ?? false else {
                    throw StoreError(.invalid, "conversation '\(draft.conversationID)' is not in session \(sessionID)")
                }
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM session_reviewers WHERE session_id = ? AND reviewer = ?",
                                        arguments: [sessionID, reviewer]) ?? false else {
                    throw StoreError(.invalid, "\(reviewer) is not a reviewer of session \(sessionID)")
                }
            }
            let createdAt = Date().timeIntervalSince1970
            let scores = Review.encodeScores(draft.scores)
            try db.execute(sql: """
                INSERT INTO reviews (conversation_id, reviewer, verdict, scores, score, note, session_id, revises, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [draft.conversationID, reviewer, draft.verdict.rawValue, scores, score, draft.note, sessionID, revises, createdAt])
            let id = db.lastInsertedRowID
            // The queue's columns: a revision replaces a review, so only a new one counts. A
            // calibration review leaves them alone: the queue would show the session's verdicts
            // to the reviewers who must review it blind.
            if sessionID == nil {
                try db.execute(sql: """
                    UPDATE conversations SET review_count = review_count + ?, latest_verdict = ? WHERE id = ?
                    """, arguments: [revises == nil ? 1 : 0, draft.verdict.rawValue, draft.conversationID])
            }
            return Review(id: id, conversationID: draft.conversationID, reviewer: reviewer, verdict: draft.verdict,
                          scores: Review.decodeScores(scores), score: score, note: draft.note, sessionID: sessionID,
                          revises: revises, createdAt: createdAt)
        }
    }
}

extension CalibrationSession {
    static func fetch(_ db: Database, id: Int64) throws -> CalibrationSession? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, name, created_at FROM sessions WHERE id = ?", arguments: [id]) else { return nil }
        return try CalibrationSession(db, row: row)
    }

    static func fetchAll(_ db: Database) throws -> [CalibrationSession] {
        try Row.fetchAll(db, sql: "SELECT id, name, created_at FROM sessions ORDER BY id").map { try CalibrationSession(db, row: $0) }
    }

    private init(_ db: Database, row: Row) throws {
        let id: Int64 = row["id"]
        self.init(id: id, name: row["name"],
                  conversationIDs: try String.fetchAll(db, sql: "SELECT conversation_id FROM session_items WHERE session_id = ? ORDER BY position",
                                                       arguments: [id]),
                  reviewers: try String.fetchAll(db, sql: "SELECT reviewer FROM session_reviewers WHERE session_id = ? ORDER BY position",
                                                 arguments: [id]),
                  createdAt: row["created_at"])
    }

    static let maxConversations = 1_000

    static func create(in database: any DatabaseWriter, name: String, conversationIDs: [String], reviewers: [String]) throws -> CalibrationSession {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let reviewers = reviewers.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard !name.isEmpty else { throw StoreError(.invalid, "a session needs a name") }
        guard !conversationIDs.isEmpty else { throw StoreError(.invalid, "a session needs at least one conversation") }
        guard conversationIDs.count <= maxConversations else {
            throw StoreError(.invalid, "a session holds at most \(maxConversations) conversations")
        }
        guard Set(conversationIDs).count == conversationIDs.count else { throw StoreError(.invalid, "a conversation is listed twice") }
        guard !reviewers.contains(where: \.isEmpty) else { throw StoreError(.invalid, "a reviewer's name is empty") }
        guard !reviewers.contains(where: { $0.count > ReviewWriter.maxReviewerLength }) else {
            throw StoreError(.invalid, "a reviewer's name is longer than \(ReviewWriter.maxReviewerLength) characters")
        }
        guard Set(reviewers).count == reviewers.count else { throw StoreError(.invalid, "a reviewer is listed twice") }
        guard reviewers.count >= 2 else { throw StoreError(.invalid, "calibration needs at least two reviewers") }
        return try database.write { db in
            for id in conversationIDs {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM conversations WHERE id = ?", arguments: [id]) ?? false else {
                    throw StoreError(.notFound, "no conversation '\(id)'")
                }
            }
            let createdAt = Date().timeIntervalSince1970
            try db.execute(sql: "INSERT INTO sessions (name, created_at) VALUES (?, ?)", arguments: [name, createdAt])
            let id = db.lastInsertedRowID
            for (position, conversationID) in conversationIDs.enumerated() {
                try db.execute(sql: "INSERT INTO session_items (session_id, position, conversation_id) VALUES (?, ?, ?)",
                               arguments: [id, position, conversationID])
            }
            for (position, reviewer) in reviewers.enumerated() {
                try db.execute(sql: "INSERT INTO session_reviewers (session_id, position, reviewer) VALUES (?, ?, ?)",
                               arguments: [id, position, reviewer])
            }
            return CalibrationSession(id: id, name: name, conversationIDs: conversationIDs, reviewers: reviewers, createdAt: createdAt)
        }
    }
}
