import Testing
import TemperText

@Suite("NFKC + case folding")
struct NormalizationTests {
    @Test("Turkish dotted capital I folds to plain i; dotless ı stays distinct")
    func turkish() {
        let text = tokenize("İSTANBUL'da ılık ışık")
        #expect(text.norms == ["istanbul'da", "ılık", "ışık"])
    }

    @Test("German ß folds to ss, capitals to lower case")
    func germanSharpS() {
        #expect(tokenize("Straße GROSS Maße").norms == ["strasse", "gross", "masse"])
    }

    @Test("Fullwidth Latin and ideographic space fold to ASCII")
    func fullwidth() {
        let text = tokenize("ＨＥＬＬＯ　ｗｏｒｌｄ！")
        #expect(text.norms == ["hello", "world", "!"])
        #expect(text.normalizedLine == "hello world!")
    }

    @Test("Ligatures split into letters")
    func ligatures() {
        #expect(tokenize("ﬁnally ﬂight").norms == ["finally", "flight"])
    }

    @Test("Combining marks compose: e + U+0301 equals precomposed é")
    func combiningMarks() {
        let decomposed = tokenize("cafe\u{301}")
        let composed = tokenize("café")
        #expect(decomposed.norms == composed.norms)
        #expect(decomposed.tokens.count == 1)
        #expect(decomposed.tokens[0].end == 6)
    }

    @Test("Zero-width and control characters vanish; whitespace collapses")
    func invisibles() {
        let text = tokenize("re\u{200B}fund  \t please\u{0007}\u{200E} now")
        #expect(text.norms == ["refund", "please", "now"])
        #expect(text.normalizedLine == "refund please now")
    }

    @Test("Arabic and Hebrew (right-to-left) words keep their letters and order")
    func rightToLeft() {
        let text = tokenize("مرحبا بالعالم שלום עולם")
        #expect(text.norms == ["مرحبا", "بالعالم", "שלום", "עולם"])
        #expect(text.kinds.allSatisfy { $0 == .word })
    }

    @Test("Apostrophe variants and missing apostrophes give one contraction form")
    func contractions() {
        let text = tokenize("can't can’t cant CAN'T cannot won’t im")
        #expect(text.norms == ["can't", "can't", "can't", "can't", "cannot", "won't", "i'm"])
        #expect(text.tokens.allSatisfy { $0.flags.contains(.contraction) })
    }

    @Test("Ordinary words that look like contractions are left alone")
    func notContractions() {
        let text = tokenize("well its ill")
        #expect(text.norms == ["well", "its", "ill"])
        #expect(text.tokens.allSatisfy { !$0.flags.contains(.contraction) })
    }

    @Test("An empty line gives no tokens and an empty normalized line")
    func emptyLine() {
        #expect(tokenize("").tokens.isEmpty)
        #expect(tokenize("   \t ").normalizedLine == "")
    }
}
