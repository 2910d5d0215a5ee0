import Foundation
import GRDB
import TemperIO
import TemperReview

/// One queue page as SQL: the filter as bound parameters, keyset paging, and the count.
///
/// Paging is by keyset, never OFFSET, so a deep page costs what the first costs and a
/// conversation ingested or reviewed between two pages neither repeats nor hides a row already
/// passed. The cursor holds the last row's sort key and id.
///
/// Risk order walks the index on (risk DESC, id), or a filter's index with risk behind it.
/// The random sample orders by `temper_sample_rank(sample_key, seed)` (see `SampleRank`), where
/// `sample_key` is a 64-bit hash of the conversation id: the same seed gives the same order
/// (and the same sample of the same data in any database), a conversation keeps its place when
/// it is re-ingested, and a filter picks from the one permutation, so every prefix of it is a
/// uniform random sample of what matches. No index can serve a per-seed order, so a sampled
/// page ranks every matching conversation; SQLite keeps only the best `limit + 1` while it
/// scans (benchmarks/ingest.md has the cost at 100k conversations).
struct QueueQuery {
    var filter: QueueFilter
    var conditions: [String] = []
    var arguments: [(any DatabaseValueConvertible)?] = []

    init(_ filter: QueueFilter) throws {
        guard (1...Store.maxPageSize).contains(filter.limit) else {
            throw StoreError(.invalid, "the page size must be between 1 and \(Store.maxPageSize) (got \(filter.limit))")
        }
        self.filter = filter
        func add(_ condition: String, _ value: (any DatabaseValueConvertible)?) {
            conditions.append(condition)
            arguments.append(value)
        }
        if let team = filter.team { add("c.team = ?", team) }
        if let agent = filter.agent { add("c.agent = ?", agent) }
        if let channel = filter.channel { add("c.channel = ?", channel) }
        if let from = filter.from { add("c.started_at >= ?", from) }
        if let to = filter.to { add("c.started_at < ?", to) }
        if let level = filter.level { add("c.level = ?", level) }
        if let reason = filter.reason {
            add("EXISTS (SELECT 1 FROM reasons r WHERE r.conversation_id = c.id AND r.code = ?)", reason)
        }
        if let driver = filter.driver {
            add("EXISTS (SELECT 1 FROM drivers d WHERE d.conversation_id = c.id AND d.driver = ?)", driver)
        }
        switch filter.reviewed {
        case true?: conditions.append("c.review_count > 0")
        case false?: conditions.append("c.review_count = 0")
        case nil: break
        }
    }

    static let columns = """
        c.id, c.risk, c.level, c.channel, c.agent, c.team, c.started_at, c.label, c.compound, c.reason_codes,
        c.review_count, c.latest_verdict
        """

    func page(_ db: Database) throws -> QueuePage {
        let cursor = try filter.after.map(Cursor.init(text:))
        var keyset: String?
        var keysetArguments: [(any DatabaseValueConvertible)?] = []
        let rankColumn: String, leadingArguments: [(any DatabaseValueConvertible)?], order: String
        switch filter.order {
        case .risk:
            (rankColumn, leadingArguments, order) = ("c.risk AS rank", [], "c.risk DESC, c.id")
            if let cursor {
                guard case let .risk(risk, id) = cursor else { throw Cursor.mismatch }
                // `risk <= ?` bounds the index walk; the rest skips the ties already shown.
                keyset = "c.risk <= ? AND (c.risk < ? OR c.id > ?)"
                keysetArguments = [risk, risk, id]
            }
        case .sample(let seed):
            (rankColumn, leadingArguments, order) = ("\(SampleRank.functionName)(c.sample_key, ?) AS rank", [Self.sampleSeed(seed)], "rank, c.id")
            if let cursor {
                guard case let .sample(rank, id) = cursor else { throw Cursor.mismatch }
                keyset = "(rank, c.id) > (?, ?)"
                keysetArguments = [rank, id]
            }
        }
        let all = conditions + (keyset.map { [$0] } ?? [])
        let whereClause = all.isEmpty ? "" : " WHERE " + all.joined(separator: " AND ")
        // One row beyond the page tells whether there is a next one.
        let sql = "SELECT \(Self.columns), \(rankColumn) FROM conversations c\(whereClause) ORDER BY \(order) LIMIT \(filter.limit + 1)"
        var rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(leadingArguments + arguments + keysetArguments))
        var next: String?
        if rows.count > filter.limit {
            rows.removeLast()
            let last = rows[rows.count - 1]
            switch filter.order {
            case .risk: next = Cursor.risk(last["rank"], last["id"]).text
            case .sample: next = Cursor.sample(last["rank"], last["id"]).text
            }
        }
        let filterClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM conversations c" + filterClause),
                                     arguments: StatementArguments(arguments)) ?? 0
        return QueuePage(rows: try rows.map(QueueRow.init(row:)), next: next, total: total)
    }

    /// The seed as the rank function takes it: mixed first, so that seeds 1 and 2 are as
    /// different as any two.
    static func sampleSeed(_ seed: UInt64) -> Int64 {
        var generator = SplitMix64(seed: seed)
        return Int64(bitPattern: generator.next())
    }

    /// A conversation's random key: FNV-1a over the id's UTF-8, then SplitMix64's finaliser,
    /// because FNV alone leaves similar ids ("c-1", "c-2") close together.
    static func sampleKey(id: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
        hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
        return Int64(bitPattern: hash ^ (hash >> 31))
    }
}

/// The keyset of the last row on a page, as an opaque URL-safe string: `r` or `s`, the sort key
/// in hex (a Double's bits, exactly), and the id in base64url.
enum Cursor: Equatable {
    case risk(Double, String)
    case sample(Int64, String)

    static let mismatch = StoreError(.invalid, "the page cursor belongs to another queue order; start again from the first page")
    static let malformed = StoreError(.invalid, "invalid page cursor")

    var text: String {
        switch self {
        case let .risk(risk, id): return "r" + String(risk.bitPattern, radix: 16) + "." + Self.encode(id)
        case let .sample(key, id): return "s" + String(UInt64(bitPattern: key), radix: 16) + "." + Self.encode(id)
        }
    }

    init(text: String) throws {
        guard let kind = text.first, let dot = text.firstIndex(of: "."),
              let bits = UInt64(text[text.index(after: text.startIndex)..<dot], radix: 16),
              let id = Self.decode(text[text.index(after: dot)...]) else { throw Self.malformed }
        switch kind {
        case "r":
            let risk = Double(bitPattern: bits)
            guard risk.isFinite else { throw Self.malformed }
            self = .risk(risk, id)
        case "s": self = .sample(Int64(bitPattern: bits), id)
        default: throw Self.malformed
        }
    }

    private static func encode(_ id: String) -> String {
        Data(id.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    private static func decode(_ text: Substring) -> String? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}

extension QueueRow {
    init(row: Row) throws {
        let codes: String = row["reason_codes"]
        let verdict: String? = row["latest_verdict"]
        self.init(id: row["id"], risk: row["risk"], level: row["level"], channel: row["channel"], agent: row["agent"],
                  team: row["team"], startedAt: row["started_at"], label: row["label"], compound: row["compound"],
                  reasonCodes: codes.isEmpty ? [] : codes.split(separator: ",").map(String.init),
                  reviewCount: row["review_count"], latestVerdict: verdict.flatMap(Verdict.init(rawValue:)))
    }
}
