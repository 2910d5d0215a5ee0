import Foundation
import Testing
import TemperIO

private struct Inner: Codable, Equatable {
    var name: String
    var note: String?
    var flags: [Bool]
}

private enum Mode: String, Codable { case fast, careful }

private struct Sample: Codable, Equatable {
    var hashes: [UInt64]
    var signed: [Int64]
    var small: [UInt32]
    var count: Int
    var ratio: Double
    var doubles: [Double]
    var text: String
    var mode: Mode
    var inner: Inner
    var inners: [Inner]
    var missing: Int?
    var maybe: [Int?]
    var nested: [[Int]]
    var empty: [String]

    enum CodingKeys: String, CodingKey {
        // Mixed case, digits and underscores, so the key order is really tested.
        case hashes, signed, small, count, ratio, doubles, text, mode, inner, inners, missing, maybe, nested, empty
        case aB = "aB", Ab = "Ab", a_b = "a_b", a10 = "a10", a2 = "a2"
    }

    init(_ seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        hashes = [0, 1, .max, 1 << 53 + 1] + (0..<20).map { _ in rng.next() }
        signed = [.min, .max, -1, 0]
        small = [0, .max, 7]
        count = -42
        ratio = 0.1 + 0.2
        doubles = [0, -0.0, 1, -1.5, 1e-7, 123456.789, 9_007_199_254_740_992, 1e21, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 3600, 0.81]
            + (0..<20).map { _ in Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) }
        text = "quote \" backslash \\ slash / tab \t newline \n control \u{01}\u{1F} del \u{7F} é 中 😀 \u{2028}"
        mode = .careful
        inner = Inner(name: "a", note: nil, flags: [true, false])
        inners = [Inner(name: "", note: "n", flags: []), Inner(name: "b\u{0}", note: nil, flags: [true])]
        missing = nil
        maybe = [1, nil, 3]
        nested = [[], [1], [2, 3]]
        empty = []
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        hashes = try c.decode([UInt64].self, forKey: .hashes)
        signed = try c.decode([Int64].self, forKey: .signed)
        small = try c.decode([UInt32].self, forKey: .small)
        count = try c.decode(Int.self, forKey: .count)
        ratio = try c.decode(Double.self, forKey: .ratio)
        doubles = try c.decode([Double].self, forKey: .doubles)
        text = try c.decode(String.self, forKey: .text)
        mode = try c.decode(Mode.self, forKey: .mode)
        inner = try c.decode(Inner.self, forKey: .inner)
        inners = try c.decode([Inner].self, forKey: .inners)
        missing = try c.decodeIfPresent(Int.self, forKey: .missing)
        maybe = try c.decode([Int?].self, forKey: .maybe)
        nested = try c.decode([[Int]].self, forKey: .nested)
        empty = try c.decode([String].self, forKey: .empty)
        for key in [CodingKeys.aB, .Ab, .a_b, .a10, .a2] { _ = try c.decode(Int.self, forKey: key) }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(hashes, forKey: .hashes)
        try c.encode(signed, forKey: .signed)
        try c.encode(small, forKey: .small)
        try c.encode(count, forKey: .count)
        try c.encode(ratio, forKey: .ratio)
        try c.encode(doubles, forKey: .doubles)
        try c.encode(text, forKey: .text)
        try c.encode(mode, forKey: .mode)
        try c.encode(inner, forKey: .inner)
        try c.encode(inners, forKey: .inners)
        try c.encodeIfPresent(missing, forKey: .missing)
        try c.encode(maybe, forKey: .maybe)
        try c.encode(nested, forKey: .nested)
        try c.encode(empty, forKey: .empty)
        for (k, key) in [CodingKeys.aB, .Ab, .a_b, .a10, .a2].enumerated() { try c.encode(k, forKey: key) }
    }
}

@Suite struct JSONCodableTests {
    /// Files written by Foundation's encoder before stay byte-for-byte what Temper writes now.
    @Test(arguments: [UInt64(1), 2, 3])
    func writerMatchesFoundationsSortedCompactOutput(seed: UInt64) throws {
        let value = Sample(seed)
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try foundation.encode(value)
        let written = try JSONWriterEncoder().encode(value)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test func prettyOutputMatchesFoundationsToo() throws {
        let value = Sample(4)
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try foundation.encode(value), as: UTF8.self)
        #expect(String(decoding: try JSONWriterEncoder(prettyPrinted: true).encode(value), as: UTF8.self) == expected)
        #expect(try JSONCursorDecoder().decode(Sample.self, from: Array(expected.utf8)) == value)
        let empty = String(decoding: try foundation.encode([[String: Int]()]), as: UTF8.self)
        #expect(String(decoding: try JSONWriterEncoder(prettyPrinted: true).encode([[String: Int]()]), as: UTF8.self) == empty)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func roundTripIsExact(seed: UInt64) throws {
        let value = Sample(seed)
        let bytes = try JSONWriterEncoder().encode(value)
        let back = try JSONCursorDecoder().decode(Sample.self, from: bytes)
        #expect(back == value)
        #expect(back.hashes == value.hashes)  // beyond 2^53: not through Double
    }

    @Test func readsWhatFoundationWrote() throws {
        let value = Sample(9)
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.prettyPrinted]
        let bytes = [UInt8](try foundation.encode(value))
        #expect(try JSONCursorDecoder().decode(Sample.self, from: bytes) == value)
    }

    @Test func nonFiniteNumbersAreRefused() {
        #expect(throws: EncodingError.self) { try JSONWriterEncoder().encode([1, Double.nan]) }
        #expect(throws: EncodingError.self) { try JSONWriterEncoder().encode(["x": Double.infinity]) }
    }

    /// Other tools write whole numbers as `30.0` or `3e1`; JSONDecoder takes them for integers, so do we.
    @Test func wholeNumbersWrittenAsFractionsReadAsIntegers() throws {
        #expect(try JSONCursorDecoder().decode([Int].self, from: Array("[30.0, 3e1, -0.0, 7]".utf8)) == [30, 30, 0, 7])
        #expect(try JSONCursorDecoder().decode([UInt8].self, from: Array("[255.0]".utf8)) == [255])
        #expect(throws: JSONDecodingError.self) { try JSONCursorDecoder().decode([Int].self, from: Array("[30.5]".utf8)) }
        #expect(throws: JSONDecodingError.self) { try JSONCursorDecoder().decode([UInt8].self, from: Array("[256]".utf8)) }
        #expect(throws: JSONDecodingError.self) { try JSONCursorDecoder().decode([Int].self, from: Array("[01]".utf8)) }
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        #expect(try JSONCursorDecoder().decode(Inner.self, from: Array(#"{"name":"a","flags":[],"name":"b"}"#.utf8)).name == "b")
    }

    /// Errors say where: line and column (1-based, from the line's start) of the value, and the path to it.
    @Test func errorsCarryLinePathAndByte() {
        func error(_ text: String) -> JSONDecodingError? {
            do {
                _ = try JSONCursorDecoder().decode([Inner].self, from: Array(text.utf8))
                return nil
            } catch {
                return error as? JSONDecodingError
            }
        }
        let wrongType = error("[\n{\"name\": \"a\", \"flags\": []},\n{\"name\": 5, \"flags\": []}\n]")
        #expect(wrongType?.line == 3)
        #expect(wrongType?.column == 10 && wrongType?.offset == 39)
        #expect(wrongType?.description == "[1].name: expected a string, found '5' at column 10")
        let missing = error("[{\"flags\": []}]")
        #expect(missing?.line == 1)
        #expect(missing?.description == "[0]: missing key 'name' at column 2")
        let syntax = error("[{\"name\": \"a\", \"flags\": [tru]}]")
        #expect(syntax?.description.hasPrefix("[0]: invalid literal starting at column 26") == true, "\(String(describing: syntax))")
        let trailing = error("[] x")
        #expect(trailing?.description == "unexpected 'x' after the JSON value at column 4")
        let tooBig = try? JSONCursorDecoder().decode([UInt32].self, from: Array("[4294967296]".utf8))
        #expect(tooBig == nil)
    }
}
