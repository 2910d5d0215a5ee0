/// A QA analyst's conclusion about a flagged (or sampled) conversation.
public enum Verdict: String, Sendable, CaseIterable, Codable {
    /// The risk was real: the conversation was heading for (or reached) an escalation.
    case confirmed
    /// Temper flagged it, but nothing was wrong.
    case falseAlarm = "false_alarm"
    /// No escalation risk, but the agent needs coaching.
    case coachingNeeded = "coaching_needed"
}

/// One reviewer's rating of one item (a conversation) in a calibration session.
public struct Rating: Sendable, Equatable {
    public var item: String
    public var reviewer: String
    public var verdict: Verdict
    /// Rubric category id → points.
    public var scores: [String: Int]

    public init(item: String, reviewer: String, verdict: Verdict, scores: [String: Int]) {
        self.item = item
        self.reviewer = reviewer
        self.verdict = verdict
        self.scores = scores
    }
}
