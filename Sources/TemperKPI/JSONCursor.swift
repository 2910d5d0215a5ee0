import Foundation

/// Where a scanned JSON string's content lives: still in the input (no escapes) or decoded into
/// the parser's scratch buffer. Keeping the raw case avoids a copy for the common string.
enum JSONStringSlice {
    /// `ascii` lets the common case skip UTF-8 validation.
    case raw(start: Int, count: Int, ascii: Bool)
    case decoded

    func withBytes<T>(_ c: JSONCursor, _ scratch: [UInt8], _ body: (UnsafeRawBufferPointer) -> T) -> T {
        switch self {
        case let .raw(start, count, _):
            return body(UnsafeRawBufferPointer(start: c.base + start, count: count))
        case .decoded:
            return scratch.withUnsafeBytes(body)
        }
    }

    /// `nil` when the bytes are not valid UTF-8.
    func makeString(_ c: JSONCursor, _ scratch: [UInt8]) -> String? {
        switch self {
        case let .raw(start, count, ascii):
            let bytes = UnsafeBufferPointer(start: c.base + start, count: count)
            return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        case .decoded:
            return String(validating: scratch, as: UTF8.self)
        }
    }
}

/// A position in one line of JSON bytes, with the token readers the facts parser needs.
struct JSONCursor {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let maximumDepth = 64

    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0

    init(base: UnsafePointer<UInt8>, end: Int) {
        self.base = base
        self.end = end
    }

    @inline(__always)
    var atEnd: Bool { position >= end }
    @inline(__always)
    var peek: UInt8? { position < end ? base[position] : nil }

    var startsNumber: Bool {
        guard let b = peek else { return false }
        return b == UInt8(ascii: "-") || (b >= 48 && b <= 57)
    }

    func failure(_ message: String) -> FactsParseError {
        FactsParseError(message: atEnd ? message + " (line ended)" : message, column: position + 1)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < end {
            switch base[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
        guard position < end, base[position] == byte else { return false }
        position += 1
        return true
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8, _ message: String) throws(FactsParseError) {
        guard take(byte) else { throw failure(message) }
    }

    /// Consumes `literal` if the input starts with it; a partial match such as `nul` is an error.
    mutating func takeLiteral(_ literal: StaticString) throws(FactsParseError) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        guard position < end, base[position] == bytes[0] else { return false }
        guard position + count <= end, memcmp(base + position, bytes, count) == 0 else {
            throw failure("invalid literal (expected \(literal))")
        }
        position += count
        return true
    }

    @inline(__always)
    mutating func takeNull() throws(FactsParseError) -> Bool {
        try takeLiteral("null")
    }

    // MARK: Strings

    /// Reads a string starting at the opening quote. Escaped strings are decoded into `scratch`.
    mutating func scanString(scratch: inout [UInt8]) throws(FactsParseError) -> JSONStringSlice {
        position += 1  // opening quote, checked by the caller
        let start = position
        var highBits: UInt64 = 0
        // Eight bytes at a time while none of them is a quote, backslash or control character.
        while position + 8 <= end {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            let special = Self.zeroByteMask(word ^ 0x2222_2222_2222_2222) | Self.zeroByteMask(word ^ 0x5C5C_5C5C_5C5C_5C5C)
                | ((word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080)
            if special != 0 { break }
            highBits |= word
            position += 8
        }
        while position < end {
            let b = base[position]
            if b == Self.quote {
                position += 1
                let ascii = highBits & 0x8080_8080_8080_8080 == 0
                return .raw(start: start, count: position - 1 - start, ascii: ascii)
            }
            if b == Self.backslash { break }
            if b < 0x20 { throw failure("unescaped control character in string") }
            highBits |= UInt64(b)
            position += 1
        }
        guard position < end else { throw failure("unterminated string") }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: position - start))
        while position < end {
            let b = base[position]
            if b == Self.quote {
                position += 1
                return .decoded
            }
            if b < 0x20 { throw failure("unescaped control character in string") }
            if b != Self.backslash {
                scratch.append(b)
                position += 1
                continue
            }
            position += 1
            guard position < end else { break }
            let escape = base[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): scratch.append(Self.quote)
            case UInt8(ascii: "\\"): scratch.append(Self.backslash)
            case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"): Self.appendUTF8(try unicodeEscape(), to: &scratch)
            default:
                position -= 2
                throw failure("invalid escape sequence in string")
            }
        }
        throw failure("unterminated string")
    }

    /// Reads the `XXXX` after `\u`, combining a surrogate pair into one scalar.
    /// High bit set in each byte of `word` that is zero (exact for the lowest such byte; higher
    /// ones may be false positives, which only send the caller to its byte-wise path).
    private static func zeroByteMask(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    private mutating func unicodeEscape() throws(FactsParseError) -> UInt32 {
        let first = try hex4()
        switch first {
        case 0xD800...0xDBFF:
            guard position + 1 < end, base[position] == Self.backslash, base[position + 1] == UInt8(ascii: "u") else {
                throw failure("high surrogate \\u\(String(first, radix: 16, uppercase: true)) without a low surrogate")
            }
            position += 2
            let second = try hex4()
            guard (0xDC00...0xDFFF).contains(second) else {
                throw failure("high surrogate followed by \\u\(String(second, radix: 16, uppercase: true)), not a low surrogate")
            }
            return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        case 0xDC00...0xDFFF:
            throw failure("unpaired low surrogate \\u\(String(first, radix: 16, uppercase: true))")
        default:
            return first
        }
    }

    private mutating func hex4() throws(FactsParseError) -> UInt32 {
        guard position + 4 <= end else { throw failure("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = base[position]
            let digit: UInt32
            switch b {
            case 48...57: digit = UInt32(b - 48)
            case 65...70: digit = UInt32(b - 55)
            case 97...102: digit = UInt32(b - 87)
            default: throw failure("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: Numbers

    private static let powersOfTen: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// Reads a JSON number. Up to 19 significant digits with a small exponent are converted exactly
    /// (Clinger's fast path: both operands exact, so one correctly rounded operation); anything
    /// else falls back to the standard library's correctly rounded conversion.
    mutating func number() throws(FactsParseError) -> Double {
        let start = position
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var truncated = false
        let negative = take(UInt8(ascii: "-"))

        guard let first = peek, first >= 48, first <= 57 else { throw failure("invalid number") }
        if first == 48 {
            position += 1
            if let next = peek, next >= 48, next <= 57 { throw failure("invalid number (leading zero)") }
        } else {
            while let b = peek, b >= 48, b <= 57 {
                if significant < 19 {
                    mantissa = mantissa * 10 + UInt64(b - 48)
                    significant += 1
                } else {
                    exponent += 1
                    if b != 48 { truncated = true }
                }
                position += 1
            }
        }
        if take(UInt8(ascii: ".")) {
            guard let b = peek, b >= 48, b <= 57 else { throw failure("invalid number (digit expected after '.')") }
            while let b = peek, b >= 48, b <= 57 {
                if significant < 19 {
                    mantissa = mantissa * 10 + UInt64(b - 48)
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else if b != 48 {
                    truncated = true
                }
                position += 1
            }
        }
        if let e = peek, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            position += 1
            let negativeExponent = take(UInt8(ascii: "-"))
            if !negativeExponent { _ = take(UInt8(ascii: "+")) }
            guard let b = peek, b >= 48, b <= 57 else { throw failure("invalid number (digit expected in exponent)") }
            var value = 0
            while let b = peek, b >= 48, b <= 57 {
                if value < 100_000 { value = value * 10 + Int(b - 48) }
                position += 1
            }
            exponent += negativeExponent ? -value : value
        }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !truncated, mantissa <= 1 << 53, abs(exponent) <= 22 {
            let m = Double(mantissa)
            let value = exponent >= 0 ? m * Self.powersOfTen[exponent] : m / Self.powersOfTen[-exponent]
            return negative ? -value : value
        }
        return try slowNumber(from: start)
    }

    /// Correctly rounded conversion for long mantissas or large exponents. `strtod` reads straight
    /// from the line when the number is followed by another byte (the grammar was already checked,
    /// so it stops where we did); if it disagrees — say, a host app switched `LC_NUMERIC` — the
    /// locale-independent standard library parse decides.
    private func slowNumber(from start: Int) throws(FactsParseError) -> Double {
        if position < end {
            var stop: UnsafeMutablePointer<CChar>?
            let value = base.withMemoryRebound(to: CChar.self, capacity: end) { strtod($0 + start, &stop) }
            if Int(bitPattern: stop) == Int(bitPattern: base + position) {
                guard value.isFinite else { throw failure("number out of range") }
                return value
            }
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw failure("number out of range") }
        return value
    }

    /// Reads a number and returns it exactly as written, for numeric identifiers.
    mutating func numberText() throws(FactsParseError) -> String {
        let start = position
        _ = try number()
        return String(decoding: UnsafeBufferPointer(start: base + start, count: position - start), as: UTF8.self)
    }

    // MARK: Skipping

    /// Consumes any JSON value, validating it, for keys the facts do not know.
    mutating func skipValue(depth: Int, scratch: inout [UInt8]) throws(FactsParseError) {
        guard depth < Self.maximumDepth else { throw failure("nesting too deep") }
        guard let b = peek else { throw failure("expected a value") }
        switch b {
        case Self.quote:
            _ = try scanString(scratch: &scratch)
        case Self.openBrace:
            position += 1
            skipWhitespace()
            if take(Self.closeBrace) { return }
            while true {
                guard peek == Self.quote else { throw failure("expected a quoted key") }
                _ = try scanString(scratch: &scratch)
                skipWhitespace()
                try expect(Self.colon, "expected ':' after key")
                skipWhitespace()
                try skipValue(depth: depth + 1, scratch: &scratch)
                skipWhitespace()
                if take(Self.comma) {
                    skipWhitespace()
                    continue
                }
                try expect(Self.closeBrace, "expected ',' or '}' in object")
                return
            }
        case Self.openBracket:
            position += 1
            skipWhitespace()
            if take(Self.closeBracket) { return }
            while true {
                try skipValue(depth: depth + 1, scratch: &scratch)
                skipWhitespace()
                if take(Self.comma) {
                    skipWhitespace()
                    continue
                }
                try expect(Self.closeBracket, "expected ',' or ']' in array")
                return
            }
        default:
            if startsNumber {
                _ = try number()
            } else if try takeLiteral("true") {
            } else if try takeLiteral("false") {
            } else if try !takeLiteral("null") {
                throw failure("expected a value")
            }
        }
    }
}
