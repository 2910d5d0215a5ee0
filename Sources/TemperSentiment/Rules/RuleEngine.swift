import TemperText

/// One lexicon term's part in a score, for explanations.
public struct Contribution: Sendable, Equatable {
    /// Token indices the term covers.
    public var tokens: Range<Int>
    /// The term as the lexicon has it ("still not fixed").
    public var termHash: UInt64
    public var isPhrase: Bool
    public var baseValence: Float
    public var valence: Float
    public var rules: SentimentRule
}

/// What the lexicon scorer found in a message.
public struct LexiconScore: Sendable, Equatable {
    /// Sum of the final valences (plus exclamation emphasis).
    public var sum: Float = 0
    /// Sum of positive valences and of negative magnitudes, kept apart for the ensemble.
    public var positive: Float = 0
    public var negative: Float = 0
    /// How many lexicon terms carried a valence.
    public var termCount = 0
    public var compound: Float = 0
    public var isQuestion = false
    public var exclamations = 0
    /// Message-level rules (exclamation).
    public var rules: SentimentRule = []

    public init() {}
}

/// VADER-style rule scorer over Temper tokens and lexicons: named rules, explained constants.
/// Not thread-safe (scratch buffers): one per thread; the lexicon is shared.
public final class RuleEngine {
    public let lexicon: Lexicon
    private var scorer: RuleScorer

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        scorer = RuleScorer(lexicon: lexicon)
    }

    /// Every term's part in the last score made with `explain: true`.
    public var contributions: [Contribution] { scorer.contributions }

    /// Scores `text`. With `explain`, `contributions` lists every term's part in the score.
    public func score(_ text: TokenizedText, explain: Bool = false) -> LexiconScore {
        // One mutating call: the scratch buffers are then plain inout state, so the loops inside
        // pay no dynamic exclusivity checks.
        scorer.score(text, explain: explain)
    }

    /// The term text for a contribution (for explanations).
    public func termText(_ contribution: Contribution, in text: TokenizedText) -> String {
        lexicon.text(ofHash: contribution.termHash)
            ?? contribution.tokens.map { text.normalizedText(of: text.tokens[$0]) }.joined(separator: " ")
    }
}

/// The rule scorer's state and logic, as a value type owned by one `RuleEngine`.
struct RuleScorer {
    let lexicon: Lexicon
    private var hashes: [UInt64] = []
    private var units: [Unit] = []
    private var collapsed: [UInt8] = []
    private var valences = ContiguousArray<Float>()
    private var rules = ContiguousArray<SentimentRule>()
    private(set) var contributions: [Contribution] = []
    private let subordinatorHashes: Set<UInt64>

    private enum UnitKind: UInt8 { case term, plain, comma, sentenceEnd, question, exclamation }

    /// One unit per scored token or phrase, rebuilt for every message. Fields are ordered and
    /// token indices kept as Int32 so a unit takes 48 bytes, not 64 (the scoring passes walk them).
    private struct Unit {
        var hash: UInt64
        var info: TermInfo?
        private var first: Int32
        private var end: Int32
        var baseRule: SentimentRule
        var emphasis: SentimentRule
        /// Exclamation marks in a punctuation run.
        private var exclamationMarks: Int32
        var kind: UnitKind
        var isPhrase: Bool

        init(kind: UnitKind, tokens: Range<Int>, hash: UInt64, info: TermInfo?, isPhrase: Bool, baseRule: SentimentRule,
             emphasis: SentimentRule, marks: Int = 0) {
            self.hash = hash
            self.info = info
            first = Int32(tokens.lowerBound)
            end = Int32(tokens.upperBound)
            self.baseRule = baseRule
            self.emphasis = emphasis
            exclamationMarks = Int32(clamping: marks)
            self.kind = kind
            self.isPhrase = isPhrase
        }

        var tokens: Range<Int> { Int(first)..<Int(end) }
        var marks: Int { Int(exclamationMarks) }
    }

    init(lexicon: Lexicon) {
        self.lexicon = lexicon
        // Keyed like units: a word's hash, or a phrase's chained word hashes.
        subordinatorHashes = Set(RuleConstants.subordinators.map { term in
            let words = term.split(separator: " ").map { TokenHash.hash(Array($0.utf8)) }
            return words.dropFirst().reduce(words[0]) { TokenHash.combine($0, $1) }
        })
        hashes.reserveCapacity(64)
        units.reserveCapacity(64)
    }

    mutating func score(_ text: TokenizedText, explain: Bool) -> LexiconScore {
        buildUnits(text)
        var score = LexiconScore()
        // Pass 1: per-term valence with word-level rules.
        var valences = self.valences
        var rules = self.rules
        self.valences = []
        self.rules = []
        defer {
            self.valences = valences
            self.rules = rules
        }
        valences.removeAll(keepingCapacity: true)
        rules.removeAll(keepingCapacity: true)
        valences.append(contentsOf: repeatElement(0, count: units.count))
        rules.append(contentsOf: repeatElement([], count: units.count))
        for index in units.indices {
            let unit = units[index]
            guard unit.kind == .term, let base = unit.info?.valence, base != 0 else { continue }
            var valence = base
            let sign: Float = base > 0 ? 1 : -1
            var applied = unit.baseRule
            if unit.emphasis.contains(.allCaps) {
                valence += sign * RuleConstants.allCapsBoost
                applied.insert(.allCaps)
            }
            if unit.emphasis.contains(.elongation) {
                valence += sign * RuleConstants.elongationBoost
                applied.insert(.elongation)
            }
            var negated = false
            var distance = 1
            var cursor = index - 1
            while cursor >= 0, distance <= RuleConstants.modifierReach {
                let before = units[cursor]
                if before.kind != .term && before.kind != .plain { break }
                if let modifier = before.info?.modifier {
                    let decay = RuleConstants.modifierDecay[distance - 1]
                    switch modifier {
                    case .intensifier:
                        valence += sign * before.info!.weight * decay
                        if before.emphasis.contains(.allCaps) { valence += sign * RuleConstants.allCapsBoost * 0.5 }
                        applied.insert(.intensifier)
                    case .dampener:
                        valence += sign * min(before.info!.weight, -before.info!.weight) * decay
                        applied.insert(.dampener)
                    case .negator:
                        negated = true
                    case .contrast:
                        break
                    }
                    if modifier == .contrast { break }
                }
                cursor -= 1
                distance += 1
            }
            // A dampener never flips the sign on its own.
            if (valence > 0) != (base > 0) { valence = 0 }
            if negated {
                valence *= RuleConstants.negationScalar
                applied.insert(.negation)
            }
            valences[index] = valence
            rules[index] = applied
        }
        applyContrast(&valences, &rules)
        applyQuestions(&valences, &rules, &score)
        for index in units.indices where valences[index] != 0 {
            let value = valences[index]
            score.sum += value
            if value > 0 { score.positive += value } else { score.negative -= value }
            score.termCount += 1
        }
        let exclamations = min(score.exclamations, RuleConstants.maxExclamations)
        if exclamations > 0, score.sum != 0 {
            score.sum += (score.sum > 0 ? 1 : -1) * Float(exclamations) * RuleConstants.exclamationBoost
            score.rules.insert(.exclamation)
        }
        score.compound = score.sum / (score.sum * score.sum + RuleConstants.compoundAlpha).squareRoot()
        contributions.removeAll(keepingCapacity: true)
        if explain {
            for index in units.indices where units[index].kind == .term {
                let unit = units[index]
                guard let base = unit.info?.valence, base != 0 else { continue }
                contributions.append(Contribution(tokens: unit.tokens, termHash: unit.hash, isPhrase: unit.isPhrase,
                                                          baseValence: base, valence: valences[index], rules: rules[index]))
            }
        }
        return score
    }

    // MARK: - Units

    private mutating func buildUnits(_ text: TokenizedText) {
        hashes.removeAll(keepingCapacity: true)
        units.removeAll(keepingCapacity: true)
        // Zero-fill then write in place: one tight loop, no per-element append checks.
        hashes.append(contentsOf: repeatElement(0, count: text.tokens.count))
        hashes.withUnsafeMutableBufferPointer { hashes in
            text.tokens.withUnsafeBufferPointer { tokens in
                for index in tokens.indices { hashes[index] = tokens[index].hash }  // same count
            }
        }
        let tokens = text.tokens
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .punctuation:
                let first = text.normalized[Int(token.normStart)]
                let kind: UnitKind
                switch first {
                case UInt8(ascii: "?"): kind = text.normalized[token.normRange].contains(UInt8(ascii: "!")) ? .exclamation : .question
                case UInt8(ascii: "!"): kind = .exclamation
                case UInt8(ascii: "."), UInt8(ascii: ";"): kind = .sentenceEnd
                case UInt8(ascii: ","), UInt8(ascii: ":"): kind = .comma
                default: kind = .plain
                }
                if kind == .plain { index += 1; continue }
                // A run of n marks has n exclamation marks unless it mixes in "?".
                let marks = kind == .exclamation ? Self.exclamationMarks(in: text, token) : 0
                units.append(Unit(kind: kind, tokens: index..<index + 1, hash: 0, info: nil, isPhrase: false, baseRule: [], emphasis: [], marks: marks))
                index += 1
            case .word, .emoji, .emoticon, .hashtag:
                if let phrase = lexicon.longestPhrase(at: index, in: hashes, usable: { Self.isPhraseToken(tokens[$0]) }) {
                    let end = index + phrase.length
                    units.append(Unit(kind: .term, tokens: index..<end, hash: phrase.key, info: phrase.info,
                                      isPhrase: true, baseRule: .phrase, emphasis: Self.emphasis(tokens, index..<end)))
                    index = end
                    continue
                }
                let hash = lookupHash(text, index)
                let rule: SentimentRule = switch token.kind {
                case .emoji: .emoji
                case .emoticon: .emoticon
                case .hashtag: .hashtag
                default: .lexiconWord
                }
                units.append(Unit(kind: .term, tokens: index..<index + 1, hash: hash.hash, info: hash.info, isPhrase: false,
                                  baseRule: rule, emphasis: Self.emphasis(tokens, index..<index + 1)))
                index += 1
            case .symbol:
                index += 1
            default:
                units.append(Unit(kind: .plain, tokens: index..<index + 1, hash: 0, info: nil, isPhrase: false, baseRule: [], emphasis: []))
                index += 1
            }
        }
    }

    private static func isPhraseToken(_ token: Token) -> Bool {
        token.kind == .word || token.kind == .emoji || token.kind == .emoticon
    }

    private static func emphasis(_ tokens: [Token], _ range: Range<Int>) -> SentimentRule {
        var emphasis: SentimentRule = []
        for index in range {
            let flags = tokens[index].flags
            if flags.contains(.allCaps) { emphasis.insert(.allCaps) }
            if flags.contains(.elongated) { emphasis.insert(.elongation) }
        }
        return emphasis
    }

    private static func exclamationMarks(in text: TokenizedText, _ token: Token) -> Int {
        text.normalized.withUnsafeBufferPointer { all in
            var marks = 0
            for byte in UnsafeBufferPointer(rebasing: all[token.normRange]) where byte == UInt8(ascii: "!") { marks += 1 }
            return marks
        }
    }

    /// Looks a token up; hashtags without their '#', stretched words also with every letter run
    /// cut to one ("baad" → "bad", "soo" → "so") when the two-letter form is not a term.
    private mutating func lookupHash(_ text: TokenizedText, _ index: Int) -> (hash: UInt64, info: TermInfo?) {
        let token = text.tokens[index]
        var hash = hashes[index]
        if token.kind == .hashtag {
            hash = TokenHash.hash(text.normalized[(Int(token.normStart) + 1)..<Int(token.normEnd)])
            hashes[index] = hash
        }
        if let info = lexicon.word(hash) { return (hash, info) }
        if token.flags.contains(.elongated) {
            collapsed.removeAll(keepingCapacity: true)
            var previous: UInt8 = 0
            for byte in text.normalized[token.normRange] where byte != previous || byte >= 0x80 {
                collapsed.append(byte)
                previous = byte
            }
            let shortHash = TokenHash.hash(collapsed)
            if let info = lexicon.word(shortHash) { return (shortHash, info) }
        }
        return (hash, nil)
    }

    // MARK: - Clause rules

    /// The last coordinating contrast word splits the message: before it × (1 − w), after × (1 + w).
    /// A subordinator opening a sentence instead weakens its own clause (up to the next comma)
    /// and strengthens the rest.
    private mutating func applyContrast(_ valences: inout ContiguousArray<Float>, _ rules: inout ContiguousArray<SentimentRule>) {
        var contrastIndex: Int?
        var sentenceInitialSubordinator = false
        for index in units.indices.reversed() {
            guard units[index].kind == .term, units[index].info?.modifier == .contrast else { continue }
            let isSubordinator = subordinatorHashes.contains(units[index].hash)
            let opensSentence = index == 0 || units[index - 1].kind == .sentenceEnd || units[index - 1].kind == .question || units[index - 1].kind == .exclamation
            if isSubordinator && opensSentence {
                contrastIndex = index
                sentenceInitialSubordinator = true
                break
            }
            if !isSubordinator || !opensSentence {
                contrastIndex = index
                break
            }
        }
        guard let contrast = contrastIndex, let weight = units[contrast].info?.weight, weight > 0 else { return }
        let diminish = max(0, 1 - weight)
        let emphasize = 1 + weight
        if sentenceInitialSubordinator {
            var index = contrast + 1
            while index < units.count, units[index].kind == .term || units[index].kind == .plain {
                scale(index, diminish, .contrastDiminished, &valences, &rules)
                index += 1
            }
            while index < units.count {
                scale(index, emphasize, .contrastEmphasized, &valences, &rules)
                index += 1
            }
        } else {
            for index in 0..<contrast { scale(index, diminish, .contrastDiminished, &valences, &rules) }
            for index in (contrast + 1)..<units.count { scale(index, emphasize, .contrastEmphasized, &valences, &rules) }
        }
    }

    @inline(__always)
    private func scale(_ index: Int, _ factor: Float, _ rule: SentimentRule, _ valences: inout ContiguousArray<Float>, _ rules: inout ContiguousArray<SentimentRule>) {
        guard valences[index] != 0 else { return }
        valences[index] *= factor
        rules[index].insert(rule)
    }

    /// Terms in a sentence that ends with "?" are damped; exclamation marks are counted.
    private mutating func applyQuestions(_ valences: inout ContiguousArray<Float>, _ rules: inout ContiguousArray<SentimentRule>, _ score: inout LexiconScore) {
        var sentenceStart = 0
        for index in units.indices {
            switch units[index].kind {
            case .question:
                score.isQuestion = true
                for inside in sentenceStart..<index { scale(inside, RuleConstants.questionDamping, .question, &valences, &rules) }
                sentenceStart = index + 1
            case .exclamation:
                score.exclamations += units[index].marks
                sentenceStart = index + 1
            case .sentenceEnd:
                sentenceStart = index + 1
            default:
                break
            }
        }
    }
}
