import Foundation
import Testing
@testable import TemperKPI
import TemperIO

@Suite struct FactsLineParserTests {
    func parse(_ line: String) throws -> ConversationFacts {
        var parser = FactsLineParser()
        return try parser.parse(line)
    }

    func failure(_ line: String) -> FactsParseError? {
        var parser = FactsLineParser()
        do {
            _ = try parser.parse(line)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesEveryField() throws {
        let f = try parse("""
        {"id":"T-1042","agent":"ana","team":"billing","channel":"email","segment":"smb","customer":"C-77",\
        "started_at":"2024-03-04T09:12:00Z","ended_at":"2024-03-04T11:40:10.5+01:00","first_response_seconds":420,\
        "resolution_seconds":8890.25,"handle_seconds":960,"sentiment_label":"negative","sentiment_mean":-0.42,\
        "flagged":true,"risk":0.81,"reasons":["threat_to_cancel","repeat_contact"],"escalated":false,"resolved":true,\
        "first_contact_resolved":false,"abandoned":false,"csat":2,"nps":3,"ces":6,"cost":12.5,"contacts":2}
        """)
        #expect(f.id == "T-1042")
        #expect(f.agent == "ana" && f.team == "billing" && f.channel == "email" && f.segment == "smb" && f.customer == "C-77")
        #expect(f.startedAt == date("2024-03-04T09:12:00Z"))
        #expect(f.endedAt == date("2024-03-04T10:40:10.5Z"))
        #expect(f.firstResponseSeconds == 420 && f.resolutionSeconds == 8890.25 && f.handleSeconds == 960)
        #expect(f.sentimentLabel == .negative && f.sentimentMean == -0.42)
        #expect(f.flagged == true && f.risk == 0.81 && f.reasons == ["threat_to_cancel", "repeat_contact"])
        #expect(f.escalated == false && f.resolved == true && f.firstContactResolved == false && f.abandoned == false)
        #expect(f.csat == 2 && f.nps == 3 && f.ces == 6 && f.cost == 12.5 && f.contacts == 2)
    }

    @Test func nullsAndMissingKeysAreNil() throws {
        let f = try parse(#"  { "id" : "a" , "team" : null , "csat" : null, "reasons": null }  "#)
        #expect(f == ConversationFacts(id: "a"))
    }

    @Test func emptyDimensionStringsMeanUnknown() throws {
        let f = try parse(#"{"id":"a","team":"","agent":"","customer":""}"#)
        #expect(f.team == nil && f.agent == nil && f.customer == nil)
    }

    @Test func numericIDIsKeptAsWritten() throws {
        #expect(try parse(#"{"id":12345}"#).id == "12345")
        #expect(try parse(#"{"id":-7.50}"#).id == "-7.50")
    }

    @Test func stringEscapes() throws {
        let f = try parse(#"{"id":"a\"b\\c\/d\b\f\n\r\te","team":"caf\u00e9 \u4e2d","agent":"\ud83d\ude00!"}"#)
        #expect(f.id == "a\"b\\c/d\u{08}\u{0C}\n\r\te")
        #expect(f.team == "café 中")
        #expect(f.agent == "😀!")
    }

    @Test func rawUTF8IsKept() throws {
        #expect(try parse(#"{"id":"x","team":"Überweisung ✓ 😀"}"#).team == "Überweisung ✓ 😀")
    }

    @Test func longStringsCrossTheWordWiseFastPath() throws {
        let long = String(repeating: "abcdefgh", count: 20)
        #expect(try parse(#"{"id":"\#(long)","team":"\#(long)é\#(long)"}"#).team == long + "é" + long)
        #expect(try parse(#"{"id":"\#(long)\"\#(long)"}"#).id == long + "\"" + long)
    }

    @Test func escapedKeysAreRecognised() throws {
        #expect(try parse(#"{"\u0069d":"x","te\u0061m":"t"}"#) == ConversationFacts(id: "x", team: "t"))
    }

    /// The scanner's decision (see `JSONParser`): a broken emoji escape from a chat export costs
    /// one character, not the record.
    @Test func loneSurrogatesReadAsReplacementCharacters() throws {
        #expect(try parse(#"{"id":"\ud83d"}"#).id == "\u{FFFD}")
        #expect(try parse(#"{"id":"\ud83d\u0041"}"#).id == "\u{FFFD}A")
        #expect(try parse(#"{"id":"\ude00x"}"#).id == "\u{FFFD}x")
    }

    @Test(arguments: [
        (#"{"id":"\x"}"#, "invalid escape"),
        (#"{"id":"\u12G4"}"#, "expected 4 hex digits"),
        (#"{"id":"\u12"#, "expected 4 hex digits"),
        ("{\"id\":\"a\tb\"}", "control character"),
        (#"{"id":"abc"#, "unterminated string"),
    ])
    func badStrings(line: String, expected: String) {
        let error = failure(line)
        #expect(error?.message.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func invalidUTF8IsRejected() {
        var bytes = Array(#"{"id":"x","team":"ab"}"#.utf8)
        bytes.insert(0xFF, at: 19)
        var parser = FactsLineParser()
        #expect(throws: FactsParseError.self) {
            try bytes.withUnsafeBytes { try parser.parse($0) }
        }
    }

    @Test(arguments: [
        ("1e3", 1000.0), ("-0.5", -0.5), ("1.5E+2", 150.0), ("2.5e-1", 0.25), ("0", 0.0), ("0.1", 0.1),
        ("0.16325637114106284", 0.16325637114106284), ("12345678901234567890", 12345678901234567890.0),
        ("1.7976931348623157e308", 1.7976931348623157e308), ("4.9e-324", Double.leastNonzeroMagnitude),
        ("0.30000000000000004", 0.30000000000000004), ("123456.789012345678901", 123456.789012345678901),
    ])
    func numbersAreCorrectlyRounded(text: String, expected: Double) throws {
        #expect(try parse(#"{"id":"x","risk":\#(text)}"#).risk == expected)
        #expect(Double(text) == expected)
    }

    @Test func randomNumbersMatchTheStandardLibrary() throws {
        var rng = SplitMix64(seed: 42)
        var parser = FactsLineParser()
        for _ in 0..<5_000 {
            let value = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)  // finite, positive
            let text = "\(value)".replacingOccurrences(of: "e+", with: "e")
            let parsed = try parser.parse(#"{"id":"x","risk":\#(text)}"#).risk
            #expect(parsed == value, "\(text)")
        }
    }

    @Test(arguments: ["01", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "1e400", "NaN", "--1"])
    func badNumbers(text: String) {
        #expect(failure(#"{"id":"x","risk":\#(text)}"#) != nil, "\(text)")
    }

    @Test func unknownKeysAreSkippedWhateverTheirValue() throws {
        let f = try parse("""
        {"meta":{"a":[1,{"b":"}\\"]"},[],{}],"c":null,"d":true},"id":"x","list":[1,-2.5e3,"s",false,null],\
        "n":12,"s":"\\u00e9","csat":5,"empty":{}}
        """)
        #expect(f.id == "x" && f.csat == 5)
    }

    @Test func deeplyNestedUnknownValuesAreRejectedNotCrashing() {
        let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(failure(#"{"id":"x","deep":\#(deep)}"#)?.message.contains("nesting") == true)
    }

    @Test func duplicateKeysLastWins() throws {
        #expect(try parse(#"{"id":"x","team":"a","team":"b"}"#).team == "b")
    }

    @Test(arguments: [
        ("", "expected '{'"),
        ("[1]", "expected '{'"),
        (#"{"id":"x"} extra"#, "unexpected 'e' after the JSON value"),
        (#"{"id":"x",}"#, "expected a string key"),
        (#"{"id" "x"}"#, "expected ':'"),
        (#"{"id":"x" "team":"y"}"#, "expected ',' or '}'"),
        (#"{"id":"x","flagged":tru}"#, "invalid literal"),
        (#"{"id":"x","team":nul}"#, "invalid literal"),
        (#"{"id":"x","flagged":"yes"}"#, "\"flagged\": expected true, false or null"),
        (#"{"id":"x","csat":"5"}"#, "\"csat\": expected a number or null"),
        (#"{"id":"x","team":5}"#, "\"team\": expected a string or null"),
        (#"{"id":"x","reasons":"a"}"#, "expected an array of strings"),
        (#"{"id":"x","reasons":["a",1]}"#, "expected a string in the array"),
        (#"{"id":true}"#, "\"id\": expected a string or a number"),
        (#"{"team":"x"}"#, "missing required key \"id\""),
        (#"{"id":"x","contacts":1.5}"#, "whole number"),
        (#"{"id":"x","sentiment_label":"happy"}"#, "expected negative, neutral or positive"),
        (#"{"id":"x","started_at":"yesterday"}"#, "not an ISO-8601 timestamp"),
        (#"{"id":"x","csat":7}"#, "\"csat\" must be within 1…5"),
        (#"{"id":"x","nps":11}"#, "\"nps\" must be within 0…10"),
        (#"{"id":"x","ces":0}"#, "\"ces\" must be within 1…7"),
        (#"{"id":"x","sentiment_mean":1.5}"#, "within -1…1"),
        (#"{"id":"x","first_response_seconds":-1}"#, "\"first_response_seconds\" must be between"),
        (#"{"id":"x","contacts":0}"#, "at least 1"),
        (#"{"id":""}"#, "\"id\" is empty"),
        (#"{"id":"x","started_at":"2024-01-02T00:00:00Z","ended_at":"2024-01-01T00:00:00Z"}"#, "before"),
    ])
    func badObjects(line: String, expected: String) {
        let error = failure(line)
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func errorsPointAtTheColumn() {
        let error = failure(#"{"id":"x","csat":"5"}"#)
        #expect(error?.column == 18)
        #expect(error?.description.hasSuffix(" at column 18") == true, "\(String(describing: error))")
    }

    @Test func agreesWithJSONDecoderOnRandomFacts() throws {
        var rng = SplitMix64(seed: 7)
        let encoder = JSONEncoder()
        var parser = FactsLineParser()
        for var facts in randomFacts(count: 500, using: &rng) {
            facts.reasons = Bool.random(using: &rng) ? ["a\"b", "ü\n", "😀"] : nil
            facts.team = facts.team.map { $0 + "\t\u{1}/\\" }
            let line = String(decoding: try encoder.encode(facts), as: UTF8.self)
            let fast = try parser.parse(line)
            let slow = try JSONDecoder().decode(ConversationFacts.self, from: Data(line.utf8))
            #expect(fast == slow)
            #expect(fast == facts)
        }
    }
}
