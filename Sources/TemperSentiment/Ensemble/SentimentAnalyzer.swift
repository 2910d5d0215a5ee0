import TemperIO
import TemperText

/// Scores customer messages: calibrated negative / neutral / positive probabilities, a label and
/// a compound score in [−1, 1], from Temper's lexicon rules and n-gram model combined by a
/// calibrated ensemble.
///
/// ```swift
/// let analyzer = try SentimentAnalyzer()
/// let result = analyzer.analyze("still waiting on my refund")
/// print(result.label, result.compound)    // negative, below zero
/// ```
///
/// `analyze(_:explain: true)` also returns the terms and rules behind the score in
/// ``SentimentResult/explanation``.
///
/// ## Thread safety
///
/// An analyzer is not thread-safe: it owns a tokenizer and scratch buffers that every call
/// reuses, which is what keeps scoring free of allocations. Use one analyzer per thread or task;
/// the type is not `Sendable`, so the compiler rejects sharing one across concurrency domains.
/// What is costly to load, the ``SentimentModel``, is `Sendable`: load it once, share it, and
/// give each thread its own analyzer made from it.
public final class SentimentAnalyzer {
    public let model: SentimentModel
    public let mode: ScoringMode
    public let tokenizer: Tokenizer
    public let engine: RuleEngine
    /// The last message analyzed, tokenized (for callers that also look at its tokens, such as
    /// escalation cues). Valid until the next call.
    public private(set) var text = TokenizedText()
    private let rows: CalibrationWeights

    /// An analyzer over `model` (creating one reads no files).
    public init(model: SentimentModel, mode: ScoringMode = .ensemble, tokenizerOptions: TokenizerOptions = TokenizerOptions()) throws {
        self.model = model
        self.mode = mode
        self.tokenizer = try Tokenizer(options: tokenizerOptions)
        self.engine = RuleEngine(lexicon: model.lexicon)
        self.rows = model.calibrator.rows(for: mode)
    }

    /// An analyzer over the lexicons and model that ship with Temper (`SentimentModel.shipped`,
    /// loaded on first use and shared by every analyzer).
    public convenience init(mode: ScoringMode = .ensemble) throws {
        try self.init(model: SentimentModel.shipped, mode: mode)
    }

    /// Scores one message, given as UTF-8 bytes (invalid bytes read as U+FFFD; see
    /// `text.replacedByteCount`). With `explain`, the result carries its explanation; without
    /// it, scoring allocates nothing once the scratch buffers have grown to the longest message.
    public func analyze(_ bytes: UnsafeBufferPointer<UInt8>, explain: Bool = false) -> SentimentResult {
        // Work on a local moved out of `text` (and moved back after): handing the stored property
        // to the scorers would copy it, a retain and release per array per message.
        var local = TokenizedText.empty
        swap(&local, &text)
        defer { swap(&local, &text) }
        tokenizer.tokenize(bytes, into: &local)
        return analyzeTokenized(local, explain: explain)
    }

    /// Scores one message and finds `detector`'s drivers in it (into `hits`, cleared first), on
    /// the same tokens: `detector.detect(analyzer.text, into:)` after `analyze` does the same, but
    /// reading `text` from outside copies it (a retain and release of each of its arrays).
    public func analyze(_ bytes: UnsafeBufferPointer<UInt8>, explain: Bool = false, drivers detector: DriverDetector,
                        into hits: inout [DriverHit]) -> SentimentResult {
        var local = TokenizedText.empty
        swap(&local, &text)
        defer { swap(&local, &text) }
        tokenizer.tokenize(bytes, into: &local)
        let result = analyzeTokenized(local, explain: explain)
        detector.detect(local, into: &hits)
        return result
    }

    /// The last message analyzed as bytes (`text.source`), without copying the rest of `text`.
    public var source: [UInt8] { text.source }

    /// Calls `body` with the last message analyzed as bytes (`text.source`), without a copy or a
    /// reference to them; the pointer is valid only inside `body`.
    public func withSource(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        text.source.withUnsafeBufferPointer(body)
    }

    /// Scores one message. With `explain`, the result carries its explanation.
    public func analyze(_ string: String, explain: Bool = false) -> SentimentResult {
        var copy = string
        return copy.withUTF8 { analyze($0, explain: explain) }
    }

    /// The ensemble features of the last analyzed message (for calibration).
    public private(set) var lastFeatures = EnsembleFeatures(lexicon: LexiconScore(), ngramLogit: 0, wordCount: 0, isAllCapsMessage: false)

    private func analyzeTokenized(_ text: TokenizedText, explain: Bool) -> SentimentResult {
        guard explain else { return score(text, lexicon: engine.score(text)) }
        let (lexiconScore, contributions) = engine.explain(text)
        var result = score(text, lexicon: lexiconScore)
        result.explanation = SentimentExplanation(terms: contributions, rules: lexiconScore.rules,
                                                  lexiconCompound: lexiconScore.compound, ngramLogit: result.ngramLogit)
        return result
    }

    /// The rest of the ensemble, given what the lexicon rules said.
    @inline(__always)
    private func score(_ text: TokenizedText, lexicon lexiconScore: LexiconScore) -> SentimentResult {
        var logits = mode == .lexicon ? NGramLogits(.zero) : model.ngram.logits(for: text)
        // The n-gram model reads praise words literally; where the sarcasm rule found praise
        // aimed at a failure, that literal reading is exactly what is wrong, so it may not
        // argue for positive (it may still say negative). The same for the social expert.
        if lexiconScore.rules.contains(.sarcasm) {
            logits.values[NGramHead.polarity.rawValue] = min(logits.polarity, 0)
            logits.values[NGramHead.socialPolarity.rawValue] = min(logits.socialPolarity, 0)
        }
        // Inside an idiom the n-gram model reads the words ("bad" in "it isn't a bad idea"); where
        // an idiom agrees with the whole message's lexicon reading, the model may not argue the
        // other way.
        if lexiconScore.rules.contains(.idiom) {
            let positive = lexiconScore.compound > 0
            let polarity = logits.polarity, social = logits.socialPolarity
            logits.values[NGramHead.polarity.rawValue] = positive ? max(polarity, 0) : min(polarity, 0)
            logits.values[NGramHead.socialPolarity.rawValue] = positive ? max(social, 0) : min(social, 0)
        }
        // Where a problem word was what got resolved and the message reads positive, the n-gram
        // model's literal reading of "problem" or "error" may not argue for negative.
        if lexiconScore.rules.contains(.resolvedProblem), lexiconScore.compound > 0 {
            logits.values[NGramHead.polarity.rawValue] = max(logits.polarity, 0)
            logits.values[NGramHead.socialPolarity.rawValue] = max(logits.socialPolarity, 0)
        }
        let logit = logits.polarity
        let socialGate = mode != .lexicon && model.ngram.hasSocialHeads ? NGramModel.sigmoid(logits.social) : 0
        var words = 0
        var socialMarkup = false
        for token in text.tokens {
            switch token.kind {
            case .word: words += 1
            case .mention, .hashtag, .url: socialMarkup = true
            default: break
            }
        }
        let featureVector = EnsembleFeatures(lexicon: lexiconScore, ngramLogit: logit, wordCount: words, isAllCapsMessage: text.isAllCaps,
                                             ngramNeutralLogit: logits.neutral, hasSocialMarkup: socialMarkup,
                                             socialPolarityLogit: logits.socialPolarity, socialGate: socialGate)
        lastFeatures = featureVector
        let (negative, neutral, positive) = Calibrator.probabilities(featureVector, rows: rows)
        let label = SentimentLabel.mostProbable(negative: negative, neutral: neutral, positive: positive)
        return SentimentResult(label: label, negative: negative, neutral: neutral, positive: positive,
                               compound: positive - negative, lexicon: lexiconScore, ngramLogit: logit, explanation: nil)
    }
}

@available(*, unavailable, message: "an analyzer reuses its tokenizer and scratch buffers on every call: create one per thread and share the SentimentModel")
extension SentimentAnalyzer: Sendable {}
