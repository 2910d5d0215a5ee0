import Foundation

/// What the risk model reads about a conversation. Every value is scaled to a few units so the
/// weights are comparable and one regularisation strength suits them all.
public struct RiskFeatures: Sendable, Equatable {
    public static let names = [
        "bias",
        "anger", "insult", "churn_threat", "legal_threat", "public_shaming", "manager_demand",
        "repeat_contact", "long_wait", "sentiment_drop", "agent_failure", "unanswered",
        "sentiment_mean", "sentiment_min", "sentiment_last", "sentiment_trend", "negative_share",
        "agent_regret_share", "customer_messages",
    ]
    static var count: Int { names.count }

    var values: [Double]

    init(values: [Double]) {
        precondition(values.count == Self.count, "RiskFeatures needs \(Self.count) values")
        self.values = values
    }

    /// Cue indicators are 0/1 (a second anger word says little more than the first); sentiment
    /// values are compound scores in −1…1 (0 when the customer wrote nothing); the trend is the
    /// least-squares slope per customer message, clipped to ±1; counts are log-scaled.
    init(cues: Set<CueCode>, sentiment: CustomerSentiment, agentRegretShare: Double) {
        var v = [Double](repeating: 0, count: Self.count)
        v[0] = 1
        let cueOrder: [CueCode] = [.anger, .insult, .churnThreat, .legalThreat, .publicShaming, .managerDemand,
                                   .repeatContact, .longWait, .sentimentDrop, .agentFailure, .unanswered]
        for (offset, code) in cueOrder.enumerated() where cues.contains(code) { v[1 + offset] = 1 }
        v[12] = sentiment.mean ?? 0
        v[13] = sentiment.min ?? 0
        v[14] = sentiment.last ?? 0
        v[15] = max(-1, min(1, sentiment.trend ?? 0))
        v[16] = sentiment.count > 0 ? Double(sentiment.negativeCount) / Double(sentiment.count) : 0
        v[17] = agentRegretShare
        v[18] = log1p(Double(sentiment.count)) / 3
        values = v
    }

    public subscript(name: String) -> Double {
        values[Self.names.firstIndex(of: name)!]
    }
}

public enum RiskLevel: String, Sendable, CaseIterable, Equatable {
    case low, medium, high
}

/// Escalation risk as a logistic model: `risk = 1 / (1 + exp(−w·x))` over `RiskFeatures`.
///
/// The weights are a documented combination of rules and data. Every weight starts from a
/// rule prior (`priorWeights`): explicit threats weigh most because each one, on its own, is
/// what a QA analyst would escalate for. `RiskModelTrainer` then fits the weights by
/// maximum a posteriori logistic regression on the training half of the labelled sets
/// (dialogue satisfaction, complaints; `HashSplit`), with a Gaussian prior around the rule
/// weights: features the data speaks to (sentiment, repeats, agent regret) move to what the
/// data says, while cues that never occur in those sets (legal threats, 1-star reviews) keep
/// their rule weight. `standard` holds the result, pasted from `temper flag --fit`.
public struct RiskModel: Sendable, Equatable {
    public var weights: [Double]
    /// How the weights were obtained, for `--explain`-style output and the benchmark notes.
    public var provenance: String

    /// At or above: a medium-risk conversation, worth a look when time allows (about one in
    /// four conversations like it escalates or ends dissatisfied).
    static let mediumThreshold = 0.25
    /// At or above: high risk, more likely than not to go wrong; review today.
    static let highThreshold = 0.5
    /// `flagged` means risk ≥ this unless `--threshold` says otherwise: the high-risk line.
    public static let defaultThreshold = highThreshold

    public init(weights: [Double], provenance: String) {
        precondition(weights.count == RiskFeatures.count, "RiskModel needs \(RiskFeatures.count) weights")
        self.weights = weights
        self.provenance = provenance
    }

    func logit(_ features: RiskFeatures) -> Double {
        var sum = 0.0
        for index in weights.indices { sum += weights[index] * features.values[index] }
        return sum
    }

    public func risk(_ features: RiskFeatures) -> Double {
        1 / (1 + exp(-logit(features)))
    }

    static func level(of risk: Double) -> RiskLevel {
        risk >= highThreshold ? .high : (risk >= mediumThreshold ? .medium : .low)
    }

    /// The rule weights (log-odds). Bias −2.2: a calm conversation starts near 10% risk. One
    /// legal threat (+3.4) or churn / shaming threat (+3.0) lifts a neutral conversation past
    /// the high threshold on its own; a manager demand (+2.6) nearly does; anger and insults
    /// (+1.4 / +1.6) need negative sentiment to get there. Repeat contact, waits and agent
    /// failure (+0.8…1.0) move a conversation up a level, not straight to high. Sentiment
    /// weights are negative because a lower (more negative) score means more risk.
    static let priorWeights: [Double] = [
        -2.2,
        1.4, 1.6, 3.0, 3.4, 3.0, 2.6,
        1.0, 0.8, 1.0, 0.9, 0.6,
        -1.2, -0.6, -0.8, -0.4, 0.6,
        0.0, 0.0,
    ]

    /// How strongly each weight is held to its prior (Gaussian prior precision, 1/σ²). The
    /// threat cues are held firmly (σ ≈ 0.7) because the evaluation sets hardly contain them,
    /// so the data should not be able to argue them away; the bias and the continuous
    /// features are held loosely (σ ≈ 3) so the data decides.
    static let priorPrecision: [Double] = [
        0.1,
        1, 1, 2, 2, 2, 2,
        1, 1, 1, 1, 1,
        0.1, 0.1, 0.1, 0.1, 0.1,
        0.1, 0.1,
    ]

    /// The shipped model. See `provenance`.
    public static let standard = RiskModel(weights: fittedWeights, provenance: fittedProvenance)

    /// Rules only, for comparison and for tests that must not depend on fitted numbers.
    public static let rules = RiskModel(weights: priorWeights, provenance: "rule priors only")
}
