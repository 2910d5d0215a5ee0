import Testing
import TemperIO
import TemperSentiment
@testable import TemperPipeline

@Suite struct MessageScorerTests {
    func score(_ path: String, input: MessageInput = MessageInput(), jobs: Int = 2, skip: Bool = false)
        throws -> (scored: [ScoredMessage], problems: [InputError], stop: InputError?) {
        var scored: [ScoredMessage] = [], problems: [InputError] = []
        let scorer = MessageScorer(model: Fixtures.model, options: RunOptions(jobs: jobs, batchLines: 3, batchRecords: 2))
        do {
            try scorer.run(paths: [path], input: input, policy: BadRecordPolicy(skipInvalid: skip) { problems.append($0) }) {
                scored.append($0)
            }
        } catch let error as InputError {
            return (scored, problems, error)
        }
        return (scored, problems, nil)
    }

    @Test func theFormatIsToldByTheNameThenByTheFirstLine() throws {
        let jsonl = #"{"id":"m1","text":"thank you so much"}"# + "\n" + #"{"id":"m2","text":"still waiting, useless"}"# + "\n"
        for name in ["in.jsonl", "in.data"] {
            let result = try score(try Fixtures.file(name, jsonl))
            #expect(result.scored.map(\.id) == [.json(.string("m1")), .json(.string("m2"))], "\(name)")
            #expect(result.scored.map(\.result.label) == [.positive, .negative])
        }
        let text = try score(try Fixtures.file("in.data", "{sic} what a mess\nlovely\n"))
        #expect(text.scored.map(\.id) == [.line(1), .line(2)])
        let csv = try score(try Fixtures.file("in.csv", "id,text\n1,great service\n2,\"awful,\nreally\"\n3,fine\n"))
        #expect(csv.scored.map(\.id) == [.json(.string("1")), .json(.string("2")), .json(.string("3"))])
        #expect(csv.scored.map(\.line) == [2, 3, 5] && csv.stop == nil && csv.problems.isEmpty)
    }

    @Test func resultsKeepInputOrderWhateverTheJobs() throws {
        let lines = (0..<200).map { $0 % 3 == 0 ? "terrible wait \($0)" : "thanks for the help \($0)" }
        let path = try Fixtures.file("many.txt", lines.joined(separator: "\n") + "\n")
        let one = try score(path, jobs: 1), three = try score(path, jobs: 3)
        #expect(one.scored.map(\.id) == (1...200).map { .line($0) })
        #expect(three.scored.map(\.id) == one.scored.map(\.id))
        #expect(three.scored.map(\.result) == one.scored.map(\.result))
    }

    @Test func badRecordsStopAfterWhatCameBeforeOrAreSkipped() throws {
        let path = try Fixtures.file("bad.jsonl", """
            {"text":"fine"}
            {"text":"ok"}
            not json
            {"body":"no text"}
            {"text":"good"}
            {"text":"fine","id":{"ref":7}}
            {"text":"fine","id":null}
            """)
        let stopped = try score(path)
        #expect(stopped.scored.map(\.id) == [.line(1), .line(2)])
        #expect(stopped.stop?.line == 3)
        let skipped = try score(path, skip: true)
        #expect(skipped.scored.map(\.id) == [.line(1), .line(2), .line(5), .line(7)])
        #expect(skipped.problems.map(\.line) == [3, 4, 6])
        #expect(skipped.problems[2].message == "\"id\" is an object, not a non-empty string or a number")
        #expect(skipped.problems[1].message == "no \"text\" field (use --text-field)")
        let shortRow = try score(try Fixtures.file("short.csv", "id,note,text\n1,a,fine\n2\n3,b,ok\n"), skip: true)
        #expect(shortRow.scored.count == 2 && shortRow.problems.map(\.line) == [3])
    }

    /// Ids follow the conversations' rule (`RecordID`): a non-empty string or a number, `7` and
    /// `"7"` being one id; a second record with an id seen before in the file is a bad record,
    /// found in input order whatever the batches and jobs.
    @Test func duplicateIDsAreBadRecordsAsInFlag() throws {
        var lines = (1...40).map { #"{"id":"m\#($0)","text":"fine \#($0)"}"# }
        lines[11] = #"{"id":"m3","text":"again"}"#     // line 12, a batch after m3's
        lines[20] = #"{"id":7,"text":"number"}"#
        lines[29] = #"{"id":"7","text":"same id as text"}"#  // line 30
        lines[33] = #"{"id":"","text":"empty id"}"#         // line 34
        lines[34] = #"{"text":"no id: its line"}"#
        let path = try Fixtures.file("dups.jsonl", lines.joined(separator: "\n") + "\n")
        for jobs in [1, 3] {
            let stopped = try score(path, jobs: jobs)
            #expect(stopped.scored.count == 11 && stopped.stop?.description == "\(path):12: duplicate message id 'm3'", "jobs \(jobs)")
            let skipped = try score(path, jobs: jobs, skip: true)
            #expect(skipped.problems.map(\.description) == [
                "\(path):12: duplicate message id 'm3'",
                "\(path):30: duplicate message id '7'",
                "\(path):34: \"id\" is empty, not a non-empty string or a number",
            ], "jobs \(jobs)")
            #expect(skipped.scored.map(\.line) == (1...40).filter { ![12, 30, 34].contains($0) }, "jobs \(jobs)")
            #expect(skipped.scored.last?.id == .json(.string("m40")) && skipped.scored[31].id == .line(35))
        }
        let csv = try score(try Fixtures.file("dups.csv", "id,text\na,fine\nb,ok\na,again\n,no id\n"), skip: true)
        #expect(csv.problems.map(\.description).last?.hasSuffix("dups.csv:4: duplicate message id 'a'") == true)
        #expect(csv.scored.map(\.id) == [.json(.string("a")), .json(.string("b")), .line(5)])
    }

    // MARK: Properties over random inputs with bad records (seeded, so failures reproduce)

    @Test(arguments: [UInt64(41), 42, 43])
    func everyMessageIsScoredOrReportedInOrderWhateverTheJobs(seed: UInt64) throws {
        var input = RandomInput(seed: seed)
        var bytes: [UInt8] = [], scoredLines: [Int] = [], badLines: [Int] = []
        for line in 1...400 {
            var record = Array(#"{"id":"m\#(line)","text":"\#(input.sentence())"}"#.utf8)
            if input.chance(10) {
                switch input.rng.next(below: 4) {
                case 0: record = Array(record.prefix(record.count - 2))
                case 1: record = Array(#"{"id":"m\#(line)","body":"no text field"}"#.utf8)
                case 2: record.insert(contentsOf: [0xC3, 0x28], at: record.count - 3)
                default: record = Array(#"["not", "an", "object"]"#.utf8)
                }
                badLines.append(line)
            } else {
                scoredLines.append(line)
            }
            bytes += record + [0x0A]
        }
        let path = try Fixtures.file("random.jsonl", bytes: bytes)
        let one = try score(path, jobs: 1, skip: true)
        #expect(one.stop == nil && one.scored.count + one.problems.count == 400)
        #expect(one.scored.map(\.line) == scoredLines && one.problems.map(\.line) == badLines)
        #expect(one.scored.map(\.id) == scoredLines.map { .json(.string("m\($0)")) })
        for jobs in [2, 4] {
            let many = try score(path, jobs: jobs, skip: true)
            #expect(many.scored.map(\.id) == one.scored.map(\.id) && many.scored.map(\.result) == one.scored.map(\.result), "jobs \(jobs)")
            #expect(many.problems == one.problems, "jobs \(jobs)")
        }
        // Stopped at the first bad record, a run has scored exactly the messages before it.
        for jobs in [1, 3] {
            let stopped = try score(path, jobs: jobs)
            #expect(stopped.scored.map(\.line) == scoredLines.filter { $0 < badLines[0] } && stopped.stop?.line == badLines[0], "jobs \(jobs)")
        }
    }
}

@Suite struct InMemoryScoringTests {
    @Test func textsInMemoryScoreOnAllCoresInTheirOrder() throws {
        let texts = (0..<500).map { $0 % 4 == 0 ? "still waiting on my refund \($0)" : ($0 % 4 == 1 ? "thanks, all sorted \($0)" : "order \($0) shipped") }
        let analyzer = try SentimentAnalyzer(model: Fixtures.model)
        let one = texts.map { analyzer.analyze($0) }
        let scorer = MessageScorer(model: Fixtures.model, options: RunOptions(jobs: 3, batchRecords: 7))
        #expect(try scorer.scores(of: texts) == one)
        #expect(try scorer.scores(of: [String]()).isEmpty)
    }
}

/// Body-only scoring (`MessageScorer.anatomy`): courtesy is not satisfaction.
@Suite struct MessageScorerAnatomyTests {
    func scores(_ texts: [String], anatomy: Bool = true, explain: Bool = false) throws -> [SentimentResult] {
        let scorer = MessageScorer(model: Fixtures.model, explain: explain, options: RunOptions(jobs: 1))
        scorer.anatomy = anatomy
        return try scorer.scores(of: texts)
    }

    @Test("the issue's examples score negative once the sign-off is left out")
    func issueExamples() throws {
        let texts = ["My parcel never arrived.\n\nThanks,\nOlivia",
                     "Unacceptable!!! THE STANDING DESK ARRIVED SMASHED…\n\nBest,\nCamille"]
        for (text, result) in zip(texts, try scores(texts)) {
            #expect(result.label == .negative, "\(text): \(result.compound)")
        }
        let bare = try scores(["My parcel never arrived."])[0]
        #expect(try scores([texts[0]])[0].compound == bare.compound, "the body scores as it would alone")
    }

    @Test("a message that is all body scores exactly as without anatomy")
    func bodyOnlyUnchanged() throws {
        let texts = ["still waiting on my refund", "Thanks so much, that fixed it!", "Thanks!", "great service\nreally"]
        #expect(try scores(texts) == scores(texts, anatomy: false))
    }

    @Test("explanation offsets point into the original message; what was left out is listed")
    func explanationOffsets() throws {
        let text = "Hi team,\n\nThe refund is useless.\n\nThanks,\nOlivia"
        let path = try Fixtures.file("m.jsonl", #"{"id":1,"text":"Hi team,\n\nThe refund is useless.\n\nThanks,\nOlivia"}"# + "\n")
        let scorer = MessageScorer(model: Fixtures.model, explain: true, options: RunOptions(jobs: 1))
        var scored: [ScoredMessage] = []
        try scorer.run(paths: [path]) { scored.append($0) }
        let utf8 = Array(text.utf8)
        let terms = try #require(scored.first?.result.explanation?.terms)
        #expect(!terms.isEmpty)
        for term in terms { #expect(String(decoding: utf8[term.byteRange], as: UTF8.self) == term.text) }
        #expect(scored[0].excluded.map(\.kind) == [.greeting, .closing, .signature])
        #expect(scored[0].excluded.first?.range == 0..<10)
    }

    @Test("anatomy off scores the whole text, sign-off included")
    func off() throws {
        let text = "My parcel never arrived.\n\nThanks,\nOlivia"
        #expect(try scores([text], anatomy: false)[0].compound > scores([text])[0].compound)
    }
}
