import Testing
import TemperText

extension TokenizedText {
    /// The words of every camel-case hashtag, per tag token index.
    var partWords: [[String]] {
        tokens.indices.compactMap { index in
            let words = hashtagParts(ofToken: index).map { normalizedText(of: $0) }
            return words.isEmpty ? nil : words
        }
    }
}

@Suite("Camel-case hashtags keep their words")
struct HashtagPartsTests {
    @Test("Capitals mark where the words meet: #NotHappy, #EpicFail, #NeverAgain, #worstServiceEver")
    func camelCase() {
        let text = tokenize("#NotHappy #EpicFail #NeverAgain #worstServiceEver")
        #expect(text.kinds == [.hashtag, .hashtag, .hashtag, .hashtag], "each tag stays one token")
        #expect(text.norms == ["#nothappy", "#epicfail", "#neveragain", "#worstserviceever"], "the tag's own form is unchanged")
        #expect(text.partWords == [["not", "happy"], ["epic", "fail"], ["never", "again"], ["worst", "service", "ever"]])
    }

    @Test("Capital runs, digits and underscores: #ABCNews, #FAILWhale, #Top10, #2020Sucks, #not_happy")
    func otherBoundaries() {
        #expect(tokenize("#ABCNews").partWords == [["abc", "news"]])
        #expect(tokenize("#FAILWhale").partWords == [["fail", "whale"]])
        #expect(tokenize("#Top10").partWords == [["top", "10"]])
        #expect(tokenize("#2020Sucks").partWords == [["2020", "sucks"]])
        #expect(tokenize("#not_happy").partWords == [["not", "happy"]])
        #expect(tokenize("#so__Happy_").partWords == [["so", "happy"]], "empty pieces between underscores are no parts")
    }

    @Test("A tag in one case, or of one word, has no parts: #nothappy, #FAIL, #Fail, #fail")
    func noMarks() {
        for tag in ["#nothappy", "#FAIL", "#Fail", "#fail", "#a", "#_fail"] {
            let text = tokenize(tag)
            #expect(text.kinds == [.hashtag], "\(tag)")
            #expect(text.hashtagParts.isEmpty, "\(tag)")
        }
        #expect(tokenize("NotHappy @NotHappy").hashtagParts.isEmpty, "words and mentions are not split")
    }

    @Test("A part is its tag's bytes, hashed like the same word written alone")
    func partsPointIntoTheTag() {
        let text = tokenize("so #NotHappy today")
        let tag = text.tokens[1]
        #expect(text.hashtagParts.map(\.token) == [1, 1])
        for part in text.hashtagParts {
            #expect(tag.normRange.contains(part.normRange.lowerBound) && part.normRange.upperBound <= tag.normRange.upperBound)
            let alone = tokenize(text.normalizedText(of: part))
            #expect(part.hash == alone.tokens[0].hash, "\(text.normalizedText(of: part))")
        }
    }

    @Test("Parts name their tag's token index when several tags and words come before")
    func tokenIndices() {
        let text = tokenize("I am #SoDone with #EpicFail and #fail")
        let tags = text.tokens.indices.filter { text.tokens[$0].kind == .hashtag }
        #expect(Set(text.hashtagParts.map { Int($0.token) }) == Set(tags.prefix(2)))
        #expect(text.partWords == [["so", "done"], ["epic", "fail"]])
    }

    @Test("A reused TokenizedText drops the previous message's parts")
    func reuse() throws {
        let tokenizer = try Tokenizer()
        var text = TokenizedText()
        var first = "#NotHappy"
        first.withUTF8 { tokenizer.tokenize($0, into: &text) }
        #expect(text.hashtagParts.count == 2)
        var second = "fine thanks"
        second.withUTF8 { tokenizer.tokenize($0, into: &text) }
        #expect(text.hashtagParts.isEmpty)
        text = tokenizer.tokenize("#NotHappy")
        text.removeAll()
        #expect(text.hashtagParts.isEmpty)
    }

    @Test("Non-ASCII tags go through ICU and stay whole (#CaféFail)")
    func unicodeTagsStayWhole() {
        let text = tokenize("#CaféFail")
        #expect(text.kinds == [.hashtag])
        #expect(text.hashtagParts.isEmpty)
    }

    @Test("An ASCII tag in a chunk that goes to ICU (an emoji glued on) still has its parts: #NotHappy😡")
    func asciiTagInUnicodeChunk() {
        let text = tokenize("#NotHappy😡 ok")
        #expect(text.kinds == [.hashtag, .emoji, .word])
        #expect(text.norms.first == "#nothappy")
        #expect(text.partWords == [["not", "happy"]])
        #expect(text.hashtagParts.allSatisfy { $0.token == 0 })
        #expect(tokenize("#SoooHappy😡").hashtagParts.isEmpty, "ICU folds a stretched tag shorter: no byte-for-byte parts")
        #expect(tokenize("#SoooHappy").partWords == [["sooo", "happy"]], "the ASCII path keeps a tag as written")
    }
}
