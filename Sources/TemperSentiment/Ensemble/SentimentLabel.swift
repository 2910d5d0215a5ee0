/// The three sentiment classes. Neutral is a real class: factual questions, greetings, order
/// numbers and requests carry no feeling either way.
public enum SentimentLabel: Int, Sendable, CaseIterable, CustomStringConvertible, Codable {
    case negative = 0
    case neutral = 1
    case positive = 2

    public var description: String {
        switch self {
        case .negative: "negative"
        case .neutral: "neutral"
        case .positive: "positive"
        }
    }

    public init?(name: String) {
        switch name {
        case "negative": self = .negative
        case "neutral": self = .neutral
        case "positive": self = .positive
        default: return nil
        }
    }
}

/// Which evidence a score uses. `ensemble` is the product; the others exist to show what each
/// part contributes (`temper eval --mode`).
public enum ScoringMode: String, Sendable, CaseIterable, Codable {
    case ensemble
    case lexicon
    case ngram
}
