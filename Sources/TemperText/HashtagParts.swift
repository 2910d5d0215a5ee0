/// One word inside a camel-case hashtag: "#NotHappy" has the parts "not" and "happy".
///
/// The tokenizer folds case, so after it "#NotHappy" is the one form "#nothappy", whose words
/// no lexicon and no n-gram model knows. The capitals that mark where the words meet are read
/// before folding and kept as parts: sub-ranges of the hashtag's normalized form (no bytes of
/// their own), each with its `TokenHash`, so a part looks up exactly like the same word written
/// on its own. The hashtag token stays one token; readers that want the words (the lexicon
/// rules, the n-gram features) find a tag's parts in `TokenizedText.hashtagParts`.
public struct HashtagPart: Sendable, Equatable {
    /// The index of the hashtag's token in `TokenizedText.tokens`.
    public var token: Int32
    /// The part's bytes in `TokenizedText.normalized` (inside its hashtag's normalized form).
    public var normStart: Int32
    public var normEnd: Int32
    /// `TokenHash` of the part's normalized (lower-case) bytes.
    public var hash: UInt64

    public init(token: Int32, normStart: Int32, normEnd: Int32, hash: UInt64) {
        self.token = token
        self.normStart = normStart
        self.normEnd = normEnd
        self.hash = hash
    }

    public var normRange: Range<Int> { Int(normStart)..<Int(normEnd) }
}

/// Where the words of an ASCII hashtag meet, read from its original capitals.
///
/// A new part starts at a capital after a lower-case letter or digit ("Not|Happy",
/// "worst|Service|Ever"), at the last capital of a capital run when a lower-case letter follows
/// ("ABC|News"), and where letters meet digits ("Top|10", "2020|Sucks"); "_" separates and
/// belongs to no part ("not_happy"). A tag in one case ("#nothappy", "#FAIL") has no marks to read
/// and stays whole: splitting run-together lower-case words would need a dictionary.
enum HashtagSplitter {
    /// Splits `bytes[from..<end]` (the tag's characters after "#", ASCII word bytes) and calls
    /// `part` with each part's offsets relative to `from`, when there are two parts or more.
    @inline(__always)
    static func forEachPart(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, end: Int, _ part: (Int, Int) -> Void) {
        // Most tags have no capital after their first letter and no digit/underscore: one quick
        // pass rules them out before any part is reported.
        guard hasBoundary(bytes, from: from, end: end) else { return }
        var partStart = from
        var index = from
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") {
                if index > partStart { part(partStart - from, index - from) }
                partStart = index + 1
            } else if index > partStart, startsPart(bytes, at: index, end: end) {
                part(partStart - from, index - from)
                partStart = index
            }
            index += 1
        }
        if end > partStart { part(partStart - from, end - from) }
    }

    /// Whether `bytes[index]` begins a new word, given the byte before it (same part).
    @inline(__always)
    private static func startsPart(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Bool {
        let byte = bytes[index], previous = bytes[index - 1]
        if isDigit(byte) != isDigit(previous) { return true }
        guard isUppercaseLetter(byte) else { return false }
        if !isUppercaseLetter(previous) { return true }
        // Inside a run of capitals: the last one starts the next word when lower case follows.
        return index + 1 < end && isLetter(bytes[index + 1]) && !isUppercaseLetter(bytes[index + 1])
    }

    /// True when the tag has any place `forEachPart` would cut.
    @inline(__always)
    private static func hasBoundary(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Bool {
        guard end - from >= 2 else { return false }
        var index = from + 1
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") || startsPart(bytes, at: index, end: end) { return true }
            index += 1
        }
        return false
    }
}
