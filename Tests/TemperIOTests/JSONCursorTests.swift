import Testing
import TemperIO

/// Runs `body` on a cursor over `text`.
private func withCursor<R>(_ text: String, _ body: (inout JSONCursor) throws -> R) throws -> R {
    try Array(text.utf8).withUnsafeBufferPointer { buffer in
        var cursor = JSONCursor(buffer)
        return try body(&cursor)
    }
}

private func cursorError(_ text: String, _ body: (inout JSONCursor) throws -> Void) -> JSONParseError? {
    do {
        try withCursor(text, body)
        return nil
    } catch let error as JSONParseError {
        return error
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

@Suite struct JSONCursorTests {
    /// The pull style a record reader uses: keys as bytes, values read by type, the rest skipped.
    @Test func pullsAnObjectMemberByMember() throws {
        let text = #" { "name" : "Ana", "n": 12, "skip": {"a": [1, "x", null]}, "ok": true, "none": null } "#
        let members = try withCursor(text) { c -> [String] in
            var seen: [String] = []
            c.skipWhitespace()
            guard try c.enterObject() else { return seen }
            var first = true
            repeat {
                let key = try c.readKeyString(first: first)
                first = false
                switch key {
                case "name": seen.append("name=\(try c.readString())")
                case "n": seen.append("n=\(try c.readInteger(Int.self))")
                case "ok": seen.append("ok=\(try c.takeBool()!)")
                case "none": seen.append("none=\(try c.takeNull())")
                default:
                    try c.skipValue()
                    seen.append("skipped \(key)")
                }
            } while try c.nextMember()
            try c.finish()
            return seen
        }
        #expect(members == ["name=Ana", "n=12", "skipped skip", "ok=true", "none=true"])
    }

    @Test func emptyContainers() throws {
        #expect(try withCursor("{}") { try $0.enterObject() } == false)
        #expect(try withCursor("[ ]") { try $0.enterArray() } == false)
        #expect(try withCursor("[1,2 , 3]") { c -> [Int] in
            var items: [Int] = []
            guard try c.enterArray() else { return items }
            repeat { items.append(try c.readInteger()) } while try c.nextElement()
            return items
        } == [1, 2, 3])
    }

    /// Unescaped strings are handed out in place; escaped ones from `scratch`, reused per string.
    @Test func stringTokens() throws {
        try withCursor(#""plain" "tab\tand \u00e9""#) { c in
            let plain = try c.scanString()
            #expect(plain == .raw(start: 1, count: 5))
            #expect(c.withBytes(of: plain) { Array($0) } == Array("plain".utf8))
            c.skipWhitespace()
            let escaped = try c.scanString()
            #expect(escaped == .decoded)
            #expect(c.string(of: escaped) == "tab\tand é")
            #expect(c.isAtEnd)
        }
    }

    /// `Double` cannot hold every 64-bit integer; hashes and sum halves must come back exactly.
    @Test func integersAreExact() throws {
        #expect(try withCursor("18446744073709551615") { try $0.readInteger(UInt64.self) } == .max)
        #expect(try withCursor("-9223372036854775808") { try $0.readInteger(Int64.self) } == .min)
        #expect(try withCursor("9007199254740993") { try $0.readInteger(Int.self) } == 9_007_199_254_740_993)
        #expect(try withCursor("0") { try $0.readInteger(UInt32.self) } == 0)
        #expect(cursorError("18446744073709551616") { _ = try $0.readInteger(UInt64.self) }?.kind == .numberOutOfRange)
        #expect(cursorError("-1") { _ = try $0.readInteger(UInt64.self) }?.kind == .numberOutOfRange)
        #expect(cursorError("1.5") { _ = try $0.readInteger(Int.self) }?.kind == .invalidNumber)
        #expect(cursorError("1e3") { _ = try $0.readInteger(Int.self) }?.kind == .invalidNumber)
        #expect(cursorError("01") { _ = try $0.readInteger(Int.self) }?.kind == .invalidNumber)
        #expect(cursorError("\"1\"") { _ = try $0.readInteger(Int.self) }?.message == "expected a number, found '\"'")
    }

    @Test func numbersKeepTheirTextForIdentifiers() throws {
        let text = try withCursor("-7.50,") { c -> String in
            _ = try c.readNumber()
            return c.text(from: 0)
        }
        #expect(text == "-7.50")
    }

    /// Skipping validates without converting, yet rejects exactly what reading rejects.
    @Test(arguments: ["18446744073709551615", "-0.5e-10", "1e300", "0.000001e308", "12345678901234567890123", "1e-400"])
    func skipNumberAcceptsWhatReadNumberAccepts(text: String) throws {
        #expect(try withCursor(text + ",") { c -> Int in
            try c.skipNumber()
            return c.position
        } == text.utf8.count)
    }

    @Test(arguments: ["1e400", "1.5e309", "-2e308", "01", "1.", "-", "1e+"])
    func skipNumberRejectsWhatReadNumberRejects(text: String) {
        let skipped = cursorError(text) { try $0.skipNumber() }
        let read = cursorError(text) { _ = try $0.readNumber() }
        #expect(skipped != nil)
        #expect(skipped == read)
    }

    @Test func skipValueValidatesAndBoundsDepth() throws {
        #expect(cursorError(#"{"a":[1,{"b":tru}]}"#) { try $0.skipValue() }?.kind == .invalidLiteral)
        #expect(cursorError(#"[1,2}"#) { try $0.skipValue() }?.message == "expected ',' or ']' after array element, found '}'")
        let deep = String(repeating: "[", count: 8) + String(repeating: "]", count: 8)
        #expect(try withCursor(deep) { c -> Bool in
            try c.skipValue()
            return c.isAtEnd
        })
        let error = Array(deep.utf8).withUnsafeBufferPointer { buffer -> JSONParseError? in
            var c = JSONCursor(buffer, maxDepth: 7)
            do throws(JSONParseError) { try c.skipValue() } catch { return error }
            return nil
        }
        #expect(error?.kind == .depthLimitExceeded)
    }

    /// The cursor and the tree parser are one scanner: the same bytes fail the same way.
    @Test(arguments: [#"{"a":"\x"}"#, #"{"a":01}"#, #"{"a" 1}"#, #"{"a":1,}"#, "{\"a\":\"\u{1}\"}", #"{"a":1e999}"#, #"{"a":nul}"#])
    func errorsMatchTheTreeParser(text: String) throws {
        let fromCursor = cursorError(text) { c in
            try c.skipValue()
            try c.finish()
        }
        var parser = JSONParser()
        let fromParser: JSONParseError? = {
            do throws(JSONParseError) {
                _ = try parser.parse(text)
                return nil
            } catch { return error }
        }()
        #expect(fromCursor != nil)
        #expect(fromCursor == fromParser)
    }

    @Test func linesOfOffsets() throws {
        try withCursor("{\n  \"a\": 1,\n  \"b\": 2\n}") { c in
            #expect(c.line(at: 0) == 1)
            #expect(c.line(at: 4) == 2)
            #expect(c.line(at: 14) == 3)
            #expect(c.line(at: 100) == 4)
        }
    }

    @Test func emptyInputIsAnErrorNotACrash() {
        #expect(cursorError("") { _ = try $0.enterObject() }?.kind == .unexpectedEndOfInput)
        #expect(cursorError("") { try $0.skipValue() }?.kind == .unexpectedEndOfInput)
        #expect(cursorError("") { _ = try $0.readInteger(Int.self) }?.kind == .unexpectedEndOfInput)
    }
}
