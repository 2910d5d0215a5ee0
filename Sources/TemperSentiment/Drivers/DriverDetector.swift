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
    /// The scratch buffers, held by pointer like `RuleEngine`'s: reaching them through a class's
    /// stored `var`s was a run-time exclusivity check (two runtime calls) per access. The
    /// detector is used by one thread at a time anyway (it is not `Sendable`).
    private let scratch: UnsafeMutablePointer<Scratch>
    private let driverIDs: [String]

    /// Per-message buffers, emptied and refilled message after message. Those `detect` uses
    /// are `ScratchBuffer`s (the tokenizer's: a pointer, a count and a capacity), not arrays:
    /// moving five arrays out of the scratch and back per message, and writing through them,
    /// cost a release of each local and a uniqueness check per write access (about 150
    /// instructions a message).
    private struct Scratch {
        var found = ScratchBuffer<DriverHit>(capacity: 16)
        /// The comma-clause each of `found` stands in (its first token).
        var foundClauses = ScratchBuffer<Int>(capacity: 16)
        /// The sentiment of each clause a hit of the message stood in: hits share clauses, and
        /// a clause's sentiment walks its tokens through the lexicon.
        var clauseSentiments = ClauseSentiments()
        /// `mentions`' hits before they become mentions.
        var mentionHits: [DriverHit] = []
        /// The message's tokens' `TokenClass` bits.
        var tokenClasses = ScratchBuffer<UInt8>(capacity: 256)
        /// The patterns each of the message's tokens starts (most start none).
        var tokenRuns = ScratchBuffer<PatternRun>(capacity: 256)

        func deallocate() {
            found.deallocate()
            foundClauses.deallocate()
            clauseSentiments.entries.deallocate()
            tokenClasses.deallocate()
            tokenRuns.deallocate()
        }
    }

    /// How many words before a complaint a negator still cancels it ("no delay", "not really late").
    static let negationReach = 3
    /// A complaint reads positive only in a clause at least this positive (a "please help" does
    /// not make "my order never arrived" praise).
    static let complaintPositiveThreshold: Float = 1.5

    public init(taxonomy: DriverTaxonomy, lexicon: Lexicon) {
        self.taxonomy = taxonomy
        self.lexicon = lexicon
        driverIDs = taxonomy.drivers.map(\.id)
        scratch = .allocate(capacity: 1)
        scratch.initialize(to: Scratch())
    }

    deinit {
        scratch.pointee.deallocate()
        scratch.deinitialize(count: 1)
        scratch.deallocate()
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
        if !hits.isEmpty { hits.removeAll(keepingCapacity: true) }
        let scratch = scratch
        scratch.pointee.clauseSentiments.entries.removeAll()
        scratch.pointee.found.removeAll()
        scratch.pointee.foundClauses.removeAll()
        text.tokens.withUnsafeBufferPointer { tokens in
            var first = 0
            var end = tokens.count
            if let bytes {
                while first < end, Int(tokens[first].start) < bytes.lowerBound { first += 1 }
                while end > first, Int(tokens[end - 1].start) >= bytes.upperBound { end -= 1 }
            }
            // Sized once for the longest message so far, then written in place: an append per
            // token checked the array's uniqueness and capacity, and kept the loop too long for
            // the processor to overlap one token's table miss with the next's.
            let classes = scratch.pointee.tokenClasses.reset(count: end)
            let runs = scratch.pointee.tokenRuns.reset(count: end)
            // One probe per token: the patterns it starts and its word classes (read again and
            // again by clause walks, negation look-backs and clause sentiment).
            let startCount = Self.classify(tokens, first: first, end: end, words: taxonomy.words, classes: classes, runs: runs)
            guard startCount > 0 else { return }
            let scan = Scan(program: taxonomy.program, tokens: tokens, classes: UnsafeBufferPointer(classes), first: first, end: end)
            var index = first
            while index < end {
                let run = runs[index]
                guard run.count > 0 else {
                    index += 1
                    continue
                }
                guard let match = scan.longestMatch(at: index, run: run) else {
                    index += 1
                    continue
                }
                // Unowned like `Scan`'s (the taxonomy keeps it alive): a strong local was a retain
                // and a release per match.
                unowned(unsafe) let program = scan.program
                let isComplaint = program.isComplaint[match.pattern]
                // A negated complaint is none ("no delay"); a mention right after a negator
                // ("not waiting", "no charge") is not the subject either.
                if scan.isNegated(before: index, reach: isComplaint ? DriverDetector.negationReach : 1, lexicon: lexicon) {
                    index = match.end
                    continue
                }
                let (polarity, strength) = scan.polarity(of: index..<match.end, isComplaint: isComplaint, lexicon: lexicon,
                                                         cache: &scratch.pointee.clauseSentiments)
                let rank: Float = switch polarity {
                case .negative: 30
                case .positive: 20
                case .neutral: 10
                }
                let hit = DriverHit(driver: Int(program.driver[match.pattern]), polarity: polarity,
                                    byteRange: Int(tokens[index].start)..<Int(tokens[match.end - 1].end),
                                    isComplaint: isComplaint,
                                    salience: rank + (isComplaint ? 5 : 0) + min(strength, 4))
                let clause = scan.clause(around: index..<match.end, commasSplit: true, conjunctionsSplit: true).lowerBound
                scratch.pointee.found.append(hit)
                scratch.pointee.foundClauses.append(clause)
                index = match.end
            }
        }
        let raw = scratch.pointee.found.mutableElements
        let clauses = scratch.pointee.foundClauses.elements
        let rawCount = raw.count
        guard rawCount > 0 else { return }
        // A mention in the clause of another driver's complaint is that complaint's context
        // ("my order is 10 days late" is a delay, not a booking).
        for position in 0..<rawCount where !raw[position].isComplaint {
            if (0..<rawCount).contains(where: { other in
                raw[other].isComplaint && raw[other].driver != raw[position].driver && clauses[other] == clauses[position]
            }) {
                raw[position].salience = -1
            }
        }
        // Most salient first; equal salience keeps message order (a stable insertion sort: a
        // message has a few hits, and sorting its indices would allocate). One hit per driver.
        for position in 1..<rawCount {
            let hit = raw[position]
            var slot = position
            while slot > 0, raw[slot - 1].salience < hit.salience {
                raw[slot] = raw[slot - 1]
                slot -= 1
            }
            raw[slot] = hit
        }
        for hit in raw where hit.salience >= 0 && !hits.contains(where: { $0.driver == hit.driver }) {
            hits.append(hit)
        }
    }
}

extension DriverDetector {
    /// Writes the `TokenClass` bits and the pattern run of each token of `first..<end` (the bits
    /// of those before `first` are zero: nothing reads them) and returns how many start patterns.
    @inline(__always)
    static func classify(_ tokens: UnsafeBufferPointer<Token>, first: Int, end: Int, words: TermTable<DriverWord>,
                         classes: UnsafeMutableBufferPointer<UInt8>, runs: UnsafeMutableBufferPointer<PatternRun>) -> Int {
        precondition(end <= tokens.count && end <= classes.count && end <= runs.count && first >= 0)
        var starts = 0
        for position in 0..<first { classes[position] = 0 }
        for position in first..<end {
            let token = tokens[position]
            var bits: UInt8 = 0
            var run = PatternRun(start: 0, count: 0)
            if let word = words.value(for: token.hash) {
                bits = word.classes
                run = word.run
                // The check each start makes in `longestMatch`, made once for all of them: a
                // common word ("is", "on") followed by none of its patterns' second words starts
                // nothing, nor does one ("you") whose gap- or optional-led patterns need a word
                // ("don't") that stands nowhere within their reach.
                if run.count > 0, !word.mayStart(at: position, in: tokens, end: end) {
                    run = PatternRun(start: 0, count: 0)
                }
            }
            if token.kind == .punctuation {
                bits |= TokenClass.clauseBreak
                if token.hash == Scan.commaHash { bits |= TokenClass.comma }
            } else if token.kind == .word, bits & TokenClass.contrast != 0 {
                bits |= TokenClass.clauseBreak
            }
            classes[position] = bits
            runs[position] = run
            if run.count > 0 { starts += 1 }
        }
        return starts
    }
}

@available(*, unavailable, message: "a detector reuses scratch buffers: create one per thread")
extension DriverDetector: Sendable {}

/// A clause's lexicon sentiment, remembered for the message's other hits.
struct ClauseSentiment {
    var range: Range<Int>
    var sum: Float
    var cue: Bool
}

/// The message's clause sentiments so far (emptied for each message).
struct ClauseSentiments {
    var entries = ScratchBuffer<ClauseSentiment>(capacity: 8)

    func sentiment(of range: Range<Int>) -> ClauseSentiment? {
        for known in entries.elements where known.range == range { return known }
        return nil
    }

    mutating func add(_ sentiment: ClauseSentiment) {
        entries.append(sentiment)
    }
}

/// A token's classes for matching: `DriverTaxonomy.wordClass` bits (1 problem cue, 2 contrast,
/// 4 negator, 8 conjunction) and two of the token's own.
enum TokenClass {
    static let contrast: UInt8 = 2
    static let negator: UInt8 = 4
    static let conjunction: UInt8 = 8
    static let cue: UInt8 = 1
    /// Ends a clause: punctuation, or a contrast word.
    static let clauseBreak: UInt8 = 16
    /// A comma (a clause break that does not end a sentence part).
    static let comma: UInt8 = 32
}

/// One message's matching state: read-only views, no storage of its own. The sentiment lexicon
/// is an argument of the methods that read it: a stored copy of the struct would retain and
/// release each of its tables per message.
private struct Scan {
    /// The taxonomy's: kept alive by it, and read without reference counting.
    unowned(unsafe) let program: DriverProgram
    let tokens: UnsafeBufferPointer<Token>
    /// `TokenClass` bits per token (of `first..<end`).
    let classes: UnsafeBufferPointer<UInt8>
    let first: Int
    let end: Int

    init(program: DriverProgram, tokens: UnsafeBufferPointer<Token>, classes: UnsafeBufferPointer<UInt8>,
         first: Int, end: Int) {
        self.program = program
        self.tokens = tokens
        self.classes = classes
        self.first = first
        self.end = end
    }

    /// The longest pattern match starting at `index` (complaints win ties).
    func longestMatch(at index: Int, run: PatternRun) -> (pattern: Int, end: Int)? {
        var best: (pattern: Int, end: Int)?
        for slot in Int(run.start)..<Int(run.start + run.count) {
            let start = program.starts[slot]
            if start.followers != DriverProgram.anyFollower {
                // The second element needs a token right after the first alternative, one it can
                // start with (with no token there it cannot match either).
                let next = index + Int(start.firstLength)
                guard next < end else { continue }
                let hash = tokens[next].hash
                guard start.followers & DriverProgram.followBit(hash) != 0,
                      start.secondFollowers & DriverProgram.secondFollowBit(hash) != 0 else { continue }
            }
            guard let after = matchWords(at: Int(start.firstWords), index: index),
                  let matchEnd = match(element: Int(start.next), remaining: Int(start.remaining), at: after) else { continue }
            let patternIndex = Int(start.pattern)
            let isComplaint = program.isComplaint[patternIndex]
            if let current = best {
                let currentComplaint = program.isComplaint[current.pattern]
                if matchEnd > current.end || (matchEnd == current.end && isComplaint && !currentComplaint) {
                    best = (patternIndex, matchEnd)
                }
            } else {
                best = (patternIndex, matchEnd)
            }
        }
        return best
    }

    /// Where a match of the `remaining` elements from code offset `element` starting at token
    /// `index` ends (the longest), or nil.
    private func match(element: Int, remaining: Int, at index: Int) -> Int? {
        guard remaining > 0 else { return index }
        let header = program.code[element]
        let alternatives = Int(truncatingIfNeeded: header & 0xFFFF_FFFF)
        let next = element + Int(truncatingIfNeeded: header >> 32)
        if alternatives == 0 {  // a gap
            // The next element's first-word set, checked here: most positions a gap tries start
            // none of its words, and a call per position to find that out was most of the cost.
            let nextFirstWords = remaining > 1 ? program.code[next + 1] : DriverProgram.anyFollower
            var best: Int?
            var position = index
            var skipped = 0
            while skipped <= DriverPattern.gapLength, position <= end {
                if nextFirstWords == DriverProgram.anyFollower
                    || (position < end && nextFirstWords & DriverProgram.followBit(tokens[position].hash) != 0),
                   let matchEnd = match(element: next, remaining: remaining - 1, at: position) {
                    best = max(best ?? 0, matchEnd)
                }
                guard position < end, !isClauseBreak(position) else { break }
                position += 1
                skipped += 1
            }
            return best
        }
        let firstWords = program.code[element + 1]
        if firstWords != DriverProgram.anyFollower {
            guard index < end, firstWords & DriverProgram.followBit(tokens[index].hash) != 0 else { return nil }
        }
        // Only the alternatives whose first word is this token (or '*' before a word, or the
        // empty choice) can match: the rest are told apart by one comparison each, without
        // walking their words.
        let hash = index < end ? tokens[index].hash : DriverProgram.emptyAlternative
        let anyWordFits = index < end && (tokens[index].kind == .word || tokens[index].kind == .number)
        let firsts = element + 2
        var best: Int?
        for slot in 0..<alternatives {
            let first = program.code[firsts + slot]
            guard first == hash || first == DriverProgram.emptyAlternative || (first == DriverPattern.anyWord && anyWordFits) else { continue }
            let alternative = element + Int(truncatingIfNeeded: program.code[firsts + alternatives + slot])
            if let after = matchWords(at: alternative, index: index),
               let matchEnd = match(element: next, remaining: remaining - 1, at: after) {
                best = max(best ?? 0, matchEnd)
            }
        }
        return best
    }

    /// Where the alternative at code offset `offset` (its word count, then its words) ends when
    /// matched at token `index`, or nil.
    @inline(__always)
    private func matchWords(at offset: Int, index: Int) -> Int? {
        let count = Int(truncatingIfNeeded: program.code[offset])
        guard index + count <= end else { return nil }
        for position in 0..<count {
            let token = tokens[index + position]
            let word = program.code[offset + 1 + position]
            if word == DriverPattern.anyWord {
                guard token.kind == .word || token.kind == .number else { return nil }
            } else if token.hash != word {
                return nil
            }
        }
        return index + count
    }

    /// Ends a clause: a sentence or clause mark, or a contrast word.
    @inline(__always)
    func isClauseBreak(_ index: Int) -> Bool {
        classes[index] & TokenClass.clauseBreak != 0
    }

    /// A negator up to `reach` words before `index`, in the same clause.
    func isNegated(before index: Int, reach: Int, lexicon: Lexicon) -> Bool {
        var cursor = index - 1
        var distance = 0
        while cursor >= first, distance < reach {
            let bits = classes[cursor]
            if bits & (TokenClass.clauseBreak | TokenClass.conjunction) != 0 { return false }
            if bits & TokenClass.negator != 0 || lexicon.word(tokens[cursor].hash)?.modifier == .negator { return true }
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

    @inline(__always)
    private func breaks(_ index: Int, commasSplit: Bool, conjunctionsSplit: Bool) -> Bool {
        let bits = classes[index]
        if conjunctionsSplit, bits & TokenClass.conjunction != 0 { return true }
        guard bits & TokenClass.clauseBreak != 0 else { return false }
        // A comma is a one-byte mark: told by its normalized form's hash (`Scan` does not see
        // the source bytes).
        if !commasSplit, bits & TokenClass.comma != 0 { return false }
        return true
    }

    static let commaHash = TokenHash.hash([UInt8(ascii: ",")])

    /// `sentiment(of:)`, each range computed once per message.
    private func sentiment(of range: Range<Int>, lexicon: Lexicon, cache: inout ClauseSentiments) -> (sum: Float, cue: Bool) {
        if let known = cache.sentiment(of: range) { return (known.sum, known.cue) }
        let (sum, cue) = sentiment(of: range, lexicon: lexicon)
        cache.add(ClauseSentiment(range: range, sum: sum, cue: cue))
        return (sum, cue)
    }

    /// The sentiment of `range` from the lexicon, VADER-style negation included: the valence sum,
    /// and whether a problem cue stands in it.
    private func sentiment(of range: Range<Int>, lexicon: Lexicon) -> (sum: Float, cue: Bool) {
        var sum: Float = 0
        var cue = false
        var negatedUntil = -1
        var index = range.lowerBound
        while index < range.upperBound {
            let token = tokens[index]
            if classes[index] & TokenClass.cue != 0 { cue = true }
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
    func polarity(of range: Range<Int>, isComplaint: Bool, lexicon: Lexicon, cache: inout ClauseSentiments) -> (SentimentLabel, Float) {
        let near = clause(around: range, commasSplit: true)
        let (sum, cue) = sentiment(of: near, lexicon: lexicon, cache: &cache)
        if isComplaint {
            return sum >= DriverDetector.complaintPositiveThreshold ? (.positive, sum) : (.negative, max(-sum, 0))
        }
        if sum > 0.05 { return (.positive, sum) }
        if sum < -0.05 || cue { return (.negative, max(-sum, 0.5)) }
        let wider = clause(around: range, commasSplit: false)
        if wider != near {
            let (outer, outerCue) = sentiment(of: wider, lexicon: lexicon, cache: &cache)
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
        var hits: [DriverHit] = []
        swap(&hits, &scratch.pointee.mentionHits)
        defer { swap(&hits, &scratch.pointee.mentionHits) }
        detect(text, bytes: bytes, into: &hits)
        guard !hits.isEmpty else { return [] }
        return hits.map { hit in
            DriverMention(id: driverIDs[hit.driver], polarity: hit.polarity,
                          evidence: String(decoding: text.source[hit.byteRange], as: UTF8.self),
                          start: hit.byteRange.lowerBound, end: hit.byteRange.upperBound)
        }
    }
}
