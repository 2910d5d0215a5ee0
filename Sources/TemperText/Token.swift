/// What a token is. Later stages branch on this, so the cases are few and stable.
public enum TokenKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    case word
    case number
    case emoji
    case emoticon
    case url
    case email
    case mention
    case hashtag
    case punctuation
    case symbol
    case phone
    case card

    public var description: String {
        switch self {
        case .word: "word"
        case .number: "number"
        case .emoji: "emoji"
        case .emoticon: "emoticon"
        case .url: "url"
        case .email: "email"
        case .mention: "mention"
        case .hashtag: "hashtag"
        case .punctuation: "punctuation"
        case .symbol: "symbol"
        case .phone: "phone"
        case .card: "card"
        }
    }
}

/// Surface features observed before folding erased them.
public struct TokenFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A word written in capitals inside a message that is not capitals as a whole.
    public static let allCaps = TokenFlags(rawValue: 1 << 0)
    /// A letter repeated three or more times ("sooooo"); the normalized form keeps two.
    public static let elongated = TokenFlags(rawValue: 1 << 1)
    /// A punctuation run of two or more marks ("!!!", "?!").
    public static let repeated = TokenFlags(rawValue: 1 << 2)
    /// A negative or other contraction, written with any apostrophe or none ("can’t", "cant").
    public static let contraction = TokenFlags(rawValue: 1 << 3)
    /// Whitespace stood between this token and the previous one.
    public static let spaceBefore = TokenFlags(rawValue: 1 << 4)
    /// The normalized form is a PII placeholder such as `<EMAIL>`.
    public static let masked = TokenFlags(rawValue: 1 << 5)
    /// The token covers bytes that were not valid UTF-8 (shown as U+FFFD).
    public static let replacedBytes = TokenFlags(rawValue: 1 << 6)

    public var names: [String] {
        var names: [String] = []
        if contains(.allCaps) { names.append("all_caps") }
        if contains(.elongated) { names.append("elongated") }
        if contains(.repeated) { names.append("repeated") }
        if contains(.contraction) { names.append("contraction") }
        if contains(.masked) { names.append("masked") }
        if contains(.replacedBytes) { names.append("replaced_bytes") }
        return names
    }
}

/// One token. Offsets are UTF-8 byte offsets: `start..<end` into the ORIGINAL message bytes
/// (for evidence highlighting), `normStart..<normEnd` into `TokenizedText.normalized`.
/// A plain value with no heap storage, so a token array costs one allocation, reused.
public struct Token: Sendable, Equatable {
    public var kind: TokenKind
    public var flags: TokenFlags
    /// For punctuation runs, how many marks; for elongations, the longest repeat seen.
    public var repeatCount: UInt16
    public var start: Int32
    public var end: Int32
    public var normStart: Int32
    public var normEnd: Int32
    /// `TokenHash` of the normalized form, computed once while the bytes are in cache, so the
    /// lexicon and the n-gram model never hash a token again.
    public var hash: UInt64

    public init(kind: TokenKind, flags: TokenFlags = [], repeatCount: UInt16 = 1, start: Int32, end: Int32, normStart: Int32, normEnd: Int32, hash: UInt64 = 0) {
        self.kind = kind
        self.flags = flags
        self.repeatCount = repeatCount
        self.start = start
        self.end = end
        self.normStart = normStart
        self.normEnd = normEnd
        self.hash = hash
    }

    public var byteRange: Range<Int> { Int(start)..<Int(end) }
    public var normRange: Range<Int> { Int(normStart)..<Int(normEnd) }
}
