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
}
