import Testing
import TemperIO
import TemperPipeline
import TemperSentiment
import TemperText
@testable import temper

@Suite("ScoreJSON: the drivers member's plain-string fast path")
struct ScoreJSONTests {
    /// What `JSONWriter.appendString` copies unchanged, byte by byte.
    static func isPlainByteByByte(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }

    static func fastPath(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { ScoreJSON.StackLine.isPlainJSONStringContent($0) }
    }

    /// Every byte value at every position of strings up to 17 bytes long (two 8-byte words and a
    /// tail), among plain letters: the word-at-a-time test must agree with the byte test.
    @Test func everyByteAtEveryPositionAgreesWithTheByteTest() {
        for length in 0...17 {
            for position in 0..<max(length, 1) {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    if length > 0 { bytes[position] = UInt8(value) }
                    #expect(Self.fastPath(bytes) == Self.isPlainByteByByte(bytes), "length \(length), byte \(value) at \(position)")
                }
            }
        }
    }

    @Test func randomStringsAgreeAndPlainOnesComeOutAsJSONWriterWritesThem() {
        var random = SplitMix64(seed: 13)
        let alphabet: [UInt8] = Array("abc XYZ 019 '.,!?{}".utf8) + [0x1F, 0x20, 0x22, 0x5C, 0x7E, 0x7F, 0x80, 0xC3, 0xBC, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<Int(random.next() % 40)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            let plain = Self.fastPath(bytes)
            #expect(plain == Self.isPlainByteByByte(bytes), "\(bytes)")
            if plain {
                var written: [UInt8] = []
                bytes.withUnsafeBufferPointer { JSONWriter.appendString($0, to: &written) }
                #expect(written == [UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\"")])
            }
        }
    }

    /// `score --drivers` writes a message without drivers in one piece: the bytes of the line
    /// with an empty drivers member appended, for every id form and scores of either sign.
    @Test func aLineWithoutDriversIsTheLineWithAnEmptyDriversMember() throws {
        let analyzer = try SentimentAnalyzer()
        let ids: [MessageID] = [.line(1), .line(1_234_567), .json(.string("a\"b")), .json(.number(3.5))]
        for text in ["thanks, all sorted!", "where is my refund", "", "ok"] {
            let result = analyzer.analyze(text)
            for id in ids {
                var expected: [UInt8] = []
                ScoreJSON.append(id: id, result: result, to: &expected)
                expected.removeLast()
                ScoreJSON.appendDrivers(MessageDrivers(), ids: ScoreJSON.DriverIDs(["delay"]), to: &expected)
                expected.append(UInt8(ascii: "}"))
                var line: [UInt8] = [0x41]
                ScoreJSON.appendWithoutDrivers(id: id, result: result, to: &line)
                #expect(line == [0x41] + expected, "\(text) \(id)")
                #expect(String(decoding: expected, as: UTF8.self).hasSuffix(#"},"drivers":[]}"#))
            }
        }
    }

    /// The drivers member with the ids encoded once per run is what writing each hit's id and
    /// evidence with `JSONWriter` gives: plain ids, ids that need escaping, and ids and evidence
    /// too long for the member's stack buffer; through a `MessageDrivers` and its view alike.
    @Test func theDriversMemberWithEncodedIDsIsWhatJSONWriterWrites() {
        let ids = ["delay", "a\"b\\c", "caf\u{E9}", String(repeating: "long_id", count: 300), "tab\there"]
        let encoded = ScoreJSON.DriverIDs(ids)
        let text = Array("my order is late, the caf\u{E9} \"said\" nothing \(String(repeating: "very ", count: 400))slow".utf8)
        var random = SplitMix64(seed: 7)
        for count in 0..<8 {
            let hits = (0..<count).map { _ in
                let start = Int(random.next() % UInt64(text.count))
                let end = start + Int(random.next() % UInt64(text.count - start + 1))
                return DriverHit(driver: Int(random.next() % UInt64(ids.count)), polarity: [.negative, .neutral, .positive][Int(random.next() % 3)],
                                 byteRange: start..<end, isComplaint: false, salience: 0)
            }
            let shift = Int(random.next() % 5)
            var expected = Array(#","drivers":["#.utf8)
            for (position, hit) in hits.enumerated() {
                expected.append(contentsOf: (position == 0 ? #"{"id":"# : #",{"id":"#).utf8)
                JSONWriter.appendString(ids[hit.driver], to: &expected)
                expected.append(contentsOf: Array(#","polarity":"\#(hit.polarity)","evidence":"#.utf8))
                text.withUnsafeBufferPointer { JSONWriter.appendString(UnsafeBufferPointer(rebasing: $0[hit.byteRange]), to: &expected) }
                expected.append(contentsOf: #","start":\#(hit.byteRange.lowerBound + shift),"end":\#(hit.byteRange.upperBound + shift)}"#.utf8)
            }
            expected.append(UInt8(ascii: "]"))
            let drivers = MessageDrivers(hits: hits, text: text, offsets: BodyOffsets(shift: shift), ids: ids)
            var line: [UInt8] = [0x41]
            ScoreJSON.appendDrivers(drivers, ids: encoded, to: &line)
            #expect(line == [0x41] + expected, "\(count) hits")
            var viewed: [UInt8] = []
            drivers.withView { ScoreJSON.appendDrivers($0, ids: encoded, to: &viewed) }
            #expect(viewed == expected)
        }
    }
}
