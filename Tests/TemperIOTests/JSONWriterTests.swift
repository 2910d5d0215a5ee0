import Testing
@testable import TemperIO

private func written(_ body: (inout [UInt8]) -> Void) -> String {
    var out: [UInt8] = []
    body(&out)
    return String(decoding: out, as: UTF8.self)
}

private func quoted(_ s: String) -> String { written { JSONWriter.appendString(s, to: &$0) } }
private func quoted(bytes: [UInt8]) -> String {
    written { out in bytes.withUnsafeBufferPointer { JSONWriter.appendString($0, to: &out) } }
}
private func fixed(_ x: Double, _ decimals: Int) -> String {
    written { JSONWriter.appendNumber(x, to: &$0, decimals: decimals) }
}
private func shortest(_ x: Double) -> String { written { JSONWriter.appendNumber(x, to: &$0) } }

@Suite struct JSONWriterStrings {
    @Test func plainAndNonASCIITextIsCopied() {
        #expect(quoted("") == #""""#)
        #expect(quoted("hello world") == #""hello world""#)
        #expect(quoted("é 中文 😀 / \u{7F} \u{2028}") == "\"é 中文 😀 / \u{7F} \u{2028}\"")
    }

    @Test func requiredEscapes() {
        #expect(quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(quoted("\n\t\r\u{8}\u{C}") == #""\n\t\r\b\f""#)
        #expect(quoted("\u{0}\u{1}\u{1F}\u{B}") == #""\u0000\u0001\u001f\u000b""#)
    }

    @Test func everyControlCharacter() {
        let short: [UInt8: String] = [8: #"\b"#, 9: #"\t"#, 10: #"\n"#, 12: #"\f"#, 13: #"\r"#]
        let hex = Array("0123456789abcdef")
        for c in UInt8(0)..<0x20 {
            let expected = short[c] ?? "\\u00" + String(hex[Int(c >> 4)]) + String(hex[Int(c & 15)])
            #expect(quoted(String(Unicode.Scalar(c))) == "\"" + expected + "\"", "\(c)")
        }
    }

    /// The writer skips 8 bytes at a time; an escape at any offset must still be found.
    @Test func escapesAtEveryPosition() {
        for length in 0..<24 {
            for position in 0...length {
                for (raw, escaped) in [("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{1}", #"\u0001"#), ("é", "é")] {
                    let prefix = String(repeating: "x", count: position)
                    let suffix = String(repeating: "y", count: length - position)
                    #expect(quoted(prefix + raw + suffix) == "\"" + prefix + escaped + suffix + "\"")
                    #expect(quoted(bytes: Array((prefix + raw + suffix).utf8)) == "\"" + prefix + escaped + suffix + "\"")
                }
            }
        }
    }

    @Test func appendsAfterExistingContent() {
        var out = Array("{\"k\":".utf8)
        JSONWriter.appendString("v", to: &out)
        out.append(UInt8(ascii: "}"))
        #expect(String(decoding: out, as: UTF8.self) == #"{"k":"v"}"#)
    }

    @Test func byteBufferOverloadRepairsInvalidUTF8LikeStringDecoding() {
        #expect(quoted(bytes: [0x61, 0xFF, 0x62]) == "\"a\u{FFFD}b\"")
        #expect(quoted(bytes: [0xE4, 0xB8]) == "\"\u{FFFD}\"")
        #expect(quoted(bytes: [0xED, 0xA0, 0x80]) == "\"\u{FFFD}\u{FFFD}\u{FFFD}\"")
        #expect(quoted(bytes: [0xF0, 0x9F, 0x98, 0x80]) == "\"😀\"")
        var rng = SplitMix64(seed: 0xBAD_0008)
        let alphabet: [UInt8] = [0x00, 0x0A, 0x22, 0x5C, 0x41, 0x7F, 0x80, 0xBF, 0xC2, 0xC0, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 0x9F, 0xA0, 0x8F, 0x90]
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            #expect(quoted(bytes: bytes) == quoted(String(decoding: bytes, as: UTF8.self)), "\(bytes)")
        }
    }

    @Test func writtenStringsParseBack() throws {
        var rng = SplitMix64(seed: 0x57_2176)
        for _ in 0..<2_000 {
            let s = randomString(using: &rng)
            var out: [UInt8] = []
            JSONWriter.appendString(s, to: &out)
            #expect(try JSONValue(parsing: out) == .string(s), "\(s.debugDescription)")
        }
    }
}

@Suite struct JSONWriterNumbers {
    @Test func integers() {
        for (value, text) in [(0, "0"), (7, "7"), (-1, "-1"), (10, "10"), (1_234_567_890, "1234567890"),
                              (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808")] {
            #expect(written { JSONWriter.appendInt(value, to: &$0) } == text)
        }
    }

    @Test func fixedDecimals() {
        let cases: [(Double, Int, String)] = [
            (0.1234, 4, "0.1234"),
            (-0.5, 4, "-0.5000"),
            (0.5, 0, "1"),
            (1.5, 0, "2"),
            (2.5, 0, "3"),
            (-2.5, 0, "-3"),
            (0.49999999999999994, 0, "0"),
            (0, 0, "0"),
            (0, 3, "0.000"),
            (42, 2, "42.00"),
            (-42, 1, "-42.0"),
            (3.14159, 2, "3.14"),
            (9.9999, 2, "10.00"),
            (99.995, 2, "100.00"),
            (0.001, 2, "0.00"),
            (0.005, 2, "0.01"),
            (123456.789, 1, "123456.8"),
            (1e-300, 4, "0.0000"),
            (0.1, 15, "0.100000000000000"),
            (0.123456789012345, 15, "0.123456789012345"),
            (4503599627370495.5, 0, "4503599627370496"),
            (4503599627370495.5, 1, "4503599627370495.5"),
            (4503599627370494.5, 0, "4503599627370495"),
            (9007199254740991, 2, "9007199254740991.00"),
            (9007199254740992, 2, "9007199254740992.00"),
            (1e20, 2, "100000000000000000000.00"),
            (-1e20, 0, "-100000000000000000000"),
            (18446744073709551616, 0, "18446744073709551616"),
            (1e23, 0, "99999999999999991611392"),
            (0x1p100, 1, "1267650600228229401496703205376.0"),
        ]
        for (value, decimals, text) in cases {
            #expect(fixed(value, decimals) == text, "\(value) with \(decimals) decimals")
        }
    }

    /// Halfway cases are decided on the decimal the value was written as, not on its binary
    /// approximation (2.675 is stored as 2.67499999…, yet prints as 2.68).
    @Test func roundingEdgeCases() {
        #expect(fixed(0.99995, 4) == "1.0000")
        #expect(fixed(-0.99995, 4) == "-1.0000")
        #expect(fixed(2.675, 2) == "2.68")
        #expect(fixed(1.005, 2) == "1.01")
        #expect(fixed(-1.005, 2) == "-1.01")
        #expect(fixed(0.125, 2) == "0.13")
        #expect(fixed(0.375, 2) == "0.38")
        #expect(fixed(1.0049999999999999, 2) == "1.00" || 1.0049999999999999 == 1.005)
        #expect(fixed(1.00499999, 2) == "1.00")
        #expect(fixed(0.00005, 4) == "0.0001")
        #expect(fixed(0.000049999, 4) == "0.0000")
        #expect(fixed(1.45, 1) == "1.5")
        #expect(fixed(8.345, 2) == "8.35")
        #expect(fixed(0.0000000000000015, 15) == "0.000000000000002")
    }

    /// Negative values that round to zero lose their sign, and so does negative zero.
    @Test func negativeZeroIsUnsigned() {
        #expect(fixed(-0.0, 4) == "0.0000")
        #expect(fixed(-0.00001, 4) == "0.0000")
        #expect(fixed(-0.00004999, 4) == "0.0000")
        #expect(fixed(-0.00005, 4) == "-0.0001")
        #expect(fixed(-0.4, 0) == "0")
        #expect(fixed(-1e-300, 2) == "0.00")
    }

    @Test func nonFiniteIsNull() {
        for value in [Double.nan, .infinity, -.infinity, -Double.nan, .signalingNaN] {
            #expect(fixed(value, 4) == "null")
            #expect(shortest(value) == "null")
        }
    }

    /// Differential check against a slow, obviously-correct model: round the shortest decimal
    /// representation of the value half away from zero, in decimal string arithmetic.
    @Test func fixedDecimalsMatchDecimalModel() {
        var rng = SplitMix64(seed: 0xF1_0A7)
        var values: [(Double, Int)] = []
        for _ in 0..<20_000 {
            let decimals = Int.random(in: 0...8, using: &rng)
            // Exact ties written in decimal: n digits, last one 5, decimals + 1 fraction digits.
            var digits = String(UInt64.random(in: 0..<1_000_000_000, using: &rng)) + "5"
            while digits.count < decimals + 2 { digits = "0" + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -(decimals + 1)))
            values.append((Double(digits)! * (Bool.random(using: &rng) ? -1 : 1), decimals))
            values.append((Double.random(in: -1000...1000, using: &rng), decimals))
            values.append((Double.random(in: -1...1, using: &rng) / 1e6, decimals))
            let bits = Double(bitPattern: rng.next())
            if bits.isFinite { values.append((bits, decimals)) }
            // Values a few ulps around a tie.
            let tie = (Double(Int.random(in: 0..<100_000, using: &rng)) + 0.5) / 10
            var near = tie
            for _ in 0..<Int.random(in: 0...3, using: &rng) { near = Bool.random(using: &rng) ? near.nextUp : near.nextDown }
            values.append((near, 0))
            values.append((near, 1))
        }
        for (value, decimals) in values {
            let limit = Double(1 << 50) / Double(referencePowerOfTen(decimals))
            guard value.isFinite, value.magnitude < limit else { continue }
            #expect(fixed(value, decimals) == referenceFixed(value, decimals), "\(value) with \(decimals) decimals")
        }
    }

    @Test func shortestRoundTripNumbers() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "-0"), (3, "3"), (-17, "-17"), (0.1, "0.1"), (2.5, "2.5"), (1e-7, "1e-07"),
            (9007199254740991, "9007199254740991"), (1e300, "1e+300"), (0.30000000000000004, "0.30000000000000004"),
            (.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
        ]
        for (value, text) in cases {
            #expect(shortest(value) == text)
        }
        var rng = SplitMix64(seed: 0x5407)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: rng.next())
            guard value.isFinite else { continue }
            let text = shortest(value)
            #expect(Double(text) == value, "\(text)")
            #expect((try? JSONValue(parsing: text))?.double == value, "\(text) must be valid JSON")
        }
    }
}

@Suite struct JSONSerialization {
    @Test func compactOutputInStoredOrder() {
        let value: JSONValue = [
            "z": 1, "a": [true, false, nil, "s\"q"], "m": ["nested": [:], "empty": []], "n": -2.5, "k\n": 1e21,
        ]
        #expect(value.description == #"{"z":1,"a":[true,false,null,"s\"q"],"m":{"nested":{},"empty":[]},"n":-2.5,"k\n":1e+21}"#)
    }

    @Test func serializedAppendsToCallerBuffer() {
        var out = Array("prefix ".utf8)
        JSONValue.array([1, "x"]).serialized(into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"prefix [1,"x"]"#)
    }

    /// parse(serialize(x)) reproduces x exactly — including the sign of zero, which `==` ignores —
    /// and serializing again yields identical bytes.
    @Test func roundTripOfGeneratedValues() throws {
        var rng = SplitMix64(seed: 0x7E3B_E4)
        var parser = JSONParser()
        var out: [UInt8] = []
        for _ in 0..<3_000 {
            let value = randomValue(depth: 0, using: &rng)
            out.removeAll(keepingCapacity: true)
            value.serialized(into: &out)
            let parsed = try parser.parse(out)
            #expect(identical(parsed, value), "\(value)")
            #expect(parsed.serialized() == out)
        }
    }

    @Test func parseThenSerializeIsCanonical() throws {
        let input = #" { "b" : [ 1.50 , -0 , 1E2 , "\u00e9\/" ] , "a" : { } } "#
        #expect(try JSONValue(parsing: input).description == #"{"b":[1.5,-0,100,"é/"],"a":{}}"#)
    }
}

// MARK: - Helpers

private func referencePowerOfTen(_ n: Int) -> UInt64 {
    var p: UInt64 = 1
    for _ in 0..<n { p *= 10 }
    return p
}

/// Model for `appendNumber(_:to:decimals:)`: round the shortest round-trip decimal of `x` half
/// away from zero at `decimals` places, using string arithmetic only.
private func referenceFixed(_ x: Double, _ decimals: Int) -> String {
    let text = x.magnitude.description
    let parts = text.split(separator: "e")
    let mantissa = parts[0]
    let exponent = parts.count > 1 ? Int(parts[1])! : 0
    let intLength = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
    var digits = Array(mantissa.filter { $0 != "." }).map { Int($0.asciiValue! - 48) }
    var point = intLength + exponent  // digits[0..<point] is the integer part
    while digits.count > 1 && digits.first == 0 {
        digits.removeFirst()
        point -= 1
    }
    let keep = point + decimals
    var scaled: [Int]
    if keep >= digits.count {
        scaled = digits + Array(repeating: 0, count: keep - digits.count)
    } else if keep < 0 {
        scaled = [0]
    } else {
        scaled = Array(digits[0..<keep])
        if digits[keep] >= 5 {
            var k = scaled.count - 1
            while k >= 0 && scaled[k] == 9 {
                scaled[k] = 0
                k -= 1
            }
            if k >= 0 { scaled[k] += 1 } else { scaled.insert(1, at: 0) }
        }
    }
    while scaled.count > 1 && scaled.first == 0 { scaled.removeFirst() }
    let isZero = scaled.allSatisfy { $0 == 0 }
    while scaled.count < decimals + 1 { scaled.insert(0, at: 0) }
    var result = scaled.map(String.init).joined()
    if decimals > 0 { result.insert(".", at: result.index(result.endIndex, offsetBy: -decimals)) }
    return (x < 0 && !isZero ? "-" : "") + result
}

func randomString(using rng: inout SplitMix64) -> String {
    let pool: [Unicode.Scalar] = ["a", "Z", " ", "0", "\"", "\\", "/", "\n", "\t", "\r", "\u{0}", "\u{1}", "\u{8}", "\u{C}", "\u{1F}",
                                  "\u{7F}", "é", "ß", "中", "😀", "\u{FFFD}", "\u{2028}", "\u{FEFF}", "\u{10FFFF}"]
    var s = String.UnicodeScalarView()
    for _ in 0..<Int.random(in: 0...24, using: &rng) {
        if Int.random(in: 0..<4, using: &rng) == 0 {
            var v = UInt32.random(in: 0...0x10FFFF, using: &rng)
            if (0xD800...0xDFFF).contains(v) { v = 0x41 }
            s.append(Unicode.Scalar(v)!)
        } else {
            s.append(pool.randomElement(using: &rng)!)
        }
    }
    return String(s)
}

private func randomNumber(using rng: inout SplitMix64) -> Double {
    switch Int.random(in: 0..<6, using: &rng) {
    case 0: return Double(Int.random(in: -1_000_000...1_000_000, using: &rng))
    case 1: return Double(Int64.random(in: .min ... .max, using: &rng))
    case 2: return Double(Int.random(in: -99_999...99_999, using: &rng)) / 10_000
    case 3: return [0.0, -0.0, .leastNormalMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude, 9007199254740992].randomElement(using: &rng)!
    default:
        var d: Double
        repeat { d = Double(bitPattern: rng.next()) } while !d.isFinite
        return d
    }
}

private func randomValue(depth: Int, using rng: inout SplitMix64) -> JSONValue {
    switch Int.random(in: 0..<(depth >= 5 ? 4 : 7), using: &rng) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &rng))
    case 2: return .number(randomNumber(using: &rng))
    case 3: return .string(randomString(using: &rng))
    case 4, 5:
        return .array((0..<Int.random(in: 0...5, using: &rng)).map { _ in randomValue(depth: depth + 1, using: &rng) })
    default:
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0...5, using: &rng) {
            // Occasional duplicate keys must survive too.
            let key = Int.random(in: 0..<8, using: &rng) == 0 ? "dup" : randomString(using: &rng)
            object.append(key: key, value: randomValue(depth: depth + 1, using: &rng))
        }
        return .object(object)
    }
}

/// Structural equality that also distinguishes 0 from -0.
private func identical(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): return x.bitPattern == y.bitPattern
    case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
    case (.object(let x), .object(let y)):
        return x.count == y.count && zip(x.members, y.members).allSatisfy { $0.key == $1.key && identical($0.value, $1.value) }
    default: return a == b
    }
}
