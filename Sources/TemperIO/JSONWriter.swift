// JSONWriter.swift — JSON output appended into a caller-owned byte buffer.

/// Writes JSON fragments into an `[UInt8]` that the caller owns and reuses.
///
/// Output records are assembled field by field into one buffer that is cleared (keeping its
/// capacity) between lines, so writing a record allocates nothing once the buffer has grown.
/// Every function here therefore appends and never builds intermediate `String`s.
public struct JSONWriter: Sendable {
    /// Appends `s` as a quoted JSON string literal.
    ///
    /// Only what JSON requires is escaped (`"`, `\` and U+0000–U+001F); everything else, including
    /// non-ASCII, is copied as UTF-8 so output stays readable and no larger than the input.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { appendEscaped($0, validate: false, to: &out) }
        if done == nil {
            var copy = s
            copy.makeContiguousUTF8()
            copy.utf8.withContiguousStorageIfAvailable { appendEscaped($0, validate: false, to: &out) }
        }
    }

    /// Appends UTF-8 bytes (e.g. a slice of an input line) as a quoted JSON string literal without
    /// first making a `String`.
    ///
    /// Unlike a `String`, raw bytes may be malformed; invalid sequences are written as U+FFFD
    /// (the same substitution `String(decoding:as:)` makes) so the output is always valid JSON.
    public static func appendString(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        appendEscaped(utf8, validate: true, to: &out)
    }

    /// Appends `value` in decimal.
    /// `[e0,e1,…]`: each element written by `element`, commas between — the frame the array
    /// members of Temper's hand-written JSON lines share.
    @inlinable
    public static func appendArray<Items: Collection>(_ items: Items, to out: inout [UInt8],
                                                      element: (Items.Element, inout [UInt8]) -> Void) {
        out.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            element(item, &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    public static func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDecimal(UInt64(value.magnitude), minimumDigits: 1, to: &out)
    }

    /// Appends `value` in decimal; for integers beyond `Int` (hashes, the low half of a 128-bit sum).
    static func appendUnsigned(_ value: UInt64, to out: inout [UInt8]) {
        appendDecimal(value, minimumDigits: 1, to: &out)
    }

    /// Appends the shortest decimal that reads back as exactly `value`, for pass-through numbers
    /// whose precision must survive. Integral values below 2^53 are written without a fraction
    /// (`3`, not `3.0`); non-finite values, which JSON cannot express, are written as `null`.
    public static func appendNumber(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else {
            appendNull(to: &out)
            return
        }
        if value.magnitude < 9_007_199_254_740_992, value == value.rounded(.towardZero) {
            if value == 0 && value.sign == .minus {
                out.append(UInt8(ascii: "-"))
                out.append(UInt8(ascii: "0"))
            } else {
                appendInt(Int(value), to: &out)
            }
            return
        }
        var sink = ByteSink()
        swap(&sink.bytes, &out)
        value.write(to: &sink)
        swap(&sink.bytes, &out)
    }

    /// Appends `value` with exactly `decimals` digits after the point (none, and no point, for 0),
    /// for scores and KPIs that must line up and diff cleanly.
    ///
    /// Rounding is half away from zero, applied to the decimal that `value` was written as:
    /// `2.675` gives `2.68` with 2 decimals even though the nearest `Double` is 2.67499999…, and
    /// `0.99995` gives `1.0000` with 4. (Formally: when the halfway point between two outputs is a
    /// decimal that would parse to this very `Double`, it counts as a tie.) This matches what people
    /// get from a spreadsheet, unlike C's `printf`, which rounds the binary value half-to-even.
    ///
    /// A result that rounds to zero is written without a sign (`-0.00001` → `0.0000`), so a column
    /// of zeros does not flicker between `0` and `-0`. Non-finite values are written as `null`.
    /// Integral values ≥ 2^53 are written exactly.
    ///
    /// - Precondition: `0 <= decimals <= 15`; a `Double` carries no more than ~16 significant
    ///   digits, and the exact rounding above relies on `value × 10^decimals` staying below 2^53
    ///   for the fractional part.
    public static func appendNumber(_ value: Double, to out: inout [UInt8], decimals: Int) {
        precondition(decimals >= 0 && decimals <= 15, "decimals must be in 0...15")
        guard value.isFinite else {
            appendNull(to: &out)
            return
        }
        let a = value.magnitude
        if a >= 9_007_199_254_740_992 {
            // At 2^53 and above every Double is an integer, so there is nothing to round.
            if value < 0 { out.append(UInt8(ascii: "-")) }
            appendIntegralDouble(a, to: &out)
            appendFraction(0, decimals: decimals, to: &out)
            return
        }

        let whole = a.rounded(.towardZero)
        let fraction = a - whole  // exact
        let scale = powersOfTen[decimals]
        // fraction × scale split into a rounded product and its exact error (via fused
        // multiply-add), so the position of the exact value relative to the halfway point is known.
        let product = fraction * scale
        let productError = (-product).addingProduct(fraction, scale)
        let below = product.rounded(.down)
        let fromHalf = ((product - below) - 0.5) + productError
        // Half the gap to the neighbouring Doubles, at output scale: any decimal this close to
        // `value` parses back to `value`. Only trusted while clearly smaller than one output step.
        let tolerance = scale * a.ulp / 2
        let roundUp = (tolerance < 0.25 && fromHalf.magnitude <= tolerance) || fromHalf >= 0

        var intDigits = UInt64(whole)
        var fracDigits = UInt64(below) + (roundUp ? 1 : 0)
        if fracDigits == UInt64(scale) {
            fracDigits = 0
            intDigits += 1
        }
        if value < 0 && (intDigits != 0 || fracDigits != 0) { out.append(UInt8(ascii: "-")) }
        appendDecimal(intDigits, minimumDigits: 1, to: &out)
        appendFraction(fracDigits, decimals: decimals, to: &out)
    }

    public static func appendBool(_ value: Bool, to out: inout [UInt8]) {
        if value {
            out.append(contentsOf: [UInt8(ascii: "t"), UInt8(ascii: "r"), UInt8(ascii: "u"), UInt8(ascii: "e")])
        } else {
            out.append(contentsOf: [UInt8(ascii: "f"), UInt8(ascii: "a"), UInt8(ascii: "l"), UInt8(ascii: "s"), UInt8(ascii: "e")])
        }
    }

    public static func appendNull(to out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }
}

extension JSONValue {
    /// Appends compact JSON (no whitespace), object members in stored order, numbers via
    /// ``JSONWriter/appendNumber(_:to:)`` so they parse back to the identical `Double`.
    public func serialized(into out: inout [UInt8]) {
        switch self {
        case .null:
            JSONWriter.appendNull(to: &out)
        case .bool(let b):
            JSONWriter.appendBool(b, to: &out)
        case .number(let d):
            JSONWriter.appendNumber(d, to: &out)
        case .string(let s):
            JSONWriter.appendString(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (k, element) in elements.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                element.serialized(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (k, member) in object.members.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                member.value.serialized(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Compact JSON as a fresh buffer; prefer ``serialized(into:)`` in loops.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        serialized(into: &out)
        return out
    }
}

// MARK: - Implementation

extension JSONWriter {
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ]

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, validate: Bool, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        guard let p = bytes.baseAddress else {
            out.append(UInt8(ascii: "\""))
            return
        }
        let end = bytes.count
        var i = 0
        var runStart = 0
        while true {
            i = jsonSkipPlainWords(p, from: i, end: end, nonASCII: validate)
            guard i < end else { break }
            let b = p[i]
            if b >= 0x80 {
                if !validate {
                    i += 1
                    continue
                }
                let n = jsonUTF8SequenceLength(p, i, end)
                if n > 0 {
                    i += n
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: i - runStart))
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                i += -n
                runStart = i
                continue
            }
            let escape: UInt8
            switch b {
            case 0x22, 0x5C: escape = b
            case 0x08: escape = UInt8(ascii: "b")
            case 0x09: escape = UInt8(ascii: "t")
            case 0x0A: escape = UInt8(ascii: "n")
            case 0x0C: escape = UInt8(ascii: "f")
            case 0x0D: escape = UInt8(ascii: "r")
            case 0..<0x20: escape = UInt8(ascii: "u")
            default:
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: i - runStart))
            out.append(UInt8(ascii: "\\"))
            out.append(escape)
            if escape == UInt8(ascii: "u") {
                let hex: StaticString = "0123456789abcdef"
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                out.append(hex.utf8Start[Int(b >> 4)])
                out.append(hex.utf8Start[Int(b & 0xF)])
            }
            i += 1
            runStart = i
        }
        out.append(contentsOf: UnsafeBufferPointer(start: p + runStart, count: end - runStart))
        out.append(UInt8(ascii: "\""))
    }

    /// Appends `value` in decimal, left-padded with zeros to `minimumDigits`, writing the digits
    /// in place instead of through a temporary string.
    private static func appendDecimal(_ value: UInt64, minimumDigits: Int, to out: inout [UInt8]) {
        var digits = 1
        var t = value
        while t >= 10 {
            t /= 10
            digits += 1
        }
        digits = max(digits, minimumDigits)
        let start = out.count
        for _ in 0..<digits { out.append(UInt8(ascii: "0")) }
        out.withUnsafeMutableBufferPointer { buffer in
            var k = start + digits - 1
            var v = value
            while v > 0 {
                buffer[k] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                k -= 1
            }
        }
    }

    private static func appendFraction(_ digits: UInt64, decimals: Int, to out: inout [UInt8]) {
        guard decimals > 0 else { return }
        out.append(UInt8(ascii: "."))
        appendDecimal(digits, minimumDigits: decimals, to: &out)
    }

    /// Exact decimal digits of an integral, non-negative `Double` (up to ~1.8e308). Above 2^64 this
    /// needs multi-word arithmetic, done in base 10^9 in a stack buffer to stay allocation-free.
    private static func appendIntegralDouble(_ a: Double, to out: inout [UInt8]) {
        if a < 18_446_744_073_709_551_616 {
            appendDecimal(UInt64(a), minimumDigits: 1, to: &out)
            return
        }
        let billion: UInt64 = 1_000_000_000
        var shift = Int(a.exponent) - Double.significandBitCount
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 40) { limbs in
            var count = 0
            var m = a.significandBitPattern | (1 << UInt64(Double.significandBitCount))
            while m > 0 {
                limbs[count] = UInt32(m % billion)
                m /= billion
                count += 1
            }
            while shift > 0 {
                let s = min(shift, 32)
                shift -= s
                var carry: UInt64 = 0
                for k in 0..<count {
                    let t = UInt64(limbs[k]) << UInt64(s) + carry
                    limbs[k] = UInt32(t % billion)
                    carry = t / billion
                }
                while carry > 0 {
                    limbs[count] = UInt32(carry % billion)
                    carry /= billion
                    count += 1
                }
            }
            appendDecimal(UInt64(limbs[count - 1]), minimumDigits: 1, to: &out)
            for k in stride(from: count - 2, through: 0, by: -1) {
                appendDecimal(UInt64(limbs[k]), minimumDigits: 9, to: &out)
            }
        }
    }
}

/// Lets `Double.write(to:)` (the standard library's shortest round-trip formatter) append straight
/// into the output buffer. The standard library hands float digits to `_writeASCII`, which
/// avoids materialising a `String`; if it ever stops doing so, `write(_:)` still works.
private struct ByteSink: TextOutputStream {
    var bytes: [UInt8] = []
    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
}

/// Where the bytes from `i` on stop being plain: the first `"`, `\`, control character or (when
/// `nonASCII`) byte from 0x80, found a 64-bit word at a time; or, when there is none, the start of
/// the last few bytes (fewer than 8), which the caller reads one by one. Shared by the scanner and
/// the writer, whose loops are otherwise byte-wise.
@inline(__always)
func jsonSkipPlainWords(_ p: UnsafePointer<UInt8>, from i: Int, end: Int, nonASCII: Bool) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var i = i
    while i &+ 8 <= end {
        let w = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))  // byte k in bits 8k…
        let q = w ^ (ones &* 0x22)
        let b = w ^ (ones &* 0x5C)
        var found = ((q &- ones) & ~q) | ((b &- ones) & ~b) | ((w &- ones &* 0x20) & ~w)
        if nonASCII { found |= w }
        found &= highs
        // Only the lowest flag is exact (a borrow can flag bytes above it); it is the one used.
        if found != 0 { return i &+ found.trailingZeroBitCount &>> 3 }
        i &+= 8
    }
    return i
}

/// Classifies the UTF-8 sequence at `p[k]` (a byte ≥ 0x80) per RFC 3629 (no overlongs, surrogates
/// or scalars above U+10FFFF). Returns its length if valid, otherwise minus the length of its
/// maximal invalid subpart — the unit that Unicode's recommended practice, and
/// `String(decoding:as:)`, replaces with one U+FFFD. Shared by the parser, which rejects, and the
/// writer, which repairs.
@inline(__always)
func jsonUTF8SequenceLength(_ p: UnsafePointer<UInt8>, _ k: Int, _ end: Int) -> Int {
    let length: Int
    var lo: UInt8 = 0x80, hi: UInt8 = 0xBF  // allowed range of the second byte
    switch p[k] {
    case 0xC2...0xDF: length = 2
    case 0xE0: length = 3; lo = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: length = 3; hi = 0x9F
    case 0xF0: length = 4; lo = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4: length = 4; hi = 0x8F
    default: return -1
    }
    for j in 1..<length {
        guard k + j < end else { return -j }
        let b = p[k + j]
        if b < lo || b > hi { return -j }
        lo = 0x80
        hi = 0xBF
    }
    return length
}
