import Foundation
import Testing
import TemperIO
@testable import TemperSentiment

@Suite("Labelled corpus reader")
struct LabelledCorpusTests {
    /// Writes `content` to a fresh temporary file and returns its path.
    static func file(_ content: String, suffix: String = ".tsv") throws -> String {
        let path = NSTemporaryDirectory() + "temper-corpus-\(getpid())-\(UInt64.random(in: 0...UInt64.max))\(suffix)"
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func read(_ content: String, suffix: String = ".tsv", _ configure: (inout LabelledCorpusReader.Options) -> Void = { _ in }) throws -> [LabelledExample] {
        let path = try file(content, suffix: suffix)
        defer { unlink(path) }
        var options = LabelledCorpusReader.Options()
        configure(&options)
        return try LabelledCorpusReader.read(path: path, options: options)
    }

    /// The error thrown for `content`, with the temporary path replaced by `F`.
    static func error(_ content: String, suffix: String = ".tsv", _ configure: (inout LabelledCorpusReader.Options) -> Void = { _ in }) throws -> String? {
        let path = try file(content, suffix: suffix)
        defer { unlink(path) }
        var options = LabelledCorpusReader.Options()
        configure(&options)
        do {
            _ = try LabelledCorpusReader.read(path: path, options: options)
            return nil
        } catch let error as InputError {
            #expect(error.file == path)
            return error.description.replacingOccurrences(of: path, with: "F")
        }
    }

    /// `eval --skip-invalid` passes an over-long line by, reported, like any bad line.
    @Test func overlongLinesGoToThePolicy() throws {
        let path = try Self.file("positive\tgood\nnegative\t" + String(repeating: "x", count: 1 << 21) + "\nnegative\tbad\n")
        defer { unlink(path) }
        var problems: [InputError] = []
        var reader = LabelledCorpusReader(path: path, policy: BadRecordPolicy(.skip) { problems.append($0) })
        #expect(try reader.readAll().map(\.text) == ["good", "bad"])
        #expect(problems.map(\.line) == [2] && problems.first?.message.contains("--max-line-bytes") == true)
    }

    @Test func twoColumnTSVWithLabelSpellings() throws {
        let rows = try Self.read("0\tbad one\n1\tgood one\r\n\nnegative\tx\nneutral\ty\npositive\tz\nneg\ta\nneu\tb\npos\tc\n-1\td\n")
        #expect(rows.map(\.label) == [.negative, .positive, .negative, .neutral, .positive, .negative, .neutral, .positive, .negative])
        #expect(rows[0].text == "bad one")
        #expect(rows[1].text == "good one")  // CRLF stripped
        #expect(rows.map(\.line) == [1, 2, 4, 5, 6, 7, 8, 9, 10])  // blank line 3 skipped
        #expect(rows[0].score == 0 && rows[1].score == 1 && rows[2].score == nil)
        #expect(rows[0].domain == nil)
    }

    @Test func headerAndThreeColumns() throws {
        let rows = try Self.read("label\tdomain\ttext\n1\tapparel\twhere is my order?!\n0\tfood\tyum\n")
        #expect(rows.count == 2)
        #expect(rows[0].text == "where is my order?!")
        #expect(rows[0].domain == "apparel")
        #expect(rows[0].line == 2)
        let plain = try Self.read("label\ttext\n1\tok\n")
        #expect(plain.map(\.text) == ["ok"])
    }

    @Test func numericScores() throws {
        let rows = try Self.read("0.75\tquite nice\n3\tmeh\n1\tyes\n")
        #expect(rows[0].label == nil && rows[0].score == 0.75)
        #expect(rows[1].label == nil && rows[1].score == 3)
        #expect(rows[2].label == .positive && rows[2].score == 1)
        let scoreOnly = try Self.read("1\tyes\n", { $0.labelMapping = .score })
        #expect(scoreOnly[0].label == nil && scoreOnly[0].score == 1)
    }

    @Test func labelMappings() throws {
        let complaints = try Self.read("1\tsoftware\tapp crashed again\n0\tfood\tthanks!\n", { $0.labelMapping = .negativeFlag })
        #expect(complaints.map(\.label) == [.negative, .notNegative])
        let collapsed = try Self.read("positive\ta\nneutral\tb\nnegative\tc\n", { $0.labelMapping = .negativeVsRest })
        #expect(collapsed.map(\.label) == [.notNegative, .notNegative, .negative])
        let ternary = try Self.read("-1\ta\n0\tb\n1\tc\n", { $0.labelMapping = .ternaryNumeric })
        #expect(ternary.map(\.label) == [.negative, .neutral, .positive])
        #expect(try Self.error("2\tx\n", { $0.labelMapping = .ternaryNumeric }) == "F:1: bad label \"2\" (expected -1/0/1 or negative/neutral/positive)")
    }

    @Test func starsWithJoinedColumns() throws {
        let content = "5\tGreat taste\tLoved it.\n3\tOK\tFine\n1\tNot as advertised!\tSmall nuts\n"
        let rows = try Self.read(content, {
            $0.labelMapping = .stars(negativeAtMost: 2, positiveAtLeast: 4)
            $0.textFromColumn = 1
        })
        #expect(rows.map(\.label) == [.positive, .neutral, .negative])
        #expect(rows[0].text == "Great taste. Loved it.")
        #expect(rows[2].text == "Not as advertised! Small nuts")
        #expect(rows[0].score == 5)
        var options = LabelledCorpusReader.Options()
        options.labelMapping = .stars(negativeAtMost: 2, positiveAtLeast: 4)
        options.dropNeutral = true
        let path = try Self.file(content)
        defer { unlink(path) }
        var reader = LabelledCorpusReader(path: path, options: options)
        #expect(try reader.readAll().count == 2)
        #expect(reader.droppedNeutralCount == 1)
    }

    @Test func errorsNameFileAndLine() throws {
        #expect(try Self.error("1\tok\nmaybe\tnot sure\n") == "F:2: bad label \"maybe\" (expected 0/1, -1, negative/neutral/positive, neg/neu/pos or a numeric score)")
        #expect(try Self.error("1\tok\n1\tfine\njust text without tab\n") == "F:3: expected `label<TAB>text`, found no tab")
        #expect(try Self.error("1\t   \n") == "F:1: empty text")
        #expect(try Self.error("x\tok\n", { $0.labelMapping = .negativeFlag })?.hasPrefix("F:1: bad label \"x\"") == true)
        #expect(throws: InputError.self) { _ = try LabelledCorpusReader.read(path: "/nonexistent/corpus.tsv") }
    }

    @Test func skipInvalidCounts() throws {
        let path = try Self.file("1\tok\nbad\tx\nno tab here\n0\tfine\n")
        defer { unlink(path) }
        var problems: [InputError] = []
        var reader = LabelledCorpusReader(path: path, policy: BadRecordPolicy(.skip) { problems.append($0) })
        let rows = try reader.readAll()
        #expect(rows.map(\.text) == ["ok", "fine"])
        #expect(problems.map(\.line) == [2, 3])
    }

    @Test func jsonLines() throws {
        let content = """
        {"label": "positive", "text": "love it"}
        {"label": 0, "text": "meh", "domain": "food"}

        {"score": 0.25, "text": "so-so"}
        {"label": true, "text": "flagged"}
        """
        let rows = try Self.read(content, suffix: ".jsonl")
        #expect(rows.map(\.label) == [.positive, .negative, nil, .positive])
        #expect(rows[1].domain == "food")
        #expect(rows[2].score == 0.25)
        #expect(rows.map(\.line) == [1, 2, 4, 5])
        // Detected by content too.
        #expect(try Self.read("{\"label\": \"neg\", \"text\": \"x\"}\n", suffix: ".txt").first?.label == .negative)
    }

    @Test func jsonLineErrors() throws {
        #expect(try Self.error("{\"label\": 1, \"text\": \"ok\"}\n{\"label\": 1, \"text\": \n", suffix: ".jsonl") == "F:2: invalid JSON: expected a JSON value, found end of input at column 22")
        #expect(try Self.error("{\"label\": 1}\n", suffix: ".jsonl") == "F:1: missing string field \"text\"")
        #expect(try Self.error("{\"text\": \"x\"}\n", suffix: ".jsonl") == "F:1: missing field \"label\" (or \"score\")")
        #expect(try Self.error("[1, 2]\n", suffix: ".jsonl") == "F:1: expected a JSON object per line")
        #expect(try Self.error("{\"label\": [1], \"text\": \"x\"}\n", suffix: ".jsonl") == "F:1: field \"label\" must be a string or a number")
    }

    @Test func hashSplitIsDeterministicAndBalanced() {
        let texts = (0..<4000).map { "message number \($0)" }
        let halves = texts.map { HashSplit.half(of: $0) }
        #expect(halves == texts.map { HashSplit.half(of: $0) })
        let trainCount = halves.filter { $0 == .train }.count
        #expect(trainCount > 1800 && trainCount < 2200, "train half has \(trainCount) of 4000")
        #expect(texts.allSatisfy { HashSplit.isTrain($0, trainFraction: 1) })
        #expect(texts.allSatisfy { !HashSplit.isTrain($0, trainFraction: 0) })
        // Fixed assignment: changing the rule would silently move examples between halves.
        #expect(HashSplit.hash(of: "a") == FeatureHasher.mix(0xaf63_dc4c_8601_ec8c))
        let examples = texts.prefix(10).map { LabelledExample(label: .positive, text: $0) }
        let train = HashSplit.select(examples, half: .train)
        let test = HashSplit.select(examples, half: .test)
        #expect(train.count + test.count == 10)
        #expect(Set(train.map(\.text)).isDisjoint(with: test.map(\.text)))
    }
}

/// Reads the real shared data files when present (SKIPPED when `../shared/data` is missing).
@Suite("Labelled corpus on development data", .enabled(if: NGramDevData.available, "../shared/data is missing: skipping data-dependent corpus test"))
struct LabelledCorpusDevDataTests {
    @Test func readsSharedFiles() throws {
        let sst = try LabelledCorpusReader.read(path: NGramDevData.root + "/sst2/dev.tsv")
        #expect(sst.count == 872)
        var complaintsOptions = LabelledCorpusReader.Options()
        complaintsOptions.labelMapping = .negativeFlag
        let complaints = try LabelledCorpusReader.read(path: NGramDevData.root + "/complaints-dev.tsv", options: complaintsOptions)
        #expect(complaints.count == 1386)
        #expect(complaints.allSatisfy { $0.domain != nil })
    }
}
