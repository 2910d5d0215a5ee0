import Testing
import TemperText

@Suite("Typed tokens")
struct TokenKindTests {
    @Test("Every token type is recognized")
    func everyKind() {
        let text = tokenize("Hi @acme_help #fail 42 :) 😡 https://example.com/x?y=1 bob@example.com call +1 (555) 123-4567 card 4111 1111 1111 1111 !!! $")
        let kinds = Set(text.kinds)
        for kind in [TokenKind.word, .mention, .hashtag, .number, .emoticon, .emoji, .url, .email, .phone, .card, .punctuation, .symbol] {
            #expect(kinds.contains(kind), "missing \(kind)")
        }
    }

    @Test("ZWJ family, skin tone and flag sequences are one emoji each")
    func emojiSequences() {
        let text = tokenize("👨‍👩‍👧 👍🏽 🇫🇷 ❤️")
        #expect(text.kinds == [.emoji, .emoji, .emoji, .emoji])
        #expect(text.originals == ["👨‍👩‍👧", "👍🏽", "🇫🇷", "❤️"])
        // Skin tone and presentation selector drop from the form used for lookups.
        #expect(text.norms[1] == "👍")
        #expect(text.norms[3] == "❤")
    }

    @Test("ASCII emoticons, including ones ICU would split")
    func emoticons() {
        let text = tokenize(":) :-( :'( <3 >:( xD :D")
        #expect(text.kinds.allSatisfy { $0 == .emoticon })
        #expect(text.norms == [":)", ":-(", ":'(", "<3", ">:(", "xD", ":D"])
    }

    @Test("Emoticon look-alikes inside words and times are not emoticons")
    func notEmoticons() {
        let text = tokenize("Note:call at 10:30 Dear")
        #expect(!text.kinds.contains(.emoticon))
    }

    @Test("URLs keep their query and drop the full stop that ends the sentence")
    func urls() {
        let text = tokenize("see https://x.com/a?b=1. or www.example.org/help")
        #expect(text.tokens.filter { $0.kind == .url }.map { text.originalText(of: $0) } == ["https://x.com/a?b=1", "www.example.org/help"])
    }

    @Test("Mentions and hashtags, including non-ASCII ones")
    func handles() {
        let text = tokenize("@AcmeHelp #Fail @josé #café")
        #expect(text.kinds == [.mention, .hashtag, .mention, .hashtag])
        #expect(text.norms == ["@acmehelp", "#fail", "@josé", "#café"])
    }

    @Test("Punctuation runs become one token with a count")
    func punctuationRuns() {
        let text = tokenize("why?! no!!! wait...")
        let runs = text.tokens.filter { $0.kind == .punctuation }
        #expect(runs.map { text.normalizedText(of: $0) } == ["?!", "!!!", "..."])
        #expect(runs.map(\.repeatCount) == [2, 3, 3])
        #expect(runs.allSatisfy { $0.flags.contains(.repeated) })
    }

    @Test("Fullwidth exclamation marks fold and merge into one run")
    func fullwidthRun() {
        let text = tokenize("最悪！！")
        #expect(text.norms.last == "!!")
        #expect(text.tokens.last?.repeatCount == 2)
    }
}

@Suite("Emoji fast path")
struct EmojiFastPathTests {
    @Test("Emoji-only chunks split like ICU splits them", arguments: [
        "😀👍", "👨‍👩‍👧‍👦", "👍🏽👍🏿", "🇫🇷🇩🇪", "🇫🇷🇩", "❤️‍🔥", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "☺️☹️",
    ])
    func matchesICU(_ chunk: String) {
        // Gluing a letter on sends the same emoji through ICU; the emoji tokens must agree.
        let fast = tokenize(chunk)
        let viaICU = tokenize("a" + chunk)
        #expect(fast.originals == Array(viaICU.originals.dropFirst()))
        #expect(fast.norms == Array(viaICU.norms.dropFirst()))
    }

    @Test("A stray joiner or modifier is left to ICU and nothing is emitted twice")
    func strayJoiner() {
        let text = tokenize("\u{200D}😀 \u{1F3FD}")
        #expect(text.tokens.count <= 2)
        #expect(text.kinds.contains(.emoji))
    }
}
