/// The small feature vector the calibrated classifier reads: what the lexicon rules and the
/// n-gram model said about a message, plus a few shape cues that separate neutral from polar text.
///
/// With a model that has social heads the features come twice: once weighted by 1 − g and once
/// by g, where g = σ(social head) is how much the text reads like a tweet. One linear
/// calibration over both is a mixture of two calibrations — the review one, which decides where
/// g ≈ 0 (reviews, support messages), and the social one, which decides where g ≈ 1 — fitted
/// together, so tweets cannot pull the weights reviews are read with. Without social heads g = 0
/// and the second copy is all zeros.
public struct EnsembleFeatures: Sendable, Equatable {
    /// One copy's features sit in the first `baseCount` lanes of one SIMD vector; the rest stay
    /// 0. The two copies are never built: a class's score is (1 − g)·(base · review row) +
    /// g·(base · social row), the same number as the dot product over both copies.
    public typealias Vector = SIMD32<Float>
    /// The features of one copy.
    public static let baseNames = [
        "bias", "lexicon_compound", "lexicon_positive", "lexicon_negative", "lexicon_terms",
        "ngram_logit", "ngram_confidence", "question", "exclamation", "length", "all_caps_message",
        "agreement", "ngram_logit_x_length", "lexicon_compound_x_length",
        "ngram_logit_x_confidence", "lexicon_compound_x_confidence",
        "ngram_neutral_logit", "ngram_neutral_x_length", "social_markup",
        "social_polarity_logit", "social_polarity_x_confidence",
    ]
    static let baseCount = 21
    public static let count = 2 * baseCount
    /// The review copy's names, then the social copy's (prefixed "social:").
    public static let names = baseNames + baseNames.map { "social:" + $0 }

    /// Which features each mode may use (the rest are zeroed), so each mode gets its own fair
    /// calibration on the same data.
    public static func mask(for mode: ScoringMode) -> [Float] {
        let lexicon: Set = ["bias", "lexicon_compound", "lexicon_positive", "lexicon_negative", "lexicon_terms", "question", "exclamation", "length", "all_caps_message", "lexicon_compound_x_length", "lexicon_compound_x_confidence", "social_markup"]
        let ngram: Set = ["bias", "ngram_logit", "ngram_confidence", "question", "exclamation", "length", "all_caps_message", "ngram_logit_x_length", "ngram_logit_x_confidence", "ngram_neutral_logit", "ngram_neutral_x_length", "social_markup",
                          "social_polarity_logit", "social_polarity_x_confidence"]
        return names.enumerated().map { index, name in
            let base = baseNames[index % baseCount]
            switch mode {
            case .ensemble: return 1
            // The gate comes from the n-gram model: the lexicon mode reads the review copy only.
            case .lexicon: return index < baseCount && lexicon.contains(base) ? 1 : 0
            case .ngram: return ngram.contains(base) ? 1 : 0
            }
        }
    }

    /// One copy's features in the first `baseCount` lanes of a SIMD vector: a dot product is one
    /// multiply and one horizontal sum.
    public var base: Vector
    /// g: how much the text reads like a tweet (0 without social heads).
    public var socialGate: Float

    /// Feature `index` of the `count` (both copies).
    @inline(__always)
    public func value(_ index: Int) -> Float {
        index < Self.baseCount ? base[index] * (1 - socialGate) : base[index - Self.baseCount] * socialGate
    }

    /// Words counted by the length feature; longer messages count as this long.
    static let lengthCap = 128

    /// Scales keep every feature within a few units so one learning rate suits them all.
    ///
    /// `ngramNeutralLogit` is the n-gram model's neutral head (0 for a model without one);
    /// `hasSocialMarkup` says the message has a mention, hashtag or URL (tweets are neutral far
    /// more often than reviews, and these marks tell the two apart). `socialPolarityLogit` is the
    /// social-media polarity head (trained on tweets) and `socialGate` σ(the social head's
    /// logit) (0 without social heads).
    public init(lexicon: LexiconScore, ngramLogit: Float, wordCount: Int, isAllCapsMessage: Bool,
                ngramNeutralLogit: Float = 0, hasSocialMarkup: Bool = false,
                socialPolarityLogit: Float = 0, socialGate: Float = 0) {
        let logit = max(-12, min(12, ngramLogit)) / 4
        var base = Vector(repeating: 0)
        base[0] = 1
        base[1] = lexicon.compound
        base[2] = min(lexicon.positive, 12) / 4
        base[3] = min(lexicon.negative, 12) / 4
        base[4] = log1pOfCount(lexicon.termCount)
        base[5] = logit
        base[6] = abs(logit)
        base[7] = lexicon.isQuestion ? 1 : 0
        base[8] = lexicon.exclamations > 0 ? 1 : 0
        // Length counts up to a long review's: beyond, more of the same text is no new evidence
        // (as for the n-gram logit, averaged beyond `NGramModel.evidenceFeatures`).
        base[9] = log1pOfCount(min(wordCount, Self.lengthCap)) / 3
        base[10] = isAllCapsMessage ? 1 : 0
        // When rules and model agree, either is more believable; when they disagree, neither is.
        base[11] = lexicon.compound * logit
        // Long, review-like texts give the n-gram model more to go on; short support messages
        // lean on the lexicon. These let the calibration weigh each by length.
        base[12] = logit * base[9]
        base[13] = lexicon.compound * base[9]
        // A confident score is worth more than its size says: lets either side overrule the other.
        base[14] = logit * abs(logit)
        base[15] = lexicon.compound * abs(lexicon.compound)
        // The neutral head: how much the text reads like the neutral tweets and 3★ reviews it
        // learned from; like the polarity logit, more believable on longer texts.
        let neutral = max(-12, min(12, ngramNeutralLogit)) / 4
        base[16] = neutral
        base[17] = neutral * base[9]
        base[18] = hasSocialMarkup ? 1 : 0
        let social = max(-12, min(12, socialPolarityLogit)) / 4
        base[19] = social
        base[20] = social * abs(social)
        self.base = base
        self.socialGate = socialGate
    }

    public var array: [Float] { (0..<Self.count).map { value($0) } }

    /// The three classes' scores under `weights`: per feature, one multiply-add of its value
    /// into all six class rows at once (review and social), then the gate mixes the two.
    @inline(__always)
    func scores(_ weights: CalibrationWeights) -> (Float, Float, Float) {
        var sums = SIMD8<Float>.zero
        weights.columns.withUnsafeBufferPointer { columns in
            for feature in 0..<Self.baseCount { sums += base[feature] * columns[feature] }
        }
        let review = SIMD4(sums[0], sums[1], sums[2], 0)
        guard socialGate != 0 else { return (review[0], review[1], review[2]) }
        let mixed = review + socialGate * (SIMD4(sums[4], sums[5], sums[6], 0) - review)
        return (mixed[0], mixed[1], mixed[2])
    }
}

/// A mode's calibration weights laid out for scoring: per base feature, its weights in the
/// three classes' review rows (lanes 0–2) and social rows (lanes 4–6).
public struct CalibrationWeights: Sendable {
    let columns: [SIMD8<Float>]

    /// From a row-major weight list (3 × `EnsembleFeatures.count`; shorter lists pad with 0).
    init(_ weights: [Float]) {
        let count = EnsembleFeatures.count, baseCount = EnsembleFeatures.baseCount
        columns = (0..<baseCount).map { feature in
            var column = SIMD8<Float>.zero
            for row in 0..<3 {
                let review = row * count + feature
                let social = row * count + baseCount + feature
                if review < weights.count { column[row] = weights[review] }
                if social < weights.count { column[4 + row] = weights[social] }
            }
            return column
        }
    }
}

@inline(__always)
func log1pf(_ x: Float) -> Float {
    Float(log1p(Double(x)))
}

/// `log1pf` of small counts, computed once: two of the features are logs of per-message counts,
/// and a libm call per message for each showed in the scoring profile. Same values either way.
private let smallCountLogs: [Float] = (0..<256).map { log1pf(Float($0)) }

@inline(__always)
func log1pOfCount(_ count: Int) -> Float {
    count >= 0 && count < smallCountLogs.count ? smallCountLogs[count] : log1pf(Float(count))
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
