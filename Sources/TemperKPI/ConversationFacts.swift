import TemperIO
import Foundation

/// One customer conversation, already analysed, reduced to the numbers KPIs need.
///
/// This is the contract between *any* producer (Temper's own conversation analysis, a helpdesk
/// export, a survey tool) and the KPI model, so every field except `id` is optional: a KPI whose
/// inputs are missing is reported as insufficient rather than guessed.
///
/// JSON form (one object per line in JSONL, keys snake_case, timestamps ISO-8601):
/// ```json
/// {"id":"T-1042","agent":"ana","team":"billing","channel":"email","segment":"smb",
///  "customer":"C-77","started_at":"2024-03-04T09:12:00Z","ended_at":"2024-03-04T11:40:10Z",
///  "first_response_seconds":420,"resolution_seconds":8890,"handle_seconds":960,
///  "sentiment_label":"negative","sentiment_mean":-0.42,"flagged":true,"risk":0.81,
///  "reasons":["threat_to_cancel"],"escalated":false,"resolved":true,
///  "first_contact_resolved":false,"abandoned":false,"csat":2,"nps":3,"ces":6,
///  "cost":12.5,"contacts":2}
/// ```
/// Timestamps without a zone designator are read as UTC. Empty strings in the dimension fields
/// (`agent`, `team`, `channel`, `segment`, `customer`) mean "unknown" and are stored as `nil`, so
/// that a blank column in an export does not become a group of its own.
public struct ConversationFacts: Codable, Sendable, Equatable {
    public var id: String
    public var agent: String?
    public var team: String?
    public var channel: String?
    public var segment: String?
    public var customer: String?
    public var startedAt: Date?
    public var endedAt: Date?
    public var firstResponseSeconds: Double?
    public var resolutionSeconds: Double?
    public var handleSeconds: Double?
    public var sentimentLabel: SentimentLabel?
    /// Mean sentiment score in −1…1.
    public var sentimentMean: Double?
    /// Escalation-risk flag raised by the analyser (a prediction, not an outcome).
    public var flagged: Bool?
    /// Escalation-risk score used to rank flagged conversations (higher is riskier).
    public var risk: Double?
    /// Machine-readable reason codes explaining the flag, e.g. `threat_to_cancel`.
    public var reasons: [String]?
    /// Whether the conversation was actually escalated, when the source system records it.
    public var escalated: Bool?
    public var resolved: Bool?
    public var firstContactResolved: Bool?
    /// The customer left before any agent reply.
    public var abandoned: Bool?
    /// Satisfaction survey answer, 1–5.
    public var csat: Double?
    /// Likelihood-to-recommend answer, 0–10.
    public var nps: Double?
    /// Customer effort score, CES 2.0: agreement 1–7 with "the company made it easy to handle my
    /// issue", so 7 is the easiest (the scale current surveys use; convert older 1–5 effort scales).
    public var ces: Double?
    /// Cost attributed to the conversation, in the caller's currency.
    public var cost: Double?
    /// Number of contacts (messages/calls from the customer side) the conversation took.
    public var contacts: Int?
    /// The feedback drivers of the customer's messages (`"drivers":[{"id":"delay","polarity":"negative"}]`),
    /// each id once; nil when the producer did not detect drivers.
    public var drivers: [DriverFact]?

    public init(
        id: String, agent: String? = nil, team: String? = nil, channel: String? = nil,
        segment: String? = nil, customer: String? = nil, startedAt: Date? = nil, endedAt: Date? = nil,
        firstResponseSeconds: Double? = nil, resolutionSeconds: Double? = nil, handleSeconds: Double? = nil,
        sentimentLabel: SentimentLabel? = nil, sentimentMean: Double? = nil, flagged: Bool? = nil,
        risk: Double? = nil, reasons: [String]? = nil, escalated: Bool? = nil, resolved: Bool? = nil,
        firstContactResolved: Bool? = nil, abandoned: Bool? = nil, csat: Double? = nil, nps: Double? = nil,
        ces: Double? = nil, cost: Double? = nil, contacts: Int? = nil
    ) {
        self.id = id
        self.agent = agent
        self.team = team
        self.channel = channel
        self.segment = segment
        self.customer = customer
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.firstResponseSeconds = firstResponseSeconds
        self.resolutionSeconds = resolutionSeconds
        self.handleSeconds = handleSeconds
        self.sentimentLabel = sentimentLabel
        self.sentimentMean = sentimentMean
        self.flagged = flagged
        self.risk = risk
        self.reasons = reasons
        self.escalated = escalated
        self.resolved = resolved
        self.firstContactResolved = firstContactResolved
        self.abandoned = abandoned
        self.csat = csat
        self.nps = nps
        self.ces = ces
        self.cost = cost
        self.contacts = contacts
    }

    /// The timestamp that places the conversation in a reporting period: its start, or its end
    /// when the start is unknown.
    public var periodDate: Date? { startedAt ?? endedAt }

    /// How long the conversation was open, when both ends are known.
    public var durationSeconds: Double? {
        guard let start = startedAt, let end = endedAt else { return nil }
        return end.timeIntervalSince(start)
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, agent, team, channel, segment, customer
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case firstResponseSeconds = "first_response_seconds"
        case resolutionSeconds = "resolution_seconds"
        case handleSeconds = "handle_seconds"
        case sentimentLabel = "sentiment_label"
        case sentimentMean = "sentiment_mean"
        case flagged, risk, reasons, escalated, resolved
        case firstContactResolved = "first_contact_resolved"
        case abandoned, csat, nps, ces, cost, contacts, drivers
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try? c.decode(String.self, forKey: .id) {
            id = text
        } else if let number = try? c.decode(Int64.self, forKey: .id) {
            id = String(number)  // helpdesk exports often use numeric ticket ids
        } else {
            id = try c.decode(String.self, forKey: .id)  // rethrows the precise error
        }
        agent = try c.decodeIfPresent(String.self, forKey: .agent)
        team = try c.decodeIfPresent(String.self, forKey: .team)
        channel = try c.decodeIfPresent(String.self, forKey: .channel)
        segment = try c.decodeIfPresent(String.self, forKey: .segment)
        customer = try c.decodeIfPresent(String.self, forKey: .customer)
        startedAt = try Self.decodeDate(c, .startedAt)
        endedAt = try Self.decodeDate(c, .endedAt)
        firstResponseSeconds = try c.decodeIfPresent(Double.self, forKey: .firstResponseSeconds)
        resolutionSeconds = try c.decodeIfPresent(Double.self, forKey: .resolutionSeconds)
        handleSeconds = try c.decodeIfPresent(Double.self, forKey: .handleSeconds)
        sentimentLabel = try c.decodeIfPresent(SentimentLabel.self, forKey: .sentimentLabel)
        sentimentMean = try c.decodeIfPresent(Double.self, forKey: .sentimentMean)
        flagged = try c.decodeIfPresent(Bool.self, forKey: .flagged)
        risk = try c.decodeIfPresent(Double.self, forKey: .risk)
        reasons = try c.decodeIfPresent([String].self, forKey: .reasons)
        escalated = try c.decodeIfPresent(Bool.self, forKey: .escalated)
        resolved = try c.decodeIfPresent(Bool.self, forKey: .resolved)
        firstContactResolved = try c.decodeIfPresent(Bool.self, forKey: .firstContactResolved)
        abandoned = try c.decodeIfPresent(Bool.self, forKey: .abandoned)
        csat = try c.decodeIfPresent(Double.self, forKey: .csat)
        nps = try c.decodeIfPresent(Double.self, forKey: .nps)
        ces = try c.decodeIfPresent(Double.self, forKey: .ces)
        cost = try c.decodeIfPresent(Double.self, forKey: .cost)
        contacts = try c.decodeIfPresent(Int.self, forKey: .contacts)
        drivers = try c.decodeIfPresent([DriverFact].self, forKey: .drivers)
        normalizeDimensions()
        if let problem = validationProblem() {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: problem))
        }
    }

    private static func decodeDate(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date? {
        guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = ISO8601Timestamp.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: c, debugDescription: "\"\(key.rawValue)\": not an ISO-8601 timestamp: \(text)")
        }
        return date
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(agent, forKey: .agent)
        try c.encodeIfPresent(team, forKey: .team)
        try c.encodeIfPresent(channel, forKey: .channel)
        try c.encodeIfPresent(segment, forKey: .segment)
        try c.encodeIfPresent(customer, forKey: .customer)
        try c.encodeIfPresent(startedAt.map(ISO8601Timestamp.format), forKey: .startedAt)
        try c.encodeIfPresent(endedAt.map(ISO8601Timestamp.format), forKey: .endedAt)
        try c.encodeIfPresent(firstResponseSeconds, forKey: .firstResponseSeconds)
        try c.encodeIfPresent(resolutionSeconds, forKey: .resolutionSeconds)
        try c.encodeIfPresent(handleSeconds, forKey: .handleSeconds)
        try c.encodeIfPresent(sentimentLabel, forKey: .sentimentLabel)
        try c.encodeIfPresent(sentimentMean, forKey: .sentimentMean)
        try c.encodeIfPresent(flagged, forKey: .flagged)
        try c.encodeIfPresent(risk, forKey: .risk)
        try c.encodeIfPresent(reasons, forKey: .reasons)
        try c.encodeIfPresent(escalated, forKey: .escalated)
        try c.encodeIfPresent(resolved, forKey: .resolved)
        try c.encodeIfPresent(firstContactResolved, forKey: .firstContactResolved)
        try c.encodeIfPresent(abandoned, forKey: .abandoned)
        try c.encodeIfPresent(csat, forKey: .csat)
        try c.encodeIfPresent(nps, forKey: .nps)
        try c.encodeIfPresent(ces, forKey: .ces)
        try c.encodeIfPresent(cost, forKey: .cost)
        try c.encodeIfPresent(contacts, forKey: .contacts)
        try c.encodeIfPresent(drivers, forKey: .drivers)
    }

    /// Blank dimension values mean "unknown"; turning them into `nil` keeps them out of group keys.
    public mutating func normalizeDimensions() {
        if agent?.isEmpty == true { agent = nil }
        if team?.isEmpty == true { team = nil }
        if channel?.isEmpty == true { channel = nil }
        if segment?.isEmpty == true { segment = nil }
        if customer?.isEmpty == true { customer = nil }
    }

    /// Largest duration accepted (about 31 years): bounds the fixed-point sums so they cannot overflow.
    static let maximumSeconds = 1e9
    /// Largest cost accepted per conversation, for the same reason.
    static let maximumCost = 1e12

    /// The first reason these facts cannot be aggregated, or `nil` when they are usable.
    ///
    /// Out-of-range values are rejected rather than clamped: a CSAT of 7 usually means a column
    /// mix-up upstream, and silently clamping it would hide that.
    public func validationProblem() -> String? {
        if id.isEmpty { return "\"id\" is empty" }
        for (key, value) in [("first_response_seconds", firstResponseSeconds),
                             ("resolution_seconds", resolutionSeconds), ("handle_seconds", handleSeconds)] {
            if let v = value, !(v >= 0 && v <= Self.maximumSeconds) {
                return "\"\(key)\" must be between 0 and \(Int(Self.maximumSeconds)) seconds, got \(v)"
            }
        }
        if let v = sentimentMean, !(v >= -1 && v <= 1) { return "\"sentiment_mean\" must be within -1…1, got \(v)" }
        if let v = risk, !v.isFinite { return "\"risk\" must be a finite number" }
        if let v = csat, !(v >= 1 && v <= 5) { return "\"csat\" must be within 1…5, got \(v)" }
        if let v = nps, !(v >= 0 && v <= 10) { return "\"nps\" must be within 0…10, got \(v)" }
        if let v = ces, !(v >= 1 && v <= 7) { return "\"ces\" must be within 1…7, got \(v)" }
        if let v = cost, !(v >= 0 && v <= Self.maximumCost) { return "\"cost\" must be between 0 and 1e12, got \(v)" }
        if let v = contacts, v < 1 { return "\"contacts\" must be at least 1, got \(v)" }
        if let start = startedAt, let end = endedAt, end < start { return "\"ended_at\" is before \"started_at\"" }
        if let drivers {
            for (index, driver) in drivers.enumerated() {
                if driver.id.isEmpty { return "\"drivers\": an empty id" }
                if drivers[..<index].contains(where: { $0.id == driver.id }) { return "\"drivers\": '\(driver.id)' appears twice" }
            }
        }
        if let duration = durationSeconds, duration > Self.maximumSeconds {
            return "\"ended_at\" is more than \(Int(Self.maximumSeconds)) seconds after \"started_at\""
        }
        return nil
    }
}

extension ConversationFacts {
    /// First-contact resolution when the source does not record it: resolved, and nothing says
    /// this was a repeat contact ("third time I'm asking", "still not fixed").
    public static func firstContactResolved(resolved: Bool, repeatContact: Bool) -> Bool {
        resolved && !repeatContact
    }
}

/// One feedback driver of a conversation, as the facts carry it.
public struct DriverFact: Codable, Sendable, Equatable {
    /// The driver's id in the taxonomy (`delay`, `billing`, …).
    public var id: String
    /// Negative when any customer message mentions it negatively, else positive when any does
    /// positively, else neutral.
    public var polarity: SentimentLabel

    public init(id: String, polarity: SentimentLabel) {
        self.id = id
        self.polarity = polarity
    }
}
