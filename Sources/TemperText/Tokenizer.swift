import CICU

/// Choices that change what the tokenizer writes, not what it finds.
public struct TokenizerOptions: Sendable, Equatable {
    /// Replace emails, phone numbers and card-like digit runs with `<EMAIL>`, `<PHONE>`, `<CARD>`
    /// in the normalized forms (offsets still point at the original text).
    public var maskPII: Bool

    public init(maskPII: Bool = false) {
        self.maskPII = maskPII
    }
}

public struct TokenizerError: Error, CustomStringConvertible {
    public let description: String
}

/// Splits a message into typed, normalized tokens.
///
/// Text is cut into whitespace-separated chunks. Chunks that are pure ASCII (most customer text)
/// take a byte-level fast path whose results match ICU's word rules for ASCII; any chunk with other
/// bytes goes to ICU's word break iterator (dictionary-based for Chinese, Japanese and Thai) and is
/// folded with ICU's NFKC_Casefold. Both paths share the matchers for URLs, emails, mentions,
/// hashtags, emoticons, phone and card numbers, which ICU's word rules would split apart.
///
/// A tokenizer owns an ICU iterator and scratch buffers: use one per thread.
public final class Tokenizer {
    public let options: TokenizerOptions
    /// All state and logic live in a value type: the class only owns it (and the ICU iterator's
    /// lifetime), so the scanning loops work on plain inout state with no dynamic exclusivity checks.
    private var core: TokenizerCore

    public init(options: TokenizerOptions = TokenizerOptions()) throws {
        self.options = options
        var error: UnsafePointer<CChar>?
        guard let breaker = temper_wb_open(&error) else {
            throw TokenizerError(description: "ICU word break iterator unavailable: \(error.map { String(cString: $0) } ?? "unknown error")")
        }
        core = TokenizerCore(options: options, breaker: breaker)
    }

    deinit {
        temper_wb_close(core.breaker)
        core.deallocate()
    }

    /// The ICU version doing the Unicode work.
    static var icuVersion: String { String(cString: temper_icu_version()) }

    /// Convenience for tests and tools: tokenizes a String into a fresh `TokenizedText`.
    public func tokenize(_ string: String) -> TokenizedText {
        var text = TokenizedText()
        var copy = string
        copy.withUTF8 { tokenize($0, into: &text) }
        return text
    }

    /// Convenience for raw bytes, valid UTF-8 or not.
    public func tokenize(bytes: [UInt8]) -> TokenizedText {
        var text = TokenizedText()
        bytes.withUnsafeBufferPointer { tokenize($0, into: &text) }
        return text
    }

    /// Tokenizes `bytes` (one message, any bytes) into `text`, replacing its previous contents.
    public func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into text: inout TokenizedText) {
        core.tokenize(bytes, into: &text)
    }
}

/// The tokenizer proper: scratch buffers and the scanning logic.
///
/// A message's tokens and normalized bytes are built in `ScratchBuffer`s the core owns, then
/// copied into the caller's `TokenizedText` in one replace each: appending to the buffers costs no
/// copy-on-write check, and the ASCII word loop lower-cases, shortens elongations, packs and hashes
/// a word while writing it, in one pass over its bytes.
struct TokenizerCore {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    let options: TokenizerOptions
    let breaker: OpaquePointer
    // The message being tokenized; copied into the caller's `TokenizedText` at the end.
    private var normalized = ScratchBuffer<UInt8>(capacity: 1024)
    private var tokens = ScratchBuffer<Token>(capacity: 256)
    private var hashtagParts = ScratchBuffer<HashtagPart>(capacity: 16)
    /// Whitespace seen since the last token: the next one gets `.spaceBefore`.
    private var pendingSpace = false
    private var replacedByteCount = 0
    private var casedWordCount = 0
    private var capitalWordCount = 0
    // Scratch space for the Unicode path, reused across messages.
    /// A chunk longer than `hugeScratch` bytes went through it: give its scratch back at the end.
    private var unitsGrewHuge = false
    private var units: [UInt16] = []
    private var unitOffsets: [Int32] = []
    private var folded: [UInt16] = []
    private var segmentEnds: [Int32] = []
    private var segmentStatuses: [Int32] = []
    /// ICU's per-character answers, cached.
    private let properties = UnicodeProperties()

    /// Scratch arrays grown past this many elements by one message are given back after it.
    static let hugeScratch = 1 << 16

    init(options: TokenizerOptions, breaker: OpaquePointer) {
        self.options = options
        self.breaker = breaker
        units.reserveCapacity(256)
        unitOffsets.reserveCapacity(257)
        folded.reserveCapacity(256)
    }

    /// Frees the scratch buffers (called once, by the owning `Tokenizer`'s deinit).
    func deallocate() {
        normalized.deallocate()
        tokens.deallocate()
        hashtagParts.deallocate()
        properties.deallocate()
    }

    mutating func tokenize(_ bytes: Bytes, into text: inout TokenizedText) {
        normalized.removeAll()
        tokens.removeAll()
        hashtagParts.removeAll()
        pendingSpace = false
        replacedByteCount = 0
        casedWordCount = 0
        capitalWordCount = 0
        var position = 0
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            if byte < 0x80, isSeparator(byte) {
                pendingSpace = true
                position += 1
                continue
            }
            let (chunkEnd, isASCII, hasAt) = Self.scanChunk(bytes, from: position)
            if isASCII {
                position = tokenizeASCII(bytes, from: position, to: chunkEnd, mayHoldEmail: hasAt)
            } else if emojiChunk(bytes, from: position, to: chunkEnd) {
                position = chunkEnd
            } else {
                position = tokenizeUnicode(bytes, from: position, to: chunkEnd)
            }
        }
        let isAllCaps = applyAllCapsRule()

        // One huge message (a 1 MB line of symbols is a million tokens) must not pin its arrays
        // for the rest of the run; the scratch buffers here give theirs back the same way.
        // (`text` still holds the previous message here: its count says whether it was huge.)
        if text.tokens.count > Self.hugeScratch, tokens.count <= Self.hugeScratch { text = TokenizedText() }
        // One replace per array (rather than `removeAll` and `append`): each is a single call
        // that reuses the array's storage.
        text.source.replaceSubrange(text.source.indices, with: bytes)
        text.normalized.replaceSubrange(text.normalized.indices, with: normalized.elements)
        text.tokens.replaceSubrange(text.tokens.indices, with: tokens.elements)
        // Most messages have no camel-case hashtag: skip the call when both sides are empty.
        if !hashtagParts.isEmpty || !text.hashtagParts.isEmpty {
            text.hashtagParts.replaceSubrange(text.hashtagParts.indices, with: hashtagParts.elements)
        }
        text.replacedByteCount = replacedByteCount
        text.isAllCaps = isAllCaps
        text.casedWordCount = casedWordCount
        text.capitalWordCount = capitalWordCount
        if tokens.count > Self.hugeScratch || unitsGrewHuge { releaseHugeScratch() }
    }

    /// Gives back what a huge message grew (its tokens are in `text` by now), so an idle
    /// tokenizer holds no more than its usual few kilobytes.
    private mutating func releaseHugeScratch() {
        unitsGrewHuge = false
        normalized.removeAll()
        tokens.removeAll()
        hashtagParts.removeAll()
        units = []
        unitOffsets = []
        folded = []
        segmentEnds = []
        segmentStatuses = []
    }

    /// Finds where the chunk starting at `start` ends (at the next separator byte, or the end of
    /// the message) and whether it holds a byte ≥ 0x80 (so needs the Unicode path) or an `@`.
    ///
    /// Eight bytes are classified at a time with bit tricks on a 64-bit word (each byte's test
    /// leaves its answer in that byte's top bit, with no carry between bytes); the last few
    /// bytes of the message go one by one.
    @inline(__always)
    static func scanChunk(_ bytes: Bytes, from start: Int) -> (end: Int, isASCII: Bool, hasAt: Bool) {
        let count = bytes.count
        var position = start
        var high: UInt64 = 0 // top bits of bytes ≥ 0x80 seen so far
        var at: UInt64 = 0 // top bits of "@" bytes seen so far
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let tops: UInt64 = 0x8080_8080_8080_8080
            while count - position >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
                let ascii = ~word & tops // set for bytes < 0x80; the tests below only hold for those
                let low = word & ~tops // each byte's low seven bits
                let belowSpace = ~(low &+ 0x5F * ones) & ascii // low < 0x21 (space and controls)
                let delete = (low &+ ones) & ascii // low == 0x7F
                let atDistance = low ^ (0x40 * ones)
                let atSign = ~((atDistance &+ 0x7F * ones) | atDistance) & ascii // low == 0x40
                let separators = belowSpace | delete
                if separators != 0 {
                    // Little-endian: the lowest set bit is the first separator in the text.
                    let before = (separators & (0 &- separators)) &- 1 // bits of the bytes ahead of it
                    high |= word & tops & before
                    at |= atSign & before
                    position += separators.trailingZeroBitCount / 8
                    return (position, high == 0, at != 0)
                }
                high |= word & tops
                at |= atSign
                position += 8
            }
        }
        var isASCII = high == 0
        var hasAt = at != 0
        while position < count {
            let next = bytes[position]
            if next < 0x80 {
                if isSeparator(next) { break }
                if next == UInt8(ascii: "@") { hasAt = true }
            } else {
                isASCII = false
            }
            position += 1
        }
        return (position, isASCII, hasAt)
    }

    // MARK: - Shared pieces

    /// Records a token whose normalized form is `normalized[normStart...]`, with its hash.
    @inline(__always)
    private mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int, normStart: Int, hash: UInt64,
                               flags: TokenFlags = [], repeatCount: Int = 1) {
        var flags = flags
        if pendingSpace {
            flags.insert(.spaceBefore)
            pendingSpace = false
        }
        tokens.append(Token(kind: kind, flags: flags, repeatCount: UInt16(clamping: repeatCount),
                            start: Int32(start), end: Int32(end), normStart: Int32(normStart), normEnd: Int32(normalized.count), hash: hash))
    }

    /// `emit` for a normalized form written without hashing (the Unicode path): hashes it here.
    private mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int, normStart: Int, flags: TokenFlags = [], repeatCount: Int = 1) {
        emit(kind, start, end, normStart: normStart, hash: TokenHash.hash(normalized.suffix(from: normStart)),
             flags: flags, repeatCount: repeatCount)
    }

    /// Appends `bytes[start..<end]` to the normalized bytes, lower-cased if asked, and returns
    /// their hash, computed in the same pass.
    @inline(__always)
    private mutating func appendHashing(_ bytes: Bytes, _ start: Int, _ end: Int, lowercase: Bool = false) -> UInt64 {
        let length = end - start
        let output = normalized.reserve(length)
        var hash = TokenHash.seed
        for offset in 0..<length {
            let byte = lowercase ? lowercased(bytes[start + offset]) : bytes[start + offset]
            output[offset] = byte
            hash = TokenHash.mix(hash, byte)
        }
        normalized.commit(length)
        return hash
    }

    /// Whether a token starting at `start` begins a new word (nothing word-like glued before it).
    @inline(__always)
    private func atWordBoundary(_ start: Int) -> Bool {
        guard let last = tokens.last, Int(last.end) == start else { return true }
        return !(last.kind == .word || last.kind == .number)
    }

    private static func placeholder(_ kind: TokenKind) -> StaticString? {
        switch kind {
        case .email: "<EMAIL>"
        case .phone: "<PHONE>"
        case .card: "<CARD>"
        default: nil
        }
    }

    /// Tries the pattern tokens at `start`; on a match emits it and returns its end.
    private mutating func matchPattern(_ bytes: Bytes, _ start: Int, chunkEnd: Int, lineEnd: Int, mayHoldEmail: Bool) -> Int? {
        let byte = bytes[start]
        let normStart = normalized.count
        if byte == UInt8(ascii: "h") || byte == UInt8(ascii: "H") || byte == UInt8(ascii: "w") || byte == UInt8(ascii: "W"),
           let end = ASCIIPatterns.url(bytes, start, chunkEnd) {
            let hash = appendHashing(bytes, start, end)
            emit(.url, start, end, normStart: normStart, hash: hash)
            return end
        }
        if mayHoldEmail, isWordByte(byte), let end = ASCIIPatterns.email(bytes, start, chunkEnd) {
            emitPII(.email, bytes, start, end)
            return end
        }
        if isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "("),
           let (end, kind) = ASCIIPatterns.phoneOrCard(bytes, start, lineEnd) {
            emitPII(kind, bytes, start, end)
            return end
        }
        if let end = ASCIIPatterns.emoticon(bytes, start, chunkEnd) {
            let hash = appendHashing(bytes, start, end)
            emit(.emoticon, start, end, normStart: normStart, hash: hash)
            return end
        }
        // A handle running on into non-ASCII letters ("@josé") is left to ICU and joined after.
        if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "#"), let end = ASCIIPatterns.handle(bytes, start, chunkEnd),
           end == chunkEnd || bytes[end] < 0x80 {
            let hash = appendHashing(bytes, start, end, lowercase: true)
            emit(byte == UInt8(ascii: "@") ? .mention : .hashtag, start, end, normStart: normStart, hash: hash)
            if byte == UInt8(ascii: "#") { addHashtagParts(bytes, start + 1, end, normStart: normStart + 1) }
            return end
        }
        return nil
    }

    /// Records the camel-case words of the hashtag just emitted, whose characters after "#" are
    /// `bytes[start..<end]`, written lower-cased one for one at `normalized[normStart...]`.
    private mutating func addHashtagParts(_ bytes: Bytes, _ start: Int, _ end: Int, normStart: Int) {
        let token = Int32(tokens.count - 1)
        HashtagSplitter.forEachPart(bytes, from: start, end: end) { first, last in
            let range = (normStart + first)..<(normStart + last)
            hashtagParts.append(HashtagPart(token: token, normStart: Int32(range.lowerBound), normEnd: Int32(range.upperBound),
                                            hash: TokenHash.hash(normalized.slice(range))))
        }
    }

    private mutating func emitPII(_ kind: TokenKind, _ bytes: Bytes, _ start: Int, _ end: Int) {
        let normStart = normalized.count
        if options.maskPII, let placeholder = Self.placeholder(kind) {
            let hash = placeholder.withUTF8Buffer { placeholder in
                normalized.append(contentsOf: placeholder)
                return TokenHash.hash(placeholder)
            }
            emit(kind, start, end, normStart: normStart, hash: hash, flags: .masked)
        } else {
            let hash = appendHashing(bytes, start, end, lowercase: kind == .email)
            emit(kind, start, end, normStart: normStart, hash: hash)
        }
    }

    /// After a word is written: canonical contraction spelling and the ALL-CAPS bookkeeping.
    /// `packed` is the word's bytes packed as `Contractions.canonical(packed:count:)` takes them;
    /// `mayBeContraction` is false when the caller knows `Contractions.isContraction` would say no.
    /// Returns the hash of the canonical spelling when it replaced the written bytes, else nil.
    @inline(__always)
    private mutating func finishWord(normStart: Int, packed: UInt64, letters: Int, allCapitals: Bool, mayBeContraction: Bool,
                                     flags: inout TokenFlags) -> UInt64? {
        var replacementHash: UInt64?
        let length = normalized.count - normStart
        if let canonical = Contractions.canonical(packed: packed, count: length) {
            replacementHash = replaceWord(from: normStart, with: canonical)
            flags.insert(.contraction)
        } else if mayBeContraction, Contractions.isContraction(normalized.suffix(from: normStart)) {
            flags.insert(.contraction)
        }
        if letters >= 2 {
            casedWordCount &+= 1
            if allCapitals {
                capitalWordCount &+= 1
                flags.insert(.allCaps)
            }
        }
        return replacementHash
    }

    /// Replaces the word written from `normStart` with `canonical`; returns the new hash.
    @inline(never)
    private mutating func replaceWord(from normStart: Int, with canonical: StaticString) -> UInt64 {
        normalized.removeSuffix(from: normStart)
        return canonical.withUTF8Buffer { canonical in
            normalized.append(contentsOf: canonical)
            return TokenHash.hash(canonical)
        }
    }

    /// `Contractions.canonical(packed:count:)`'s packing of `word` (only its last eight bytes count).
    private static func packed(_ word: Bytes) -> UInt64 {
        var packed: UInt64 = 0
        for byte in word { packed = packed << 8 | UInt64(byte) }
        return packed
    }

    /// ALL-CAPS marks emphasis only against lower-case context: in a message written entirely in
    /// capitals no word stands out, so the flag is withdrawn and the message is marked instead.
    /// Returns whether the message is all capitals.
    private mutating func applyAllCapsRule() -> Bool {
        guard capitalWordCount > 0, capitalWordCount == casedWordCount else { return false }
        for index in 0..<tokens.count { tokens[index].flags.remove(.allCaps) }
        return true
    }

    // MARK: - ASCII fast path

    private mutating func tokenizeASCII(_ bytes: Bytes, from chunkStart: Int, to chunkEnd: Int, mayHoldEmail: Bool) -> Int {
        var position = chunkStart
        while position < chunkEnd {
            let byte = bytes[position]
            if mayHoldEmail || mayStartPattern(bytes, at: position, limit: chunkEnd), atWordBoundary(position), position == chunkStart || !isWordByte(bytes[position - 1]),
               let end = matchPattern(bytes, position, chunkEnd: chunkEnd, lineEnd: bytes.count, mayHoldEmail: mayHoldEmail) {
                // A phone number may run across spaces, past this chunk.
                if end >= chunkEnd { return end }
                position = end
                continue
            }
            if isAlphanumeric(byte) {
                position = asciiWord(bytes, from: position, to: chunkEnd)
            } else {
                position = punctuationRun(bytes, from: position, to: chunkEnd)
            }
        }
        return chunkEnd
    }

    /// A word or number: letters, digits and underscores, with apostrophes between letters
    /// ("can't") and `.`/`,`/`:` between digits ("3.5", "1,000", "10:30"), as ICU's rules join them.
    /// Letter runs of three or more are cut to two ("sooooo" → "soo") and flagged.
    ///
    /// One pass finds the word's end and writes its normalized form (lower case, runs cut), hashing
    /// it and packing its last eight bytes (for the contraction lookup) on the way. The packed
    /// bytes double as the record of the last two letters written, which is all the elongation
    /// check needs, so the common path (a letter unlike the one before) updates no run state.
    @inline(__always)
    private mutating func asciiWord(_ bytes: Bytes, from start: Int, to end: Int) -> Int {
        let normStart = normalized.count
        // The word writes at most one byte per byte it reads, and reads at most `end - start`.
        let output = normalized.reserve(end - start)
        var cursor = output
        var hash = TokenHash.seed
        var packed: UInt64 = 0 // the last eight bytes written, the latest in the low byte
        var position = start
        var nonLetters = 0 // counted instead of letters: digits and joiners are the rarer bytes
        var letterBits: UInt8 = 0 // all letters OR-ed: bit 0x20 is set once a lower-case one is seen
        var runLength = 0 // length of the current letter run, kept only once it reaches two
        var longestRun = 1
        var hasApostrophe = false
        // Positions and counts stay below `end`, so plain `&+` is exact here.
        while position < end {
            var byte = bytes[position]
            if isLetter(byte) {
                letterBits |= byte
                byte |= 0x20
                if UInt8(truncatingIfNeeded: packed) == byte {
                    // The same letter again: the second of a run is written, later ones are not.
                    if UInt8(truncatingIfNeeded: packed >> 8) == byte {
                        runLength &+= 1
                        longestRun = max(longestRun, runLength)
                        position &+= 1
                        continue
                    }
                    runLength = 2
                    longestRun = max(longestRun, 2)
                }
            } else if isDigit(byte) || byte == UInt8(ascii: "_") {
                nonLetters &+= 1 // written; a letter after it starts a new run
            } else if position &+ 1 < end, position > start {
                let before = bytes[position &- 1]
                let after = bytes[position &+ 1]
                if byte == UInt8(ascii: "'"), isLetter(before), isLetter(after) {
                    hasApostrophe = true
                } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":"), isDigit(before), isDigit(after) {
                    // joined, as ICU's MidNum rule does
                } else {
                    break
                }
                nonLetters &+= 1
            } else {
                break
            }
            cursor.pointee = byte
            cursor += 1
            hash = TokenHash.mix(hash, byte)
            packed = packed << 8 | UInt64(byte)
            position &+= 1
        }
        normalized.commit(cursor - output)
        let letters = position - start - nonLetters
        var flags: TokenFlags = longestRun >= 3 ? .elongated : []
        let kind: TokenKind = letters == 0 ? .number : .word
        // The only apostrophe a word here can hold is one `hasApostrophe` noted, and without one
        // the only contraction is "cannot".
        let mayBeContraction = hasApostrophe || (packed == Contractions.cannotPacked && cursor - output == 6)
        if kind == .word, let canonicalHash = finishWord(normStart: normStart, packed: packed, letters: letters,
                                                         allCapitals: letterBits & 0x20 == 0, mayBeContraction: mayBeContraction, flags: &flags) {
            hash = canonicalHash
        }
        emit(kind, start, position, normStart: normStart, hash: hash, flags: flags, repeatCount: longestRun)
        return position
    }

    /// Runs of `!` and `?` mixed, or of one repeated mark, become one token with a count.
    private mutating func punctuationRun(_ bytes: Bytes, from start: Int, to end: Int) -> Int {
        let byte = bytes[start]
        var position = start + 1
        if Self.isExclamationOrQuestion(byte) {
            while position < end, Self.isExclamationOrQuestion(bytes[position]) { position += 1 }
        } else {
            while position < end, bytes[position] == byte { position += 1 }
        }
        let normStart = normalized.count
        let hash = appendHashing(bytes, start, position)
        let length = position - start
        let kind: TokenKind = isASCIIPunctuation(byte) ? .punctuation : .symbol
        emit(kind, start, position, normStart: normStart, hash: hash, flags: length > 1 ? .repeated : [], repeatCount: length)
        return position
    }

    @inline(__always)
    static func isExclamationOrQuestion(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
    }

    // MARK: - Emoji fast path

    /// A chunk made only of emoji ("😡", "😀👍", "👨‍👩‍👧", "🇫🇷") is split here without ICU: a
    /// pictograph with its presentation selector, skin tone and tags, joined to the next by ZWJ;
    /// or a pair of regional indicators (a flag). These are the sequences ICU's rules keep whole,
    /// so the result matches the ICU path. Returns false (having emitted nothing) for any other
    /// chunk, which then goes to ICU.
    private mutating func emojiChunk(_ bytes: Bytes, from start: Int, to end: Int) -> Bool {
        // First pass: validate, so nothing is emitted for a chunk ICU must handle.
        var position = start
        while position < end {
            let (scalar, length, valid) = UTF8Decoder.decode(bytes, at: position)
            guard valid, scalar >= 0x80, isEmojiBase(scalar) || Self.isEmojiExtender(scalar) || scalar == 0x200D else { return false }
            position += length
        }
        // A stray joiner or extender where a sequence should start sends the chunk to ICU after all.
        let tokenMark = tokens.count
        let normalizedMark = normalized.count
        let spaceMark = pendingSpace
        position = start
        while position < end {
            let sequenceStart = position
            let (first, firstLength, _) = UTF8Decoder.decode(bytes, at: position)
            guard isEmojiBase(first) else {
                tokens.removeSuffix(from: tokenMark)
                normalized.removeSuffix(from: normalizedMark)
                pendingSpace = spaceMark
                return false
            }
            position += firstLength
            if properties.has(first, UnicodeProperties.regionalIndicator) {
                // A flag is two regional indicators.
                if position < end {
                    let (second, secondLength, _) = UTF8Decoder.decode(bytes, at: position)
                    if properties.has(second, UnicodeProperties.regionalIndicator) { position += secondLength }
                }
            } else {
                while position < end {
                    let (next, nextLength, _) = UTF8Decoder.decode(bytes, at: position)
                    if Self.isEmojiExtender(next) {
                        position += nextLength
                    } else if next == 0x200D, position + nextLength < end {
                        let (joined, joinedLength, _) = UTF8Decoder.decode(bytes, at: position + nextLength)
                        guard properties.has(joined, UnicodeProperties.extendedPictographic) else { break }
                        position += nextLength + joinedLength
                    } else {
                        break
                    }
                }
            }
            let normStart = normalized.count
            var index = sequenceStart
            while index < position {
                let (scalar, length, _) = UTF8Decoder.decode(bytes, at: index)
                if !(scalar == 0xFE0F || scalar == 0xFE0E || (0x1F3FB...0x1F3FF).contains(scalar)) {
                    normalized.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + length]))
                }
                index += length
            }
            emit(.emoji, sequenceStart, position, normStart: normStart)
        }
        return true
    }

    private func isEmojiBase(_ scalar: UInt32) -> Bool {
        // No ASCII character is a pictograph or a regional indicator.
        scalar >= 0x80 && properties.has(scalar, UnicodeProperties.extendedPictographic | UnicodeProperties.regionalIndicator)
    }

    // Unicode properties, answered inline for ASCII (where Unicode fixes them: letters are A–Z and
    // a–z, white space is tab to carriage return and space) and from ICU's cached answers beyond.

    @inline(__always)
    private func isAlphabetic(_ scalar: UInt32) -> Bool {
        scalar < 0x80 ? isLetter(UInt8(truncatingIfNeeded: scalar)) : properties.has(scalar, UnicodeProperties.alphabetic)
    }

    @inline(__always)
    private func isUppercase(_ scalar: UInt32) -> Bool {
        scalar < 0x80 ? isUppercaseLetter(UInt8(truncatingIfNeeded: scalar)) : properties.has(scalar, UnicodeProperties.uppercase)
    }

    @inline(__always)
    private func isLowercase(_ scalar: UInt32) -> Bool {
        scalar < 0x80 ? scalar &- 0x61 < 26 : properties.has(scalar, UnicodeProperties.lowercase)
    }

    @inline(__always)
    private func isWhitespace(_ scalar: UInt32) -> Bool {
        scalar < 0x80 ? scalar == 0x20 || scalar &- 0x09 < 5 : properties.has(scalar, UnicodeProperties.whitespace)
    }

    /// What may follow a pictograph inside one emoji: presentation selectors, skin tones, the
    /// keycap mark and tag characters (subdivision flags).
    private static func isEmojiExtender(_ scalar: UInt32) -> Bool {
        scalar == 0xFE0F || scalar == 0xFE0E || (0x1F3FB...0x1F3FF).contains(scalar) || scalar == 0x20E3 || (0xE0020...0xE007F).contains(scalar)
    }

    // MARK: - Unicode path (ICU)

    private mutating func tokenizeUnicode(_ bytes: Bytes, from chunkStart: Int, to chunkEnd: Int) -> Int {
        decodeChunk(bytes, from: chunkStart, to: chunkEnd)
        guard !units.isEmpty else { return chunkEnd }
        findSegments()
        var segmentStart: Int32 = 0
        var cursor = 0 // first unit not yet consumed by a pattern token
        for index in segmentEnds.indices {
            let segmentEnd = Int(segmentEnds[index])
            let status = segmentStatuses[index]
            defer { segmentStart = Int32(segmentEnd) }
            var first = max(Int(segmentStart), cursor)
            guard first < segmentEnd else { continue }
            while first < segmentEnd {
                let startByte = Int(unitOffsets[first])
                let lead = bytes[startByte]
                if lead < 0x80, atWordBoundary(startByte), startByte == chunkStart || !isWordByte(bytes[startByte - 1]),
                   let end = matchPattern(bytes, startByte, chunkEnd: chunkEnd, lineEnd: chunkEnd, mayHoldEmail: true) {
                    var unit = first
                    while unit < units.count, Int(unitOffsets[unit]) < end { unit += 1 }
                    cursor = unit
                    first = unit
                    continue
                }
                segment(from: first, to: segmentEnd, status: status, bytes: bytes)
                first = segmentEnd
            }
        }
        return chunkEnd
    }

    /// Decodes the chunk into UTF-16 for ICU, remembering each unit's byte offset. Invalid bytes
    /// become U+FFFD; controls and invisible format characters (zero-width space, bidi marks, soft
    /// hyphen) are dropped here, except those emoji sequences are built from (ZWJ, variation
    /// selectors, tag characters), which ICU keeps inside the emoji and folding removes from words.
    private mutating func decodeChunk(_ bytes: Bytes, from start: Int, to end: Int) {
        units.removeAll(keepingCapacity: true)
        unitOffsets.removeAll(keepingCapacity: true)
        if end - start > Self.hugeScratch { unitsGrewHuge = true }
        var position = start
        while position < end {
            let (scalar, length, valid) = UTF8Decoder.decode(bytes, at: position)
            if !valid { replacedByteCount += 1 }
            if scalar >= 0x80, valid, isDroppedInvisible(scalar) {
                position += length
                continue
            }
            if scalar < 0x10000 {
                units.append(UInt16(scalar))
                unitOffsets.append(Int32(position))
            } else {
                let value = scalar - 0x10000
                units.append(UInt16(0xD800 + (value >> 10)))
                units.append(UInt16(0xDC00 + (value & 0x3FF)))
                unitOffsets.append(Int32(position))
                unitOffsets.append(Int32(position))
            }
            position += length
        }
        unitOffsets.append(Int32(end))
    }

    private func isDroppedInvisible(_ scalar: UInt32) -> Bool {
        if scalar == 0x200D || (0xFE00...0xFE0F).contains(scalar) || (0xE0020...0xE007F).contains(scalar)
            || (0xE0100...0xE01EF).contains(scalar) { return false }
        return properties.has(scalar, UnicodeProperties.ignorableOrControl)
    }

    private mutating func findSegments() {
        segmentEnds.removeAll(keepingCapacity: true)
        segmentStatuses.removeAll(keepingCapacity: true)
        units.withUnsafeBufferPointer { buffer in
            _ = temper_wb_set_text(breaker, buffer.baseAddress, Int32(buffer.count))
            var status: Int32 = 0
            while true {
                let boundary = temper_wb_next(breaker, &status)
                if boundary < 0 { break }
                segmentEnds.append(boundary)
                segmentStatuses.append(status)
            }
        }
    }

    @inline(__always)
    private func scalar(at index: Int) -> UInt32 {
        let unit = units[index]
        if unit & 0xFC00 == 0xD800, index + 1 < units.count, units[index + 1] & 0xFC00 == 0xDC00 {
            return 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(units[index + 1]) - 0xDC00)
        }
        return UInt32(unit)
    }

    private mutating func segment(from first: Int, to last: Int, status: Int32, bytes: Bytes) {
        let startByte = Int(unitOffsets[first])
        let endByte = Int(unitOffsets[last])
        let lead = scalar(at: first)
        if isWhitespace(lead) {
            pendingSpace = true
            return
        }
        // A segment led by a stray joiner or modifier is still an emoji if a pictograph follows.
        var pictograph = lead
        var probe = first
        while probe < last, pictograph == 0x200D || Self.isEmojiExtender(pictograph) {
            probe += pictograph >= 0x10000 ? 2 : 1
            if probe < last { pictograph = scalar(at: probe) }
        }
        if isEmojiBase(pictograph) {
            let normStart = normalized.count
            appendEmojiNorm(from: first, to: last)
            emit(.emoji, startByte, endByte, normStart: normStart)
            return
        }
        if status >= 100 || isAlphabetic(lead) || (lead >= 0x30 && lead <= 0x39) {
            unicodeWord(from: first, to: last, number: (100..<200).contains(status), bytes: bytes)
            return
        }
        // Punctuation or symbol: ASCII ones go through the same run logic as the fast path.
        if lead < 0x80 {
            var position = startByte
            while position < endByte {
                position = punctuationRun(bytes, from: position, to: endByte)
                mergeRunWithPrevious()
            }
            return
        }
        let normStart = normalized.count
        guard fold(from: first, to: last) else { return }
        emit(properties.has(lead, UnicodeProperties.punctuation) ? .punctuation : .symbol, startByte, endByte, normStart: normStart)
        mergeRunWithPrevious()
    }

    /// ICU gives each `!` its own segment; glue adjacent marks into one run as the fast path does
    /// (fullwidth `！` folds to `!` first, so `！！` is a run too).
    private mutating func mergeRunWithPrevious() {
        let count = tokens.count
        guard count >= 2 else { return }
        let current = tokens[count - 1]
        var previous = tokens[count - 2]
        guard current.kind == .punctuation || current.kind == .symbol, previous.kind == current.kind,
              previous.end == current.start, !current.flags.contains(.spaceBefore),
              current.normEnd - current.normStart == 1, previous.normEnd > previous.normStart else { return }
        let mark = normalized[Int(current.normStart)]
        let previousMark = normalized[Int(previous.normStart)]
        guard mark == previousMark || (Self.isExclamationOrQuestion(mark) && Self.isExclamationOrQuestion(previousMark)),
              normalized.slice(previous.normRange).allSatisfy({ $0 == mark || (Self.isExclamationOrQuestion($0) && Self.isExclamationOrQuestion(mark)) })
        else { return }
        previous.end = current.end
        previous.normEnd = current.normEnd
        previous.repeatCount += current.repeatCount
        previous.flags.insert(.repeated)
        previous.hash = TokenHash.hash(normalized.slice(previous.normRange))
        tokens[count - 2] = previous
        tokens.removeLast()
    }

    /// Emoji keep their code points, minus presentation selectors and skin tones, so that
    /// "👍🏽" and "👍" look up the same lexicon entry while ZWJ sequences stay whole.
    private mutating func appendEmojiNorm(from first: Int, to last: Int) {
        var index = first
        while index < last {
            let value = scalar(at: index)
            index += value >= 0x10000 ? 2 : 1
            if value == 0xFE0F || value == 0xFE0E || (0x1F3FB...0x1F3FF).contains(value) { continue }
            normalized.appendUTF8(value)
        }
    }

    /// NFKC_Casefold of units `first..<last` appended as UTF-8 with Temper's clean-ups:
    /// the dot ICU leaves after a folded Turkish "İ" is dropped ("İstanbul" → "istanbul"), and
    /// apostrophe look-alikes become `'`. Returns false when nothing is left (all invisible).
    @discardableResult
    private mutating func fold(from first: Int, to last: Int, elongation: UnsafeMutablePointer<Int>? = nil) -> Bool {
        let length = last - first
        if folded.count < length * 4 + 16 || (folded.count > Self.hugeScratch && folded.count > length * 64) {
            folded = [UInt16](repeating: 0, count: length * 4 + 16)
        }
        var written = units.withUnsafeBufferPointer { source in
            folded.withUnsafeMutableBufferPointer { destination in
                temper_nfkc_casefold(source.baseAddress! + first, Int32(length), destination.baseAddress, Int32(destination.count))
            }
        }
        if written > folded.count {
            folded = [UInt16](repeating: 0, count: Int(written) + 16)
            written = units.withUnsafeBufferPointer { source in
                folded.withUnsafeMutableBufferPointer { destination in
                    temper_nfkc_casefold(source.baseAddress! + first, Int32(length), destination.baseAddress, Int32(destination.count))
                }
            }
        }
        guard written > 0 else { return false }
        let normStart = normalized.count
        var previous: UInt32 = 0
        var runLength = 0
        var longestRun = 1
        var index = 0
        let total = Int(written)
        while index < total {
            var value = UInt32(folded[index])
            if value & 0xFC00 == 0xD800, index + 1 < total, folded[index + 1] & 0xFC00 == 0xDC00 {
                value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(folded[index + 1]) - 0xDC00)
                index += 2
            } else {
                index += 1
            }
            if value == 0x0307, previous == 0x69 { continue }
            if value == 0x2019 || value == 0x2018 || value == 0x02BC || value == 0x2032 { value = 0x27 }
            if value == previous {
                runLength += 1
            } else {
                runLength = 1
                previous = value
            }
            if runLength > longestRun, value >= 0x41, isAlphabetic(value) { longestRun = runLength }
            if runLength >= 3, isAlphabetic(value) { continue }
            normalized.appendUTF8(value)
        }
        elongation?.pointee = longestRun
        return normalized.count > normStart
    }

    private mutating func unicodeWord(from first: Int, to last: Int, number: Bool, bytes: Bytes) {
        let startByte = Int(unitOffsets[first])
        let endByte = Int(unitOffsets[last])
        var letters = 0
        var capitals = 0
        var lowercase = 0
        var hasApostrophe = false
        var replaced = false
        var index = first
        while index < last {
            let value = scalar(at: index)
            index += value >= 0x10000 ? 2 : 1
            if value == 0xFFFD { replaced = true }
            if value == 0x27 || value == 0x2019 || value == 0x2018 || value == 0x02BC { hasApostrophe = true }
            if isAlphabetic(value) {
                letters += 1
                if isUppercase(value) { capitals += 1 } else if isLowercase(value) { lowercase += 1 }
            }
        }
        let normStart = normalized.count
        var longestRun = 1
        guard fold(from: first, to: last, elongation: &longestRun) else { return }
        var flags: TokenFlags = longestRun >= 3 ? .elongated : []
        if replaced { flags.insert(.replacedBytes) }
        var kind: TokenKind = number && letters == 0 ? .number : .word
        // ICU's word rules keep a leading "@" with the letters after it ("@josé").
        if units[first] == 0x40, last - first > 1 { kind = .mention }
        if kind == .word {
            // Caseless scripts (CJK, Thai, Arabic) have no capitals: count only cased letters.
            // Folding can make an apostrophe ("＇" → "'") that `hasApostrophe` did not see.
            let mayBeContraction = hasApostrophe || normalized.count - normStart == 6
            _ = finishWord(normStart: normStart, packed: Self.packed(normalized.suffix(from: normStart)), letters: capitals + lowercase,
                           allCapitals: lowercase == 0, mayBeContraction: mayBeContraction, flags: &flags)
        }
        emit(kind, startByte, endByte, normStart: normStart, flags: flags, repeatCount: longestRun)
        mergeHandle(bytes)
    }

    /// "@josé" and "#café" arrive from ICU as a marker and a word; join them. ("#NotHappy😡" comes
    /// this way too, the emoji sending its chunk to ICU: an ASCII tag folded byte for byte still
    /// gets its camel-case parts.)
    private mutating func mergeHandle(_ bytes: Bytes) {
        let count = tokens.count
        guard count >= 2 else { return }
        let word = tokens[count - 1]
        var marker = tokens[count - 2]
        guard marker.kind == .symbol, marker.end == word.start, marker.end - marker.start == 1,
              !word.flags.contains(.spaceBefore) else { return }
        let mark = normalized[Int(marker.normStart)]
        guard mark == UInt8(ascii: "@") || mark == UInt8(ascii: "#") else { return }
        marker.kind = mark == UInt8(ascii: "@") ? .mention : .hashtag
        marker.end = word.end
        marker.normEnd = word.normEnd
        marker.hash = TokenHash.hash(normalized.slice(marker.normRange))
        tokens[count - 2] = marker
        tokens.removeLast()
        if mark == UInt8(ascii: "#"), word.end - word.start == word.normEnd - word.normStart,
           !bytes[Int(word.start)..<Int(word.end)].contains(where: { $0 >= 0x80 }) {
            addHashtagParts(bytes, Int(word.start), Int(word.end), normStart: Int(word.normStart))
        }
    }
}
