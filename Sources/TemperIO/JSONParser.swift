// JSONParser.swift — strict RFC 8259 reader working directly on UTF-8 bytes.

/// Why a document was rejected, with the byte offset where the problem was noticed.
///
/// Offsets are relative to the start of the bytes handed to the parser (for a JSONL line: the
/// start of that line), so the caller can report "line N, byte M" without re-scanning.
public struct JSONParseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Coarse classes, so callers and tests can branch without matching message text.
    public enum Kind: Sendable, Equatable {
        case unexpectedEndOfInput
        case unexpectedCharacter
        case invalidLiteral
        case invalidNumber
        case numberOutOfRange
        case unterminatedString
        case controlCharacterInString
        case invalidEscape
        case invalidUnicodeEscape
        case invalidUTF8
        case depthLimitExceeded
        case trailingData
    }

    public let kind: Kind
    /// Byte offset of the offending byte (or the input length when input ended too early).
    public let offset: Int
    /// What was wrong, without the position, e.g. "expected ',' or '}' after object member, found ']'".
    public let message: String

    public init(kind: Kind, offset: Int, message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(message) at byte \(offset)" }
}

/// Parses one JSON document per call (one JSONL line, one config file).
///
/// The parser is a value that owns scratch storage (the stack of open containers and their
/// pending children, and the buffer used to unescape strings); `parse` is `mutating` so that a
/// loop over millions of lines reuses that storage instead of reallocating it per line. Use one
/// parser per thread. A typical record then costs one allocation per container and per string
/// longer than 15 UTF-8 bytes (shorter ones are stored inline by `String`), and nothing else.
///
/// Decisions beyond RFC 8259's grammar, which the parser otherwise follows strictly:
/// - Lone UTF-16 surrogates in `\u` escapes become U+FFFD: Swift strings cannot hold them, and
///   rejecting the whole record over one broken emoji escape from a chat export would lose data.
/// - Raw bytes that are not valid UTF-8 are an error, not repaired: unlike an escape, they mean the
///   file is in the wrong encoding, and silently replacing text would skew every text statistic.
/// - A UTF-8 byte-order mark at offset 0 is skipped (RFC 8259 §8.1 permits this); Windows tools add one.
/// - Numbers that overflow `Double` are rejected rather than stored as infinity, which could not be
///   written back as JSON; numbers that underflow become (signed) zero.
/// - Nesting deeper than `maxDepth` is rejected. The parser itself uses an explicit stack and
///   cannot overflow, but comparing, serializing and even deallocating a `JSONValue` are recursive,
///   so an unbounded tree from hostile input could still crash the process later.
public struct JSONParser: Sendable {
    public static let defaultMaxDepth = 512

    public let maxDepth: Int

    private var storage = Storage()

    public init(maxDepth: Int = JSONParser.defaultMaxDepth) {
        precondition(maxDepth >= 0, "maxDepth must not be negative")
        self.maxDepth = maxDepth
    }

    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        let outcome = bytes.withMemoryRebound(to: UInt8.self) { p -> Result<JSONValue, JSONParseError> in
            do throws(JSONParseError) { return .success(try parse(p)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        // Move the reusable storage into the reader and back, so appends never see a shared
        // (copy-on-write) buffer.
        var reader = Reader(bytes: bytes, maxDepth: maxDepth)
        swap(&reader.storage, &storage)
        defer {
            reader.storage.reset()
            swap(&reader.storage, &storage)
        }
        return try reader.parseDocument()
    }

    public mutating func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try JSONParser.withBuffer(bytes) { (p: UnsafeBufferPointer<UInt8>) throws(JSONParseError) in try parse(p) }
    }

    /// Offsets are relative to `bytes.startIndex`.
    public mutating func parse(_ bytes: ArraySlice<UInt8>) throws(JSONParseError) -> JSONValue {
        try JSONParser.withBuffer(bytes) { (p: UnsafeBufferPointer<UInt8>) throws(JSONParseError) in try parse(p) }
    }

    /// Offsets are UTF-8 byte offsets, not `Character` counts.
    public mutating func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        text.makeContiguousUTF8()
        return try JSONParser.withBuffer(text.utf8) { (p: UnsafeBufferPointer<UInt8>) throws(JSONParseError) in try parse(p) }
    }

    /// Offsets are UTF-8 byte offsets from the start of the substring.
    public mutating func parse(_ text: Substring) throws(JSONParseError) -> JSONValue {
        try JSONParser.withBuffer(text.utf8) { (p: UnsafeBufferPointer<UInt8>) throws(JSONParseError) in try parse(p) }
    }

    /// `withContiguousStorageIfAvailable` only rethrows untyped errors; this keeps the typed error.
    private static func withBuffer<C: Collection<UInt8>>(
        _ bytes: C, _ body: (UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue
    ) throws(JSONParseError) -> JSONValue {
        typealias Outcome = Result<JSONValue, JSONParseError>
        func run(_ p: UnsafeBufferPointer<UInt8>) -> Outcome {
            do throws(JSONParseError) { return .success(try body(p)) } catch { return .failure(error) }
        }
        if let outcome = bytes.withContiguousStorageIfAvailable(run) { return try outcome.get() }
        return try Array(bytes).withUnsafeBufferPointer(run).get()
    }
}

extension JSONValue {
    /// One-off parse; loops over many documents should keep a ``JSONParser`` to reuse its storage.
    public init(parsing text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        var parser = JSONParser(maxDepth: maxDepth)
        self = try parser.parse(text)
    }

    public init(parsing bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        var parser = JSONParser(maxDepth: maxDepth)
        self = try parser.parse(bytes)
    }

    public init(parsing bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        var parser = JSONParser(maxDepth: maxDepth)
        self = try parser.parse(bytes)
    }
}

// MARK: - Implementation

/// One open container; its finished children wait on the shared `values`/`keys` stacks from
/// `valueStart`/`keyStart` on.
private struct Frame: Sendable {
    var isObject: Bool
    var valueStart: Int
    var keyStart: Int
}

/// Buffers reused from document to document. Children are collected on flat stacks and copied
/// into an exactly sized array when their container closes, which costs one allocation per
/// container instead of one per doubling of a growing array.
private struct Storage: Sendable {
    var frames: [Frame] = []
    var values: [JSONValue] = []
    var keys: [String] = []
    /// Unescaped bytes of the string being parsed.
    var unescaped: [UInt8] = []

    /// After an error the stacks still hold partial containers.
    mutating func reset() {
        frames.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
    }
}

private enum Byte {
    static let quote: UInt8 = 0x22
    static let backslash: UInt8 = 0x5C
    static let slash: UInt8 = 0x2F
    static let comma: UInt8 = 0x2C
    static let colon: UInt8 = 0x3A
    static let minus: UInt8 = 0x2D
    static let plus: UInt8 = 0x2B
    static let dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let openBracket: UInt8 = 0x5B
    static let closeBracket: UInt8 = 0x5D
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D
}

/// Powers of ten that are exact in `Double`; multiplying or dividing an exact integer mantissa by
/// one of them is a single correctly rounded operation (Clinger's fast path).
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

private struct Reader {
    let base: UnsafePointer<UInt8>?
    let end: Int
    let maxDepth: Int
    var storage = Storage()
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.base = bytes.baseAddress
        self.end = bytes.count
        self.maxDepth = maxDepth
    }

    @inline(__always) func byte(_ at: Int) -> UInt8 { base.unsafelyUnwrapped[at] }

    @inline(__always) mutating func skipWhitespace() {
        while i < end {
            switch byte(i) {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    // MARK: Errors

    func describe(_ at: Int) -> String {
        guard at < end else { return "end of input" }
        let b = byte(at)
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return (b < 0x10 ? "byte 0x0" : "byte 0x") + String(b, radix: 16, uppercase: true)
    }

    func fail(_ kind: JSONParseError.Kind, _ message: String, at: Int) -> JSONParseError {
        JSONParseError(kind: kind, offset: at, message: message)
    }

    /// "expected X, found Y", classifying a premature end separately because truncated lines are
    /// the most common real-world failure and deserve their own kind.
    func expected(_ what: String, at: Int) -> JSONParseError {
        fail(at < end ? .unexpectedCharacter : .unexpectedEndOfInput, "expected \(what), found \(describe(at))", at: at)
    }

    // MARK: Structure

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if end >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF { i = 3 }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if i < end {
            throw fail(.trailingData, "unexpected \(describe(i)) after the JSON value", at: i)
        }
        return value
    }

    /// Iterative so that input nesting cannot exhaust the call stack; `storage.frames` holds the open
    /// containers and each completed value is handed to the innermost one.
    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        nextValue: while true {
            // Here `i` is at the first byte of a value (whitespace already skipped).
            var value: JSONValue
            guard i < end else { throw expected("a JSON value", at: i) }
            switch byte(i) {
            case Byte.openBrace:
                try checkDepth()
                i += 1
                skipWhitespace()
                if i < end && byte(i) == Byte.closeBrace {
                    i += 1
                    value = .object(JSONObject())
                } else {
                    storage.frames.append(Frame(isObject: true, valueStart: storage.values.count, keyStart: storage.keys.count))
                    storage.keys.append(try parseKey(first: true))
                    continue nextValue
                }
            case Byte.openBracket:
                try checkDepth()
                i += 1
                skipWhitespace()
                if i < end && byte(i) == Byte.closeBracket {
                    i += 1
                    value = .array([])
                } else {
                    storage.frames.append(Frame(isObject: false, valueStart: storage.values.count, keyStart: storage.keys.count))
                    continue nextValue
                }
            case Byte.quote:
                value = .string(try parseString())
            case UInt8(ascii: "t"):
                try parseLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try parseLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try parseLiteral("null")
                value = .null
            case Byte.minus, Byte.zero...Byte.nine:
                value = .number(try parseNumber())
            default:
                throw expected("a JSON value", at: i)
            }

            // Hand `value` to enclosing containers, closing as many as the input closes.
            while true {
                guard let frame = storage.frames.last else { return value }
                storage.values.append(value)
                skipWhitespace()
                let b: UInt8 = i < end ? byte(i) : 0
                if frame.isObject {
                    if b == Byte.comma {
                        i += 1
                        skipWhitespace()
                        storage.keys.append(try parseKey(first: false))
                        continue nextValue
                    } else if b == Byte.closeBrace {
                        i += 1
                        value = .object(JSONObject(closeObject(frame)))
                    } else {
                        throw expected("',' or '}' after object member", at: i)
                    }
                } else {
                    if b == Byte.comma {
                        i += 1
                        skipWhitespace()
                        continue nextValue
                    } else if b == Byte.closeBracket {
                        i += 1
                        value = .array(Array(storage.values[frame.valueStart...]))
                        storage.values.removeSubrange(frame.valueStart...)
                        storage.frames.removeLast()
                    } else {
                        throw expected("',' or ']' after array element", at: i)
                    }
                }
            }
        }
    }

    mutating func closeObject(_ frame: Frame) -> [JSONObject.Member] {
        let count = storage.values.count - frame.valueStart
        var members: [JSONObject.Member] = []
        members.reserveCapacity(count)
        for k in 0..<count {
            members.append((key: storage.keys[frame.keyStart + k], value: storage.values[frame.valueStart + k]))
        }
        storage.values.removeSubrange(frame.valueStart...)
        storage.keys.removeSubrange(frame.keyStart...)
        storage.frames.removeLast()
        return members
    }

    func checkDepth() throws(JSONParseError) {
        if storage.frames.count >= maxDepth {
            throw fail(.depthLimitExceeded, "nesting deeper than \(maxDepth) levels", at: i)
        }
    }

    /// Parses `"key"` and the following `:`, leaving `i` at the member's value.
    mutating func parseKey(first: Bool) throws(JSONParseError) -> String {
        guard i < end && byte(i) == Byte.quote else {
            throw expected(first ? "a string key or '}'" : "a string key after ','", at: i)
        }
        let key = try parseString()
        skipWhitespace()
        guard i < end && byte(i) == Byte.colon else { throw expected("':' after object key", at: i) }
        i += 1
        skipWhitespace()
        return key
    }

    mutating func parseLiteral(_ word: StaticString) throws(JSONParseError) {
        let start = i
        let p = word.utf8Start
        for k in 0..<word.utf8CodeUnitCount {
            guard i < end && byte(i) == p[k] else {
                let kind: JSONParseError.Kind = i < end ? .invalidLiteral : .unexpectedEndOfInput
                throw fail(kind, "invalid literal starting at byte \(start) (expected '\(word)'), found \(describe(i))", at: i)
            }
            i += 1
        }
    }

    // MARK: Numbers

    mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = i
        var negative = false
        if byte(i) == Byte.minus {
            negative = true
            i += 1
        }
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

        guard i < end, byte(i) >= Byte.zero && byte(i) <= Byte.nine else {
            throw fail(i < end ? .invalidNumber : .unexpectedEndOfInput, "expected a digit after '-', found \(describe(i))", at: i)
        }
        if byte(i) == Byte.zero {
            i += 1
            if i < end && byte(i) >= Byte.zero && byte(i) <= Byte.nine {
                throw fail(.invalidNumber, "leading zeros are not allowed in numbers", at: i)
            }
        } else {
            while i < end, case let d = byte(i) &- Byte.zero, d <= 9 {
                accumulate(d)
                if !exact { exponent10 += 1 }
                i += 1
            }
        }
        if i < end && byte(i) == Byte.dot {
            i += 1
            guard i < end, byte(i) >= Byte.zero && byte(i) <= Byte.nine else {
                throw fail(i < end ? .invalidNumber : .unexpectedEndOfInput, "expected a digit after the decimal point, found \(describe(i))", at: i)
            }
            while i < end, case let d = byte(i) &- Byte.zero, d <= 9 {
                accumulate(d)
                if exact { exponent10 -= 1 }
                i += 1
            }
        }
        if i < end && (byte(i) | 0x20) == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < end && (byte(i) == Byte.plus || byte(i) == Byte.minus) {
                expNegative = byte(i) == Byte.minus
                i += 1
            }
            guard i < end, byte(i) >= Byte.zero && byte(i) <= Byte.nine else {
                throw fail(i < end ? .invalidNumber : .unexpectedEndOfInput, "expected a digit in the exponent, found \(describe(i))", at: i)
            }
            var e = 0
            while i < end, case let d = byte(i) &- Byte.zero, d <= 9 {
                if e < 100_000 { e = e * 10 + Int(d) }  // beyond this every Double is 0 or ∞
                i += 1
            }
            exponent10 += expNegative ? -e : e
        }

        if mantissa == 0 && exact { return negative ? -0.0 : 0.0 }
        if exact && mantissa <= 1 << 53 && exponent10 >= -22 && exponent10 <= 22 {
            var d = Double(mantissa)
            d = exponent10 < 0 ? d / exactPowersOfTen[-exponent10] : d * exactPowersOfTen[exponent10]
            return negative ? -d : d
        }
        // Rare (long mantissas, large exponents): the standard library's correctly rounded
        // conversion. The grammar was checked above, so only overflow can fail here.
        let text = String(decoding: UnsafeBufferPointer(start: base.unsafelyUnwrapped + start, count: i - start), as: UTF8.self)
        guard let d = Double(text), d.isFinite else {
            throw fail(.numberOutOfRange, "number is too large for a 64-bit float", at: start)
        }
        return d
    }

    // MARK: Strings

    /// True if any of the 8 bytes in `w` is `"`, `\`, a control character, or non-ASCII — the
    /// only bytes the string scanner must look at individually. Lets plain ASCII text be skipped
    /// a word at a time.
    @inline(__always) static func needsAttention(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let q = w ^ (ones &* 0x22)
        let b = w ^ (ones &* 0x5C)
        let hasQuote = (q &- ones) & ~q
        let hasBackslash = (b &- ones) & ~b
        let hasControl = (w &- ones &* 0x20) & ~w
        return ((hasQuote | hasBackslash | hasControl) | w) & highs != 0
    }

    /// Parses a string starting at the opening quote. Unescaped strings become a `String` straight
    /// from the input slice; only strings with escapes go through `storage.unescaped`.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = i
        i += 1
        var runStart = i
        var escaped = false
        let p = base.unsafelyUnwrapped
        while true {
            while i &+ 8 <= end && !Reader.needsAttention(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) {
                i &+= 8
            }
            guard i < end else {
                throw fail(.unterminatedString, "unterminated string (opened at byte \(open))", at: i)
            }
            let b = p[i]
            if b == Byte.quote {
                let run = UnsafeBufferPointer(start: p + runStart, count: i - runStart)
                i += 1
                if !escaped { return String(decoding: run, as: UTF8.self) }
                storage.unescaped.append(contentsOf: run)
                return String(decoding: storage.unescaped, as: UTF8.self)
            } else if b == Byte.backslash {
                if !escaped {
                    escaped = true
                    storage.unescaped.removeAll(keepingCapacity: true)
                }
                storage.unescaped.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: i - runStart))
                try parseEscape()
                runStart = i
            } else if b < 0x20 {
                throw fail(
                    .controlCharacterInString,
                    "unescaped control character \(describe(i)) in string (must be written as an escape)", at: i)
            } else if b < 0x80 {
                i += 1
            } else {
                let n = jsonUTF8SequenceLength(p, i, end)
                guard n > 0 else { throw invalidUTF8(at: i) }
                i += n
            }
        }
    }

    func invalidUTF8(at k: Int) -> JSONParseError {
        fail(.invalidUTF8, "invalid UTF-8 sequence starting with \(describe(k)) in string", at: k)
    }

    /// Decodes the escape at `i` (a backslash) into `storage.unescaped` and moves past it.
    mutating func parseEscape() throws(JSONParseError) {
        let start = i
        guard i + 1 < end else {
            throw fail(.unterminatedString, "unterminated escape sequence in string", at: end)
        }
        let c = byte(i + 1)
        i += 2
        switch c {
        case Byte.quote, Byte.backslash, Byte.slash: storage.unescaped.append(c)
        case UInt8(ascii: "b"): storage.unescaped.append(0x08)
        case UInt8(ascii: "f"): storage.unescaped.append(0x0C)
        case UInt8(ascii: "n"): storage.unescaped.append(0x0A)
        case UInt8(ascii: "r"): storage.unescaped.append(0x0D)
        case UInt8(ascii: "t"): storage.unescaped.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try parseHex4()
            var scalar: UInt32 = 0xFFFD
            if unit & 0xF800 != 0xD800 {
                scalar = unit
            } else if unit < 0xDC00, i + 6 <= end, byte(i) == Byte.backslash, byte(i + 1) == UInt8(ascii: "u"),
                let low = peekHex4(at: i + 2), low & 0xFC00 == 0xDC00
            {
                // High surrogate followed by a low one: one supplementary-plane scalar.
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                i += 6
            }
            // Anything else is a lone surrogate: U+FFFD, and a following escape is decoded on its own.
            appendUTF8(scalar)
        default:
            let what = c >= 0x20 && c < 0x7F ? "'\\\(Character(Unicode.Scalar(c)))'" : "'\\' followed by \(describe(start + 1))"
            throw fail(.invalidEscape, "invalid escape sequence \(what) in string", at: start)
        }
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < end, let h = hexValue(byte(i)) else {
                throw fail(
                    i < end ? .invalidUnicodeEscape : .unterminatedString,
                    "expected 4 hex digits after '\\u', found \(describe(i))", at: i)
            }
            v = v << 4 | h
            i += 1
        }
        return v
    }

    func peekHex4(at k: Int) -> UInt32? {
        var v: UInt32 = 0
        for j in k..<k + 4 {
            guard let h = hexValue(byte(j)) else { return nil }
            v = v << 4 | h
        }
        return v
    }

    @inline(__always) func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case Byte.zero...Byte.nine: return UInt32(b - Byte.zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    mutating func appendUTF8(_ s: UInt32) {
        switch s {
        case 0..<0x80:
            storage.unescaped.append(UInt8(s))
        case 0x80..<0x800:
            storage.unescaped.append(UInt8(0xC0 | s >> 6))
            storage.unescaped.append(UInt8(0x80 | s & 0x3F))
        case 0x800..<0x10000:
            storage.unescaped.append(UInt8(0xE0 | s >> 12))
            storage.unescaped.append(UInt8(0x80 | s >> 6 & 0x3F))
            storage.unescaped.append(UInt8(0x80 | s & 0x3F))
        default:
            storage.unescaped.append(UInt8(0xF0 | s >> 18))
            storage.unescaped.append(UInt8(0x80 | s >> 12 & 0x3F))
            storage.unescaped.append(UInt8(0x80 | s >> 6 & 0x3F))
            storage.unescaped.append(UInt8(0x80 | s & 0x3F))
        }
    }
}
