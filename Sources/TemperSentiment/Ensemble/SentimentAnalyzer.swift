import TemperText

/// Everything a score needs that is loaded once and shared across threads: lexicons, the n-gram
/// model and the calibration.
public struct SentimentModel: Sendable {
    public let lexicon: Lexicon
    public let ngram: NGramModel
    public let calibrator: Calibrator

    public init(lexicon: Lexicon, ngram: NGramModel, calibrator: Calibrator) {
        self.lexicon = lexicon
        self.ngram = ngram
        self.calibrator = calibrator
    }

    /// Loads the shipped lexicons from `lexiconDirectory` (plus `extraLexicons`, later ones
    /// overriding), the n-gram model and its calibration.
    public static func load(lexiconDirectory: String, extraLexicons: [LexiconSpec] = [], modelPath: String, calibrationPath: String) throws -> SentimentModel {
        let tokenizer = try Tokenizer()
        let lexicon = try LexiconLoader.load(directory: lexiconDirectory, extra: extraLexicons, tokenizer: tokenizer)
        let ngram = try NGramModel.load(path: modelPath)
        let calibrator = try Calibrator.load(path: calibrationPath)
        return SentimentModel(lexicon: lexicon, ngram: ngram, calibrator: calibrator)
    }
}

/// The score of one message.
public struct SentimentResult: Sendable, Equatable {
    public var label: SentimentLabel
    public var negative: Float
    public var neutral: Float
    public var positive: Float
    /// P(positive) − P(negative): a calibrated score in [−1, 1].
    public var compound: Float
    /// The parts, for explanations and the ensemble's evaluation.
    public var lexicon: LexiconScore
    public var ngramLogit: Float

    public var probabilities: [Float] { [negative, neutral, positive] }
}

/// Scores messages: tokenize → lexicon rules + n-gram model → calibrated probabilities.
/// The decision rule is the most probable class. One analyzer per thread (it owns a tokenizer
/// and scratch buffers); the `SentimentModel` is shared.
public final class SentimentAnalyzer {
    public let model: SentimentModel
    public let mode: ScoringMode
    public let tokenizer: Tokenizer
    public let engine: RuleEngine
    /// The last message analyzed, tokenized (for explanations and evidence offsets).
    public private(set) var text = TokenizedText()
    private let rows: [SIMD16<Float>]

    public init(model: SentimentModel, mode: ScoringMode = .ensemble, tokenizerOptions: TokenizerOptions = TokenizerOptions()) throws {
        self.model = model
        self.mode = mode
        self.tokenizer = try Tokenizer(options: tokenizerOptions)
        self.engine = RuleEngine(lexicon: model.lexicon)
        self.rows = model.calibrator.rows(for: mode)
    }

    /// Scores one message. With `explain`, `engine.contributions` then lists the lexicon terms
    /// and rules behind the score.
    public func analyze(_ bytes: UnsafeBufferPointer<UInt8>, explain: Bool = false) -> SentimentResult {
        // Work on a local moved out of `text` (and moved back after): handing the stored property
        // to the scorers would copy it, a retain and release per array per message.
        var local = TokenizedText.empty
        swap(&local, &text)
        defer { swap(&local, &text) }
        tokenizer.tokenize(bytes, into: &local)
        return analyzeTokenized(local, explain: explain)
    }

    public func analyze(_ string: String, explain: Bool = false) -> SentimentResult {
        var copy = string
        return copy.withUTF8 { analyze($0, explain: explain) }
    }

    /// The ensemble features of the last analyzed message (for calibration).
    public private(set) var lastFeatures = EnsembleFeatures(lexicon: LexiconScore(), ngramLogit: 0, wordCount: 0, isAllCapsMessage: false)

    private func analyzeTokenized(_ text: TokenizedText, explain: Bool) -> SentimentResult {
        let lexiconScore = engine.score(text, explain: explain)
        let logit = mode == .lexicon ? 0 : model.ngram.logit(for: text)
        var words = 0
        for token in text.tokens where token.kind == .word { words += 1 }
        let featureVector = EnsembleFeatures(lexicon: lexiconScore, ngramLogit: logit, wordCount: words, isAllCapsMessage: text.isAllCaps)
        lastFeatures = featureVector
        let (negative, neutral, positive) = Calibrator.probabilities(featureVector, rows: rows)
        let label: SentimentLabel = negative >= neutral && negative >= positive ? .negative : (positive > neutral ? .positive : .neutral)
        return SentimentResult(label: label, negative: negative, neutral: neutral, positive: positive,
                               compound: positive - negative, lexicon: lexiconScore, ngramLogit: logit)
    }
}
