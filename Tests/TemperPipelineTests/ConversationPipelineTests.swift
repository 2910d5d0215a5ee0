import Testing
import TemperConversation
import TemperIO
import TemperKPI
@testable import TemperPipeline

@Suite struct ConversationPipelineTests {
    static let transcripts = Fixtures.root + "/corpora/transcripts.jsonl"

    func run(_ paths: [String], jobs: Int, input: ConversationInput = ConversationInput(),
             skip: Bool = false) throws -> (ids: [String], problems: [InputError], stop: InputError?) {
        var ids: [String] = [], problems: [InputError] = []
        let pipeline = ConversationPipeline(model: Fixtures.model, options: RunOptions(jobs: jobs, batchLines: 7, batchRecords: 5))
        do {
            try pipeline.run(paths: paths, input: input, policy: BadRecordPolicy(skipInvalid: skip) { problems.append($0) },
                             transform: { $0.conversation.id }, each: { ids.append($0) })
        } catch let error as InputError {
            return (ids, problems, error)
        }
        return (ids, problems, nil)
    }

    @Test func resultsComeBackInInputOrderWhateverTheJobs() throws {
        let one = try run([Self.transcripts], jobs: 1)
        let three = try run([Self.transcripts], jobs: 3)
        #expect(one.ids.count == 343 && one.stop == nil && one.problems.isEmpty)
        #expect(three.ids == one.ids)
        #expect(one.ids.first == "c0001")
    }

    @Test func aBadRecordStopsTheRunAfterEverythingBeforeItWasDelivered() throws {
        var lines = (1...30).map { #"{"id":"a\#($0)","messages":[{"role":"customer","text":"hello"}]}"# }
        lines[19] = "{broken"
        let path = try Fixtures.file("in.jsonl", lines.joined(separator: "\n") + "\n")
        let stopped = try run([path], jobs: 2)
        #expect(stopped.ids == (1...19).map { "a\($0)" })
        #expect(stopped.stop?.line == 20 && stopped.problems.count == 1)
        let skipped = try run([path], jobs: 2, skip: true)
        #expect(skipped.ids.count == 29 && skipped.stop == nil && skipped.problems.map(\.line) == [20])
    }

    @Test func duplicateIDsAreBadRecords() throws {
        let path = try Fixtures.file("dup.jsonl", """
            {"id":"x","messages":[{"role":"customer","text":"hi"}]}
            {"id":"x","messages":[{"role":"customer","text":"again"}]}
            """)
        let result = try run([path], jobs: 1, skip: true)
        #expect(result.ids == ["x"])
        #expect(result.problems.first?.description == "\(path):2: duplicate conversation id 'x'")
    }

    @Test func groupedRowsStopAtABadRowWithWhatCameBeforeDelivered() throws {
        var rows = ["ticket_id,role,text"]
        for ticket in 1...12 { rows.append("t\(ticket),customer,my order is late") }
        rows.insert("t99,robot,beep", at: 9)  // line 10: unknown role
        let path = try Fixtures.file("rows.csv", rows.joined(separator: "\n") + "\n")
        // A conversation is complete once its id has not appeared for more than two rows: those complete
        // before the bad row are delivered, in order, before the error; the two still open could
        // have had more rows, so they are not.
        let stopped = try run([path], jobs: 2, input: ConversationInput(groupWindow: 2))
        #expect(stopped.stop?.line == 10)
        #expect(stopped.ids == (1...5).map { "t\($0)" })
        let skipped = try run([path], jobs: 2, skip: true)
        #expect(skipped.ids == (1...12).map { "t\($0)" })
    }

    @Test func aTransformThatRejectsAConversationMakesItABadRecordWithFileAndLine() throws {
        let path = try Fixtures.file("facts.jsonl", """
            {"id":"ok","messages":[{"role":"customer","text":"hi","at":0},{"role":"agent","text":"hello","at":30}]}
            {"id":"neg","handle_seconds":-5,"messages":[{"role":"customer","text":"hi"}]}
            {"id":"ok2","messages":[{"role":"customer","text":"thanks"}]}
            """)
        for jobs in [1, 2] {
            var ids: [String] = [], problems: [InputError] = []
            let pipeline = ConversationPipeline(model: Fixtures.model, options: RunOptions(jobs: jobs))
            try pipeline.run(paths: [path], policy: BadRecordPolicy(.skip) { problems.append($0) },
                             transform: ConversationFacts.validated, each: { ids.append($0.id) })
            #expect(ids == ["ok", "ok2"])
            #expect(problems.map(\.description) == ["\(path):2: \"handle_seconds\" must be between 0 and 1000000000 seconds, got -5.0"])
        }
    }

    // MARK: Properties over random inputs with bad records (seeded, so failures reproduce)

    /// What a run delivered and reported, each output as the bytes `flag` prints for it.
    func flagRun(_ path: String, jobs: Int, skip: Bool, input: ConversationInput = ConversationInput())
        throws -> (outputs: [[UInt8]], ids: [String], problems: [InputError], stop: InputError?) {
        var outputs: [[UInt8]] = [], ids: [String] = [], problems: [InputError] = []
        let pipeline = ConversationPipeline(model: Fixtures.model, options: RunOptions(jobs: jobs, batchLines: 13, batchRecords: 4))
        do {
            try pipeline.run(paths: [path], input: input, policy: BadRecordPolicy(skipInvalid: skip) { problems.append($0) },
                             transform: { assessed in
                                 var out: [UInt8] = []
                                 assessed.assessment.appendJSON(to: &out)
                                 return (assessed.conversation.id, out)
                             }, each: { ids.append($0.0); outputs.append($0.1) })
        } catch let error as InputError {
            return (outputs, ids, problems, error)
        }
        return (outputs, ids, problems, nil)
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func everyRecordIsDeliveredOrReportedInOrderWhateverTheJobs(seed: UInt64) throws {
        let input = RandomInput.conversations(count: 150, badPercent: 15, seed: seed)
        let path = try input.file("random.jsonl")
        let one = try flagRun(path, jobs: 1, skip: true)
        // Output records + skipped = input records; the order is the input's.
        #expect(one.stop == nil)
        #expect(one.ids.count + one.problems.count == input.recordCount)
        #expect(one.ids == input.goodIDs)
        #expect(one.problems.map(\.line) == input.badLineNumbers)
        // --jobs 1 = --jobs N, byte for byte, problems included.
        for jobs in [2, 4] {
            let many = try flagRun(path, jobs: jobs, skip: true)
            #expect(many.outputs == one.outputs && many.ids == one.ids, "jobs \(jobs)")
            #expect(many.problems == one.problems, "jobs \(jobs)")
        }
    }

    @Test(arguments: [UInt64(21), 22])
    func aStoppedRunDeliversExactlyTheRecordsBeforeTheFirstBadOne(seed: UInt64) throws {
        let input = RandomInput.conversations(count: 120, badPercent: 4, seed: seed)
        let firstBad = try #require(input.badLineNumbers.first)
        let before = input.lines.prefix(firstBad - 1).compactMap { if case .good(let id) = $0 { id } else { nil } }
        let path = try input.file("random.jsonl")
        for jobs in [1, 3] {
            let stopped = try flagRun(path, jobs: jobs, skip: false)
            #expect(stopped.ids == before, "jobs \(jobs)")
            #expect(stopped.stop?.line == firstBad && stopped.problems.map(\.line) == [firstBad], "jobs \(jobs)")
        }
    }

    @Test(arguments: [UInt64(31), 32])
    func groupedRowsDeliverEveryGoodRowOnceWhateverTheJobs(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var rows = ["ticket_id,created_at,author_type,body,team"]
        var good = 0, bad: [Int] = [], line = 2
        var clock = 1_780_000_000.0
        for row in 0..<300 {
            // Tickets interleave a little, as exports do; the window (1000 rows) keeps them whole.
            let ticket = "t\(row / 4 + rng.next(below: 3))"
            clock += Double(rng.next(below: 600))
            var body = ["my order is late", "thanks, sorted", "still \"broken\", again", "line one\nline two", "refund, please"][rng.next(below: 5)]
            var role = ["end-user", "agent", "customer"][rng.next(below: 3)]
            var time = ISO8601.format(clock)
            var extra = ""
            if row > 0, rng.next(below: 100) < 12 {
                switch rng.next(below: 4) {
                case 0: role = "robot"
                case 1: body = "  "
                case 2: time = "soon"
                default: extra = ",surplus"
                }
                bad.append(line)
            } else {
                good += 1
            }
            let quoted = "\"" + body.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            rows.append("\(ticket),\(time),\(role),\(quoted),billing\(extra)")
            line += 1 + body.filter { $0 == "\n" }.count
        }
        let path = try Fixtures.file("rows.csv", rows.joined(separator: "\n") + "\n")
        var messages: [Int] = []
        let counting = ConversationPipeline(model: Fixtures.model, options: RunOptions(jobs: 2, batchRecords: 3))
        var problems: [InputError] = []
        try counting.run(paths: [path], policy: BadRecordPolicy(.skip) { problems.append($0) },
                         transform: { $0.conversation.messages.count }, each: { messages.append($0) })
        #expect(messages.reduce(0, +) == good && problems.map(\.line) == bad)
        let one = try flagRun(path, jobs: 1, skip: true)
        for jobs in [2, 4] {
            let many = try flagRun(path, jobs: jobs, skip: true)
            #expect(many.outputs == one.outputs && many.ids == one.ids && many.problems == one.problems, "jobs \(jobs)")
        }
    }
}
