import Testing
import TemperText

@Suite("Offsets into the original text")
struct OffsetTests {
    @Test("Every token's byte range covers exactly its original text")
    func byteRanges() {
        let line = "Ｏｋ İSTANBUL great😀thanks can’t 👨‍👩‍👧 @josé https://x.y/z"
        let text = tokenize(line)
        let bytes = Array(line.utf8)
        for token in text.tokens {
            let original = String(decoding: bytes[token.byteRange], as: UTF8.self)
            #expect(original == text.originalText(of: token))
        }
        #expect(text.originals == ["Ｏｋ", "İSTANBUL", "great", "😀", "thanks", "can’t", "👨‍👩‍👧", "@josé", "https://x.y/z"])
    }

    @Test("Character offsets count Unicode scalars")
    func characterOffsets() {
        let text = tokenize("héllo 😀 ok")
        let ok = text.tokens[2]
        #expect(ok.start == 12)
        #expect(text.scalarOffset(ofByte: Int(ok.start)) == 8)
    }

    @Test("Tokens are in order and never overlap")
    func ordering() {
        let text = tokenize("a:) b!!! c😀d e.f@g.com +1 555 123 4567 ok")
        for (previous, next) in zip(text.tokens, text.tokens.dropFirst()) {
            #expect(previous.end <= next.start)
        }
    }
}
