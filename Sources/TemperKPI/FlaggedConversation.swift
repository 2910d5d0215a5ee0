import TemperIO

/// A conversation worth a manager's attention, as listed under a group in the scorecard.
///
/// A plain value so that any tool can fill it, not only Temper's analysis.
public struct FlaggedConversation: Codable, Sendable, Equatable {
    public var id: String
    public var risk: Double?
    /// Reason codes, e.g. `threat_to_cancel`, `negative_sentiment`.
    public var reasons: [String]
    public var agent: String?
    public var team: String?
    public var channel: String?
    /// ISO-8601 start time, when known.
    public var startedAt: String?

    public init(id: String, risk: Double? = nil, reasons: [String] = [], agent: String? = nil, team: String? = nil,
                channel: String? = nil, startedAt: String? = nil) {
        self.id = id
        self.risk = risk
        self.reasons = reasons
        self.agent = agent
        self.team = team
        self.channel = channel
        self.startedAt = startedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, risk, reasons, agent, team, channel
        case startedAt = "started_at"
    }

    /// The entry for flagged facts; when the analyser gave no reasons, codes are derived from the
    /// outcome fields so the list still says why a conversation stands out.
    init(_ facts: ConversationFacts) {
        var reasons = facts.reasons ?? []
        if reasons.isEmpty {
            if facts.sentimentLabel == .negative { reasons.append("negative_sentiment") }
            if facts.escalated == true { reasons.append("escalated") }
            if facts.abandoned == true { reasons.append("abandoned") }
            if facts.resolved == false { reasons.append("unresolved") }
            if let csat = facts.csat, csat <= 2 { reasons.append("low_csat") }
            if let nps = facts.nps, nps <= 6 { reasons.append("nps_detractor") }
        }
        self.init(id: facts.id, risk: facts.risk, reasons: reasons, agent: facts.agent, team: facts.team,
                  channel: facts.channel, startedAt: facts.startedAt.map(ISO8601Timestamp.format))
    }

    /// Riskiest first; unknown risk last; then by id so the order (and any cut-off) is deterministic.
    static func ranksBefore(_ a: FlaggedConversation, _ b: FlaggedConversation) -> Bool {
        switch (a.risk, b.risk) {
        case let (x?, y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default:
            if a.id != b.id { return a.id < b.id }
            return a.reasons.lexicographicallyPrecedes(b.reasons)
        }
    }
}

/// The `limit` highest-ranked flagged conversations seen so far, on TemperIO's `TopN`.
///
/// The ranking is a total order, so merging shard lists gives exactly the list a single pass
/// would have kept.
struct TopFlagged: Sendable, Equatable {
    /// `ranksBefore` as an order for `TopN`: an entry is greater when it ranks before.
    private struct Ranked: Comparable, Sendable {
        var conversation: FlaggedConversation

        static func < (a: Ranked, b: Ranked) -> Bool {
            FlaggedConversation.ranksBefore(b.conversation, a.conversation)
        }
    }

    private var top: TopN<Ranked>

    init(limit: Int) {
        top = TopN(limit: limit)
    }

    var limit: Int { top.limit }

    /// Highest-ranked first.
    var items: [FlaggedConversation] { top.descending.map(\.conversation) }

    mutating func offer(_ candidate: @autoclosure () -> FlaggedConversation, risk: Double?) {
        // Cheap pre-check on risk alone before building the entry.
        if let least = top.threshold, let leastRisk = least.conversation.risk, (risk ?? -.infinity) < leastRisk { return }
        top.offer(Ranked(conversation: candidate()))
    }

    mutating func merge(_ other: TopFlagged) {
        top.merge(other.top)
    }
}
