import TemperText

/// Which feature families the n-gram model sees. Stored in the model file, so the bits are stable:
/// never renumber them, only add new ones.
public struct NGramFeatureSet: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// One feature per kept token (words, emoji, emoticons, hashtags; every number is `<num>`).
    public static let unigrams = NGramFeatureSet(rawValue: 1 << 0)
    /// Pairs of consecutive kept tokens; punctuation and dropped tokens (URLs, mentions…) break the chain.
    public static let bigrams = NGramFeatureSet(rawValue: 1 << 1)
    /// Words in the scope of a negator ("not", "never", "n't"…) hash as a separate `NEG_` variant
    /// instead of their plain unigram.
    public static let negation = NGramFeatureSet(rawValue: 1 << 2)
    /// One feature each when the message contains "!" or "?".
    public static let punctuation = NGramFeatureSet(rawValue: 1 << 3)
    /// Character 3-grams of each word with boundary marks ("^go", "goo", "ood", "od$").
    public static let charTrigrams = NGramFeatureSet(rawValue: 1 << 4)
    /// Each feature also hashes to a sign (Weinberger et al. 2009): colliding features then cancel
    /// on average instead of adding up. The sign travels in bit 31 of the index (`signBit`).
    public static let signedHashing = NGramFeatureSet(rawValue: 1 << 5)

    /// A hashtag also counts as the word it spells: "#fail" adds the unigram "fail" (the tag's
    /// own feature stays), so tags share what the model learned about their words.
    public static let hashtagWords = NGramFeatureSet(rawValue: 1 << 6)
    /// The words of a camel-case hashtag (`HashtagPart`) count as words written out: "#NotHappy"
    /// adds the unigrams "not" and (negated) "happy" and the bigram "not happy", as the text
    /// "not happy" would. The tag's own features stay; the words do not chain with the tokens
    /// around the tag.
    public static let hashtagParts = NGramFeatureSet(rawValue: 1 << 7)

    /// Every family this build computes. A model file naming another was trained by a newer
    /// Temper: loading it here would score without that family's features, silently worse.
    public static let known: NGramFeatureSet = [.unigrams, .bigrams, .negation, .punctuation, .charTrigrams, .signedHashing,
                                                .hashtagWords, .hashtagParts]

    /// The default set, chosen on dev data (see `NGramTrainer` docs for the numbers).
    public static let standard: NGramFeatureSet = [.unigrams, .bigrams, .negation, .punctuation, .hashtagWords, .hashtagParts]
    public static let all: NGramFeatureSet = [.unigrams, .bigrams, .negation, .punctuation, .charTrigrams]

    public var names: [String] {
        var names: [String] = []
        if contains(.unigrams) { names.append("unigrams") }
        if contains(.bigrams) { names.append("bigrams") }
        if contains(.negation) { names.append("negation") }
        if contains(.punctuation) { names.append("punctuation") }
        if contains(.charTrigrams) { names.append("char3") }
        if contains(.signedHashing) { names.append("signed") }
        if contains(.hashtagWords) { names.append("hashtag-words") }
        if contains(.hashtagParts) { names.append("hashtag-parts") }
        return names
    }
}

/// Turns a `TokenizedText` into hashed feature indices in `0..<(1 << hashBits)`.
///
/// The hot path allocates nothing: it hashes the token bytes in `text.normalized` directly
/// (FNV-1a, then a 64-bit finalizer so the low bits are well mixed) and appends indices to a
/// caller-owned array that keeps its capacity from message to message. A feature that occurs
/// twice is appended twice (counts, not sets).
///
/// Every family has its own seed, so the word "good", the negated "NEG_good" and the bigram
/// "very good" land on unrelated slots.
public struct FeatureHasher: Sendable, Equatable {
    public let hashBits: Int
    public let features: NGramFeatureSet
    /// How many words after a negator are marked (the scope also ends at punctuation).
    public let negationWindow: Int
    @usableFromInline let mask: UInt64
    /// Set in an index when the feature counts −1 (only with `.signedHashing`); mask it off with
    /// `indexMask` before looking up the weight.
    @usableFromInline static let signBit: UInt32 = 1 << 31
    @usableFromInline static let indexMask: UInt32 = ~signBit
    @usableFromInline let signMask: UInt64

    public static let defaultHashBits = 18
    public static let validHashBits = 10...28

    public init(hashBits: Int = FeatureHasher.defaultHashBits, features: NGramFeatureSet = .standard, negationWindow: Int = 3) {
        precondition(FeatureHasher.validHashBits.contains(hashBits), "hash bits must be in \(FeatureHasher.validHashBits)")
        self.hashBits = hashBits
        self.features = features
        self.negationWindow = negationWindow
        self.mask = (UInt64(1) << UInt64(hashBits)) - 1
        self.signMask = features.contains(.signedHashing) ? UInt64(FeatureHasher.signBit) : 0
    }

    public var dimension: Int { 1 << hashBits }

    // MARK: - Seeds (arbitrary odd constants; changing one invalidates trained models)

    @usableFromInline static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    @usableFromInline static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3
    @usableFromInline static let seedUnigram: UInt64 = 0x9e37_79b9_7f4a_7c15
    @usableFromInline static let seedNegated: UInt64 = 0xc2b2_ae3d_27d4_eb4f
    @usableFromInline static let seedBigram: UInt64 = 0x1656_67b1_9e37_79f9
    @usableFromInline static let seedPunct: UInt64 = 0x27d4_eb2f_1656_67c5
    @usableFromInline static let seedChar: UInt64 = 0x85eb_ca77_c2b2_ae63
    /// The stand-in hash of every number token.
    @usableFromInline static let numberHash: UInt64 = 0x3c6e_f372_fe94_f82b

    /// FNV-1a over raw bytes (also used by the model file checksum and `HashSplit`).
    @inlinable
    static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = fnvOffset) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* fnvPrime
        }
        return hash
    }

    /// The "murmur3 fmix64" finalizer: spreads entropy into all bits before masking.
    @inlinable @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }

    @inlinable @inline(__always)
    func slot(_ hash: UInt64, seed: UInt64) -> UInt32 {
        let mixed = FeatureHasher.mix(hash ^ seed)
        // The sign comes from the top bit of the mixed hash, independent of the low index bits.
        return UInt32(truncatingIfNeeded: (mixed & mask) | ((mixed >> 32) & signMask))
    }

    // MARK: - Token classes

    @usableFromInline enum Role { case keep, number, drop, breakChain }

    @inlinable @inline(__always)
    static func role(of kind: TokenKind) -> Role {
        switch kind {
        case .word, .emoji, .emoticon, .hashtag: return .keep
        case .number: return .number
        case .url, .email, .mention, .phone, .card: return .drop
        case .punctuation, .symbol: return .breakChain
        }
    }

    /// True for "not", "no", "never", "cannot", any "…n't" and a few other negators.
    @inlinable @inline(__always)
    static func isNegator(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = word.count
        guard count >= 2 else { return false }
        // "…n't" (covers "n't" alone as in SST's "does n't").
        if count >= 3, word[count - 1] == 0x74, word[count - 2] == 0x27, word[count - 3] == 0x6e { return true }
        guard count <= 7 else { return false }
        var packed: UInt64 = 0
        for byte in word { packed = packed << 8 | UInt64(byte) }
        switch packed {
        case 0x6e6f,                     // no
             0x6e6f74,                   // not
             0x6e6f72,                   // nor
             0x6e6576_6572,              // never
             0x6e6f6e65,                 // none
             0x63616e6e_6f74,            // cannot
             0x6e6f626f_6479,            // nobody
             0x6e6f7468_696e67,          // nothing
             0x6e656974_686572,          // neither
             0x6e6f7768_657265,          // nowhere
             0x6e74:                     // nt (tokenizer leftovers)
            return true
        default:
            return false
        }
    }

    /// True for the punctuation that ends a negation scope and marks sentence breaks: . , ; : ! ?
    @inlinable @inline(__always)
    static func endsScope(_ byte: UInt8) -> Bool {
        byte == 0x2e || byte == 0x2c || byte == 0x3b || byte == 0x3a || byte == 0x21 || byte == 0x3f
    }

    // MARK: - Extraction

    /// Clears `output` and appends the feature indices of `text`. `output` keeps its capacity,
    /// so after the first few messages this allocates nothing.
    @inlinable
    public func extract(_ text: TokenizedText, into output: inout [UInt32]) {
        output.removeAll(keepingCapacity: true)
        forEachFeature(of: text) { output.append($0) }
    }

    /// Calls `body` with each feature index of `text`, in `extract`'s order. Scoring consumes the
    /// indices as they are made instead of storing them (no array appends in the hot path).
    @inlinable @inline(__always)
    func forEachFeature(of text: TokenizedText, _ body: (UInt32) -> Void) {
        let features = self.features
        let useUnigrams = features.contains(.unigrams)
        let useBigrams = features.contains(.bigrams)
        let useNegation = features.contains(.negation)
        let useChars = features.contains(.charTrigrams)
        let useHashtagWords = features.contains(.hashtagWords)
        var sawExclamation = false
        var sawQuestion = false
        var previous: UInt64 = 0
        var hasPrevious = false
        var negationLeft = 0

        text.normalized.withUnsafeBufferPointer { all in
            for token in text.tokens {
                let bytes = UnsafeBufferPointer(rebasing: all[token.normRange])
                switch FeatureHasher.role(of: token.kind) {
                case .drop:
                    hasPrevious = false
                case .breakChain:
                    hasPrevious = false
                    for byte in bytes {
                        if byte == 0x21 { sawExclamation = true }
                        if byte == 0x3f { sawQuestion = true }
                        if FeatureHasher.endsScope(byte) { negationLeft = 0 }
                    }
                case .number, .keep:
                    let isNumber = token.kind == .number
                    // The tokenizer's hash is FNV-1a with the same constants as `fnv1a`.
                    let hash = isNumber ? FeatureHasher.numberHash : token.hash
                    if useUnigrams {
                        if useNegation && negationLeft > 0 {
                            body(slot(hash, seed: FeatureHasher.seedNegated))
                        } else {
                            body(slot(hash, seed: FeatureHasher.seedUnigram))
                        }
                    }
                    if useHashtagWords && token.kind == .hashtag && bytes.count > 1 {
                        body(slot(FeatureHasher.fnv1a(UnsafeBufferPointer(rebasing: bytes.dropFirst())), seed: FeatureHasher.seedUnigram))
                    }
                    if useBigrams && hasPrevious {
                        body(slot(previous &* 0x9e37_79b9_7f4a_7c15 &+ hash, seed: FeatureHasher.seedBigram))
                    }
                    if useChars && token.kind == .word && bytes.count >= 2 {
                        forEachCharTrigram(bytes, body)
                    }
                    previous = hash
                    hasPrevious = true
                    if negationLeft > 0 { negationLeft -= 1 }
                    if useNegation && token.kind == .word && FeatureHasher.isNegator(bytes) {
                        negationLeft = negationWindow
                    }
                }
            }
        }
        // A separate pass, only for the few messages with a camel-case hashtag: the token loop
        // above stays exactly as it is without the family (inside it, every message paid: +1.3%
        // instructions per message in `score` on support chat, measured with callgrind).
        if features.contains(.hashtagParts) && !text.hashtagParts.isEmpty {
            forEachHashtagPartFeature(of: text, body)
        }
        if features.contains(.punctuation) {
            if sawExclamation { body(slot(1, seed: FeatureHasher.seedPunct)) }
            if sawQuestion { body(slot(2, seed: FeatureHasher.seedPunct)) }
        }
    }

    /// The unigrams and bigrams of the camel-case hashtags' words (`TokenizedText.hashtagParts`),
    /// as if each tag's words stood alone in the text: a word after a negator word, or inside a
    /// negation scope that reached the tag, is negated. Walks the tokens again to know that scope
    /// (the same rules as `forEachFeature`'s loop). Inlined, after the token loop: called out of
    /// line, the feature closure and the model it captures had to be copied for every message.
    @inlinable @inline(__always)
    func forEachHashtagPartFeature(of text: TokenizedText, _ body: (UInt32) -> Void) {
        let useUnigrams = features.contains(.unigrams)
        let useBigrams = features.contains(.bigrams)
        let useNegation = features.contains(.negation)
        let parts = text.hashtagParts
        var next = 0
        var negationLeft = 0
        text.normalized.withUnsafeBufferPointer { all in
            for (index, token) in text.tokens.enumerated() where next < parts.count {
                let bytes = UnsafeBufferPointer(rebasing: all[token.normRange])
                switch FeatureHasher.role(of: token.kind) {
                case .drop:
                    break
                case .breakChain:
                    if bytes.contains(where: FeatureHasher.endsScope) { negationLeft = 0 }
                case .number, .keep:
                    if token.kind == .hashtag {
                        while next < parts.count, Int(parts[next].token) < index { next += 1 }
                        var previous: UInt64 = 0
                        var hasPrevious = false
                        var partNegation = negationLeft
                        while next < parts.count, Int(parts[next].token) == index {
                            let part = parts[next]
                            next += 1
                            if useUnigrams {
                                body(slot(part.hash, seed: useNegation && partNegation > 0 ? FeatureHasher.seedNegated : FeatureHasher.seedUnigram))
                            }
                            if useBigrams && hasPrevious {
                                body(slot(previous &* 0x9e37_79b9_7f4a_7c15 &+ part.hash, seed: FeatureHasher.seedBigram))
                            }
                            previous = part.hash
                            hasPrevious = true
                            if partNegation > 0 { partNegation -= 1 }
                            if useNegation && FeatureHasher.isNegator(UnsafeBufferPointer(rebasing: all[part.normRange])) {
                                partNegation = negationWindow
                            }
                        }
                    }
                    if negationLeft > 0 { negationLeft -= 1 }
                    if useNegation && token.kind == .word && FeatureHasher.isNegator(bytes) {
                        negationLeft = negationWindow
                    }
                }
            }
        }
    }

    /// Character trigrams over "^" + word + "$", packed 3 bytes at a time (no hashing of strings).
    @inlinable @inline(__always)
    func forEachCharTrigram(_ word: UnsafeBufferPointer<UInt8>, _ body: (UInt32) -> Void) {
        var window: UInt64 = 0x5e  // "^"
        var filled = 1
        for byte in word {
            window = (window << 8 | UInt64(byte)) & 0xff_ffff
            filled += 1
            if filled >= 3 { body(slot(window, seed: FeatureHasher.seedChar)) }
        }
        window = (window << 8 | 0x24) & 0xff_ffff  // "$"
        body(slot(window, seed: FeatureHasher.seedChar))
    }

    /// Convenience (allocates): the feature indices of `text`.
    public func features(of text: TokenizedText) -> [UInt32] {
        var output: [UInt32] = []
        extract(text, into: &output)
        return output
    }
}
