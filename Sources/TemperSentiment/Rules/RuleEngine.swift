import TemperText

/// One lexicon term's part in a score: where it stands in the message, what the lexicon says
/// about it, and what the rules made of it.
public struct Contribution: Sendable, Equatable {
    /// The term as the lexicon has it ("still not fixed"; "fail" for "#fail", "bad" for "baaad").
    public var term: String
    /// The term as written in the message ("STILL not fixed", "#fail", "baaad").
    public var text: String
    /// Where `text` stands in the message, as UTF-8 byte offsets.
    public var byteRange: Range<Int>
    /// The tokens the term covers (indices into the message's `TokenizedText.tokens`).
    public var tokens: Range<Int>
    /// The lexicon key the term matched (`TokenHash` of its normalized form).
    public var termHash: UInt64
    /// The term is a multi-word expression or idiom.
    public var isPhrase: Bool
    /// The lexicon valence, on −4…+4, before any rule.
    public var baseValence: Float
    /// What the term adds to the lexicon sum once the rules have acted on it.
    public var valence: Float
    /// The rules that acted on it, including the one that found it (`lexiconWord`, `phrase`, …).
    public var rules: SentimentRule

    init(term: String, text: String, byteRange: Range<Int>, tokens: Range<Int>, termHash: UInt64, isPhrase: Bool,
                baseValence: Float, valence: Float, rules: SentimentRule) {
        self.term = term
        self.text = text
        self.byteRange = byteRange
        self.tokens = tokens
        self.termHash = termHash
        self.isPhrase = isPhrase
        self.baseValence = baseValence
        self.valence = valence
        self.rules = rules
    }
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
    /// Message-level rules (exclamation; sarcasm when it turned any praise round).
    public var rules: SentimentRule = []

    public init() {}
}

/// VADER-style rule scorer over Temper tokens and lexicons: named rules, explained constants.
///
/// Not thread-safe: an engine owns scratch buffers that every call reuses, so use one engine per
/// thread (the compiler keeps it from crossing threads: it is not `Sendable`). The `Lexicon` is
/// a value and can be shared by any number of engines.
public final class RuleEngine {
    public let lexicon: Lexicon
    /// The scorer and its scratch buffers, owned by this engine. Held by pointer, not in a
    /// stored `var`: mutating a class's stored property costs a dynamic exclusivity check (two
    /// runtime calls) per message, and the engine is used by one thread at a time anyway.
    private let scorer: UnsafeMutablePointer<RuleScorer>

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        scorer = .allocate(capacity: 1)
        scorer.initialize(to: RuleScorer(lexicon: lexicon))
    }

    deinit {
        scorer.deinitialize(count: 1)
        scorer.deallocate()
    }

    /// Scores `text`. Steady state, this allocates nothing.
    public func score(_ text: TokenizedText) -> LexiconScore {
        // One mutating call: the scratch buffers are then plain inout state inside.
        defer { scorer.pointee.releaseHugeScratch() }
        return scorer.pointee.score(text).score
    }

    /// Scores `text` and lists every term's part in the score, in message order (this allocates
    /// the list and the terms' strings).
    public func explain(_ text: TokenizedText) -> (score: LexiconScore, contributions: [Contribution]) {
        let (score, termCount) = scorer.pointee.score(text)
        defer { scorer.pointee.releaseHugeScratch() }
        return (score, scorer.pointee.contributions(termCount, in: text))
    }
}

@available(*, unavailable, message: "an engine reuses scratch buffers on every call: create one per thread")
extension RuleEngine: Sendable {}

/// The rule scorer's state and logic, as a value type owned by one `RuleEngine`.
///
/// One pass over the tokens builds the message's units (a scored word or phrase, a plain token,
/// or a clause mark) and gives each sentiment term its word-level valence right away, since the
/// modifiers it looks back to are already known. Only the terms that carry a valence are kept
/// (a few per message); per unit, the look-back needs nothing but what modifier it is. The
/// clause rules then run over those few terms. The scratch buffers grow to the longest message
/// seen and are reused, so steady-state scoring allocates nothing.
struct RuleScorer {
    let lexicon: Lexicon
    /// Per unit of the current message, what the look-back for modifiers sees.
    private var unitModifiers: [UnitModifier] = []
    /// The current message's terms with a valence, in order.
    private var terms: [ScoredTerm] = []
    /// Keyed like units: a word's hash, or a phrase's chained word hashes. A handful of values,
    /// consulted only for the message's last contrast word: a linear scan beats hashing.
    private let subordinatorHashes: [UInt64]
    /// The sarcasm rule's term lists, keyed like terms (see `RuleConstants`).
    private let sarcasmCues: SarcasmCues
    /// `Lexicon.sources` index of `RuleConstants.idiomFile`, if loaded.
    private let idiomSource: UInt16?

    /// Gives back scratch buffers a huge message (over 65,536 tokens) grew, once it is scored:
    /// an idle analyzer must not keep a megabyte line's worth of them for the rest of the run.
    mutating func releaseHugeScratch() {
        guard unitModifiers.count > 1 << 16 else { return }
        unitModifiers = []
        terms = []
    }

    init(lexicon: Lexicon) {
        self.lexicon = lexicon
        subordinatorHashes = RuleConstants.subordinators.map(Self.termKey)
        sarcasmCues = SarcasmCues(failures: TermSet(RuleConstants.serviceFailures.map(Self.termKey)),
                                  markers: TermSet(RuleConstants.sarcasmMarkers.map(Self.termKey)),
                                  resolutions: TermSet(Self.resolutionKeys(lexicon)))
        idiomSource = lexicon.sources.lastIndex(of: RuleConstants.idiomFile).map { UInt16($0) }
    }

    /// The keys of `RuleConstants.resolutions`, and of every positive lexicon phrase that holds
    /// one of its single words ("sorted out", "fixed it", "resolved quickly"): the longest match
    /// reads those phrases whole, and a fix is a fix however it is phrased.
    static func resolutionKeys(_ lexicon: Lexicon) -> [UInt64] {
        var keys = RuleConstants.resolutions.map(termKey)
        let words = Set(RuleConstants.resolutions.filter { !$0.contains(" ") }.map(termKey))
        for list in lexicon.phrases.values {
            for phrase in list where (phrase.info.valence ?? 0) > 0 && phrase.hashes.contains(where: words.contains) {
                keys.append(phrase.key)
            }
        }
        return keys
    }

    /// A term's lexicon key: its word's hash, or a phrase's chained word hashes.
    static func termKey(_ term: String) -> UInt64 {
        let words = term.split(separator: " ").map { TokenHash.hash(Array($0.utf8)) }
        return words.dropFirst().reduce(words[0]) { TokenHash.combine($0, $1) }
    }

    /// The message's score, and how many terms with a valence it has: they stay at the front of
    /// the scratch buffer until the next message, for `contributions`.
    mutating func score(_ text: TokenizedText) -> (score: LexiconScore, termCount: Int) {
        // Work on the scratch buffers as locals (moved out and back, no copies), sized so that
        // every index written below is in bounds by construction: a message has at most one
        // unit, and so at most one term, per token and per hashtag part.
        var unitModifiers: [UnitModifier] = []
        var terms: [ScoredTerm] = []
        swap(&unitModifiers, &self.unitModifiers)
        swap(&terms, &self.terms)
        defer {
            swap(&unitModifiers, &self.unitModifiers)
            swap(&terms, &self.terms)
        }
        let tokenCount = text.tokens.count + text.hashtagParts.count
        if unitModifiers.count < tokenCount {
            unitModifiers.append(contentsOf: repeatElement(UnitModifier.clauseBreak, count: tokenCount - unitModifiers.count))
        }
        if terms.count < tokenCount {
            terms.append(contentsOf: repeatElement(ScoredTerm(), count: tokenCount - terms.count))
        }
        var (score, termCount) = Self.scoreTerms(text, lexicon, subordinatorHashes, sarcasmCues, &unitModifiers, &terms)
        let exclamations = min(score.exclamations, RuleConstants.maxExclamations)
        if exclamations > 0, score.sum != 0 {
            score.sum += (score.sum > 0 ? 1 : -1) * Float(exclamations) * RuleConstants.exclamationBoost
            score.rules.insert(.exclamation)
        }
        score.compound = score.sum / (score.sum * score.sum + RuleConstants.compoundAlpha).squareRoot()
        if let idiomSource, score.sum != 0 {
            for term in terms[..<termCount] where term.source == idiomSource && term.valence != 0 && (term.valence > 0) == (score.sum > 0) {
                score.rules.insert(.idiom)
                break
            }
        }
        return (score, termCount)
    }

    /// The first `termCount` terms of the message just scored, as explanations.
    func contributions(_ termCount: Int, in text: TokenizedText) -> [Contribution] {
        terms[..<termCount].map { term in
            let tokens = Int(term.first)..<Int(term.end)
            let bytes = Int(text.tokens[tokens.lowerBound].start)..<Int(text.tokens[tokens.upperBound - 1].end)
            // The lexicon keeps text for single words only; a phrase reads as its normalized tokens
            // (or, inside a hashtag, as its words).
            let parts = Int(term.firstPart)..<Int(term.endPart)
            let termText = lexicon.text(ofHash: term.hash)
                ?? (parts.isEmpty ? tokens.map { text.normalizedText(of: text.tokens[$0]) }
                                  : parts.map { text.normalizedText(of: text.hashtagParts[$0]) }).joined(separator: " ")
            return Contribution(term: termText, text: String(decoding: text.source[bytes], as: UTF8.self), byteRange: bytes,
                                tokens: tokens, termHash: term.hash, isPhrase: term.isPhrase,
                                baseValence: term.base, valence: term.valence, rules: term.rules)
        }
    }

    /// Builds the units and applies the word and clause rules: the score's sums and counts, and
    /// how many terms with a valence `terms` now starts with. Static, with the lexicon as a
    /// borrowed argument: a closure capturing `self` would copy the lexicon (a retain per table).
    private static func scoreTerms(_ text: TokenizedText, _ lexicon: Lexicon, _ subordinatorHashes: [UInt64], _ sarcasmCues: SarcasmCues,
                                   _ unitModifiers: inout [UnitModifier], _ terms: inout [ScoredTerm]) -> (LexiconScore, Int) {
        text.tokens.withUnsafeBufferPointer { tokens in
            text.normalized.withUnsafeBufferPointer { normalized in
                text.hashtagParts.withUnsafeBufferPointer { hashtagParts in
                    unitModifiers.withUnsafeMutableBufferPointer { unitModifiers in
                        terms.withUnsafeMutableBufferPointer { terms in
                            var message = MessageScan(tokens: tokens, normalized: normalized,
                                                      unitModifiers: unitModifiers, terms: terms)
                            message.buildUnits(lexicon, hashtagParts: hashtagParts)
                            let found = UnsafeMutableBufferPointer(rebasing: terms[..<message.termCount])
                            // Both rules below need praise and complaint words together, which most
                            // messages do not have: one pass rules them out for both.
                            let mixed = hasPositiveAndNegative(found)
                            let resolved = mixed && applyResolutions(found, UnsafeMutableBufferPointer(rebasing: unitModifiers[..<message.unitCount]), sarcasmCues)
                            applyContrast(message.lastContrast, found, subordinatorHashes)
                            let sarcastic = mixed && applySarcasm(found, sarcasmCues)
                            applyQuestions(found)
                            var score = LexiconScore()
                            if sarcastic { score.rules.insert(.sarcasm) }
                            if resolved { score.rules.insert(.resolvedProblem) }
                            score.isQuestion = message.isQuestion
                            score.exclamations = message.exclamations
                            sum(found, into: &score)
                            return (score, message.termCount)
                        }
                    }
                }
            }
        }
    }

    /// Adds up the final valences, in message order (the order fixes the float rounding).
    private static func sum(_ terms: UnsafeMutableBufferPointer<ScoredTerm>, into score: inout LexiconScore) {
        for term in terms where term.valence != 0 {
            let value = term.valence
            score.sum += value
            if value > 0 { score.positive += value } else { score.negative -= value }
            score.termCount += 1
        }
    }

    // MARK: - Clause rules

    /// The last contrast word splits the message: before it × (1 − w), after × (1 + w).
    /// A subordinator opening a sentence instead weakens its own clause (up to the next comma
    /// or sentence end) and strengthens the rest, leaving what came before it alone.
    private static func applyContrast(_ contrast: ContrastMark?, _ terms: UnsafeMutableBufferPointer<ScoredTerm>, _ subordinatorHashes: [UInt64]) {
        guard let contrast, contrast.weight > 0 else { return }
        let diminish = max(0, 1 - contrast.weight)
        let emphasize = 1 + contrast.weight
        let sentenceInitialSubordinator = contrast.opensSentence && subordinatorHashes.contains(contrast.hash)
        for index in terms.indices {
            let unit = terms[index].unit
            if sentenceInitialSubordinator {
                if unit > contrast.unit && unit < contrast.clauseEnd {
                    terms[index].scale(diminish, .contrastDiminished)
                } else if unit >= contrast.clauseEnd {
                    terms[index].scale(emphasize, .contrastEmphasized)
                }
            } else if unit < contrast.unit {
                terms[index].scale(diminish, .contrastDiminished)
            } else if unit > contrast.unit {
                terms[index].scale(emphasize, .contrastEmphasized)
            }
        }
    }

    /// Whether the terms hold both a positive and a negative valence.
    @inline(__always)
    private static func hasPositiveAndNegative(_ terms: UnsafeMutableBufferPointer<ScoredTerm>) -> Bool {
        var anyPositive = false, anyNegative = false
        for term in terms {
            if term.valence > 0 { anyPositive = true } else if term.valence < 0 { anyNegative = true }
        }
        return anyPositive && anyNegative
    }

    /// A problem word within `RuleConstants.resolutionReach` units after a resolution, in the
    /// same clause, loses its valence (`SentimentRule.resolvedProblem`). Runs before the sarcasm
    /// rule: a resolved failure is no failure to be sarcastic about. True when it fired.
    private static func applyResolutions(_ terms: UnsafeMutableBufferPointer<ScoredTerm>,
                                         _ units: UnsafeMutableBufferPointer<UnitModifier>, _ cues: SarcasmCues) -> Bool {
        var fired = false
        for index in terms.indices where terms[index].valence > 0 && cues.resolutions.contains(terms[index].hash) {
            let resolution = terms[index].unit
            // "still haven't fixed", "never properly resolved": a complaint word just before the
            // fix says it did not happen (the word rules miss a negator inside a phrase).
            if index > 0, terms[index - 1].base < 0, resolution - terms[index - 1].unit <= 2 { continue }
            var next = index + 1
            scan: while next < terms.count, terms[next].unit - resolution <= RuleConstants.resolutionReach {
                var unit = Int(resolution) + 1
                while unit < Int(terms[next].unit) {
                    if units[unit].isClauseBreak || units[unit].modifier == .contrast { break scan }
                    unit += 1
                }
                if terms[next].valence < 0 {
                    terms[next].scale(0, .resolvedProblem)
                    fired = true
                }
                next += 1
            }
        }
        return fired
    }

    /// Praise turned round (`RuleConstants.sarcasmScalar`): every positive term in a sentence
    /// with a service failure, or in a message with a sarcasm marker and any negative term —
    /// unless that sentence (for a marker: the message) reports a resolution.
    /// True when it turned any praise round.
    private static func applySarcasm(_ terms: UnsafeMutableBufferPointer<ScoredTerm>, _ cues: SarcasmCues) -> Bool {
        var fired = false
        var marked = false, messageResolved = false
        for term in terms {
            if cues.markers.contains(term.hash) { marked = true }
            if term.valence > 0 && cues.resolutions.contains(term.hash) { messageResolved = true }
        }
        for index in terms.indices where terms[index].valence > 0 && !cues.resolutions.contains(terms[index].hash) {
            var flip = marked && !messageResolved
            if !flip {
                let sentence = terms[index].sentence
                var failure = false, resolved = false
                for other in terms where other.sentence == sentence {
                    if other.valence < 0 && cues.failures.contains(other.hash) { failure = true }
                    if other.valence > 0 && cues.resolutions.contains(other.hash) { resolved = true }
                }
                flip = failure && !resolved
            }
            if flip {
                terms[index].scale(RuleConstants.sarcasmScalar, .sarcasm)
                fired = true
            }
        }
        return fired
    }

    /// Terms in a sentence that ends with "?" are damped (after the contrast rule: the order
    /// fixes the float rounding).
    private static func applyQuestions(_ terms: UnsafeMutableBufferPointer<ScoredTerm>) {
        for index in terms.indices where terms[index].inQuestion {
            terms[index].scale(RuleConstants.questionDamping, .question)
        }
    }
}

/// What one unit shows the modifier look-back: the modifier it is, if any, or a clause break
/// (a comma or sentence mark) that ends the look-back.
private struct UnitModifier {
    var weight: Float
    var modifier: ModifierKind?
    var isClauseBreak: Bool
    var allCaps: Bool

    static let clauseBreak = UnitModifier(weight: 0, modifier: nil, isClauseBreak: true, allCaps: false)
    /// A plain token or a word that modifies nothing: the look-back counts it and goes on.
    static let noModifier = UnitModifier(weight: 0, modifier: nil, isClauseBreak: false, allCaps: false)
}

/// A term with a valence, as the rules leave it.
private struct ScoredTerm {
    var hash: UInt64 = 0
    /// The term's unit (the clause rules compare positions in units).
    var unit: Int32 = 0
    var first: Int32 = 0
    var end: Int32 = 0
    var base: Float = 0
    var valence: Float = 0
    var rules: SentimentRule = []
    var isPhrase = false
    /// The lexicon file it came from (`Lexicon.sources`).
    var source: UInt16 = 0
    /// The term's sentence ends with "?".
    var inQuestion = false
    /// Which sentence of the message the term is in (for the sarcasm rule).
    var sentence: Int32 = 0
    /// The words of a camel-case hashtag the term is made of (`TokenizedText.hashtagParts`
    /// indices; empty for other terms).
    var firstPart: Int32 = 0
    var endPart: Int32 = 0

    /// A clause rule: scales a valence the word rules left non-zero.
    @inline(__always)
    mutating func scale(_ factor: Float, _ rule: SentimentRule) {
        guard valence != 0 else { return }
        valence *= factor
        rules.insert(rule)
    }
}

/// The sarcasm rule's term keys. Probed for the terms of every message with mixed sentiment,
/// so in `TermTable`s: a `Set` would hash each key again with SipHash.
struct SarcasmCues {
    var failures: TermSet
    var markers: TermSet
    var resolutions: TermSet
}

/// A set of term keys (already good hashes) with `TermTable`'s one-probe lookup.
struct TermSet: Sendable {
    private var table: TermTable<Bool>

    init<Keys: Collection>(_ keys: Keys) where Keys.Element == UInt64 {
        table = TermTable<Bool>(capacity: max(16, keys.count))
        for key in keys { table[key] = true }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { table.value(for: key) != nil }
}

/// The message's last contrast word, for the contrast rule.
private struct ContrastMark {
    var unit: Int32
    var hash: UInt64
    var weight: Float
    /// It is the message's first unit or follows a sentence mark.
    var opensSentence: Bool
    /// The first clause break after it (the end of a sentence-initial subordinator's clause).
    var clauseEnd = Int32.max
}

/// One message's pass over its tokens: builds units, scores each term with the word rules and
/// notes what the clause rules need. Indices into the buffers are below the token count, which
/// the buffers are sized to. The helpers are static and take what they read: a method reading
/// `self` from this mutating loop would copy the whole scan state on every call.
private struct MessageScan {
    let tokens: UnsafeBufferPointer<Token>
    let normalized: UnsafeBufferPointer<UInt8>
    let unitModifiers: UnsafeMutableBufferPointer<UnitModifier>
    let terms: UnsafeMutableBufferPointer<ScoredTerm>
    var unitCount = 0
    var termCount = 0
    var lastContrast: ContrastMark?
    /// The previous unit ended a sentence (".", ";", "?", "!").
    var afterSentenceEnd = false
    /// The first term of the current sentence (for the question rule).
    var sentenceStart = 0
    var isQuestion = false
    var exclamations = 0
    /// The current sentence's number (sentence marks count; commas do not).
    var sentence: Int32 = 0
    /// `TokenFlags` constants, read once per message: they live in another module, where
    /// every read in the token loop would be a call.
    private let stretched = TokenFlags.elongated
    private let capitals = TokenFlags.allCaps

    init(tokens: UnsafeBufferPointer<Token>, normalized: UnsafeBufferPointer<UInt8>,
         unitModifiers: UnsafeMutableBufferPointer<UnitModifier>, terms: UnsafeMutableBufferPointer<ScoredTerm>) {
        self.tokens = tokens
        self.normalized = normalized
        self.unitModifiers = unitModifiers
        self.terms = terms
    }

    private enum ClauseMark { case comma, sentenceEnd, question, exclamation }

    mutating func buildUnits(_ lexicon: Lexicon, hashtagParts: UnsafeBufferPointer<HashtagPart>) {
        var index = 0
        var nextHashtagPart = 0 // the first camel-case hashtag word not yet passed
        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .punctuation:
                let mark: ClauseMark
                switch normalized[Int(token.normStart)] {
                case UInt8(ascii: "?"): mark = Self.exclamationMarks(token, normalized) > 0 ? .exclamation : .question
                case UInt8(ascii: "!"): mark = .exclamation
                case UInt8(ascii: "."), UInt8(ascii: ";"): mark = .sentenceEnd
                case UInt8(ascii: ","), UInt8(ascii: ":"): mark = .comma
                default: index += 1; continue  // other marks ("-", "(") are no unit: the look-back passes over them
                }
                addClauseMark(mark, token)
                index += 1
            case .word, .emoji, .emoticon, .hashtag:
                if let phrase = lexicon.longestPhrase(at: index, in: tokens) {
                    let end = index + phrase.length
                    var info = phrase.info
                    // A phrase that ends in a negator ("still haven't", "still not") still negates
                    // what follows: "still haven't fixed it" is no fix.
                    if info.modifier == nil, lexicon.word(tokens[end - 1].hash)?.modifier == .negator { info.modifier = .negator }
                    addTerm(index..<end, hash: phrase.key, info: info, isPhrase: true, rule: .phrase)
                    index = end
                    continue
                }
                let (hash, info) = Self.lookup(token, stretched: token.flags.contains(stretched), normalized, lexicon)
                if info == nil, token.kind == .hashtag, addHashtagParts(of: index, lexicon, hashtagParts, next: &nextHashtagPart) {
                    index += 1
                    continue
                }
                if let info {
                    let rule: SentimentRule = switch token.kind {
                    case .emoji: .emoji
                    case .emoticon: .emoticon
                    case .hashtag: .hashtag
                    default: .lexiconWord
                    }
                    addTerm(index..<index + 1, hash: hash, info: info, isPhrase: false, rule: rule)
                } else {
                    addUnit(.noModifier)
                }
                index += 1
            case .symbol:
                index += 1  // no unit, like the marks above
            case .number:
                // A number opens a few phrases ("1 star"); otherwise it is a plain unit.
                if let phrase = lexicon.longestPhrase(at: index, in: tokens) {
                    let end = index + phrase.length
                    addTerm(index..<end, hash: phrase.key, info: phrase.info, isPhrase: true, rule: .phrase)
                    index = end
                    continue
                }
                addUnit(.noModifier)
                index += 1
            default:
                // Mentions, URLs…: a unit that carries nothing but counts for distance.
                addUnit(.noModifier)
                index += 1
            }
        }
    }

    /// A camel-case hashtag the lexicon does not know whole ("#NotHappy") reads as its words, one
    /// unit each, so they take part in the word rules as if written out ("not happy": negated).
    /// False when the tag has no parts. Out of line, to keep the unit loop as small as before.
    @inline(never)
    private mutating func addHashtagParts(of index: Int, _ lexicon: Lexicon, _ parts: UnsafeBufferPointer<HashtagPart>,
                                          next nextHashtagPart: inout Int) -> Bool {
        while nextHashtagPart < parts.count, Int(parts[nextHashtagPart].token) < index { nextHashtagPart += 1 }
        guard nextHashtagPart < parts.count, Int(parts[nextHashtagPart].token) == index else { return false }
        var end = nextHashtagPart
        while end < parts.count, Int(parts[end].token) == index { end += 1 }
        let first = nextHashtagPart
        let tag = UnsafeBufferPointer(rebasing: parts[first..<end])
        nextHashtagPart = end
        var part = 0
        while part < tag.count {
            let termsBefore = termCount
            if let phrase = lexicon.longestPhrase(at: part, in: tag) {
                addTerm(index..<index + 1, hash: phrase.key, info: phrase.info, isPhrase: true, rule: [.phrase, .hashtag])
                markHashtagWords(since: termsBefore, (first + part)..<(first + part + phrase.length))
                part += phrase.length
                continue
            }
            let hash = tag[part].hash
            if let info = lexicon.word(hash) {
                addTerm(index..<index + 1, hash: hash, info: info, isPhrase: false, rule: .hashtag)
                markHashtagWords(since: termsBefore, (first + part)..<(first + part + 1))
            } else {
                addUnit(.noModifier)
            }
            part += 1
        }
        return true
    }

    @inline(__always)
    private mutating func addUnit(_ modifier: UnitModifier) {
        unitModifiers[unitCount] = modifier
        unitCount += 1
        afterSentenceEnd = false
    }

    private mutating func addClauseMark(_ mark: ClauseMark, _ token: Token) {
        unitModifiers[unitCount] = .clauseBreak
        if let contrast = lastContrast, contrast.clauseEnd == Int32.max { lastContrast?.clauseEnd = Int32(unitCount) }
        unitCount += 1
        switch mark {
        case .comma:
            afterSentenceEnd = false
            return
        case .question:
            isQuestion = true
            for inside in sentenceStart..<termCount { terms[inside].inQuestion = true }
        case .exclamation:
            // A run of n marks has n exclamation marks unless it mixes in "?".
            exclamations += Int(Int32(clamping: Self.exclamationMarks(token, normalized)))
        case .sentenceEnd:
            break
        }
        sentenceStart = termCount
        sentence += 1
        afterSentenceEnd = true
    }

    /// Notes which hashtag words the term just added (if `addTerm` kept one) is made of.
    private mutating func markHashtagWords(since termsBefore: Int, _ words: Range<Int>) {
        guard termCount > termsBefore else { return }
        terms[termCount - 1].firstPart = Int32(words.lowerBound)
        terms[termCount - 1].endPart = Int32(words.upperBound)
    }

    /// A word or phrase found in the lexicons: its unit, and its valence under the word rules.
    private mutating func addTerm(_ range: Range<Int>, hash: UInt64, info: TermInfo, isPhrase: Bool, rule: SentimentRule) {
        var flags: TokenFlags = []
        for index in range { flags.formUnion(tokens[index].flags) }
        let allCaps = flags.contains(capitals)
        let unit = unitCount
        if info.modifier == .contrast {
            lastContrast = ContrastMark(unit: Int32(unit), hash: hash, weight: info.weight, opensSentence: unit == 0 || afterSentenceEnd)
        }
        if let base = info.valence, base != 0 {
            let (valence, rules) = Self.wordValence(base, rule: rule, allCaps: allCaps, stretched: flags.contains(stretched),
                                                    unitModifiers: UnsafeMutableBufferPointer(rebasing: unitModifiers[..<unit]))
            terms[termCount] = ScoredTerm(hash: hash, unit: Int32(unit), first: Int32(range.lowerBound), end: Int32(range.upperBound),
                                          base: base, valence: valence, rules: rules, isPhrase: isPhrase, source: info.source, sentence: sentence)
            termCount += 1
        }
        addUnit(UnitModifier(weight: info.weight, modifier: info.modifier, isClauseBreak: false, allCaps: allCaps))
    }

    /// A term's valence under the word rules: capitals, stretching, and the intensifiers,
    /// dampeners and negators among the few units before it (`before`) in its clause.
    private static func wordValence(_ base: Float, rule: SentimentRule, allCaps: Bool, stretched: Bool,
                                    unitModifiers before: UnsafeMutableBufferPointer<UnitModifier>) -> (Float, SentimentRule) {
        var valence = base
        let sign: Float = base > 0 ? 1 : -1
        var applied = rule
        if allCaps {
            valence += sign * RuleConstants.allCapsBoost
            applied.insert(.allCaps)
        }
        if stretched {
            valence += sign * RuleConstants.elongationBoost
            applied.insert(.elongation)
        }
        var negated = false
        var distance = 1
        var cursor = before.count - 1
        lookBack: while cursor >= 0, distance <= RuleConstants.modifierReach {
            let unit = before[cursor]
            if unit.isClauseBreak { break }
            if let modifier = unit.modifier {
                let decay = RuleConstants.modifierDecay[distance - 1]
                switch modifier {
                case .intensifier:
                    valence += sign * unit.weight * decay
                    if unit.allCaps { valence += sign * RuleConstants.allCapsBoost * 0.5 }
                    applied.insert(.intensifier)
                case .dampener:
                    valence += sign * min(unit.weight, -unit.weight) * decay
                    applied.insert(.dampener)
                case .negator:
                    negated = true
                case .contrast:
                    break lookBack
                }
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
        return (valence, applied)
    }

    /// The "!" in a punctuation run.
    private static func exclamationMarks(_ token: Token, _ normalized: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in UnsafeBufferPointer(rebasing: normalized[token.normRange]) where byte == UInt8(ascii: "!") { count += 1 }
        return count
    }

    /// Looks a token up; hashtags without their '#', stretched words also with every letter run
    /// cut to one ("baad" → "bad", "soo" → "so") when the two-letter form is not a term.
    @inline(__always)
    private static func lookup(_ token: Token, stretched: Bool, _ normalized: UnsafeBufferPointer<UInt8>,
                               _ lexicon: Lexicon) -> (hash: UInt64, info: TermInfo?) {
        var hash = token.hash
        if token.kind == .hashtag {
            hash = TokenHash.hash(UnsafeBufferPointer(rebasing: normalized[(Int(token.normStart) + 1)..<Int(token.normEnd)]))
        }
        if let info = lexicon.word(hash) { return (hash, info) }
        if stretched, let found = collapsedLookup(token, normalized, lexicon) { return found }
        return (hash, nil)
    }

    private static func collapsedLookup(_ token: Token, _ normalized: UnsafeBufferPointer<UInt8>,
                                        _ lexicon: Lexicon) -> (hash: UInt64, info: TermInfo?)? {
        let bytes = UnsafeBufferPointer(rebasing: normalized[token.normRange])
        let shortHash = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count)) { collapsed in
            var length = 0
            var previous: UInt8 = 0
            for byte in bytes where byte != previous || byte >= 0x80 {
                collapsed[length] = byte
                length += 1
                previous = byte
            }
            return TokenHash.hash(UnsafeBufferPointer(rebasing: collapsed[..<length]))
        }
        guard let info = lexicon.word(shortHash) else { return nil }
        return (shortHash, info)
    }
}
