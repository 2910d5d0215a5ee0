import TemperText

/// How a term changes the sentiment words near it.
public enum ModifierKind: UInt8, Sendable, CustomStringConvertible {
    /// Pushes the next sentiment word away from zero ("very slow").
    case intensifier
    /// Pulls the next sentiment word towards zero ("slightly late").
    case dampener
    /// Flips and weakens sentiment words in its scope ("not helpful").
    case negator
    /// The clause after it outweighs the clause before ("nice, but nothing got fixed").
    case contrast

    init?(name: String) {
        switch name {
        case "intensifier", "booster": self = .intensifier
        case "dampener", "diminisher": self = .dampener
        case "negator", "negation": self = .negator
        case "contrast": self = .contrast
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .intensifier: "intensifier"
        case .dampener: "dampener"
        case .negator: "negator"
        case .contrast: "contrast"
        }
    }
}

/// What the lexicons say about one term (a word or a phrase).
public struct TermInfo: Sendable, Equatable {
    /// Valence on −4…+4; nil when the term carries none (pure modifiers).
    public var valence: Float?
    public var modifier: ModifierKind?
    public var weight: Float
    /// Index into `Lexicon.sources`: which file said so (for explanations).
    public var source: UInt16
    /// Number of tokens in the term.
    public var length: UInt8

    init(valence: Float? = nil, modifier: ModifierKind? = nil, weight: Float = 0, source: UInt16 = 0, length: UInt8 = 1) {
        self.valence = valence
        self.modifier = modifier
        self.weight = weight
        self.source = source
        self.length = length
    }
}

/// A multi-token term, matched before single words.
struct Phrase: Sendable {
    var hashes: [UInt64]
    var info: TermInfo
    var text: String
    /// The phrase's own key: its word hashes chained (for explanations).
    var key: UInt64 { Lexicon.phraseKey(hashes) }
}

/// Where the phrases that open with one pair of words sit in `phraseRecords`.
struct PhraseGroup: Sendable {
    var start: Int32
    var count: Int32
}

/// One phrase in the flat index.
struct PhraseRecord: Sendable {
    var hashStart: Int32
    var length: Int32
    var info: TermInfo
    var key: UInt64
}

/// A phrase found in a message: plain values only, so matching retains nothing.
struct PhraseMatch {
    var length: Int
    var info: TermInfo
    var key: UInt64
}

/// Valences and modifiers keyed by the stable hash of normalized token forms, so a lookup in the
/// scoring loop hashes bytes and probes a table, with no Strings. Terms are normalized by the same
/// tokenizer that reads messages, so a lexicon entry always matches what the tokenizer produces.
public struct Lexicon: Sendable {
    var words = TermTable<TermInfo>(capacity: 8192)
    /// Phrases by the hash of their first token, longest first (the editable form).
    var phrases: [UInt64: [Phrase]] = [:]
    /// The same phrases flattened into plain values for matching (see `compile()`), grouped by
    /// their first two words: a message's word pair is then one probe that almost always misses,
    /// where a common first word ("not", "so") would have a long run of candidates to try.
    private var phraseGroups = TermTable<PhraseGroup>(capacity: 1024)
    private var phraseRecords: [PhraseRecord] = []
    private var phraseHashes: [UInt64] = []
    public private(set) var sources: [String] = []
    /// Human-readable term for each hash, for explanations only.
    var termText: [UInt64: String] = [:]

    public init() {}

    public var wordCount: Int { words.count }
    public var phraseCount: Int { phrases.values.reduce(0) { $0 + $1.count } }

    mutating func addSource(_ name: String) -> UInt16 {
        sources.append(name)
        return UInt16(sources.count - 1)
    }

    /// Adds or overrides a term. A term already present keeps the fields the new entry does not set,
    /// so a valence file and a modifier file can describe the same word.
    mutating func set(hashes: [UInt64], text: String, valence: Float?, modifier: ModifierKind?, weight: Float, source: UInt16) {
        guard let first = hashes.first else { return }
        if hashes.count == 1 {
            var info = words[first] ?? TermInfo(source: source)
            if let valence { info.valence = valence }
            if let modifier {
                info.modifier = modifier
                info.weight = weight
            }
            info.source = source
            words[first] = info
            termText[first] = text
            return
        }
        var list = phrases[first] ?? []
        let length = UInt8(clamping: hashes.count)
        if let index = list.firstIndex(where: { $0.hashes == hashes }) {
            if let valence { list[index].info.valence = valence }
            if let modifier {
                list[index].info.modifier = modifier
                list[index].info.weight = weight
            }
            list[index].info.source = source
        } else {
            list.append(Phrase(hashes: hashes, info: TermInfo(valence: valence, modifier: modifier, weight: weight, source: source, length: length), text: text))
            list.sort { $0.hashes.count > $1.hashes.count }
        }
        phrases[first] = list
    }

    /// Rebuilds the flat phrase index (the loader calls it after each file): per pair of first words, a run of records (longest first)
    /// whose word hashes sit in one array. Matching then reads only plain values, retaining nothing.
    mutating func compile() {
        var byPair: [UInt64: [Phrase]] = [:]
        for list in phrases.values {
            for phrase in list {  // longest first, and kept so within each pair
                byPair[Self.pairKey(phrase.hashes[0], phrase.hashes[1]), default: []].append(phrase)
            }
        }
        phraseGroups = TermTable<PhraseGroup>(capacity: byPair.count)
        phraseRecords.removeAll(keepingCapacity: true)
        phraseHashes.removeAll(keepingCapacity: true)
        for (pair, list) in byPair {
            let group = PhraseGroup(start: Int32(phraseRecords.count), count: Int32(list.count))
            for phrase in list {
                phraseRecords.append(PhraseRecord(hashStart: Int32(phraseHashes.count), length: Int32(phrase.hashes.count), info: phrase.info, key: phrase.key))
                phraseHashes.append(contentsOf: phrase.hashes)
            }
            phraseGroups[pair] = group
        }
    }

    /// The key of a phrase group: its first two word hashes chained. A collision of two pairs
    /// only merges their groups, as matching compares every word.
    @inline(__always)
    private static func pairKey(_ first: UInt64, _ second: UInt64) -> UInt64 { TokenHash.combine(first, second) }

    /// The entry for one normalized token.
    @inline(__always)
    public func word(_ hash: UInt64) -> TermInfo? { words.value(for: hash) }

    /// The longest phrase starting at `index` of `words`, probed straight from their hashes: the
    /// message's tokens, or the words of one camel-case hashtag ("#EpicFail" holds the idiom
    /// "epic fail"). The first word may be any term token; the rest must continue a phrase (for
    /// tokens: words, emoji or emoticons — punctuation or a hashtag inside breaks it). Every
    /// phrase has two words or more. Generic rather than taking a closure, so each caller gets
    /// its own specialised loop (a closure-taking helper cost 3.6% CPU on the n-gram loop).
    @inline(__always)
    func longestPhrase<Word: PhraseWord>(at index: Int, in words: UnsafeBufferPointer<Word>) -> PhraseMatch? {
        guard index + 1 < words.count, words[index + 1].continuesPhrase,
              let group = phraseGroups.value(for: Self.pairKey(words[index].hash, words[index + 1].hash)) else { return nil }
        return phraseRecords.withUnsafeBufferPointer { records -> PhraseMatch? in
            phraseHashes.withUnsafeBufferPointer { hashes -> PhraseMatch? in
                candidateLoop: for recordIndex in Int(group.start)..<Int(group.start + group.count) {
                    let record = records[recordIndex]
                    let length = Int(record.length)
                    guard index + length <= words.count, words[index].hash == hashes[Int(record.hashStart)] else { continue }
                    for offset in 1..<length {
                        let word = words[index + offset]
                        guard word.continuesPhrase, word.hash == hashes[Int(record.hashStart) + offset] else { continue candidateLoop }
                    }
                    return PhraseMatch(length: length, info: record.info, key: record.key)
                }
                return nil
            }
        }
    }

    @inline(__always)
    static func continuesPhrase(_ kind: TokenKind) -> Bool {
        kind == .word || kind == .emoji || kind == .emoticon
    }

    /// A phrase's key: its word hashes chained in order.
    static func phraseKey(_ hashes: [UInt64]) -> UInt64 {
        hashes.dropFirst().reduce(hashes[0]) { TokenHash.combine($0, $1) }
    }

    public func text(ofHash hash: UInt64) -> String? { termText[hash] }
}

/// What a phrase is matched over: a message's tokens, or the words of a camel-case hashtag.
protocol PhraseWord {
    var hash: UInt64 { get }
    /// The word may stand after a phrase's first word.
    var continuesPhrase: Bool { get }
}

extension Token: PhraseWord {
    var continuesPhrase: Bool { Lexicon.continuesPhrase(kind) }
}

extension HashtagPart: PhraseWord {
    /// A hashtag's parts are all words.
    var continuesPhrase: Bool { true }
}
