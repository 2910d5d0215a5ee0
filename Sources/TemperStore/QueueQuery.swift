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
/// Risk order is flagged first, then riskiest, ties by id: a walk of the index on (flagged DESC,
/// risk DESC, id), or of a filter's index with those behind it.
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
        if let flagged = filter.flagged { add("c.flagged = ?", flagged) }
        if let reason = filter.reason {
            // IN, not EXISTS: SQLite reads the few matching keys from the code's index once,
            // instead of probing every conversation's reasons.
            add("c.key IN (SELECT conversation FROM reasons WHERE code = ?)", reason)
        }
        if let driver = filter.driver {
            add("c.key IN (SELECT conversation FROM drivers WHERE driver = ?)", driver)
        }
        switch filter.reviewed {
        // Reviewed conversations are few (QA teams review a few percent); told so, SQLite reads
        // them from the review-count index and sorts them, instead of walking every
        // conversation in risk order to find them (200 ms at 100k conversations).
        case true?: conditions.append("likelihood(c.review_count > 0, 0.05)")
        case false?: conditions.append("c.review_count = 0")
        case nil: break
        }
    }

    static let columns = """
        c.id, c.risk, c.level, c.channel, c.agent, c.team, c.started_at, c.label, c.compound, c.reason_codes,
        c.review_count, c.latest_verdict, c.flagged
        """

    func page(_ db: Database) throws -> QueuePage {
        let cursor = try filter.after.map(Cursor.init(text:))
        var rows: [Row]
        let limit = filter.limit + 1  // one row beyond the page tells whether there is a next one
        switch filter.order {
        case .risk:
            var all = conditions, keysetArguments: [(any DatabaseValueConvertible)?] = []
            if let cursor {
                guard case let .risk(flagged, risk, id) = cursor else { throw Cursor.mismatch }
                // `flagged <= ?` bounds the index walk; the rest skips the rows already shown:
                // the flagged group passed, or in the same group the higher risks and the ties.
                all.append("c.flagged <= ? AND (c.flagged < ? OR (c.risk <= ? AND (c.risk < ? OR c.id > ?)))")
                keysetArguments = [flagged, flagged, risk, risk, id]
            }
            let sql = "SELECT \(Self.columns) FROM conversations c\(Self.whereClause(all)) ORDER BY c.flagged DESC, c.risk DESC, c.id LIMIT \(limit)"
            rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments + keysetArguments))
        case .sample(let seed):
            var all = conditions, keysetArguments: [(any DatabaseValueConvertible)?] = []
            if let cursor {
                guard case let .sample(rank, key) = cursor else { throw Cursor.mismatch }
                all.append("(rank, c.key) > (?, ?)")
                keysetArguments = [rank, key]
            }
            // Ranked in a subquery over keys only, which an index covers when the filter allows
            // (none, or reviewed or not); the page's columns are read for the chosen rows only.
            let sql = """
                SELECT \(Self.columns), s.rank, s.key FROM (
                    SELECT c.key, \(SampleRank.functionName)(c.sample_key, ?) AS rank FROM conversations c\(Self.whereClause(all))
                    ORDER BY rank, c.key LIMIT \(limit)
                ) s JOIN conversations c ON c.key = s.key ORDER BY s.rank, s.key
                """
            rows = try Row.fetchAll(db.cachedStatement(sql: sql),
                                    arguments: StatementArguments([Self.sampleSeed(seed)] + arguments + keysetArguments))
        }
        var next: String?
        if rows.count > filter.limit {
            rows.removeLast()
            let last = rows[rows.count - 1]
            switch filter.order {
            case .risk: next = Cursor.risk(flagged: last["flagged"], risk: last["risk"], id: last["id"]).text
            case .sample: next = Cursor.sample(rank: last["rank"], key: last["key"]).text
            }
        }
        let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM conversations c" + Self.whereClause(conditions)),
                                     arguments: StatementArguments(arguments)) ?? 0
        return QueuePage(rows: try rows.map(QueueRow.init(row:)), next: next, total: total)
    }

    static func whereClause(_ conditions: [String]) -> String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
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

/// The keyset of the last row on a page, as an opaque URL-safe string: `q`, `1` or `0` for
/// flagged or not, the risk in hex (a Double's bits, exactly) and the id in base64url; or `s`,
/// the sample rank and the row's key in hex (ranks tie only if two ids hash alike, and the key
/// is in every index). A risk cursor of the order before flagged came first (`r`) is malformed:
/// the page must start again.
enum Cursor: Equatable {
    case risk(flagged: Bool, risk: Double, id: String)
    case sample(rank: Int64, key: Int64)

    static let mismatch = StoreError(.invalid, "the page cursor belongs to another queue order; start again from the first page")
    static let malformed = StoreError(.invalid, "invalid page cursor")

    var text: String {
        switch self {
        case let .risk(flagged, risk, id): return (flagged ? "q1" : "q0") + String(risk.bitPattern, radix: 16) + "." + Self.encode(id)
        case let .sample(rank, key): return "s" + String(UInt64(bitPattern: rank), radix: 16) + "." + String(UInt64(bitPattern: key), radix: 16)
        }
    }

    init(text: String) throws {
        guard let kind = text.first, let dot = text.firstIndex(of: ".") else { throw Self.malformed }
        var head = text[text.index(after: text.startIndex)..<dot]
        var flagged = false
        if kind == "q" {
            guard let flag = head.first, flag == "0" || flag == "1" else { throw Self.malformed }
            flagged = flag == "1"
            head = head.dropFirst()
        }
        guard let bits = UInt64(head, radix: 16) else { throw Self.malformed }
        let rest = text[text.index(after: dot)...]
        switch kind {
        case "q":
            let risk = Double(bitPattern: bits)
            guard risk.isFinite, let id = Self.decode(rest) else { throw Self.malformed }
            self = .risk(flagged: flagged, risk: risk, id: id)
        case "s":
            guard let key = UInt64(rest, radix: 16) else { throw Self.malformed }
            self = .sample(rank: Int64(bitPattern: bits), key: Int64(bitPattern: key))
        default:
            throw Self.malformed
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
        self.init(id: row["id"], risk: row["risk"], level: row["level"], flagged: row["flagged"], channel: row["channel"], agent: row["agent"],
                  team: row["team"], startedAt: row["started_at"], label: row["label"], compound: row["compound"],
                  reasonCodes: codes.isEmpty ? [] : codes.split(separator: ",").map(String.init),
                  reviewCount: row["review_count"], latestVerdict: verdict.flatMap(Verdict.init(rawValue:)))
    }
}
