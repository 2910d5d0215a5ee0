// CONTRACT SKELETON — the store branch fills in every `fatalError` below. Names and
// signatures are the agreed seam between TemperStore and TemperServer; change them only
// together.

/// A QA analyst's conclusion about a flagged (or sampled) conversation.
public enum Verdict: String, Sendable, CaseIterable, Codable {
    /// The risk was real: the conversation was heading for (or reached) an escalation.
    case confirmed
    /// Temper flagged it, but nothing was wrong.
    case falseAlarm = "false_alarm"
    /// No escalation risk, but the agent needs coaching.
    case coachingNeeded = "coaching_needed"
}

/// A QA rubric, read from YAML (`corpora/qa-rubric.yaml` is the shipped one).
///
/// ```yaml
/// name: Support QA
/// categories:
///   - id: empathy
///     label: Empathy
///     description: Acknowledged the customer's feelings.
///     scale: [0, 1, 2, 3, 4]      # allowed points, ascending
///     weight: 2
///   - id: compliance
///     label: Compliance
///     scale: [0, 1]
///     weight: 1
///     critical: true              # a 0 here zeroes the whole score
/// ```
public struct Rubric: Sendable, Equatable {
    public struct Category: Sendable, Equatable {
        public var id: String
        public var label: String
        public var description: String?
        public var scale: [Int]
        public var weight: Double
        public var critical: Bool
    }
    public var name: String
    public var categories: [Category]

    /// Parses and validates (unique ids, non-empty ascending scales, positive weights).
    /// Errors name the file, line and problem.
    public init(yaml: String, path: String) throws { fatalError("contract") }
    public init(contentsOf path: String) throws { fatalError("contract") }

    /// Weighted score 0–100: each category's points over its maximum, weighted; a critical
    /// category at its lowest point makes the score 0. Missing categories are left out of
    /// the weighting. Throws for unknown categories or points off the scale.
    public func score(_ points: [String: Int]) throws -> Double { fatalError("contract") }
}

/// Inter-rater agreement.
public enum Agreement {
    /// Cohen's kappa for two raters' labels of the same items (nil when undefined).
    public static func cohensKappa<Label: Hashable>(_ a: [Label], _ b: [Label]) -> Double? { fatalError("contract") }
    /// Fleiss' kappa: one row per item, each the labels given by its raters (same count per item).
    public static func fleissKappa<Label: Hashable>(_ ratings: [[Label]]) -> Double? { fatalError("contract") }
}

/// One reviewer's rating of one item (a conversation) in a calibration session.
public struct Rating: Sendable, Equatable {
    public var item: String
    public var reviewer: String
    public var verdict: Verdict
    public var scores: [String: Int]
    public init(item: String, reviewer: String, verdict: Verdict, scores: [String: Int]) {
        self.item = item; self.reviewer = reviewer; self.verdict = verdict; self.scores = scores
    }
}

/// How far a calibration session's reviewers agree: on the verdict and on each rubric
/// category, Cohen's kappa for two reviewers and Fleiss' kappa for more, over the items every
/// reviewer rated; and the items where they differ.
public struct CalibrationReport: Sendable, Equatable {
    public struct Dimension: Sendable, Equatable {
        /// "verdict" or a rubric category id.
        public var id: String
        public var label: String
        public var kappa: Double?
        /// "cohen" or "fleiss".
        public var method: String
        /// Items every reviewer rated on this dimension.
        public var items: Int
    }
    public struct Disagreement: Sendable, Equatable {
        public var item: String
        public var dimension: String
        /// Reviewer → the value they gave (verdict raw value or points).
        public var values: [String: String]
    }
    public var reviewers: [String]
    public var dimensions: [Dimension]
    public var disagreements: [Disagreement]

    public init(ratings: [Rating], rubric: Rubric) { fatalError("contract") }
}
