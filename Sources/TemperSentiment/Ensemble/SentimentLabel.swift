import TemperIO

/// Which evidence a score uses. `ensemble` is the product; the others exist to show what each
/// part contributes (`temper eval --mode`).
public enum ScoringMode: String, Sendable, CaseIterable, Codable {
    case ensemble
    case lexicon
    case ngram
}
