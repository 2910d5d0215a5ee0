import Foundation
import Testing
import TemperSentiment
import TemperText

@Suite("Lexicon files")
struct LexiconLoaderTests {
    let tokenizer = try! Tokenizer()

    func load(_ contents: String, format: LexiconFormat? = nil) throws -> Lexicon {
        var lexicon = Lexicon()
        try LexiconLoader.parse(contents, name: "test.tsv", format: format, into: &lexicon, tokenizer: tokenizer)
        return lexicon
    }

    func valence(_ lexicon: Lexicon, _ word: String) -> Float? {
        lexicon.word(tokenizer.tokenize(word).tokens[0].hash)?.valence
    }

    @Test("Temper's format: header, comments, multi-word terms")
    func native() throws {
        let lexicon = try load("# comment\nterm\tvalence\n\ngreat\t3\nstill waiting\t-2.4\n")
        #expect(valence(lexicon, "great") == 3)
        #expect(lexicon.phraseCount == 1)
    }

    @Test("Spaces and tabs around fields are ignored, blank-only lines skipped")
    func blanksAroundFields() throws {
        let lexicon = try load("term\tvalence\n \u{00A0}great \t 3 \n  \t \n\u{3000}still waiting\u{3000}\t-2\n")
        #expect(valence(lexicon, "great") == 3)
        #expect(lexicon.wordCount == 1)
        #expect(lexicon.phraseCount == 1)
    }

    @Test("Terms are normalized like messages (case, apostrophes, elongation)")
    func normalizedTerms() throws {
        let lexicon = try load("term\tvalence\nCan’t Wait\t2\n")
        #expect(lexicon.phraseCount == 1)
        let score = RuleEngine(lexicon: lexicon).score(tokenizer.tokenize("i cant wait"))
        #expect(score.sum == 2)
    }

    @Test("Later entries override earlier ones")
    func override() throws {
        var lexicon = Lexicon()
        try LexiconLoader.parse("term\tvalence\nsick\t-2\n", name: "a.tsv", into: &lexicon, tokenizer: tokenizer)
        try LexiconLoader.parse("term\tvalence\nsick\t2\n", name: "b.tsv", into: &lexicon, tokenizer: tokenizer)
        #expect(valence(lexicon, "sick") == 2)
    }

    @Test("VADER-style word<TAB>score rows, extra columns ignored")
    func vader() throws {
        let lexicon = try load("good\t1.9\t0.9\t[2, 1, 2]\nbad\t-2.5\t0.7\t[-3, -2]\n")
        #expect(valence(lexicon, "bad") == -2.5)
    }

    @Test("AFINN's −5…+5 is rescaled to −4…+4")
    func afinn() throws {
        let lexicon = try load("outstanding\t5\n", format: .afinn)
        #expect(valence(lexicon, "outstanding") == 4)
    }

    @Test("AFINN is recognised by its integer −5…+5 scores")
    func afinnDetected() throws {
        let lexicon = try load("abandon\t-2\nbreathtaking\t5\n")
        #expect(valence(lexicon, "breathtaking") == 4)
    }

    @Test("Word lists take their polarity from the file name; ';' comments are skipped")
    func wordListByName() throws {
        var lexicon = Lexicon()
        try LexiconLoader.parse(";;; Hu & Liu style\n;comment\nsplendid\n", name: "my-negative-words.txt", into: &lexicon, tokenizer: tokenizer)
        #expect(valence(lexicon, "splendid") == -LexiconFormat.wordListValence)
    }

    @Test("Positive and negative word lists")
    func wordLists() throws {
        #expect(valence(try load("nice\nlovely\n", format: .positive), "lovely") == LexiconFormat.wordListValence)
        #expect(valence(try load("awful\n", format: .negative), "awful") == -LexiconFormat.wordListValence)
    }

    @Test("Format prefixes on the command line")
    func spec() {
        #expect(LexiconSpec(argument: "afinn:/x/AFINN.txt") == LexiconSpec(path: "/x/AFINN.txt", format: .afinn))
        #expect(LexiconSpec(argument: "/x/mine.tsv") == LexiconSpec(path: "/x/mine.tsv"))
    }

    @Test("Malformed rows fail with file:line and the problem", arguments: [
        ("term\tvalence\ngood\tvery\n", "test.tsv:2: valence 'very' is not a number"),
        ("term\tvalence\ngood\t9\n", "test.tsv:2: valence 9 is outside −4…+4"),
        ("term\tvalence\ngood\t1\t2\n", "test.tsv:2: expected 2 columns (term, valence), found 3"),
        ("term\tkind\tweight\nvery\tbooster2\t0.3\n", "test.tsv:2: unknown modifier kind 'booster2'"),
        ("just\nwords\n", "test.tsv:1: a one-word-per-line list"),
        ("# only comments\n", "test.tsv: no entries found"),
    ])
    func malformed(_ contents: String, _ message: String) {
        do {
            _ = try load(contents)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }

    @Test("The shipped lexicons load, and are large")
    func shipped() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lexicons").path
        let lexicon = try LexiconLoader.load(directory: directory, tokenizer: tokenizer)
        #expect(lexicon.wordCount > 5000)
        #expect(lexicon.phraseCount > 500)
    }
}
