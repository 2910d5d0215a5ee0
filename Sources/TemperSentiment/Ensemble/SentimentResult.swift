import TemperIO

/// The score of one message: calibrated class probabilities, the label and compound score
/// derived from them, and what each part of the ensemble said.
public struct SentimentResult: Sendable, Equatable {
    /// The most probable class.
    public var label: SentimentLabel
    /// P(negative), P(neutral), P(positive): calibrated, they sum to 1.
    public var negative: Float
    public var neutral: Float
    public var positive: Float
    /// P(positive) − P(negative): a calibrated score in [−1, 1].
    public var compound: Float
    /// What the lexicon rules found (their own compound, sums, message-level rules).
    public var lexicon: LexiconScore
    /// What the n-gram model said: its logit, positive for positive text (0 in `.lexicon` mode).
    public var ngramLogit: Float
    /// Why the message got this score: set by `SentimentAnalyzer.analyze(_:explain:)` with
    /// `explain: true`, `nil` otherwise.
    public var explanation: SentimentExplanation?

    public var probabilities: [Float] { [negative, neutral, positive] }
}

/// Why a message got its score: every lexicon term that carried a valence, where it stands in
/// the message and which rules changed it, and what each part of the ensemble said.
///
/// ```swift
/// let result = analyzer.analyze("The agent was nice but my order is STILL not fixed", explain: true)
/// for term in result.explanation?.terms ?? [] {
///     print(term.text, term.byteRange, term.baseValence, term.valence, term.rules.names)
/// }
/// ```
public struct SentimentExplanation: Sendable, Equatable {
    /// The lexicon terms that carried a valence, in message order.
    public var terms: [Contribution]
    /// Rules that acted on the message as a whole (`exclamation`), not on one term.
    public var rules: SentimentRule
    /// The lexicon rules' verdict: their compound score, sum / √(sum² + 15), in (−1, 1).
    public var lexiconCompound: Float
    /// The n-gram model's verdict: its logit, positive for positive text (0 in `.lexicon` mode).
    public var ngramLogit: Float

    public init(terms: [Contribution], rules: SentimentRule, lexiconCompound: Float, ngramLogit: Float) {
        self.terms = terms
        self.rules = rules
        self.lexiconCompound = lexiconCompound
        self.ngramLogit = ngramLogit
    }
}
