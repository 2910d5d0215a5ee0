import Testing
import TemperSentiment
import TemperText

/// A small, fixed lexicon so each rule's effect can be computed by hand.
enum RuleFixture {
    // Tests in this file call it one at a time from a serialized suite.
    nonisolated(unsafe) static let tokenizer = try! Tokenizer()
    static let lexicon: Lexicon = {
        var lexicon = Lexicon()
        try! LexiconLoader.parse("""
        term\tvalence
        good\t2
        bad\t-2
        happy\t2.5
        slow\t-1.5
        still not fixed\t-2.7
        😀\t2.5
        :(\t-2
        fail\t-1.8
        """, name: "valence.tsv", into: &lexicon, tokenizer: tokenizer)
        try! LexiconLoader.parse("""
        term\tkind\tweight
        very\tintensifier\t0.3
        slightly\tdampener\t-0.3
        not\tnegator\t0
        never\tnegator\t0
        don't\tnegator\t0
        but\tcontrast\t0.5
        although\tcontrast\t0.5
        """, name: "modifiers.tsv", into: &lexicon, tokenizer: tokenizer)
        return lexicon
    }()

    static func score(_ text: String) -> (LexiconScore, [Contribution]) {
        RuleEngine(lexicon: lexicon).explain(tokenizer.tokenize(text))
    }

    static func valence(_ text: String) -> Float { score(text).1.first!.valence }
    /// The contributions' valences are `expected`, in order, to within float rounding.
    static func close(_ contributions: [Contribution], _ expected: [Float]) -> Bool {
        contributions.count == expected.count && zip(contributions, expected).allSatisfy { abs($0.valence - $1) < 1e-5 }
    }
    static func rules(_ text: String) -> SentimentRule { score(text).1.first!.rules }
}

@Suite("Lexicon rules, each shown firing", .serialized)
struct RuleEngineTests {
    @Test("lexicon_word: a single word's valence")
    func lexiconWord() {
        #expect(RuleFixture.valence("good") == 2)
        #expect(RuleFixture.rules("good").contains(.lexiconWord))
    }

    @Test("phrase: multi-word expressions win over the words inside them")
    func phrase() {
        let (_, contributions) = RuleFixture.score("it is still not fixed")
        #expect(contributions.count == 1)
        #expect(contributions[0].valence == -2.7)
        #expect(contributions[0].rules.contains(.phrase))
    }

    @Test("negation: flips and weakens by −0.74, within 3 words")
    func negation() {
        #expect(abs(RuleFixture.valence("not happy") - 2.5 * RuleConstants.negationScalar) < 1e-5)
        #expect(RuleFixture.rules("never really that good").contains(.negation))
        #expect(RuleFixture.valence("don't like it, good") == 2, "a comma ends the scope")
        #expect(RuleFixture.valence("not that it was ever good") == 2, "beyond the reach")
    }

    @Test("negation also through apostrophe-less contractions")
    func negationContraction() {
        #expect(RuleFixture.valence("dont feel good") < 0)
    }

    @Test("intensifier and dampener: weight × decay by distance")
    func degree() {
        #expect(abs(RuleFixture.valence("very good") - 2.3) < 1e-5)
        #expect(abs(RuleFixture.valence("very very good") - (2 + 0.3 + 0.3 * 0.95)) < 1e-5)
        #expect(abs(RuleFixture.valence("slightly slow") - (-1.2)) < 1e-5)
        #expect(RuleFixture.rules("slightly slow").contains(.dampener))
    }

    @Test("all_caps: +0.733 magnitude in a lower-case message, not when all is capitals")
    func allCaps() {
        #expect(abs(RuleFixture.valence("this is BAD") - (-2 - RuleConstants.allCapsBoost)) < 1e-5)
        #expect(RuleFixture.valence("THIS IS BAD") == -2)
    }

    @Test("elongation: stretched words match their lexicon form and gain 0.293")
    func elongation() {
        #expect(abs(RuleFixture.valence("baaaad") - (-2 - RuleConstants.elongationBoost)) < 1e-5)
        #expect(RuleFixture.rules("goooood").contains(.elongation))
    }

    @Test("contrast: before 'but' × (1 − w), after × (1 + w)")
    func contrast() {
        let (_, contributions) = RuleFixture.score("good but slow")
        #expect(abs(contributions[0].valence - 1.0) < 1e-5)
        #expect(abs(contributions[1].valence - (-2.25)) < 1e-5)
        #expect(contributions[0].rules.contains(.contrastDiminished))
        #expect(contributions[1].rules.contains(.contrastEmphasized))
    }

    @Test("contrast: a sentence-initial 'although' weakens its own clause")
    func subordinateContrast() {
        let (_, contributions) = RuleFixture.score("although it was slow, it was good")
        #expect(contributions[0].rules.contains(.contrastDiminished))
        #expect(contributions[1].rules.contains(.contrastEmphasized))
    }

    @Test("contrast: a sentence-initial subordinator leaves earlier sentences alone; only the last contrast word counts")
    func subordinateContrastScope() {
        let (_, opening) = RuleFixture.score("good. although slow, happy")
        #expect(RuleFixture.close(opening, [2, -1.5 * 0.5, 2.5 * 1.5]))
        #expect(!opening[0].rules.contains(.contrastDiminished) && !opening[0].rules.contains(.contrastEmphasized))
        // "but" opening a sentence is no subordinator: everything before it is outweighed.
        let (_, butOpening) = RuleFixture.score("happy. but bad")
        #expect(RuleFixture.close(butOpening, [2.5 * 0.5, -2 * 1.5]))
        // Two contrast words: the last one splits the message.
        let (_, twice) = RuleFixture.score("good but slow but happy")
        #expect(RuleFixture.close(twice, [2 * 0.5, -1.5 * 0.5, 2.5 * 1.5]))
    }

    @Test("question after contrast: both rules apply, contrast first")
    func contrastInQuestion() {
        let (score, contributions) = RuleFixture.score("good but slow?")
        #expect(score.isQuestion)
        #expect(RuleFixture.close(contributions, [2 * 0.5 * 0.7, -1.5 * 1.5 * 0.7]))
        #expect(contributions.allSatisfy { $0.rules.contains(.question) })
    }

    @Test("question: valences in a question × 0.7")
    func question() {
        #expect(abs(RuleFixture.valence("is it bad?") - (-2 * RuleConstants.questionDamping)) < 1e-5)
        #expect(RuleFixture.score("is it bad?").0.isQuestion)
    }

    @Test("exclamation: +0.292 per mark, at most 4")
    func exclamation() {
        let plain = RuleFixture.score("bad").0.sum
        let loud = RuleFixture.score("bad!!!").0
        #expect(abs(loud.sum - (plain - 3 * RuleConstants.exclamationBoost)) < 1e-5)
        #expect(loud.rules.contains(.exclamation))
        let capped = RuleFixture.score("bad!!!!!!!!").0.sum
        #expect(abs(capped - (plain - Float(RuleConstants.maxExclamations) * RuleConstants.exclamationBoost)) < 1e-5)
    }

    @Test("emoji and emoticon valences, skin tones folded")
    func emoji() {
        #expect(RuleFixture.valence("😀") == 2.5)
        #expect(RuleFixture.rules("😀").contains(.emoji))
        #expect(RuleFixture.valence(":(") == -2)
        #expect(RuleFixture.rules(":(").contains(.emoticon))
    }

    @Test("hashtag: #fail reads as fail")
    func hashtag() {
        #expect(RuleFixture.valence("#fail") == -1.8)
        #expect(RuleFixture.rules("#fail").contains(.hashtag))
    }

    @Test("hashtag: a camel-case tag reads as its words, with the word rules (#NotHappy is negated happy)")
    func camelCaseHashtag() {
        let (score, contributions) = RuleFixture.score("#NotHappy")
        #expect(contributions.count == 1)
        #expect(contributions.first?.term == "happy")
        #expect(contributions.first?.text == "#NotHappy")
        #expect(contributions.first?.rules.contains(.hashtag) == true)
        #expect(contributions.first?.rules.contains(.negation) == true)
        #expect(abs((contributions.first?.valence ?? 0) - 2.5 * RuleConstants.negationScalar) < 1e-5)
        #expect(score.compound < 0)
        #expect(RuleFixture.valence("#VeryBad") < RuleFixture.valence("#bad"), "an intensifier part works too")
        #expect(RuleFixture.valence("#fail") == -1.8, "a tag the lexicon knows whole reads as before")
        #expect(RuleFixture.score("#nothappy").1.isEmpty, "one-case tags are not split")
        #expect(RuleFixture.valence("#StillNotFixed") == -2.7, "phrases match across a tag's words")
        #expect(RuleFixture.score("#StillNotFixed").1.first?.term == "still not fixed")
    }

    @Test("compound: sum / sqrt(sum² + 15)")
    func compound() {
        let score = RuleFixture.score("good").0
        #expect(abs(score.compound - 2 / (4 + RuleConstants.compoundAlpha).squareRoot()) < 1e-5)
        #expect(RuleFixture.score("the parcel came").0.compound == 0)
    }

    // MARK: - Sarcasm (RuleConstants.serviceFailures, sarcasmMarkers, resolutions)

    @Test("sarcasm fires: praise in the sentence of a service failure × −0.9")
    func sarcasmServiceFailure() {
        let (score, terms) = SarcasmFixture.score("Great, another delay.")
        #expect(RuleFixture.close(terms, [3.1 * RuleConstants.sarcasmScalar, -2.0]))
        #expect(terms[0].rules.contains(.sarcasm))
        #expect(!terms[1].rules.contains(.sarcasm), "the failure itself is left alone")
        #expect(score.rules.contains(.sarcasm), "and the message says the rule fired")
        #expect(score.compound < 0)
    }

    @Test("sarcasm does not fire: failure in another sentence, negated, or resolved")
    func sarcasmNotFiring() {
        for text in ["The delay was long. Great support though!", "Great, no delay at all.", "Great, the delay is fixed."] {
            let (score, terms) = SarcasmFixture.score(text)
            #expect(!terms.contains { $0.rules.contains(.sarcasm) } && !score.rules.contains(.sarcasm), "\(text)")
            #expect(terms.contains { $0.term == "great" && $0.valence > 0 }, "\(text)")
        }
    }

    @Test("negation: a phrase that ends in a negator ('still haven't') negates the term after it, × −0.74")
    func phraseEndingInNegatorNegates() {
        let (_, terms) = SarcasmFixture.score("You still haven't fixed it")
        #expect(RuleFixture.close(terms, [-2.0, 1.5 * RuleConstants.negationScalar]))
        #expect(terms[1].rules.contains(.negation))
        #expect(!terms[0].rules.contains(.negation), "the phrase itself is not negated")
    }

    // MARK: - Resolved problems (RuleConstants.resolutions, resolutionReach)

    @Test("resolved_problem fires: a problem word within 4 units after a resolution loses its valence")
    func resolvedProblemFires() {
        for text in ["It fixed the delay.", "Sorted out the delay for me", "fixed the one big delay"] {
            let (score, terms) = SarcasmFixture.score(text)
            #expect(RuleFixture.close(terms, [terms[0].term == "sorted out" ? 1.8 : 1.5, 0]), "\(text)")
            #expect(terms[1].rules.contains(.resolvedProblem), "\(text)")
            #expect(score.rules.contains(.resolvedProblem) && score.compound > 0, "\(text)")
        }
    }

    @Test("resolved_problem does not fire: another clause, out of reach, before the fix, or a fix that did not happen")
    func resolvedProblemNotFiring() {
        for text in ["Fixed, the delay is back.", "fixed it and a week later the delay", "The delay was fixed.",
                     "You still haven't fixed the delay."] {
            let (score, terms) = SarcasmFixture.score(text)
            #expect(!score.rules.contains(.resolvedProblem), "\(text)")
            #expect(!terms.contains { $0.rules.contains(.resolvedProblem) }, "\(text)")
        }
        // (In the last, "haven't" inside the phrase negates "fixed" and, within reach, "delay".)
        #expect(SarcasmFixture.score("Fixed, the delay is back.").1.contains { $0.term == "delay" && abs($0.valence + 1.3) < 1e-5 })
    }

    @Test("sarcasm fires on a marker: an eye-roll emoji turns the message's praise round")
    func sarcasmMarkerEmoji() {
        let (score, terms) = SarcasmFixture.score("Thanks for the reply. Great help 🙄")
        #expect(terms.filter { $0.rules.contains(.sarcasm) }.map(\.term) == ["thanks", "great"])
        #expect(score.compound < 0)
    }

    @Test("sarcasm marker phrase needs a complaint: 'just what I needed' alone stays praise")
    func sarcasmMarkerPhrase() {
        let (sarcastic, flipped) = SarcasmFixture.score("A broken charger. Just what I needed.")
        #expect(flipped.contains { $0.term == "just what i needed" && $0.rules.contains(.sarcasm) && $0.valence < 0 })
        #expect(sarcastic.compound < 0)
        let (sincere, kept) = SarcasmFixture.score("Just what I needed, thanks!")
        #expect(!kept.contains { $0.rules.contains(.sarcasm) })
        #expect(sincere.compound > 0)
    }

    @Test("a number can open a phrase: '1 star' is a term, and a failure for the sarcasm rule")
    func numberPhrase() {
        let (score, terms) = SarcasmFixture.score("ENJOY THE 1 STAR REVIEW")
        #expect(terms.map(\.term) == ["enjoy", "1 star"])
        #expect(terms[1].rules.contains(.phrase))
        #expect(terms[0].rules.contains(.sarcasm))
        #expect(score.compound < 0)
        #expect(SarcasmFixture.score("ENJOY THE 5 STAR REVIEW").0.compound > 0)
    }
}

/// The idiom rule: an `idioms.tsv` term scored with the message's sign marks the message.
@Suite("Idiom rule")
struct IdiomRuleTests {
    static let lexicon: Lexicon = {
        var lexicon = Lexicon()
        try! LexiconLoader.parse("term\tvalence\nbad\t-2.5\nawful\t-3.0\n", name: "general.tsv", into: &lexicon, tokenizer: RuleFixture.tokenizer)
        try! LexiconLoader.parse("term\tvalence\nisn't a bad idea\t2.2\n", name: RuleConstants.idiomFile, into: &lexicon, tokenizer: RuleFixture.tokenizer)
        try! LexiconLoader.parse("term\tvalence\nnot a bad plan\t2.0\n", name: "domain.tsv", into: &lexicon, tokenizer: RuleFixture.tokenizer)
        return lexicon
    }()

    func rules(_ text: String) -> SentimentRule { RuleEngine(lexicon: Self.lexicon).explain(RuleFixture.tokenizer.tokenize(text)).0.rules }

    @Test("idiom fires: a term of idioms.tsv that agrees with the message's reading")
    func fires() {
        #expect(rules("It isn't a bad idea").contains(.idiom))
        #expect(SentimentRule.idiom.names == ["idiom"])
    }

    @Test("idiom does not fire: the message reads the other way, or the phrase is not from idioms.tsv")
    func notFiring() {
        #expect(!rules("It isn't a bad idea, but the app is awful and the support is bad").contains(.idiom))
        #expect(!rules("It's not a bad plan").contains(.idiom), "a phrase of another file is no idiom")
        #expect(!rules("bad").contains(.idiom))
    }
}

/// Terms the sarcasm rule knows (the lists in `RuleConstants`), with round valences.
enum SarcasmFixture {
    static let lexicon: Lexicon = {
        var lexicon = Lexicon()
        try! LexiconLoader.parse("""
        term\tvalence
        great\t3.1
        thanks\t1.9
        help\t0
        enjoy\t1.6
        another delay\t-2.0
        delay\t-1.3
        broken\t-2.2
        fixed\t1.5
        sorted out\t1.8
        still haven't\t-2.0
        1 star\t-2.5
        just what i needed\t1.5
        🙄\t-1.8
        """, name: "valence.tsv", into: &lexicon, tokenizer: RuleFixture.tokenizer)
        try! LexiconLoader.parse("""
        term\tkind\tweight
        no\tnegator\t0
        haven't\tnegator\t0
        """, name: "modifiers.tsv", into: &lexicon, tokenizer: RuleFixture.tokenizer)
        return lexicon
    }()

    static func score(_ text: String) -> (LexiconScore, [Contribution]) {
        RuleEngine(lexicon: lexicon).explain(RuleFixture.tokenizer.tokenize(text))
    }
}
