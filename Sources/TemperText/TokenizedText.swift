/// The tokens of one message plus the bytes they point into. Built to be reused: a tokenizer
/// clears and refills it message after message, so steady-state tokenizing allocates nothing.
public struct TokenizedText: Sendable {
    /// The original message bytes (token `start..<end` offsets point here).
    public var source: [UInt8] = []
    /// Normalized forms of all tokens, back to back (token `normStart..<normEnd` point here).
    public var normalized: [UInt8] = []
    public var tokens: [Token] = []
    /// The words inside camel-case hashtags ("#NotHappy": "not", "happy"), in token order; see
    /// `HashtagPart`. Empty for most messages.
    public var hashtagParts: [HashtagPart] = []
    /// How many bytes were not valid UTF-8 and were read as U+FFFD.
    public var replacedByteCount = 0
    /// True when every cased word of the message is in capitals (so no single word is emphasized).
    public var isAllCaps = false
    /// Words with two or more cased letters, and those of them in capitals (for the ALL-CAPS rule).
    /// The tokenizer counts them as it goes and stores the totals here with the tokens.
    public internal(set) var casedWordCount = 0
    var capitalWordCount = 0

    public init() {
        source.reserveCapacity(256)
        normalized.reserveCapacity(256)
        tokens.reserveCapacity(64)
    }

    private init(reserving: ()) {}

    /// A value that owns no storage: swapped into a stored property, it lets the owner work on
    /// the real value as a local (no copy, so no retains) without allocating.
    public static var empty: TokenizedText { TokenizedText(reserving: ()) }

    public mutating func removeAll() {
        source.removeAll(keepingCapacity: true)
        normalized.removeAll(keepingCapacity: true)
        tokens.removeAll(keepingCapacity: true)
        hashtagParts.removeAll(keepingCapacity: true)
        replacedByteCount = 0
        isAllCaps = false
        casedWordCount = 0
        capitalWordCount = 0
    }

    public var count: Int { tokens.count }

    /// The normalized form of `token` as a String (allocates; not for hot paths).
    public func normalizedText(of token: Token) -> String {
        String(decoding: normalized[token.normRange], as: UTF8.self)
    }

    /// A hashtag part's word, lower-cased, as a String (allocates; not for hot paths).
    public func normalizedText(of part: HashtagPart) -> String {
        String(decoding: normalized[part.normRange], as: UTF8.self)
    }

    /// The original text that `token` covers (allocates; not for hot paths). Invalid bytes show as U+FFFD.
    public func originalText(of token: Token) -> String {
        String(decoding: source[token.byteRange], as: UTF8.self)
    }

    /// Appends the normalized message: token forms in order, one space where the original had
    /// whitespace, controls and zero-width characters gone.
    public func appendNormalizedLine(to output: inout [UInt8]) {
        for (index, token) in tokens.enumerated() {
            if index > 0, token.flags.contains(.spaceBefore) { output.append(0x20) }
            output.append(contentsOf: normalized[token.normRange])
        }
    }

    public var normalizedLine: String {
        var bytes: [UInt8] = []
        appendNormalizedLine(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The 0-based Unicode scalar index of byte `offset` in `source` (for character offsets).
    public func scalarOffset(ofByte offset: Int) -> Int {
        // Decode exactly as the tokenizer did, so each invalid byte counts as one U+FFFD.
        source.withUnsafeBufferPointer { bytes in
            var count = 0
            var index = 0
            let limit = min(offset, bytes.count)
            while index < limit {
                index += UTF8Decoder.decode(bytes, at: index).length
                count += 1
            }
            return count
        }
    }

    /// Unicode scalar offsets (`start`, `end`) of every token, in one pass over the source
    /// (so a 10 MB line costs one scan, not one per token).
    public func scalarRanges() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(tokens.count)
        source.withUnsafeBufferPointer { bytes in
            var byte = 0
            var scalars = 0
            func advance(to offset: Int) {
                while byte < offset, byte < bytes.count {
                    byte += UTF8Decoder.decode(bytes, at: byte).length
                    scalars += 1
                }
            }
            for token in tokens {
                advance(to: Int(token.start))
                let start = scalars
                advance(to: Int(token.end))
                ranges.append(start..<scalars)
            }
        }
        return ranges
    }
}
