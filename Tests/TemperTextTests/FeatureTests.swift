import Testing
import TemperText

@Suite("Features kept before folding")
struct FeatureTests {
    @Test("ALL-CAPS words are flagged inside a normal sentence")
    func allCapsWord() {
        let text = tokenize("this is NOT what I ordered")
        #expect(text.token("not")?.flags.contains(.allCaps) == true)
        #expect(text.token("this")?.flags.contains(.allCaps) == false)
        #expect(!text.isAllCaps)
    }

    @Test("A message in capitals as a whole flags the message, not each word")
    func allCapsMessage() {
        let text = tokenize("WHERE IS MY ORDER")
        #expect(text.isAllCaps)
        #expect(text.tokens.allSatisfy { !$0.flags.contains(.allCaps) })
    }

    @Test("Single capitals ('I') do not count as shouting")
    func singleLetter() {
        #expect(tokenize("I think so").tokens.allSatisfy { !$0.flags.contains(.allCaps) })
    }

    @Test("Elongations keep two letters and are flagged with the run length")
    func elongation() {
        let text = tokenize("sooooo goooood thanksss")
        #expect(text.norms == ["soo", "good", "thankss"])
        #expect(text.tokens.allSatisfy { $0.flags.contains(.elongated) })
        #expect(text.tokens[0].repeatCount == 5)
    }

    @Test("Elongation works beyond ASCII")
    func unicodeElongation() {
        let text = tokenize("síííí")
        #expect(text.norms == ["síí"])
        #expect(text.tokens[0].flags.contains(.elongated))
    }

    @Test("Double letters are not elongations")
    func doubleLetters() {
        #expect(tokenize("good coffee").tokens.allSatisfy { !$0.flags.contains(.elongated) })
    }
}
