import Testing
@testable import TemperIO

private func parse(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws -> JSONValue {
    try JSONValue(parsing: text, maxDepth: maxDepth)
}

private func parseBytes(_ bytes: [UInt8]) throws -> JSONValue {
    try JSONValue(parsing: bytes)
}

/// The error a document produces, or nil if it parses.
private func parseError(_ text: String, maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONParseError? {
    parseError(Array(text.utf8), maxDepth: maxDepth)
}

private func parseError(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> JSONParseError? {
    var parser = JSONParser(maxDepth: maxDepth)
    do {
        _ = try parser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

@Suite struct JSONParserValidDocuments {
    @Test func scalars() throws {
        #expect(try parse("null") == .null)
        #expect(try parse("true") == .bool(true))
        #expect(try parse("false") == .bool(false))
        #expect(try parse("0") == .number(0))
        #expect(try parse("-12.5e1") == .number(-125))
        #expect(try parse("\"\"") == .string(""))
        #expect(try parse("\"hello\"") == .string("hello"))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("{}") == .object(JSONObject()))
    }

    @Test func nestedDocumentWithAllWhitespaceKinds() throws {
        let text = " \t\r\n{ \"a\" :\t[ 1 ,\n2.5,\r\"x\" , true , false , null , { } , [ ] ] ,\"b\":{\"c\":{\"d\":[[]]}}}\r\n"
        let expected: JSONValue = [
            "a": [1, 2.5, "x", true, false, nil, .object([:]), []],
            "b": ["c": ["d": [[]]]],
        ]
        #expect(try parse(text) == expected)
    }

    @Test func objectKeysKeepInputOrderAndDuplicates() throws {
        let value = try parse(#"{"zeta":1,"alpha":2,"mid":3,"alpha":4}"#)
        let object = try #require(value.object)
        #expect(object.members.map(\.key) == ["zeta", "alpha", "mid", "alpha"])
        #expect(object["alpha"] == .number(4), "lookup sees the last duplicate, like JSON.parse")
        #expect(object["missing"] == nil)
        #expect(value["mid"]?.int == 3)
        #expect(String(decoding: value.serialized(), as: UTF8.self) == #"{"zeta":1,"alpha":2,"mid":3,"alpha":4}"#)
    }

    @Test func objectSubscriptSetter() {
        var object: JSONObject = ["a": 1, "b": 2, "a": 3]
        object["a"] = "x"
        #expect(object.members.map(\.key) == ["a", "b", "a"])
        #expect(object.members[2].value == "x" && object.members[0].value == 1)
        object["c"] = true
        #expect(object.members.map(\.key) == ["a", "b", "a", "c"])
        object["a"] = nil
        #expect(object.members.map(\.key) == ["b", "c"])
        #expect(object.count == 2 && !object.isEmpty)
        #expect(Array(object).map(\.key) == ["b", "c"])
    }

    @Test func equalityIsOrderSensitiveForObjects() {
        let ab: JSONValue = ["a": 1, "b": 2]
        let ba: JSONValue = ["b": 2, "a": 1]
        #expect(ab != ba)
        #expect(ab == ["a": 1, "b": 2])
    }

    @Test func allSimpleEscapes() throws {
        let value = try parse(#""q\"b\\s\/b\bf\fn\nr\rt\t""#)
        #expect(value == .string("q\"b\\s/b\u{8}f\u{C}n\nr\rt\t"))
    }

    @Test func unicodeEscapes() throws {
        #expect(try parse(#""\u0041\u00e9\u00E9\u4E2D\u0000\u001f\uFFFF""#) == .string("Aéé中\u{0}\u{1F}\u{FFFF}"))
        #expect(try parse(#""x\u20ACy""#) == .string("x€y"))
    }

    @Test func surrogatePairs() throws {
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""\uD83D\uDE00!""#) == .string("😀!"))
        #expect(try parse(#""\udbff\udfff""#) == .string("\u{10FFFF}"))
        #expect(try parse(#""\ud800\udc00""#) == .string("\u{10000}"))
    }

    /// Lone surrogates cannot live in a Swift String; each becomes U+FFFD and parsing continues.
    @Test func loneSurrogatesBecomeReplacementCharacter() throws {
        #expect(try parse(#""\ud83d""#) == .string("\u{FFFD}"))
        #expect(try parse(#""\ud83dx""#) == .string("\u{FFFD}x"))
        #expect(try parse(#""\ude00""#) == .string("\u{FFFD}"))
        #expect(try parse(#""a\ude00\ud83d b""#) == .string("a\u{FFFD}\u{FFFD} b"))
        #expect(try parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
        #expect(try parse(#""\ud800\ud83d\ude00""#) == .string("\u{FFFD}😀"))
        #expect(try parse(#""\ud83d\n""#) == .string("\u{FFFD}\n"))
        #expect(try parse(#""\ude00\ud83d""#) == .string("\u{FFFD}\u{FFFD}"))
    }

    @Test func rawUTF8IsAccepted() throws {
        let text = "\"é 中文 😀 Ünïcödé — ✓\""
        #expect(try parse(text) == .string("é 中文 😀 Ünïcödé — ✓"))
        #expect(try parse("{\"ключ\":\"значение\"}")["ключ"] == .string("значение"))
        // U+007F and the largest scalar are legal raw.
        #expect(try parseBytes([0x22, 0x7F, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]) == .string("\u{7F}\u{10FFFF}"))
    }

    /// The scanner skips 8 bytes at a time; put every kind of special byte at every offset around
    /// the word boundaries to make sure none is skipped.
    @Test func specialBytesAtEveryPosition() throws {
        let specials: [(raw: String, decoded: String)] = [
            (#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), (#"\u00e9"#, "é"), ("é", "é"), ("😀", "😀"), ("中", "中"),
        ]
        for length in 0..<26 {
            for position in 0...length {
                for special in specials {
                    let prefix = String(repeating: "a", count: position)
                    let suffix = String(repeating: "b", count: length - position)
                    let text = "\"" + prefix + special.raw + suffix + "\""
                    #expect(try parse(text) == .string(prefix + special.decoded + suffix), "\(text)")
                }
            }
        }
    }

    @Test func numbersMatchTheStandardLibrary() throws {
        let cases = [
            "0", "-0", "1", "-1", "7", "10", "0.5", "-0.5", "0.1", "0.2", "0.3", "1.5e3", "1E2", "1e+2", "1e-2", "-1.5e-3",
            "123456789", "9007199254740991", "9007199254740992", "9007199254740993", "18446744073709551615",
            "123456789012345678901234567890", "0.30000000000000004", "3.141592653589793", "2.718281828459045",
            "1e22", "1e23", "1e-22", "1e-23", "8.98846567431158e307", "1.7976931348623157e308", "1e308",
            "2.2250738585072014e-308", "2.2250738585072011e-308", "4.9406564584124654e-324", "5e-324",
            "1e-400", "-1e-400", "0e99999999999", "0.000000000000000000000000000001", "1234.5678e-2",
            "100000000000000000000000", "0.1000000000000000055511151231257827021181583404541015625",
            "1.00000000000000011102230246251565404236316680908203125", "7.2057594037927933e16",
            "12345678901234567890123456789e-20", "1" + String(repeating: "0", count: 300), "0." + String(repeating: "0", count: 320) + "1",
        ]
        for text in cases {
            let expected = try #require(Double(text))
            let value = try parse(text)
            let got = try #require(value.double, "\(text)")
            #expect(got == expected && got.sign == expected.sign, "\(text): \(got) vs \(expected)")
        }
        #expect(try parse("-0").double?.sign == .minus)
    }

    /// Fast path vs fallback: random mantissas and exponents must agree with the standard library's
    /// correctly rounded conversion.
    @Test func randomNumbersMatchTheStandardLibrary() throws {
        var rng = SplitMix64(seed: 0x5EED_0001)
        for _ in 0..<20_000 {
            var text = Bool.random(using: &rng) ? "-" : ""
            let intDigits = Int.random(in: 1...20, using: &rng)
            text += String(Int.random(in: 1...9, using: &rng))
            for _ in 1..<intDigits { text += String(Int.random(in: 0...9, using: &rng)) }
            if Bool.random(using: &rng) {
                text += "."
                for _ in 0..<Int.random(in: 1...20, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
            }
            if Bool.random(using: &rng) {
                text += "e" + String(Int.random(in: -330...300, using: &rng))
            }
            let expected = try #require(Double(text))
            guard expected.isFinite else { continue }
            #expect(try parse(text).double == expected, "\(text)")
        }
        // Shortest representations of random bit patterns read back exactly.
        for _ in 0..<20_000 {
            let d = Double(bitPattern: rng.next())
            guard d.isFinite else { continue }
            #expect(try parse(d.description).double == d, "\(d)")
        }
    }

    @Test func integerAccessorIsExact() throws {
        #expect(try parse("3").int == 3)
        #expect(try parse("-3.0").int == -3)
        #expect(try parse("3e2").int == 300)
        #expect(try parse("2.5").int == nil)
        #expect(try parse("1e300").int == nil)
        #expect(try parse("\"3\"").int == nil)
        #expect(try parse("9223372036854775807").int == nil, "2^63 does not fit in Int")
    }

    @Test func accessors() throws {
        let value = try parse(#"{"s":"x","n":1.5,"b":true,"z":null,"a":[1],"o":{"k":2}}"#)
        #expect(value["s"]?.string == "x")
        #expect(value["n"]?.double == 1.5)
        #expect(value["b"]?.bool == true)
        #expect(value["z"]?.isNull == true)
        #expect(value["s"]?.isNull == false)
        #expect(value["a"]?.array == [1])
        #expect(value["o"]?.object?["k"] == .number(2))
        #expect(value["o"]?["k"]?.int == 2)
        #expect(value["s"]?.double == nil && value["n"]?.string == nil && value["a"]?.object == nil)
        #expect(value["s"]?["k"] == nil, "member lookup on a non-object is nil, not a trap")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try parseBytes([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
        // Only at the very start: elsewhere it is not whitespace.
        #expect(parseError([0x20, 0xEF, 0xBB, 0xBF, 0x31])?.offset == 1)
    }

    @Test func allInputForms() throws {
        let text = #"{"k":[1,"é"]}"#
        let expected: JSONValue = ["k": [1, "é"]]
        var parser = JSONParser()
        let bytes = Array(text.utf8)
        #expect(try parser.parse(text) == expected)
        #expect(try parser.parse(("xx" + text + "yy").dropFirst(2).dropLast(2)) == expected)
        #expect(try parser.parse(bytes) == expected)
        #expect(try bytes.withUnsafeBufferPointer { try parser.parse($0) } == expected)
        #expect(try bytes.withUnsafeBytes { try parser.parse($0) } == expected)
        #expect(try JSONValue(parsing: bytes) == expected)
        #expect(try bytes.withUnsafeBufferPointer { try JSONValue(parsing: $0) } == expected)
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        #expect(throws: JSONParseError(kind: .unexpectedEndOfInput, offset: 0, column: 1, message: "expected a JSON value, found end of input")) {
            try parser.parse(empty)
        }
    }

    @Test func sliceOffsetsAreRelativeToTheSlice() {
        let line = Array("garbage[1,]".utf8)
        var parser = JSONParser()
        do {
            _ = try parser.parse(line[7...])
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 3)
        }
    }

    /// One parser for a whole JSONL stream: an error on one line must not leave state behind.
    @Test func parserIsReusableAcrossLinesAndErrors() throws {
        var parser = JSONParser()
        let lines = [#"{"a":[1,{"b":"\n"}]}"#, #"{"a":[1,{"b":"#, #"[[[["#, #""esc\"aped""#, #"{"a":[1,{"b":"\n"}]}"#]
        var results: [JSONValue?] = []
        for line in lines {
            results.append(try? parser.parse(line))
        }
        #expect(results[0] == ["a": [1, ["b": "\n"]]])
        #expect(results[1] == nil && results[2] == nil)
        #expect(results[3] == .string("esc\"aped"))
        #expect(results[4] == results[0])
    }

    @Test func jsonlLineWithCRLF() throws {
        #expect(try parse("{\"a\":1}\r\n") == ["a": 1])
    }
}

@Suite struct JSONParserErrors {
    struct Case {
        let input: [UInt8]
        let kind: JSONParseError.Kind
        let offset: Int
        init(_ input: String, _ kind: JSONParseError.Kind, _ offset: Int) {
            self.input = Array(input.utf8)
            self.kind = kind
            self.offset = offset
        }
        init(bytes: [UInt8], _ kind: JSONParseError.Kind, _ offset: Int) {
            self.input = bytes
            self.kind = kind
            self.offset = offset
        }
    }

    private func check(_ cases: [Case], sourceLocation: SourceLocation = #_sourceLocation) {
        for c in cases {
            let shown = String(decoding: c.input, as: UTF8.self).debugDescription
            guard let error = parseError(c.input) else {
                Issue.record("\(shown) parsed but should fail", sourceLocation: sourceLocation)
                continue
            }
            #expect(error.kind == c.kind, "\(shown): \(error)", sourceLocation: sourceLocation)
            #expect(error.offset == c.offset, "\(shown): \(error)", sourceLocation: sourceLocation)
        }
    }

    /// Positions in messages are 1-based byte columns from the start of the line, as compilers
    /// count them; `offset` stays the 0-based offset into the bytes parsed (data, not text).
    @Test func messagesGiveTheColumnFromTheLineStart() {
        let oneLine = parseError(#"{"id": 1, "text" "x"}"#)
        #expect(oneLine?.offset == 17 && oneLine?.column == 18)
        #expect(oneLine?.description == "expected ':' after object key, found '\"' at column 18")
        let secondLine = parseError("{\"id\": 1,\n  \"text\" \"x\"}")
        #expect(secondLine?.offset == 19 && secondLine?.column == 10)
        #expect(secondLine?.description.hasSuffix(" at column 10") == true)
        let unterminated = parseError("[1,\n \"abc")
        #expect(unterminated?.description == "unterminated string (opened at column 2) at column 6")
        let literal = parseError("[1,\n tru]")
        #expect(literal?.description == "invalid literal starting at column 2 (expected 'true'), found ']' at column 5")
        #expect(literal?.description.contains("byte") == false)
    }

    @Test func emptyAndTruncatedDocuments() {
        check([
            Case("", .unexpectedEndOfInput, 0),
            Case("  \n ", .unexpectedEndOfInput, 4),
            Case("[", .unexpectedEndOfInput, 1),
            Case("[1", .unexpectedEndOfInput, 2),
            Case("[1,", .unexpectedEndOfInput, 3),
            Case("{", .unexpectedEndOfInput, 1),
            Case(#"{"a""#, .unexpectedEndOfInput, 4),
            Case(#"{"a":"#, .unexpectedEndOfInput, 5),
            Case(#"{"a":1"#, .unexpectedEndOfInput, 6),
            Case(#"{"a":1,"#, .unexpectedEndOfInput, 7),
            Case("tru", .unexpectedEndOfInput, 3),
            Case("-", .unexpectedEndOfInput, 1),
            Case("1.", .unexpectedEndOfInput, 2),
            Case("1e", .unexpectedEndOfInput, 2),
            Case("1e+", .unexpectedEndOfInput, 3),
        ])
    }

    @Test func structuralErrors() {
        check([
            Case("[1,]", .unexpectedCharacter, 3),
            Case("[,1]", .unexpectedCharacter, 1),
            Case("[1 2]", .unexpectedCharacter, 3),
            Case("[1:2]", .unexpectedCharacter, 2),
            Case("[1}", .unexpectedCharacter, 2),
            Case(#"{"a":1]"#, .unexpectedCharacter, 6),
            Case(#"{"a":1,}"#, .unexpectedCharacter, 7),
            Case(#"{"a" 1}"#, .unexpectedCharacter, 5),
            Case(#"{"a",1}"#, .unexpectedCharacter, 4),
            Case("{1:2}", .unexpectedCharacter, 1),
            Case("{a:2}", .unexpectedCharacter, 1),
            Case("{'a':2}", .unexpectedCharacter, 1),
            Case(#"{"a":1 "b":2}"#, .unexpectedCharacter, 7),
            Case(#"{"a":}"#, .unexpectedCharacter, 5),
            Case("]", .unexpectedCharacter, 0),
            Case("'x'", .unexpectedCharacter, 0),
            Case("True", .unexpectedCharacter, 0),
            Case("undefined", .unexpectedCharacter, 0),
            Case("/* c */ 1", .unexpectedCharacter, 0),
            Case("\u{A0}1", .unexpectedCharacter, 0),
            Case("\u{0B}1", .unexpectedCharacter, 0),
        ])
    }

    @Test func literalErrors() {
        check([
            Case("trux", .invalidLiteral, 3),
            Case("nulL", .invalidLiteral, 3),
            Case("fals", .unexpectedEndOfInput, 4),
            Case("[tRue]", .invalidLiteral, 2),
        ])
    }

    @Test func numberErrors() {
        check([
            Case("01", .invalidNumber, 1),
            Case("-01", .invalidNumber, 2),
            Case("00", .invalidNumber, 1),
            Case("[007]", .invalidNumber, 2),
            Case("-a", .invalidNumber, 1),
            Case("- 1", .invalidNumber, 1),
            Case("1.e5", .invalidNumber, 2),
            Case("1.]", .invalidNumber, 2),
            Case("1ea", .invalidNumber, 2),
            Case("1e+-1", .invalidNumber, 3),
            Case("-Infinity", .invalidNumber, 1),
            Case("-NaN", .invalidNumber, 1),
            Case(".5", .unexpectedCharacter, 0),
            Case("+1", .unexpectedCharacter, 0),
            Case("NaN", .unexpectedCharacter, 0),
            Case("Infinity", .unexpectedCharacter, 0),
            Case("0x10", .trailingData, 1),
            Case("1.5.2", .trailingData, 3),
            Case("1e400", .numberOutOfRange, 0),
            Case("[2, -1.8e308]", .numberOutOfRange, 4),
            Case("1" + String(repeating: "0", count: 400), .numberOutOfRange, 0),
        ])
    }

    @Test func stringErrors() {
        check([
            Case(#""abc"#, .unterminatedString, 4),
            Case(#"["abc]"#, .unterminatedString, 6),
            Case(#""a\"#, .unterminatedString, 3),
            Case(#""a\u12"#, .unterminatedString, 6),
            Case(#""\x""#, .invalidEscape, 1),
            Case(#""ab\'""#, .invalidEscape, 3),
            Case(#""\U0041""#, .invalidEscape, 1),
            Case(#""\u12G4""#, .invalidUnicodeEscape, 5),
            Case(#""\u12""#, .invalidUnicodeEscape, 5),
            Case(#""\ud83d\uZZZZ""#, .invalidUnicodeEscape, 9),
            Case("\"a\tb\"", .controlCharacterInString, 2),
            Case("\"a\nb\"", .controlCharacterInString, 2),
            Case("\"abcdefghijkl\u{1F}\"", .controlCharacterInString, 13),
            Case(bytes: [0x22, 0x00, 0x22], .controlCharacterInString, 1),
            Case(bytes: [0x22, 0x5C, 0x01, 0x22], .invalidEscape, 1),
        ])
    }

    @Test func invalidUTF8() {
        let q: UInt8 = 0x22
        check([
            Case(bytes: [q, 0x61, 0xFF, q], .invalidUTF8, 2),
            Case(bytes: [q, 0x80, q], .invalidUTF8, 1),
            Case(bytes: [q, 0xC0, 0x80, q], .invalidUTF8, 1),  // overlong NUL
            Case(bytes: [q, 0xC1, 0xBF, q], .invalidUTF8, 1),  // overlong
            Case(bytes: [q, 0xE0, 0x80, 0x80, q], .invalidUTF8, 1),  // overlong 3-byte
            Case(bytes: [q, 0xED, 0xA0, 0x80, q], .invalidUTF8, 1),  // UTF-16 surrogate
            Case(bytes: [q, 0xF0, 0x80, 0x80, 0x80, q], .invalidUTF8, 1),  // overlong 4-byte
            Case(bytes: [q, 0xF4, 0x90, 0x80, 0x80, q], .invalidUTF8, 1),  // above U+10FFFF
            Case(bytes: [q, 0xF5, 0x80, 0x80, 0x80, q], .invalidUTF8, 1),
            Case(bytes: [q, 0xE4, 0xB8, q], .invalidUTF8, 1),  // truncated before the quote
            Case(bytes: [q, 0xE4, 0xB8], .invalidUTF8, 1),  // truncated at end of input
            Case(bytes: [q] + Array("abcdefghij".utf8) + [0xC3, 0x28, q], .invalidUTF8, 11),
            Case(bytes: [0x5B, 0x31, 0x2C, q, 0xC3, 0xA9, 0xC3, q, 0x5D], .invalidUTF8, 6),
        ])
    }

    @Test func trailingData() {
        check([
            Case("1 2", .trailingData, 2),
            Case("{}x", .trailingData, 2),
            Case("[]]", .trailingData, 2),
            Case("null null", .trailingData, 5),
            Case(#"{"a":1}{"b":2}"#, .trailingData, 7),
            Case("\"a\"\"b\"", .trailingData, 3),
            Case("1\n2", .trailingData, 2),
            Case("truex", .trailingData, 4),
            Case("0 \u{0}", .trailingData, 2),
        ])
    }

    @Test func depthLimit() throws {
        let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(parseError(deepest) == nil)
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = try #require(parseError(tooDeep))
        #expect(error.kind == .depthLimitExceeded && error.offset == 512)
        #expect(error.description == "nesting deeper than 512 levels at column 513")

        // Objects and arrays count alike; the limit is configurable.
        #expect(parseError(#"{"a":[{"b":1}]}"#, maxDepth: 3) == nil)
        #expect(parseError(#"{"a":[{"b":[]}]}"#, maxDepth: 3)?.offset == 11)
        #expect(parseError("[]", maxDepth: 0)?.kind == .depthLimitExceeded)
        #expect(parseError("1", maxDepth: 0) == nil)

        // Hostile input far beyond the limit fails cleanly instead of overflowing the stack.
        let hostile = String(repeating: #"{"a":["#, count: 200_000)
        #expect(parseError(hostile)?.kind == .depthLimitExceeded)
    }

    @Test func errorMessages() throws {
        func message(_ text: String) -> String { parseError(text).map(\.description) ?? "parsed" }
        #expect(message(#"{"id": 12, "text": "hello", "lang": "en" ]"#) == "expected ',' or '}' after object member, found ']' at column 42")
        #expect(message("[1 2]") == "expected ',' or ']' after array element, found '2' at column 4")
        #expect(message("[1,") == "expected a JSON value, found end of input at column 4")
        #expect(message("01") == "leading zeros are not allowed in numbers at column 2")
        #expect(message("1 x") == "unexpected 'x' after the JSON value at column 3")
        #expect(message(#""\q""#) == #"invalid escape sequence '\q' in string at column 2"#)
        #expect(message(#"{"a" 1}"#) == "expected ':' after object key, found '1' at column 6")
        #expect(message(#""abc"#) == "unterminated string (opened at column 1) at column 5")
        #expect(message("\"\u{1}\"") == "unescaped control character byte 0x01 in string (must be written as an escape) at column 2")
        let bad = try #require(parseError([0x22, 0xFF, 0x22]))
        #expect(bad.description == "invalid UTF-8 sequence starting with byte 0xFF in string at column 2")
        #expect(bad.message == "invalid UTF-8 sequence starting with byte 0xFF in string")
    }
}
