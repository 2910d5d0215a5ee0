import Foundation

/// Driver counts for one group and period: of the conversations whose facts carry drivers, how
/// many had each negative driver, and the sentiment labels with and without it (for the approval
/// rate's association with the driver). Integral state, so merging shards is exact.
struct DriverTally: Codable, Sendable, Equatable {
    /// One negative driver's conversations and their positive / negative labels.
    struct Count: Sendable, Equatable {
        var conversations = 0
        var positive = 0
        var negative = 0
    }

    /// Conversations whose facts carry a `drivers` list (possibly empty), and their labels.
    private(set) var measured = 0
    private(set) var positive = 0
    private(set) var negative = 0
    /// By driver id.
    private(set) var byDriver: [String: Count] = [:]

    init() {}

    mutating func add(_ facts: ConversationFacts) {
        guard let drivers = facts.drivers else { return }
        measured += 1
        let isPositive = facts.sentimentLabel == .positive, isNegative = facts.sentimentLabel == .negative
        if isPositive { positive += 1 }
        if isNegative { negative += 1 }
        for driver in drivers where driver.polarity == .negative {
            var count = byDriver[driver.id] ?? Count()
            count.conversations += 1
            if isPositive { count.positive += 1 }
            if isNegative { count.negative += 1 }
            byDriver[driver.id] = count
        }
    }

    mutating func merge(_ other: DriverTally) {
        measured += other.measured
        positive += other.positive
        negative += other.negative
        for (id, count) in other.byDriver {
            var mine = byDriver[id] ?? Count()
            mine.conversations += count.conversations
            mine.positive += count.positive
            mine.negative += count.negative
            byDriver[id] = mine
        }
    }

    // A list sorted by id (`[measured, positive, negative, [[id, n, positive, negative], …]]`), so
    // a partial's bytes never depend on dictionary order.
    init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        measured = try c.decode(Int.self)
        positive = try c.decode(Int.self)
        negative = try c.decode(Int.self)
        var list = try c.nestedUnkeyedContainer()
        while !list.isAtEnd {
            var item = try list.nestedUnkeyedContainer()
            let id = try item.decode(String.self)
            byDriver[id] = Count(conversations: try item.decode(Int.self), positive: try item.decode(Int.self), negative: try item.decode(Int.self))
        }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(measured)
        try c.encode(positive)
        try c.encode(negative)
        var list = c.nestedUnkeyedContainer()
        for id in byDriver.keys.sorted() {
            let count = byDriver[id]!
            var item = list.nestedUnkeyedContainer()
            try item.encode(id)
            try item.encode(count.conversations)
            try item.encode(count.positive)
            try item.encode(count.negative)
        }
    }
}

/// One negative driver in a scorecard group: how common it is in the reported period, how that
/// changed against the period before, and how approval differs where it occurs.
public struct DriverRow: Codable, Sendable, Equatable {
    public var driver: String
    /// Conversations with the driver, out of `n` conversations whose facts carry drivers.
    public var conversations: Int
    public var n: Int
    /// conversations ÷ n, in percent, with its Wilson interval. All shares and rates here are
    /// percentages (0–100) and their differences percentage points, as in the KPI values.
    public var share: Double?
    public var shareInterval: ConfidenceInterval?
    /// The same in the period before the reported one (absent when the scorecard covers all data).
    public var previousConversations: Int?
    public var previousN: Int?
    public var previousShare: Double?
    /// share − previous share, with Newcombe's hybrid score interval for a difference of
    /// proportions (method 10, built from the two Wilson intervals).
    public var change: Double?
    public var changeInterval: ConfidenceInterval?
    /// Approval rate (positive ÷ (positive + negative)) of conversations with and without the driver.
    public var approvalWith: Double?
    public var approvalWithN: Int
    public var approvalWithout: Double?
    public var approvalWithoutN: Int
    /// approvalWith − approvalWithout (negative: lower approval where the driver occurs).
    public var approvalGap: Double?
    /// Below the minimum sample (the driver's conversations, or either period's n for the change).
    public var insufficient: Bool

    enum CodingKeys: String, CodingKey {
        case driver, conversations, n, share, change, insufficient
        case shareInterval = "share_interval"
        case previousConversations = "previous_conversations"
        case previousN = "previous_n"
        case previousShare = "previous_share"
        case changeInterval = "change_interval"
        case approvalWith = "approval_with"
        case approvalWithN = "approval_with_n"
        case approvalWithout = "approval_without"
        case approvalWithoutN = "approval_without_n"
        case approvalGap = "approval_gap"
    }

    /// The rows of a group, most common driver first (ties by id); nil when no fact carried drivers.
    static func rows(current: DriverTally?, previous: DriverTally?, minimumSample: Int) -> [DriverRow]? {
        guard let current, current.measured > 0 else { return nil }
        let ids = Set(current.byDriver.keys).union(previous?.byDriver.keys ?? [:].keys)
        var rows: [DriverRow] = []
        for id in ids {
            let count = current.byDriver[id] ?? DriverTally.Count()
            let share = 100 * Double(count.conversations) / Double(current.measured)
            var row = DriverRow(driver: id, conversations: count.conversations, n: current.measured, share: share,
                                shareInterval: Statistics.wilson(successes: count.conversations, trials: current.measured)?.scaled(by: 100),
                                approvalWithN: count.positive + count.negative, approvalWithoutN: 0, insufficient: false)
            if let previous, previous.measured > 0 {
                let before = previous.byDriver[id]?.conversations ?? 0
                row.previousConversations = before
                row.previousN = previous.measured
                row.previousShare = 100 * Double(before) / Double(previous.measured)
                row.change = share - row.previousShare!
                row.changeInterval = Statistics.newcombeDifference(successes1: count.conversations, trials1: current.measured,
                                                                   successes2: before, trials2: previous.measured)?.scaled(by: 100)
            }
            let withoutPositive = current.positive - count.positive, withoutNegative = current.negative - count.negative
            row.approvalWithoutN = withoutPositive + withoutNegative
            if row.approvalWithN > 0 { row.approvalWith = 100 * Double(count.positive) / Double(row.approvalWithN) }
            if row.approvalWithoutN > 0 { row.approvalWithout = 100 * Double(withoutPositive) / Double(row.approvalWithoutN) }
            if let with = row.approvalWith, let without = row.approvalWithout { row.approvalGap = with - without }
            row.insufficient = current.measured < minimumSample || (row.previousN.map { $0 < minimumSample } ?? false)
            rows.append(row)
        }
        rows.sort { ($0.conversations, $1.driver) > ($1.conversations, $0.driver) }
        return rows
    }

    /// `lost_item` → `Lost item`: the taxonomy's labels live with the taxonomy, not in the KPIs.
    public var displayName: String {
        let words = driver.split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

extension Statistics {
    /// Newcombe's hybrid score interval for p₁ − p₂ (1998, method 10): from each proportion's
    /// Wilson interval, so it stays inside −1…1 and behaves at 0 % and 100 %.
    static func newcombeDifference(successes1: Int, trials1: Int, successes2: Int, trials2: Int,
                                   z: Double = z95) -> ConfidenceInterval? {
        guard let a = wilson(successes: successes1, trials: trials1, z: z),
              let b = wilson(successes: successes2, trials: trials2, z: z) else { return nil }
        let p1 = Double(successes1) / Double(trials1), p2 = Double(successes2) / Double(trials2)
        let difference = p1 - p2
        let lower = difference - ((p1 - a.lower) * (p1 - a.lower) + (b.upper - p2) * (b.upper - p2)).squareRoot()
        let upper = difference + ((a.upper - p1) * (a.upper - p1) + (p2 - b.lower) * (p2 - b.lower)).squareRoot()
        return ConfidenceInterval(lower: max(-1, lower), upper: min(1, upper), method: .newcombe)
    }
}
