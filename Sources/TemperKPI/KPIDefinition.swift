/// Which way a KPI should move; decides how targets are judged.
public enum KPIDirection: String, Codable, Sendable, CaseIterable {
    case higherIsBetter = "higher_is_better"
    case lowerIsBetter = "lower_is_better"
}

/// The unit a KPI value is expressed in. Rates are percentages (0–100) because that is how
/// managers write targets ("CSAT 85 %"); net scores are points from −100 to 100.
public enum KPIUnit: String, Codable, Sendable {
    case percent
    /// A net score from −100 to 100 (NPS, net sentiment).
    case points
    /// A mean on the KPI's own answer scale (sentiment −1…1, effort 1–7).
    case score
    case seconds
    case count
    case currency
}

/// What a KPI is and how it is computed, carried inside every scorecard so a reader never has to
/// guess what "approval rate" meant in the tool that produced it.
public struct KPIDefinition: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var unit: KPIUnit
    /// The formula in words, shown to readers of the scorecard.
    public var formula: String
    public var direction: KPIDirection
    /// Facts fields (JSON keys) the KPI needs.
    public var requires: [String]

    init(id: String, name: String, unit: KPIUnit, formula: String, direction: KPIDirection, requires: [String]) {
        self.id = id
        self.name = name
        self.unit = unit
        self.formula = formula
        self.direction = direction
        self.requires = requires
    }

    /// Whether median and p90 accompany the value.
    var isDuration: Bool { unit == .seconds }
}

/// The KPIs TemperKPI computes itself; the raw value is the KPI id.
enum BuiltInKPI: String, CaseIterable, Sendable {
    case approvalRate = "approval_rate"
    case netSentiment = "net_sentiment"
    case meanSentiment = "mean_sentiment"
    case escalationRiskRate = "escalation_risk_rate"
    case escalationRate = "escalation_rate"
    case csat
    case nps
    case ces
    case firstResponseTime = "first_response_time"
    case resolutionTime = "resolution_time"
    case conversationDuration = "conversation_duration"
    case handleTime = "handle_time"
    case fcr
    case abandonmentRate = "abandonment_rate"
    case volume
    case retentionRate = "retention_rate"
    case costPerContact = "cost_per_contact"

    var definition: KPIDefinition {
        let d = { (name: String, unit: KPIUnit, direction: KPIDirection, requires: [String], formula: String) in
            KPIDefinition(id: self.rawValue, name: name, unit: unit, formula: formula, direction: direction, requires: requires)
        }
        switch self {
        case .approvalRate:
            return d("Approval rate", .percent, .higherIsBetter, ["sentiment_label"],
                     "positive ÷ (positive + negative) conversations; neutral ones are left out")
        case .netSentiment:
            return d("Net sentiment", .points, .higherIsBetter, ["sentiment_label"],
                     "% positive − % negative conversations, over conversations with a sentiment label")
        case .meanSentiment:
            return d("Mean sentiment", .score, .higherIsBetter, ["sentiment_mean"],
                     "mean of per-conversation sentiment scores (−1…1)")
        case .escalationRiskRate:
            return d("Escalation-risk rate", .percent, .lowerIsBetter, ["flagged"],
                     "conversations flagged at risk of escalation ÷ conversations with a flag value")
        case .escalationRate:
            return d("Escalation rate", .percent, .lowerIsBetter, ["escalated"],
                     "escalated conversations ÷ conversations where escalation is known")
        case .csat:
            return d("CSAT", .percent, .higherIsBetter, ["csat"],
                     "% of 1–5 survey answers that are 4 or 5")
        case .nps:
            return d("NPS", .points, .higherIsBetter, ["nps"],
                     "% promoters (9–10) − % detractors (0–6) among 0–10 answers")
        case .ces:
            return d("Customer effort", .score, .higherIsBetter, ["ces"],
                     "mean CES 2.0 answer, 1–7 agreement that resolving the issue was easy (7 = easiest)")
        case .firstResponseTime:
            return d("First response time", .seconds, .lowerIsBetter, ["first_response_seconds"],
                     "mean seconds from first customer message to first agent reply (median and p90 alongside)")
        case .resolutionTime:
            return d("Resolution time", .seconds, .lowerIsBetter, ["resolution_seconds"],
                     "mean seconds from opening to resolution (median and p90 alongside)")
        case .conversationDuration:
            return d("Conversation duration", .seconds, .lowerIsBetter, ["started_at", "ended_at"],
                     "mean seconds from started_at to ended_at (for transcripts: first to last timestamped "
                        + "message), i.e. how long the conversation stayed open, customer waits and idle "
                        + "hours included; not agent working time (median and p90 alongside)")
        case .handleTime:
            // Message times cannot tell working time from waiting, so this KPI is never derived from them.
            return d("Handle time", .seconds, .lowerIsBetter, ["handle_seconds"],
                     "mean agent working seconds per conversation as the source system recorded them "
                        + "(handle_seconds: talk or chat time plus after-contact work); never derived from "
                        + "message times (median and p90 alongside)")
        case .fcr:
            return d("First-contact resolution", .percent, .higherIsBetter, ["first_contact_resolved"],
                     "conversations resolved on the first contact ÷ conversations where that is known "
                        + "(when not given: resolved with contacts = 1; unknown without a contact count)")
        case .abandonmentRate:
            return d("Abandonment rate", .percent, .lowerIsBetter, ["abandoned"],
                     "conversations the customer left before any agent reply ÷ conversations where that is known")
        case .volume:
            return d("Volume", .count, .lowerIsBetter, [],
                     "number of conversations (lower is better: fewer contacts needed)")
        case .retentionRate:
            return d("Customer retention", .percent, .higherIsBetter, ["customer", "started_at"],
                     "(E − N) ÷ S: S = customers active in the previous period, E = customers active in "
                        + "this period, N = those of E not active in the previous period; for the reported "
                        + "period against the one before it, or pooled over every pair of consecutive "
                        + "periods when the scorecard reports all the data")
        case .costPerContact:
            return d("Cost per contact", .currency, .lowerIsBetter, ["cost"],
                     "total cost ÷ total contacts, over conversations with a cost (contacts default to 1)")
        }
    }
}

extension KPIDefinition {
    /// Every built-in KPI, in the order scorecards list them.
    public static let builtIn: [KPIDefinition] = BuiltInKPI.allCases.map(\.definition)

    /// The built-in definition with this id, if any.
    public static func builtIn(id: String) -> KPIDefinition? {
        BuiltInKPI(rawValue: id)?.definition
    }
}
