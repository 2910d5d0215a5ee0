import GRDB
import TemperIO

extension StoredConversation {
    static func fetch(_ db: Database, id: String) throws -> StoredConversation? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, channel, agent, team, customer, started_at, risk, level, flagged, label, compound, trajectory, ingested_at
            FROM conversations WHERE id = ?
            """, arguments: [id]) else { return nil }
        let messages = try Row.fetchAll(db, sql: "SELECT idx, role, text, at, label, compound FROM messages WHERE conversation_id = ? ORDER BY idx",
                                        arguments: [id]).map { row in
            StoredMessage(index: row["idx"], role: row["role"], text: row["text"], at: row["at"], label: row["label"], compound: row["compound"])
        }
        let reasons = try Row.fetchAll(db, sql: """
            SELECT code, message, evidence, start, "end", detail FROM reasons WHERE conversation_id = ? ORDER BY position
            """, arguments: [id]).map { row in
            StoredReason(code: row["code"], message: row["message"], evidence: row["evidence"], start: row["start"], end: row["end"],
                         detail: row["detail"])
        }
        let drivers = try String.fetchAll(db, sql: "SELECT driver FROM drivers WHERE conversation_id = ? ORDER BY position", arguments: [id])
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
        let exists = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM conversations WHERE id = ?"), arguments: [id]) ?? false
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
            String(decoding: trajectoryJSON, as: UTF8.self), ingestedAt, id,
        ]
        if exists {
            try db.cachedStatement(sql: """
                UPDATE conversations SET channel = ?, agent = ?, team = ?, customer = ?, started_at = ?, risk = ?, level = ?,
                    flagged = ?, label = ?, compound = ?, reason_codes = ?, trajectory = ?, ingested_at = ?
                WHERE id = ?
                """).execute(arguments: StatementArguments(values))
            for table in ["messages", "reasons", "drivers"] {
                try db.cachedStatement(sql: "DELETE FROM \(table) WHERE conversation_id = ?").execute(arguments: [id])
            }
        } else {
            try db.cachedStatement(sql: """
                INSERT INTO conversations (channel, agent, team, customer, started_at, risk, level, flagged, label, compound,
                    reason_codes, trajectory, ingested_at, id, sample_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: StatementArguments(values + [QueueQuery.sampleKey(id: id)]))
        }
        let insertMessage = try db.cachedStatement(sql: """
            INSERT INTO messages (conversation_id, idx, role, text, at, label, compound) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for message in messages {
            try insertMessage.execute(arguments: [id, message.index, message.role, message.text, message.at, message.label, message.compound])
        }
        let insertReason = try db.cachedStatement(sql: """
            INSERT INTO reasons (conversation_id, position, code, message, evidence, start, "end", detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, reason) in reasons.enumerated() {
            try insertReason.execute(arguments: [id, position, reason.code, reason.message, reason.evidence, reason.start, reason.end, reason.detail])
        }
        let insertDriver = try db.cachedStatement(sql: "INSERT INTO drivers (conversation_id, position, driver) VALUES (?, ?, ?)")
        for (position, driver) in drivers.enumerated() {
            try insertDriver.execute(arguments: [id, position, driver])
        }
        return !exists
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
