import Testing
import TemperText

@Suite("PII masking")
struct PIIMaskingTests {
    @Test("Emails, phones and card numbers become typed placeholders")
    func masking() {
        let text = tokenize("mail Bob@Example.com or call +1 (555) 123-4567, card 4111-1111-1111-1111", maskPII: true)
        #expect(text.normalizedLine == "mail <EMAIL> or call <PHONE>, card <CARD>")
        #expect(text.tokens.filter { $0.flags.contains(.masked) }.count == 3)
    }

    @Test("Without masking the values stay (emails lower-cased)")
    func noMasking() {
        let text = tokenize("Bob@Example.com 555-123-4567")
        #expect(text.norms == ["bob@example.com", "555-123-4567"])
        #expect(text.kinds == [.email, .phone])
    }

    @Test("Order numbers, prices, dates and times are not masked")
    func notPII() {
        let text = tokenize("order 12345678 cost 19.99 on 2026-10-05 at 10:30", maskPII: true)
        #expect(!text.tokens.contains { $0.flags.contains(.masked) })
    }
}
