import GRDB
import TemperIO

extension StoredConversation {
    static func fetch(_ db: Database, id: String) throws -> StoredConversation? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT key, id, channel, agent, team, customer, started_at, risk, level, flagged, label, compound, trajectory, ingested_at
            FROM conversations WHERE id = ?
            """, arguments: [id]) else { return nil }
        let key: Int64 = row["key"]
        let messages = try Row.fetchAll(db, sql: "SELECT idx, role, text, at, label, compound FROM messages WHERE conversation = ? ORDER BY idx",
                                        arguments: [key]).map { row in
            StoredMessage(index: row["idx"], role: row["role"], text: row["text"], at: row["at"], label: row["label"], compound: row["compound"])
        }
        let reasons = try Row.fetchAll(db, sql: """
            SELECT code, message, evidence, start, "end", detail FROM reasons WHERE conversation = ? ORDER BY position
            """, arguments: [key]).map { row in
            StoredReason(code: row["code"], message: row["message"], evidence: row["evidence"], start: row["start"], end: row["end"],
                         detail: row["detail"])
        }
        let drivers = try String.fetchAll(db, sql: "SELECT driver FROM drivers WHERE conversation = ? ORDER BY position", arguments: [key])
        let trajectoryText: String = row["trajectory"]
        return StoredConversation(
            id: row["id"], channel: row["channel"], agent: row["agent"], team: row["team"], customer: row["customer"],
            startedAt: row["started_at"], risk: row["risk"], level: row["level"], flagged: row["flagged"], label: row["label"],
            compound: row["compound"], reasons: reasons, drivers: drivers, messages: messages,
            trajectory: (try? JSONValue(parsing: trajectoryText))?.array?.compactMap(\.double) ?? [],
            ingestedAt: row["ingested_at"])
    }

    /// Inserts this conversation, or replaces what Temper made of it when its id is already
    /// stored. The conversation row is updated, never deleted, so its reviews, review count and
    /// sample key stay; messages, reasons and drivers are replaced.
    /// - Returns: whether the conversation was new.
    func upsert(_ db: Database) throws -> Bool {
        let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT key FROM conversations WHERE id = ?"), arguments: [id])
        let reasonCodes = reasons.reduce(into: [String]()) { codes, reason in
            if !codes.contains(reason.code) { codes.append(reason.code) }
        }.joined(separator: ",")
        var trajectoryJSON: [UInt8] = [UInt8(ascii: "[")]
        for (index, score) in trajectory.enumerated() {
            if index > 0 { trajectoryJSON.append(UInt8(ascii: ",")) }
            JSONWriter.appendNumber(score, to: &trajectoryJSON, decimals: 4)
        }
        trajectoryJSON.append(UInt8(ascii: "]"))
        let values: [(any DatabaseValueConvertible)?] = [
            channel, agent, team, customer, startedAt, risk, level, flagged, label, compound, reasonCodes,
            String(decoding: trajectoryJSON, as: UTF8.self), ingestedAt,
        ]
        let key: Int64
        if let existing {
            key = existing
            try db.cachedStatement(sql: """
                UPDATE conversations SET channel = ?, agent = ?, team = ?, customer = ?, started_at = ?, risk = ?, level = ?,
                    flagged = ?, label = ?, compound = ?, reason_codes = ?, trajectory = ?, ingested_at = ?
                WHERE key = ?
                """).execute(arguments: StatementArguments(values + [key]))
            for table in ["messages", "reasons", "drivers"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE conversation = ?").execute(arguments: [key])
            }
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO conversations (channel, agent, team, customer, started_at, risk, level, flagged, label, compound,
                    reason_codes, trajectory, ingested_at, id, sample_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: StatementArguments(values + [id, QueueQuery.sampleKey(id: id)]))
            key = db.lastInsertedRowID
        }
        let insertMessage = try db.cachedStatement(sql: """
            INSERT INTO messages (conversation, idx, role, text, at, label, compound) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for message in messages {
            try insertMessage.execute(arguments: [key, message.index, message.role, message.text, message.at, message.label, message.compound])
        }
        let insertReason = try db.cachedStatement(sql: """
            INSERT INTO reasons (conversation, position, code, message, evidence, start, "end", detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, reason) in reasons.enumerated() {
            try insertReason.execute(arguments: [key, position, reason.code, reason.message, reason.evidence, reason.start, reason.end, reason.detail])
        }
        let insertDriver = try db.cachedStatement(sql: "INSERT INTO drivers (conversation, position, driver) VALUES (?, ?, ?)")
        for (position, driver) in drivers.enumerated() {
            try insertDriver.execute(arguments: [key, position, driver])
        }
        return existing == nil
    }
}

extension Store {
    /// Upserts by conversation id in one transaction; an updated conversation keeps its reviews.
    public func upsert(_ conversations: [StoredConversation]) throws -> (inserted: Int, updated: Int) {
        try database.write { db in
            var inserted = 0
            for conversation in conversations where try conversation.upsert(db) { inserted += 1 }
            return (inserted, conversations.count - inserted)
        }
    }
}
