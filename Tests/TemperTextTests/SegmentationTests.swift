import Testing
import TemperText

@Suite("Word segmentation (ICU rules)")
struct SegmentationTests {
    @Test("Chinese splits into dictionary words")
    func chinese() {
        #expect(tokenize("我爱北京天安门").norms == ["我", "爱", "北京", "天安门"])
    }

    @Test("Japanese splits at word boundaries")
    func japanese() {
        #expect(tokenize("これは日本語です").norms == ["これ", "は", "日本語", "です"])
    }

    @Test("Thai, written without spaces, splits into words")
    func thai() {
        let text = tokenize("ภาษาไทยง่ายนิดเดียว")
        #expect(text.norms == ["ภาษา", "ไทย", "ง่าย", "นิด", "เดียว"])
    }

    @Test("Latin text follows ICU's rules: apostrophes and decimal points join, hyphens split")
    func latin() {
        let text = tokenize("the customer's follow-up cost 3.5 dollars, 1,000 times at 10:30")
        #expect(text.norms == ["the", "customer's", "follow", "-", "up", "cost", "3.5", "dollars", ",", "1,000", "times", "at", "10:30"])
    }

    @Test("The ASCII fast path and ICU agree on the same words")
    func fastPathMatchesICU() {
        // The trailing "é" sends the whole chunk through ICU; the rest of each line stays ASCII.
        let ascii = tokenize("don't wait 3.5 hours, ok").norms
        let viaICU = tokenize("don't wait 3.5 hours, oké").norms
        #expect(Array(ascii.dropLast()) == Array(viaICU.dropLast()))
    }

    @Test("Emoji glued to words split off without spaces")
    func emojiGluedToText() {
        let text = tokenize("great😀thanks")
        #expect(text.norms == ["great", "😀", "thanks"])
        #expect(text.kinds == [.word, .emoji, .word])
    }
}
