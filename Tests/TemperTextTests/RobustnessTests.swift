import Testing
import TemperText

@Suite("Robustness")
struct RobustnessTests {
    @Test("Invalid UTF-8 is replaced, counted and never crashes")
    func invalidUTF8() {
        let tokenizer = try! Tokenizer()
        let bytes: [UInt8] = [0x6F, 0x6B, 0x20, 0xFF, 0xFE, 0x20, 0xC3, 0x28, 0x20, 0xE2, 0x82, 0x20, 0xED, 0xA0, 0x80, 0x20, 0x61]
        let text = tokenizer.tokenize(bytes: bytes)
        #expect(text.replacedByteCount == 8)
        #expect(text.norms.first == "ok")
        #expect(text.norms.last == "a")
        #expect(text.normalizedLine.contains("\u{FFFD}"))
    }

    @Test("A truncated multi-byte sequence at the end of a line")
    func truncatedAtEnd() {
        let text = (try! Tokenizer()).tokenize(bytes: Array("hi ".utf8) + [0xF0, 0x9F, 0x98])
        #expect(text.replacedByteCount == 3)
    }

    @Test("After a huge message the reused text gives its storage back: one line does not pin its size (issue #11, item 6)")
    func hugeMessagesAreNotKept() {
        let tokenizer = try! Tokenizer()
        var text = TokenizedText()
        let junk = [UInt8](repeating: 0xC0, count: 300_000)  // one token (U+FFFD) per byte, through ICU
        junk.withUnsafeBufferPointer { tokenizer.tokenize($0, into: &text) }
        #expect(text.tokens.count == 300_000 && text.replacedByteCount == 300_000)
        Array("still waiting".utf8).withUnsafeBufferPointer { tokenizer.tokenize($0, into: &text) }
        #expect(text.tokens.count == 2)
        #expect(text.tokens.capacity < 1 << 16 && text.source.capacity < 1 << 16, "\(text.tokens.capacity)")
    }

    @Test("A single 10 MB line tokenizes completely")
    func tenMegabyteLine() {
        let unit = "still waiting for my refund!!! 😡 "
        let line = String(repeating: unit, count: 10_000_000 / unit.utf8.count)
        let text = tokenize(line)
        #expect(text.tokens.count == 7 * (10_000_000 / unit.utf8.count))
        #expect(Int(text.tokens.last!.end) == line.utf8.count - 1)
    }

    @Test("A 10 MB line without spaces (one huge ICU chunk)")
    func tenMegabyteChunk() {
        let line = String(repeating: "日本語", count: 1_200_000)
        let text = tokenize(line)
        #expect(text.tokens.count > 0)
        #expect(Int(text.tokens.last!.end) == line.utf8.count)
    }

    @Test("Reusing one TokenizedText gives the same result as a fresh one")
    func reuse() {
        let tokenizer = try! Tokenizer()
        var reused = TokenizedText()
        for line in ["first LINE!!", "second 😀 line", ""] {
            var copy = line
            copy.withUTF8 { tokenizer.tokenize($0, into: &reused) }
            let fresh = tokenizer.tokenize(line)
            #expect(reused.tokens == fresh.tokens)
            #expect(reused.normalized == fresh.normalized)
        }
    }
}
