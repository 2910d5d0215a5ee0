// JSONCursor.swift — the one JSON scanner: whitespace, literals, strings, numbers and skipping.

/// A position in a buffer of JSON bytes, read one token at a time.
///
/// This is Temper's only JSON tokenizer. ``JSONParser`` builds ``JSONValue`` trees on it; readers
/// that know the shape of their records (TemperKPI's facts, one line per conversation, millions of
/// lines) pull tokens from it directly, so they allocate only the strings they keep and never build
/// a tree. Both therefore accept and reject exactly the same documents, with the same messages, and
/// follow the decisions documented on ``JSONParser`` (lone surrogate escapes read as U+FFFD, raw
/// invalid UTF-8 is an error, overflowing numbers are an error, nesting is bounded).
///
/// The cursor does not own the bytes: it is a view for the duration of one `withUnsafeBytes`-style
/// scope. Strings with escapes are decoded into `scratch`; swap a kept buffer in and out of it
/// (`swap(&cursor.scratch, &mine)`) to reuse its capacity from one document to the next.
///
/// Methods that read a value expect whitespace before it to be skipped already (``skipWhitespace()``)
/// and leave the position right after it; the structural helpers (``enterObject()``,
/// ``nextMember()``, ``readKey(first:)``…) skip the whitespace around the punctuation they consume.
public struct JSONCursor {
    @usableFromInline let base: UnsafePointer<UInt8>?
    /// Number of bytes in the buffer; positions run from 0 to `end`.
    public let end: Int
    /// Offset of the next byte to read.
    public var position: Int
    /// Values nested deeper than this are rejected by ``skipValue()`` (and by ``JSONParser``).
    public let maxDepth: Int
    /// Decoded bytes of the last string that contained escapes (see ``JSONStringToken``).
    public var scratch: [UInt8] = []

    public init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = JSONParser.defaultMaxDepth) {
        precondition(maxDepth >= 0, "maxDepth must not be negative")
        self.base = bytes.baseAddress
        self.end = bytes.count
        self.position = 0
        self.maxDepth = maxDepth
    }

    public init(_ bytes: UnsafeRawBufferPointer, maxDepth: Int = JSONParser.defaultMaxDepth) {
        self.init(bytes.bindMemory(to: UInt8.self), maxDepth: maxDepth)
    }

    @inlinable @inline(__always) public var isAtEnd: Bool { position >= end }

    /// The next byte, or `nil` at the end.
    @inlinable @inline(__always) public var peek: UInt8? { position < end ? base.unsafelyUnwrapped[position] : nil }

    @inlinable @inline(__always) func byte(_ at: Int) -> UInt8 { base.unsafelyUnwrapped[at] }

    @inlinable @inline(__always) public mutating func skipWhitespace() {
        while position < end {
            switch byte(position) {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// RFC 8259 §8.1 lets a reader skip a UTF-8 byte-order mark at the start; Windows tools add one.
    public mutating func skipByteOrderMark() {
        if position == 0 && end >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF { position = 3 }
    }

    /// Consumes `b` if it is the next byte.
    @inlinable @inline(__always) public mutating func take(_ b: UInt8) -> Bool {
        guard position < end, byte(position) == b else { return false }
        position += 1
        return true
    }

    /// True when the next byte can start a number (`-` or a digit).
    @inlinable public var atNumber: Bool {
        guard let b = peek else { return false }
        return b == JSONByte.minus || (b >= JSONByte.zero && b <= JSONByte.nine)
    }

    /// True when the next byte opens a string.
    @inlinable public var atString: Bool { peek == JSONByte.quote }

    // MARK: Errors

    /// The byte at `at` as an error message shows it: `'x'`, `byte 0x0A`, or `end of input`.
    public func describe(_ at: Int) -> String {
        guard at < end else { return "end of input" }
        let b = byte(at)
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return (b < 0x10 ? "byte 0x0" : "byte 0x") + String(b, radix: 16, uppercase: true)
    }

    public func fail(_ kind: JSONParseError.Kind, _ message: String, at: Int) -> JSONParseError {
        JSONParseError(kind: kind, offset: at, column: column(at: at), message: message)
    }

    /// "expected X, found Y" at the current position, classifying a premature end separately
    /// because truncated lines are the most common real-world failure and deserve their own kind.
    public func expected(_ what: String) -> JSONParseError {
        fail(position < end ? .unexpectedCharacter : .unexpectedEndOfInput, "expected \(what), found \(describe(position))", at: position)
    }

    /// 1-based byte column of `offset` within its line (errors only: scans back to the line break).
    func column(at offset: Int) -> Int {
        var lineStart = min(max(0, offset), end)
        while lineStart > 0, byte(lineStart - 1) != 0x0A { lineStart -= 1 }
        return offset - lineStart + 1
    }

    /// 1-based line of byte `offset`, for documents that span lines. Scans from the start; a
    /// reader walking a large document forward should add up ``newlines(in:)`` instead.
    public func line(at offset: Int) -> Int {
        newlines(in: 0..<offset) + 1
    }

    /// Line feeds in `range` (clamped to the buffer).
    public func newlines(in range: Range<Int>) -> Int {
        var count = 0
        for k in max(0, range.lowerBound)..<min(end, max(range.lowerBound, range.upperBound)) where byte(k) == 0x0A {
            count += 1
        }
        return count
    }

    // MARK: Structure

    /// Consumes `{` and the whitespace after it; false when it was `{}` (the `}` is consumed too).
    /// Use ``readKey(first:)`` for the first key and ``nextMember()`` after each value.
    @inlinable
    public mutating func enterObject() throws(JSONParseError) -> Bool {
        try enter(JSONByte.openBrace, JSONByte.closeBrace, "'{'")
    }

    /// Consumes `[` and the whitespace after it; false when it was `[]`.
    /// Use ``nextElement()`` after each element.
    @inlinable
    public mutating func enterArray() throws(JSONParseError) -> Bool {
        try enter(JSONByte.openBracket, JSONByte.closeBracket, "'['")
    }

    /// After a member's value: true at `,` (and the next key is to be read), false at `}`.
    @inlinable @inline(__always)
    public mutating func nextMember() throws(JSONParseError) -> Bool {
        try next(JSONByte.closeBrace, "',' or '}' after object member")
    }

    /// After an array element: true at `,` (another element follows), false at `]`.
    @inlinable
    public mutating func nextElement() throws(JSONParseError) -> Bool {
        try next(JSONByte.closeBracket, "',' or ']' after array element")
    }

    @inlinable @inline(__always)
    mutating func enter(_ open: UInt8, _ close: UInt8, _ what: StaticString) throws(JSONParseError) -> Bool {
        guard take(open) else { throw expected("\(what)") }
        skipWhitespace()
        return !take(close)
    }

    @inlinable @inline(__always)
    mutating func next(_ close: UInt8, _ what: StaticString) throws(JSONParseError) -> Bool {
        skipWhitespace()
        if take(JSONByte.comma) {
            skipWhitespace()
            return true
        }
        guard take(close) else { throw expected("\(what)") }
        return false
    }

    /// Reads `"key"` and the `:` after it, leaving the position at the member's value. `first`
    /// only picks the message: right after `{` a `}` would also have been valid.
    @inlinable @inline(__always)
    public mutating func readKey(first: Bool) throws(JSONParseError) -> JSONStringToken {
        guard atString else { throw expected(first ? "a string key or '}'" : "a string key after ','") }
        let key = try scanString()
        skipWhitespace()
        guard take(JSONByte.colon) else { throw expected("':' after object key") }
        skipWhitespace()
        return key
    }

    /// Requires the input to end here, apart from whitespace.
    public mutating func finish() throws(JSONParseError) {
        skipWhitespace()
        if position < end {
            throw fail(.trailingData, "unexpected \(describe(position)) after the JSON value", at: position)
        }
    }

    // MARK: Literals

    /// Reads `word` (`true`, `false`, `null`), rejecting partial matches such as `nul`.
    public mutating func readLiteral(_ word: StaticString) throws(JSONParseError) {
        let start = position
        let p = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount {
            guard position < end && byte(position) == p[k] else {
                let kind: JSONParseError.Kind = position < end ? .invalidLiteral : .unexpectedEndOfInput
                throw fail(kind, "invalid literal starting at column \(column(at: start)) (expected '\(word)'), found \(describe(position))", at: position)
            }
            position += 1
        }
    }

    /// Consumes `null` if it is next; other bytes are left for the caller to read.
    @inlinable @inline(__always)
    public mutating func takeNull() throws(JSONParseError) -> Bool {
        guard peek == UInt8(ascii: "n") else { return false }
        try readLiteral("null")
        return true
    }

    /// Consumes `true` or `false` if one is next.
    @inlinable
    public mutating func takeBool() throws(JSONParseError) -> Bool? {
        switch peek {
        case UInt8(ascii: "t"): try readLiteral("true"); return true
        case UInt8(ascii: "f"): try readLiteral("false"); return false
        default: return nil
        }
    }

    // MARK: Skipping

    /// Consumes and validates any value, for members a reader does not know.
    public mutating func skipValue() throws(JSONParseError) {
        try skipValue(depth: 0)
    }

    private mutating func skipValue(depth: Int) throws(JSONParseError) {
        guard let b = peek else { throw expected("a JSON value") }
        switch b {
        case JSONByte.quote:
            _ = try scanString()
        case JSONByte.openBrace, JSONByte.openBracket:
            guard depth < maxDepth else { throw fail(.depthLimitExceeded, "nesting deeper than \(maxDepth) levels", at: position) }
            if b == JSONByte.openBrace {
                guard try enterObject() else { return }
                var first = true
                repeat {
                    _ = try readKey(first: first)
                    first = false
                    try skipValue(depth: depth + 1)
                } while try nextMember()
            } else {
                guard try enterArray() else { return }
                repeat { try skipValue(depth: depth + 1) } while try nextElement()
            }
        case UInt8(ascii: "t"): try readLiteral("true")
        case UInt8(ascii: "f"): try readLiteral("false")
        case UInt8(ascii: "n"): try readLiteral("null")
        case JSONByte.minus, JSONByte.zero...JSONByte.nine: try skipNumber()
        default: throw expected("a JSON value")
        }
    }
}

/// Where a scanned string's content is: still in the input (no escapes, the common case, so no
/// copy) or decoded into the cursor's `scratch`, valid until the next string with escapes.
/// Either way the bytes are valid UTF-8.
public enum JSONStringToken: Sendable, Equatable {
    case raw(start: Int, count: Int)
    case decoded
}

extension JSONCursor {
    /// The token's bytes, without building a `String` (e.g. to match keys or parse a timestamp).
    @inlinable
    public func withBytes<R>(of token: JSONStringToken, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch token {
        case let .raw(start, count):
            return try body(UnsafeRawBufferPointer(start: base.map { $0 + start }, count: count))
        case .decoded:
            return try scratch.withUnsafeBytes(body)
        }
    }

    /// Scan into a local first: in `string(of: try scanString())` Swift copies the cursor, and with
    /// it the old `scratch`, before the scan runs.
    public func string(of token: JSONStringToken) -> String {
        switch token {
        case let .raw(start, count):
            return String(decoding: UnsafeBufferPointer(start: base.unsafelyUnwrapped + start, count: count), as: UTF8.self)
        case .decoded:
            return String(decoding: scratch, as: UTF8.self)
        }
    }

    /// Reads a string starting at its opening quote.
    public mutating func readString() throws(JSONParseError) -> String {
        let token = try scanString()
        return string(of: token)
    }

    /// ``readKey(first:)`` as a `String`.
    public mutating func readKeyString(first: Bool) throws(JSONParseError) -> String {
        let token = try readKey(first: first)
        return string(of: token)
    }

    /// Scans a string starting at its opening quote, validating escapes and UTF-8. Unescaped
    /// strings stay where they are in the input; only strings with escapes go through `scratch`.
    public mutating func scanString() throws(JSONParseError) -> JSONStringToken {
        let open = position
        position += 1
        let start = position
        var runStart = position
        var escaped = false
        let p = base.unsafelyUnwrapped
        while true {
            position = jsonSkipPlainWords(p, from: position, end: end, nonASCII: true)
            guard position < end else {
                throw fail(.unterminatedString, "unterminated string (opened at column \(column(at: open)))", at: position)
            }
            let b = p[position]
            if b == JSONByte.quote {
                let run = UnsafeBufferPointer(start: p + runStart, count: position - runStart)
                position += 1
                if !escaped { return .raw(start: start, count: run.count) }
                scratch.append(contentsOf: run)
                return .decoded
            } else if b == JSONByte.backslash {
                if !escaped {
                    escaped = true
                    scratch.removeAll(keepingCapacity: true)
                }
                scratch.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: position - runStart))
                try readEscape()
                runStart = position
            } else if b < 0x20 {
                throw fail(
                    .controlCharacterInString,
                    "unescaped control character \(describe(position)) in string (must be written as an escape)", at: position)
            } else if b < 0x80 {
                position += 1
            } else {
                let n = jsonUTF8SequenceLength(p, position, end)
                guard n > 0 else {
                    throw fail(.invalidUTF8, "invalid UTF-8 sequence starting with \(describe(position)) in string", at: position)
                }
                position += n
            }
        }
    }

    /// Decodes the escape at `position` (a backslash) into `scratch` and moves past it.
    private mutating func readEscape() throws(JSONParseError) {
        let start = position
        guard position + 1 < end else {
            throw fail(.unterminatedString, "unterminated escape sequence in string", at: end)
        }
        let c = byte(position + 1)
        position += 2
        switch c {
        case JSONByte.quote, JSONByte.backslash, JSONByte.slash: scratch.append(c)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try readHex4()
            var scalar: UInt32 = 0xFFFD
            if unit & 0xF800 != 0xD800 {
                scalar = unit
            } else if unit < 0xDC00, position + 6 <= end, byte(position) == JSONByte.backslash, byte(position + 1) == UInt8(ascii: "u"),
                let low = peekHex4(at: position + 2), low & 0xFC00 == 0xDC00
            {
                // High surrogate followed by a low one: one supplementary-plane scalar.
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                position += 6
            }
            // Anything else is a lone surrogate: U+FFFD, and a following escape is decoded on its own.
            appendUTF8(scalar)
        default:
            let what = c >= 0x20 && c < 0x7F ? "'\\\(Character(Unicode.Scalar(c)))'" : "'\\' followed by \(describe(start + 1))"
            throw fail(.invalidEscape, "invalid escape sequence \(what) in string", at: start)
        }
    }

    private mutating func readHex4() throws(JSONParseError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard position < end, let h = hexValue(byte(position)) else {
                throw fail(
                    position < end ? .invalidUnicodeEscape : .unterminatedString,
                    "expected 4 hex digits after '\\u', found \(describe(position))", at: position)
            }
            v = v << 4 | h
            position += 1
        }
        return v
    }

    private func peekHex4(at k: Int) -> UInt32? {
        var v: UInt32 = 0
        for j in k..<k + 4 {
            guard let h = hexValue(byte(j)) else { return nil }
            v = v << 4 | h
        }
        return v
    }

    @inline(__always) private func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case JSONByte.zero...JSONByte.nine: return UInt32(b - JSONByte.zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private mutating func appendUTF8(_ s: UInt32) {
        switch s {
        case 0..<0x80:
            scratch.append(UInt8(s))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | s >> 6))
            scratch.append(UInt8(0x80 | s & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | s >> 12))
            scratch.append(UInt8(0x80 | s >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | s & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | s >> 18))
            scratch.append(UInt8(0x80 | s >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | s >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | s & 0x3F))
        }
    }
}

// MARK: - Numbers

/// Powers of ten that are exact in `Double`; multiplying or dividing an exact integer mantissa by
/// one of them is a single correctly rounded operation (Clinger's fast path).
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

extension JSONCursor {
    /// Reads a number, correctly rounded to the nearest `Double`.
    public mutating func readNumber() throws(JSONParseError) -> Double {
        let start = position
        // Mantissa digits are accumulated while they fit exactly; `exponent10` tracks the
        // decimal point so that value == mantissa * 10^exponent10 when `exact` stays true.
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent10 = 0
        var exact = true

        @inline(__always) func accumulate(_ d: UInt8) {
            if mantissa == 0 && d == 0 { return }
            if significantDigits < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                significantDigits += 1
            } else {
                exact = false
            }
        }

        let (negative, e) = try scanNumber(
            integerDigit: { d in
                accumulate(d)
                if !exact { exponent10 += 1 }
            },
            fractionDigit: { d in
                accumulate(d)
                if exact { exponent10 -= 1 }
            })
        exponent10 += e

        if mantissa == 0 && exact { return negative ? -0.0 : 0.0 }
        if exact && mantissa <= 1 << 53 && exponent10 >= -22 && exponent10 <= 22 {
            var d = Double(mantissa)
            d = exponent10 < 0 ? d / exactPowersOfTen[-exponent10] : d * exactPowersOfTen[exponent10]
            return negative ? -d : d
        }
        // Rare (long mantissas, large exponents): the standard library's correctly rounded
        // conversion. The grammar was checked above, so only overflow can fail here.
        guard let d = Double(text(from: start)), d.isFinite else {
            throw fail(.numberOutOfRange, "number is too large for a 64-bit float", at: start)
        }
        return d
    }

    /// Validates a number without converting it, for ``skipValue()``. Only a number that may be
    /// beyond `Double`'s range (which ``readNumber()`` rejects, and so must skipping) is converted.
    public mutating func skipNumber() throws(JSONParseError) {
        let start = position
        var integerDigits = 0
        let (_, e) = try scanNumber(integerDigit: { _ in integerDigits += 1 }, fractionDigit: { _ in })
        if integerDigits + e > 300 {
            position = start
            _ = try readNumber()
        }
    }

    /// The grammar of a number, handing each digit before and after the point to the caller;
    /// returns the sign and the written exponent (capped: beyond it every `Double` is 0 or ∞).
    @inline(__always) private mutating func scanNumber(
        integerDigit: (UInt8) -> Void, fractionDigit: (UInt8) -> Void
    ) throws(JSONParseError) -> (negative: Bool, exponent: Int) {
        let negative = take(JSONByte.minus)
        try readIntegerPart(afterMinus: negative, integerDigit)
        if position < end && byte(position) == JSONByte.dot {
            position += 1
            try requireDigit("after the decimal point")
            while position < end, case let d = byte(position) &- JSONByte.zero, d <= 9 {
                fractionDigit(d)
                position += 1
            }
        }
        var e = 0
        if position < end && (byte(position) | 0x20) == UInt8(ascii: "e") {
            position += 1
            var expNegative = false
            if position < end && (byte(position) == JSONByte.plus || byte(position) == JSONByte.minus) {
                expNegative = byte(position) == JSONByte.minus
                position += 1
            }
            try requireDigit("in the exponent")
            while position < end, case let d = byte(position) &- JSONByte.zero, d <= 9 {
                if e < 100_000 { e = e * 10 + Int(d) }
                position += 1
            }
            if expNegative { e = -e }
        }
        return (negative, e)
    }

    @inline(__always) private func requireDigit(_ where: StaticString) throws(JSONParseError) {
        guard position < end, byte(position) >= JSONByte.zero && byte(position) <= JSONByte.nine else {
            throw fail(position < end ? .invalidNumber : .unexpectedEndOfInput, "expected a digit \(`where`), found \(describe(position))", at: position)
        }
    }

    /// Reads an integer written without fraction or exponent, exactly: `Double` cannot hold every
    /// `Int64`/`UInt64` (hashes, 128-bit sum halves), so exact state must not pass through it.
    public mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type = T.self) throws(JSONParseError) -> T {
        let start = position
        let negative = take(JSONByte.minus)
        var value: T = 0
        var overflow = false
        try readIntegerPart(afterMinus: negative) { d in
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? shifted.subtractingReportingOverflow(T(d)) : shifted.addingReportingOverflow(T(d))
            overflow = overflow || o1 || o2
            value = next
        }
        if let b = peek, b == JSONByte.dot || b | 0x20 == UInt8(ascii: "e") {
            position = start
            throw fail(.invalidNumber, "expected an integer, found a number with a fraction or exponent", at: start)
        }
        if overflow {
            position = start
            throw fail(.numberOutOfRange, "integer does not fit in \(T.self)", at: start)
        }
        return value
    }

    /// The digits before any fraction: `0` alone, or a non-zero digit and more digits.
    @inline(__always) private mutating func readIntegerPart(afterMinus: Bool, _ digit: (UInt8) -> Void) throws(JSONParseError) {
        guard position < end, byte(position) >= JSONByte.zero && byte(position) <= JSONByte.nine else {
            let what = afterMinus ? "a digit after '-'" : "a number"
            throw fail(position < end ? .invalidNumber : .unexpectedEndOfInput, "expected \(what), found \(describe(position))", at: position)
        }
        if byte(position) == JSONByte.zero {
            position += 1
            digit(0)
            if position < end && byte(position) >= JSONByte.zero && byte(position) <= JSONByte.nine {
                throw fail(.invalidNumber, "leading zeros are not allowed in numbers", at: position)
            }
            return
        }
        while position < end, case let d = byte(position) &- JSONByte.zero, d <= 9 {
            digit(d)
            position += 1
        }
    }

    /// The input from `start` to the current position, e.g. a number exactly as written.
    public func text(from start: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base.unsafelyUnwrapped + start, count: position - start), as: UTF8.self)
    }
}

/// The bytes of JSON's punctuation.
public enum JSONByte {
    public static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let slash: UInt8 = 0x2F
    public static let comma: UInt8 = 0x2C
    @usableFromInline static let colon: UInt8 = 0x3A
    @usableFromInline static let minus: UInt8 = 0x2D
    static let plus: UInt8 = 0x2B
    public static let dot: UInt8 = 0x2E
    public static let zero: UInt8 = 0x30
    @usableFromInline static let nine: UInt8 = 0x39
    public static let openBracket: UInt8 = 0x5B
    @usableFromInline static let closeBracket: UInt8 = 0x5D
    public static let openBrace: UInt8 = 0x7B
    @usableFromInline static let closeBrace: UInt8 = 0x7D
}
