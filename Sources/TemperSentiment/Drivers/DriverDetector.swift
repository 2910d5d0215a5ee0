import TemperIO
import TemperText

/// One driver found in a message.
public struct DriverHit: Sendable, Equatable {
    /// Index into the taxonomy's `drivers`.
    public var driver: Int
    /// The sentiment of the clause the evidence stands in.
    public var polarity: SentimentLabel
    /// The evidence, as UTF-8 byte offsets into the original text.
    public var byteRange: Range<Int>
    /// The evidence is a complaint pattern (else a mention).
    public var isComplaint: Bool
    /// Orders hits: higher is more salient.
    public var salience: Float

    public init(driver: Int, polarity: SentimentLabel, byteRange: Range<Int>, isComplaint: Bool, salience: Float) {
        self.driver = driver
        self.polarity = polarity
        self.byteRange = byteRange
        self.isComplaint = isComplaint
        self.salience = salience
    }
}

/// Finds a taxonomy's drivers in tokenized messages: pattern matching over the tokens, negation
/// scope, and the sentiment of each hit's clause from the sentiment lexicon.
///
/// Not thread-safe (it reuses scratch buffers): one detector per thread, like `SentimentAnalyzer`.
/// Give it the analyzer's `text` after `analyze`, so the message is tokenized once; a message with
/// no hit costs one table probe per word and allocates nothing.
public final class DriverDetector {
    public let taxonomy: DriverTaxonomy
    public let lexicon: Lexicon
    private var found: [DriverHit] = []
    /// The comma-clause each of `found` stands in (its first token).
    private var foundClauses: [Int] = []

    /// How many words before a complaint a negator still cancels it ("no delay", "not really late").
    static let negationReach = 3
    /// A complaint reads positive only in a clause at least this positive (a "please help" does
    /// not make "my order never arrived" praise).
    static let complaintPositiveThreshold: Float = 1.5

    public init(taxonomy: DriverTaxonomy, lexicon: Lexicon) {
        self.taxonomy = taxonomy
        self.lexicon = lexicon
        found.reserveCapacity(16)
    }

    /// The drivers of `text`, most salient first, each driver once. `bytes` limits detection to
    /// tokens starting in that byte range of the original text (a message's body, say).
    public func detect(_ text: TokenizedText, bytes: Range<Int>? = nil) -> [DriverHit] {
        var hits: [DriverHit] = []
        detect(text, bytes: bytes, into: &hits)
        return hits
    }

    /// As `detect(_:bytes:)`, into a caller's reused array (cleared first).
    public func detect(_ text: TokenizedText, bytes: Range<Int>? = nil, into hits: inout [DriverHit]) {
        hits.removeAll(keepingCapacity: true)
        var raw: [DriverHit] = []
        var clauses: [Int] = []
        swap(&raw, &found)
        swap(&clauses, &foundClauses)
        defer {
            swap(&raw, &found)
            swap(&clauses, &foundClauses)
        }
        raw.removeAll(keepingCapacity: true)
        clauses.removeAll(keepingCapacity: true)
        text.tokens.withUnsafeBufferPointer { tokens in
            var first = 0
            var end = tokens.count
            if let bytes {
                while first < end, Int(tokens[first].start) < bytes.lowerBound { first += 1 }
                while end > first, Int(tokens[end - 1].start) >= bytes.upperBound { end -= 1 }
            }
            let scan = Scan(taxonomy: taxonomy, lexicon: lexicon, tokens: tokens, first: first, end: end)
            var index = first
            while index < end {
                guard let run = taxonomy.starts.value(for: tokens[index].hash) else {
                    index += 1
                    continue
                }
                guard let match = scan.longestMatch(at: index, run: run) else {
                    index += 1
                    continue
                }
                let pattern = taxonomy.patterns[match.pattern]
                // A negated complaint is none ("no delay"); a mention right after a negator
                // ("not waiting", "no charge") is not the subject either.
                if scan.isNegated(before: index, reach: pattern.isComplaint ? DriverDetector.negationReach : 1) {
                    index = match.end
                    continue
                }
                let (polarity, strength) = scan.polarity(of: index..<match.end, isComplaint: pattern.isComplaint)
                let rank: Float = switch polarity {
                case .negative: 30
                case .positive: 20
                case .neutral: 10
                }
                raw.append(DriverHit(driver: Int(pattern.driver), polarity: polarity,
                                     byteRange: Int(tokens[index].start)..<Int(tokens[match.end - 1].end),
                                     isComplaint: pattern.isComplaint,
                                     salience: rank + (pattern.isComplaint ? 5 : 0) + min(strength, 4)))
                clauses.append(scan.clause(around: index..<match.end, commasSplit: true, conjunctionsSplit: true).lowerBound)
                index = match.end
            }
        }
        guard !raw.isEmpty else { return }
        // A mention in the clause of another driver's complaint is that complaint's context
        // ("my order is 10 days late" is a delay, not a booking).
        for position in raw.indices where !raw[position].isComplaint {
            if raw.indices.contains(where: { other in
                raw[other].isComplaint && raw[other].driver != raw[position].driver && clauses[other] == clauses[position]
            }) {
                raw[position].salience = -1
            }
        }
        // Most salient first; equal salience keeps message order. One hit per driver.
        let order = raw.indices.sorted { raw[$0].salience != raw[$1].salience ? raw[$0].salience > raw[$1].salience : $0 < $1 }
        for position in order where raw[position].salience >= 0 && !hits.contains(where: { $0.driver == raw[position].driver }) {
            hits.append(raw[position])
        }
    }
}

@available(*, unavailable, message: "a detector reuses scratch buffers: create one per thread")
extension DriverDetector: Sendable {}

/// One message's matching state: read-only views, no storage of its own.
private struct Scan {
    let taxonomy: DriverTaxonomy
    let lexicon: Lexicon
    let tokens: UnsafeBufferPointer<Token>
    let first: Int
    let end: Int

    init(taxonomy: DriverTaxonomy, lexicon: Lexicon, tokens: UnsafeBufferPointer<Token>, first: Int, end: Int) {
        self.taxonomy = taxonomy
        self.lexicon = lexicon
        self.tokens = tokens
        self.first = first
        self.end = end
    }

    /// The longest pattern match starting at `index` (complaints win ties).
    func longestMatch(at index: Int, run: PatternRun) -> (pattern: Int, end: Int)? {
        var best: (pattern: Int, end: Int)?
        for slot in Int(run.start)..<Int(run.start + run.count) {
            let (patternIndex32, alternative) = taxonomy.startList[slot]
            let patternIndex = Int(patternIndex32)
            let elements = taxonomy.patterns[patternIndex].elements
            guard case .words(let alternatives) = elements[0], let after = matchWords(alternatives[Int(alternative)], at: index),
                  let matchEnd = match(elements, element: 1, at: after) else { continue }
            let isComplaint = taxonomy.patterns[patternIndex].isComplaint
            if let current = best {
                let currentComplaint = taxonomy.patterns[current.pattern].isComplaint
                if matchEnd > current.end || (matchEnd == current.end && isComplaint && !currentComplaint) {
                    best = (patternIndex, matchEnd)
                }
            } else {
                best = (patternIndex, matchEnd)
            }
        }
        return best
    }

    /// Where a match of `elements[element...]` starting at token `index` ends (the longest), or nil.
    private func match(_ elements: [DriverPattern.Element], element: Int, at index: Int) -> Int? {
        guard element < elements.count else { return index }
        switch elements[element] {
        case .gap:
            var best: Int?
            var position = index
            var skipped = 0
            while skipped <= DriverPattern.gapLength, position <= end {
                if let matchEnd = match(elements, element: element + 1, at: position) { best = max(best ?? 0, matchEnd) }
                guard position < end, !isClauseBreak(position) else { break }
                position += 1
                skipped += 1
            }
            return best
        case .words(let alternatives):
            var best: Int?
            for words in alternatives {
                guard let after = matchWords(words, at: index) else { continue }
                if let matchEnd = match(elements, element: element + 1, at: after) { best = max(best ?? 0, matchEnd) }
            }
            return best
        }
    }

    @inline(__always)
    private func matchWords(_ words: [UInt64], at index: Int) -> Int? {
        guard index + words.count <= end else { return nil }
        for offset in words.indices {
            let token = tokens[index + offset]
            if words[offset] == DriverPattern.anyWord {
                guard token.kind == .word || token.kind == .number else { return nil }
            } else if token.hash != words[offset] {
                return nil
            }
        }
        return index + words.count
    }

    /// Ends a clause: a sentence or clause mark, or a contrast word.
    @inline(__always)
    func isClauseBreak(_ index: Int) -> Bool {
        let token = tokens[index]
        if token.kind == .punctuation { return true }
        return token.kind == .word && taxonomy.wordClass(token.hash) & 2 != 0
    }

    /// A negator up to `reach` words before `index`, in the same clause.
    func isNegated(before index: Int, reach: Int) -> Bool {
        var cursor = index - 1
        var distance = 0
        while cursor >= first, distance < reach {
            if isClauseBreak(cursor) || taxonomy.wordClass(tokens[cursor].hash) & 8 != 0 { return false }
            let hash = tokens[cursor].hash
            if taxonomy.wordClass(hash) & 4 != 0 || lexicon.word(hash)?.modifier == .negator { return true }
            cursor -= 1
            distance += 1
        }
        return false
    }

    /// The clause around `range` (bounded by clause breaks).
    func clause(around range: Range<Int>, commasSplit: Bool, conjunctionsSplit: Bool = false) -> Range<Int> {
        var lower = range.lowerBound
        while lower > first, !breaks(lower - 1, commasSplit: commasSplit, conjunctionsSplit: conjunctionsSplit) { lower -= 1 }
        var upper = range.upperBound
        while upper < end, !breaks(upper, commasSplit: commasSplit, conjunctionsSplit: conjunctionsSplit) { upper += 1 }
        return lower..<upper
    }

    private func breaks(_ index: Int, commasSplit: Bool, conjunctionsSplit: Bool) -> Bool {
        if conjunctionsSplit, taxonomy.wordClass(tokens[index].hash) & 8 != 0 { return true }
        guard isClauseBreak(index) else { return false }
        if !commasSplit, tokens[index].kind == .punctuation, Self.isComma(tokens[index]) { return false }
        return true
    }

    private static func isComma(_ token: Token) -> Bool {
        // A one-byte mark whose original byte is ',' — the token's byte range is into the source,
        // which `Scan` does not see, so commas are told by their length-1 normalized form's hash.
        token.hash == commaHash
    }

    private static let commaHash = TokenHash.hash([UInt8(ascii: ",")])

    /// The sentiment of `range` from the lexicon, VADER-style negation included: the valence sum,
    /// and whether a problem cue stands in it.
    private func sentiment(of range: Range<Int>) -> (sum: Float, cue: Bool) {
        var sum: Float = 0
        var cue = false
        var negatedUntil = -1
        var index = range.lowerBound
        while index < range.upperBound {
            let token = tokens[index]
            if taxonomy.wordClass(token.hash) & 1 != 0 { cue = true }
            var valence: Float?
            var length = 1
            if let phrase = lexicon.longestPhrase(at: index, in: tokens), index + phrase.length <= range.upperBound {
                valence = phrase.info.valence.map { Float($0) }
                length = phrase.length
            } else if let info = lexicon.word(token.hash) {
                if info.modifier == .negator {
                    negatedUntil = index + DriverDetector.negationReach
                    cue = true
                }
                valence = info.valence.map { Float($0) }
            }
            if let valence, valence != 0 {
                sum += index <= negatedUntil ? valence * -0.74 : valence
            }
            index += length
        }
        return (sum, cue)
    }

    /// The polarity of a hit at `range`, and how strongly its clause leans.
    func polarity(of range: Range<Int>, isComplaint: Bool) -> (SentimentLabel, Float) {
        let near = clause(around: range, commasSplit: true)
        let (sum, cue) = sentiment(of: near)
        if isComplaint {
            return sum >= DriverDetector.complaintPositiveThreshold ? (.positive, sum) : (.negative, max(-sum, 0))
        }
        if sum > 0.05 { return (.positive, sum) }
        if sum < -0.05 || cue { return (.negative, max(-sum, 0.5)) }
        let wider = clause(around: range, commasSplit: false)
        if wider != near {
            let (outer, outerCue) = sentiment(of: wider)
            if outer > 0.05 { return (.positive, outer / 2) }
            if outer < -0.05 || outerCue { return (.negative, max(-outer, 0.5) / 2) }
        }
        return (.neutral, 0)
    }
}

/// A driver hit as reported: the driver's id and the evidence's text (`temper score --drivers`).
public struct DriverMention: Sendable, Equatable {
    public var id: String
    public var polarity: SentimentLabel
    /// The evidence as written in the message.
    public var evidence: String
    /// UTF-8 byte offsets of the evidence in the original text.
    public var start: Int
    public var end: Int

    public init(id: String, polarity: SentimentLabel, evidence: String, start: Int, end: Int) {
        self.id = id
        self.polarity = polarity
        self.evidence = evidence
        self.start = start
        self.end = end
    }
}

extension DriverDetector {
    /// The drivers of `text` with their evidence, most salient first (allocates only for hits).
    public func mentions(_ text: TokenizedText, bytes: Range<Int>? = nil) -> [DriverMention] {
        detect(text, bytes: bytes).map { hit in
            DriverMention(id: taxonomy.drivers[hit.driver].id, polarity: hit.polarity,
                          evidence: String(decoding: text.source[hit.byteRange], as: UTF8.self),
                          start: hit.byteRange.lowerBound, end: hit.byteRange.upperBound)
        }
    }
}
