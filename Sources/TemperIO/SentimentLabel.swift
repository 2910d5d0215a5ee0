/// The three sentiment classes — one type for the sentiment model, conversations and the KPI
/// model alike, so a label never needs translating between them. Neutral is a real class:
/// factual questions, greetings, order numbers and requests carry no feeling either way.
///
/// Written as its name (`"negative"`, …) in every JSON Temper reads or writes.
public enum SentimentLabel: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case negative
    case neutral
    case positive

    public var description: String { rawValue }

    /// The class's place in a probability triple (negative, neutral, positive).
    public var index: Int {
        switch self {
        case .negative: 0
        case .neutral: 1
        case .positive: 2
        }
    }

    public init?(name: String) {
        self.init(rawValue: name)
    }

    /// The decision rule everywhere Temper labels: the most probable class. Ties go to negative
    /// over the others, then positive over neutral — a tie is rare, and a missed complaint costs
    /// more than a missed compliment.
    public static func mostProbable<T: Comparable>(negative: T, neutral: T, positive: T) -> SentimentLabel {
        negative >= neutral && negative >= positive ? .negative : (positive > neutral ? .positive : .neutral)
    }
}
