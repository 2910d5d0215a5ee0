import Foundation
import TemperText

/// Finds the n-grams most over-represented in one set of messages against another ("Fightin'
/// Words": the log-odds ratio with an informative Dirichlet prior, Monroe, Colaresi & Quinn 2008,
/// eq. 22), so an analyst can see complaint themes a driver taxonomy lacks.
///
/// Streams: messages are added one at a time and only counts are kept, in a table of at most
/// `capacity` n-grams. When it fills, the rarest n-grams are pruned (lossy counting): everything
/// seen at most `pruneLevel` times goes, and the level rises until a quarter of the table is free.
/// Memory is therefore bounded by `capacity` entries (a hash, two counts and the n-gram's text,
/// about 100 bytes each) whatever the input size; an n-gram pruned and seen again starts from
/// zero, so its counts may fall short by at most `pruneLevel` per prune — `undercountBound`
/// reports the sum, which stays far below the counts of the n-grams that rank.
public struct NGramContrast: Sendable {
    public struct Entry: Sendable {
        public var text: String
        public var countA: Int
        public var countB: Int
    }

    /// One ranked n-gram.
    public struct Result: Sendable {
        /// The n-gram's key, as `ngrams(of:maxLength:body:)` gives it.
        public var key: UInt64
        public var ngram: String
        public var countA: Int
        public var countB: Int
        /// The log-odds ratio δ (A against B) with the prior.
        public var logOdds: Double
        /// δ divided by its standard deviation: the ranking key.
        public var z: Double
    }

    public let capacity: Int
    public let maxLength: Int
    /// Messages and n-gram occurrences per set (exact, never pruned).
    public private(set) var messagesA = 0
    public private(set) var messagesB = 0
    public private(set) var totalA = 0
    public private(set) var totalB = 0
    public private(set) var prunes = 0
    public private(set) var pruneLevel = 0
    /// The most an n-gram's count may fall short of the truth through pruning.
    public private(set) var undercountBound = 0
    private var table: [UInt64: Entry] = [:]

    /// Words that make no theme on their own: an n-gram of nothing but these is not counted.
    static let stopwords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "for", "with", "by", "from", "up", "about",
        "into", "as", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had",
        "i", "me", "my", "we", "our", "us", "you", "your", "he", "she", "it", "its", "they", "them", "their", "this", "that",
        "these", "those", "there", "here", "so", "than", "too", "very", "just", "can", "will", "would", "could", "should",
        "what", "which", "who", "whom", "when", "where", "why", "how", "all", "any", "some", "get", "got", "im", "i'm", "it's",
        "that's", "there's", "i've", "i'll", "i'd", "you're", "let", "also", "then", "out", "now", "one", "rt",
    ]

    public init(capacity: Int = 200_000, maxLength: Int = 3) {
        self.capacity = max(capacity, 16)
        self.maxLength = max(1, min(maxLength, 5))
        table.reserveCapacity(min(self.capacity, 1 << 16))
    }

    public var distinctNGrams: Int { table.count }

    /// The n-gram keys of `text`, each once per message (a theme counts by messages, so one
    /// message repeating a word does not swamp the rest). Words, numbers, hashtags and emoji
    /// count; mentions, URLs and punctuation break n-grams.
    public static func ngrams(of text: TokenizedText, maxLength: Int, body: (UInt64, Range<Int>) -> Void) {
        let tokens = text.tokens
        var runStart = 0
        var index = 0
        while index <= tokens.count {
            let breaks = index == tokens.count || !isWordLike(tokens[index].kind)
            if breaks {
                if index > runStart {
                    for start in runStart..<index {
                        var hash = tokens[start].hash
                        for end in (start + 1)...min(index, start + maxLength) {
                            if end > start + 1 { hash = TokenHash.combine(hash, tokens[end - 1].hash) }
                            body(hash, start..<end)
                        }
                    }
                }
                runStart = index + 1
            }
            index += 1
        }
    }

    private static func isWordLike(_ kind: TokenKind) -> Bool {
        kind == .word || kind == .number || kind == .hashtag || kind == .emoji
    }

    /// Counts one message into set A (`inA`) or B.
    public mutating func add(_ text: TokenizedText, inA: Bool, seen: inout Set<UInt64>) {
        seen.removeAll(keepingCapacity: true)
        if inA { messagesA += 1 } else { messagesB += 1 }
        Self.ngrams(of: text, maxLength: maxLength) { hash, range in
            guard seen.insert(hash).inserted else { return }
            if inA { totalA += 1 } else { totalB += 1 }
            if table[hash] != nil {
                if inA { table[hash]!.countA += 1 } else { table[hash]!.countB += 1 }
                return
            }
            let words = range.map { text.normalizedText(of: text.tokens[$0]) }
            if words.allSatisfy({ Self.stopwords.contains($0) }) { return }
            if table.count >= capacity { prune() }
            table[hash] = Entry(text: words.joined(separator: " "), countA: inA ? 1 : 0, countB: inA ? 0 : 1)
        }
    }

    private mutating func prune() {
        prunes += 1
        let target = capacity * 3 / 4
        while table.count > target {
            pruneLevel += 1
            undercountBound += pruneLevel
            let level = pruneLevel
            table = table.filter { $0.value.countA + $0.value.countB > level }
        }
    }

    /// The n-grams most over-represented in A (positive z) — or in B with `towardA` false — with at
    /// least `minimumCount` occurrences in the favoured set. `priorMass` (α₀) is the prior's total
    /// weight, spread over n-grams by their share of both sets together.
    public func ranked(limit: Int, minimumCount: Int = 5, priorMass: Double = 500, towardA: Bool = true) -> [Result] {
        let nA = Double(totalA), nB = Double(totalB)
        let background = max(nA + nB, 1)
        var results: [Result] = []
        for (key, entry) in table {
            let favoured = towardA ? entry.countA : entry.countB
            guard favoured >= minimumCount else { continue }
            let yA = Double(entry.countA), yB = Double(entry.countB)
            let alpha = max(priorMass * (yA + yB) / background, 0.01)
            let deltaA = log((yA + alpha) / (nA + priorMass - yA - alpha))
            let deltaB = log((yB + alpha) / (nB + priorMass - yB - alpha))
            let delta = deltaA - deltaB
            let variance = 1 / (yA + alpha) + 1 / (yB + alpha)
            let z = delta / variance.squareRoot()
            results.append(Result(key: key, ngram: entry.text, countA: entry.countA, countB: entry.countB, logOdds: delta, z: z))
        }
        results.sort { towardA ? ($0.z, $1.ngram) > ($1.z, $0.ngram) : ($0.z, $0.ngram) < ($1.z, $1.ngram) }
        return Array(results.prefix(limit))
    }
}
