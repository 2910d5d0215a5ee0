import Foundation
import TemperIO

/// How facts are grouped. Part of every partial, because only partials built the same way can merge.
public struct AggregationSpec: Codable, Sendable, Equatable {
    /// Dimensions to break down by; empty for a single overall group.
    public var dimensions: [GroupDimension]
    public var period: PeriodGranularity
    /// IANA time zone that decides which day/week/month a conversation falls in.
    public var timeZone: String
    /// Flagged conversations kept per group, riskiest first.
    public var topFlaggedLimit: Int
    /// Keep customer identities per group and period for the retention rate. This is the only
    /// state that grows with the data (with distinct customers); turn it off if retention is not needed.
    public var trackCustomers: Bool

    public init(dimensions: [GroupDimension] = [], period: PeriodGranularity = .week, timeZone: String = "UTC",
                topFlaggedLimit: Int = 10, trackCustomers: Bool = true) {
        self.dimensions = dimensions
        self.period = period
        self.timeZone = timeZone
        self.topFlaggedLimit = topFlaggedLimit
        self.trackCustomers = trackCustomers
    }

    enum CodingKeys: String, CodingKey {
        case dimensions, period
        case timeZone = "time_zone"
        case topFlaggedLimit = "top_flagged_limit"
        case trackCustomers = "track_customers"
    }
}

/// Why facts or partials could not be aggregated.
public enum KPIAggregationError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownTimeZone(String)
    case incompatibleSpecs(String)
    case unsupportedPartial(String)
    /// Partials that name the same shard: the same input would be counted twice (a retried or
    /// speculative task's output, or one file given twice).
    case duplicateShards([String])

    public var description: String {
        switch self {
        case let .unknownTimeZone(zone): return "unknown time zone '\(zone)' (use an IANA name such as Europe/Berlin)"
        case let .incompatibleSpecs(detail): return "cannot merge partials grouped differently: \(detail)"
        case let .unsupportedPartial(detail): return "not a TemperKPI partial: \(detail)"
        case let .duplicateShards(ids):
            let list = ids.map { "'\($0)'" }.joined(separator: ", ")
            return "shard \(list) \(ids.count == 1 ? "is" : "are") already merged: merging \(ids.count == 1 ? "it" : "them") again would count the same input twice"
        }
    }
}

/// One group in one period: the KPI counts plus, for retention, who was active.
struct AggregationCell: Codable, Sendable, Equatable {
    var accumulator = KPIAccumulator()
    var customers = CustomerSet()

    mutating func merge(_ other: AggregationCell) {
        accumulator.merge(other.accumulator)
        customers.merge(other.customers)
    }
}

/// Where a cell sits: its group and period index (`nil` for facts without any timestamp).
struct CellKey: Hashable, Sendable, Comparable {
    var group: GroupKey
    var period: Int?

    static func < (a: CellKey, b: CellKey) -> Bool {
        if a.group != b.group { return a.group < b.group }
        return (a.period ?? .min) < (b.period ?? .min)
    }
}

/// All facts seen so far, bucketed by group × period.
///
/// Memory is proportional to groups × periods (plus distinct customers when tracked), never to
/// conversations. Aggregations of disjoint shards merge exactly — the merged value is identical to
/// one aggregation over all the facts — and are `Codable`, which is what a `--partial` output
/// stores and what `merged(_:)` reads back.
public struct KPIAggregation: Sendable, Equatable {
    /// v2: cells count conversation duration apart from handle time (v1's "handle time" was the
    /// duration), so a v1 partial cannot be merged into a v2 one honestly.
    public static let partialSchema = "temper.kpi-partial/v2"

    public let spec: AggregationSpec
    /// Facts added (over all shards, after merging).
    public private(set) var conversations = 0
    /// Facts without any timestamp: counted in group totals, absent from trends.
    public private(set) var undated = 0
    /// Input lines the reader skipped as invalid; set by the caller so the scorecard can report it.
    public var skippedLines = 0
    /// The shards (e.g. Spark partitions) this aggregation covers, sorted; empty when the
    /// producer named none. Merging refuses shards already covered, so a partition whose task
    /// ran twice cannot be counted twice. Partials without shard ids merge as before, unchecked.
    public private(set) var shardIDs: [String] = []
    private(set) var cells: [CellKey: AggregationCell] = [:]
    private(set) var flagged: [GroupKey: TopFlagged] = [:]
    private var calendar: PeriodCalendar
    private let mask: DimensionMask

    public init(spec: AggregationSpec) throws(KPIAggregationError) {
        guard let zone = TimeZone(identifier: spec.timeZone) else { throw .unknownTimeZone(spec.timeZone) }
        self.spec = spec
        self.calendar = PeriodCalendar(granularity: spec.period, timeZone: zone)
        self.mask = DimensionMask(spec.dimensions)
    }

    var periodCalendar: PeriodCalendar { calendar }

    public mutating func add(_ facts: ConversationFacts) {
        let group = GroupKey(facts, mask)
        let period = facts.periodDate.map { calendar.index(of: $0) }
        conversations += 1
        if period == nil { undated += 1 }
        let trackCustomer = spec.trackCustomers && period != nil ? facts.customer : nil
        update(CellKey(group: group, period: period)) { cell in
            cell.accumulator.add(facts)
            if let customer = trackCustomer { cell.customers.insert(customer) }
        }
        if facts.flagged == true, spec.topFlaggedLimit > 0 {
            let limit = spec.topFlaggedLimit
            flagged[group, default: TopFlagged(limit: limit)].offer(FlaggedConversation(facts), risk: facts.risk)
        }
    }

    /// In-place update through the dictionary's storage, so no cell is copied per fact.
    private mutating func update(_ key: CellKey, _ body: (inout AggregationCell) -> Void) {
        body(&cells[key, default: AggregationCell()])
    }

    /// Names the one shard this aggregation covers (before anything is merged into it).
    public mutating func setShardID(_ id: String) {
        shardIDs = [id]
    }

    /// Adds another aggregation built with the same spec (e.g. another shard's partial).
    ///
    /// Throws `duplicateShards` (and changes nothing) when the two cover a shard in common.
    public mutating func merge(_ other: KPIAggregation) throws(KPIAggregationError) {
        guard other.spec == spec else {
            throw .incompatibleSpecs("\(Self.describe(spec)) vs \(Self.describe(other.spec))")
        }
        let repeated = Set(shardIDs).intersection(other.shardIDs)
        guard repeated.isEmpty else { throw .duplicateShards(repeated.sorted()) }
        shardIDs = (shardIDs + other.shardIDs).sorted()
        conversations += other.conversations
        undated += other.undated
        skippedLines += other.skippedLines
        for (key, cell) in other.cells { update(key) { $0.merge(cell) } }
        for (group, list) in other.flagged {
            flagged[group, default: TopFlagged(limit: spec.topFlaggedLimit)].merge(list)
        }
    }

    /// Merges partials in order; all must share one spec.
    public static func merged(_ parts: [KPIAggregation]) throws(KPIAggregationError) -> KPIAggregation {
        guard var result = parts.first else { throw .unsupportedPartial("nothing to merge") }
        for part in parts.dropFirst() { try result.merge(part) }
        return result
    }

    private static func describe(_ spec: AggregationSpec) -> String {
        let dims = spec.dimensions.isEmpty ? "no dimensions" : spec.dimensions.map(\.rawValue).joined(separator: "+")
        return "[\(dims), \(spec.period.rawValue), \(spec.timeZone), top \(spec.topFlaggedLimit), customers \(spec.trackCustomers)]"
    }

    public static func == (a: KPIAggregation, b: KPIAggregation) -> Bool {
        a.spec == b.spec && a.conversations == b.conversations && a.undated == b.undated
            && a.skippedLines == b.skippedLines && a.cells == b.cells && a.flagged == b.flagged
            && a.shardIDs == b.shardIDs
    }
}

// MARK: - Partial files

extension KPIAggregation: Codable {
    private enum CodingKeys: String, CodingKey {
        case schema, spec, conversations, undated, cells, flagged
        case skippedLines = "skipped_lines"
        case shardIDs = "shard_ids"
    }

    private struct EncodedCell: Codable {
        var group: GroupKey
        var period: Int?
        var accumulator: KPIAccumulator
        var customers: CustomerSet?
    }

    private struct EncodedFlagged: Codable {
        var group: GroupKey
        var conversations: [FlaggedConversation]
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let schema = try c.decode(String.self, forKey: .schema)
        guard schema == Self.partialSchema else {
            if schema == "temper.kpi-partial/v1" {
                throw KPIAggregationError.unsupportedPartial(
                    "schema 'temper.kpi-partial/v1' is from an earlier Temper, whose handle time was the conversation's duration: rebuild it with this version")
            }
            throw KPIAggregationError.unsupportedPartial("schema '\(schema)', expected '\(Self.partialSchema)'")
        }
        try self.init(spec: c.decode(AggregationSpec.self, forKey: .spec))
        conversations = try c.decode(Int.self, forKey: .conversations)
        undated = try c.decode(Int.self, forKey: .undated)
        skippedLines = try c.decodeIfPresent(Int.self, forKey: .skippedLines) ?? 0
        let shards = try c.decodeIfPresent([String].self, forKey: .shardIDs) ?? []
        var seen = Set<String>()
        let repeated = shards.filter { !seen.insert($0).inserted }
        guard repeated.isEmpty else { throw KPIAggregationError.duplicateShards(Array(Set(repeated)).sorted()) }
        shardIDs = shards.sorted()
        for cell in try c.decode([EncodedCell].self, forKey: .cells) {
            cells[CellKey(group: cell.group, period: cell.period)] =
                AggregationCell(accumulator: cell.accumulator, customers: cell.customers ?? CustomerSet())
        }
        for entry in try c.decode([EncodedFlagged].self, forKey: .flagged) {
            // Re-ranked on the way in, so a hand-edited partial cannot carry an unsorted or oversized list.
            var list = TopFlagged(limit: spec.topFlaggedLimit)
            for item in entry.conversations { list.offer(item, risk: item.risk) }
            flagged[entry.group] = list
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.partialSchema, forKey: .schema)
        try c.encode(spec, forKey: .spec)
        try c.encode(conversations, forKey: .conversations)
        try c.encode(undated, forKey: .undated)
        try c.encode(skippedLines, forKey: .skippedLines)
        // Only when named, so partials without shards keep the bytes they always had.
        if !shardIDs.isEmpty { try c.encode(shardIDs, forKey: .shardIDs) }
        let encodedCells = cells.keys.sorted().map { key in
            let cell = cells[key]!
            return EncodedCell(group: key.group, period: key.period, accumulator: cell.accumulator,
                               customers: cell.customers.count > 0 ? cell.customers : nil)
        }
        try c.encode(encodedCells, forKey: .cells)
        let encodedFlagged = flagged.keys.sorted().map { EncodedFlagged(group: $0, conversations: flagged[$0]!.items) }
        try c.encode(encodedFlagged, forKey: .flagged)
    }

    /// The partial as compact, deterministic JSON (sorted keys), ready to write to a file.
    ///
    /// Written by TemperIO's `JSONWriterEncoder` through the `Codable` conformances above, which
    /// stay the one description of the format: byte-identical to the `JSONEncoder` output of
    /// earlier versions, in a fraction of the time and memory (see benchmarks/scorecard.md).
    public func partialJSON() throws -> Data {
        Data(try JSONWriterEncoder().encode(self))
    }

    /// Reads a partial written by `partialJSON()`; `name` is used in error messages.
    public static func partial(from data: Data, name: String) throws(InputError) -> KPIAggregation {
        do {
            return try data.withUnsafeBytes { try JSONCursorDecoder().decode(KPIAggregation.self, from: $0) }
        } catch let error as KPIAggregationError {
            throw InputError(file: name, message: error.description)
        } catch let error as JSONDecodingError {
            throw InputError(file: name, line: error.line, message: "not a valid partial: \(error)")
        } catch {
            throw InputError(file: name, message: "not a valid partial: \(error)")
        }
    }
}
