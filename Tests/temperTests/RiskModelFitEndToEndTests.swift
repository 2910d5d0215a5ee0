import Foundation
import Testing
import TemperIO
import TemperReview
import TemperStore

/// From the review workspace to a new risk model: ingest → review → export → fit → flag.
@Suite struct RiskModelFitEndToEndTests {
    let rubric = try! Rubric(name: "t", categories: [.init(id: "empathy", label: "Empathy", scale: [0, 1, 2])])

    /// Twenty conversations: ten loud ones (anger words, shouting) and ten quiet ones where the
    /// customer gives up ("never mind") after an agent who cannot help.
    func transcripts() -> String {
        (0..<20).map { i in
            let messages = i < 10
                ? #"[{"role":"customer","text":"This is RIDICULOUS, my parcel \#(i) is late AGAIN, so annoying lol"},{"role":"agent","text":"On it!"},{"role":"customer","text":"haha ok cheers, you're the best"}]"#
                : #"[{"role":"customer","text":"Hello, could you look at order \#(i) for me?"},{"role":"agent","text":"Sorry, unfortunately I can't see that order."},{"role":"customer","text":"never mind then."}]"#
            return #"{"id":"c\#(i)","channel":"chat","messages":\#(messages)}"#
        }.joined(separator: "\n") + "\n"
    }

    func risks(_ output: String) throws -> [String: Double] {
        var result: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            let record = try JSONValue(parsing: String(line))
            result[record["id"]!.string!] = record["risk"]!.double!
        }
        return result
    }

    @Test func verdictsFromTheWorkspaceRefitTheModel() throws {
        let conversations = try CLI.temporaryFile("transcripts.jsonl", transcripts())
        let db = NSTemporaryDirectory() + "risk-e2e-\(UUID().uuidString).db"
        let ingest = try CLI.run(["ingest", conversations, "--db", db], stderr: .any)
        #expect(ingest.stderr == "temper: 20 conversations stored in \(db) (20 new, 0 updated, 0 skipped)\n", "\(ingest.stderr)")

        // QA says the loud ones were false alarms (banter) and the quiet give-ups were real.
        let store = try Store(path: db)
        for i in 0..<20 {
            _ = try store.addReview(ReviewDraft(conversationID: "c\(i)", reviewer: "qa", verdict: i < 10 ? .falseAlarm : .confirmed), rubric: rubric)
        }
        _ = try store.addReview(ReviewDraft(conversationID: "c3", reviewer: "lead", verdict: .coachingNeeded), rubric: rubric)

        let export = NSTemporaryDirectory() + "risk-e2e-\(UUID().uuidString).jsonl"
        try CLI.run(["reviews", "export", "--db", db, "-o", export])

        let model = NSTemporaryDirectory() + "risk-e2e-\(UUID().uuidString).json"
        let fit = try CLI.run(["flag", "fit", "verdicts:\(export)", "--conversations", conversations, "--fit-on", "all", "-o", model], stderr: .any)
        #expect(fit.stderr == "temper: \(export): 1 coaching_needed reviews say nothing about risk and were not used\n", "\(fit.stderr)")
        #expect(fit.stdout.hasPrefix("wrote \(model)"), "\(fit.stdout)")
        let file = try String(contentsOfFile: model, encoding: .utf8)
        #expect(file.contains(#""kind": "verdicts""#) && file.contains(#""examples": 20, "positives": 10"#), "\(file)")

        let before = try risks(CLI.run(["flag", conversations]).stdout)
        let after = try risks(CLI.run(["flag", conversations, "--risk-model", model]).stdout)
        func gap(_ risks: [String: Double]) -> Double {
            let confirmed = (10..<20).map { risks["c\($0)"]! }.reduce(0, +) / 10
            let falseAlarms = (0..<10).map { risks["c\($0)"]! }.reduce(0, +) / 10
            return confirmed - falseAlarms
        }
        // The refitted model has learned what QA said: the quiet give-ups rank above the banter,
        // and by more than under the shipped model.
        #expect(gap(after) > 0, "\(after)")
        #expect(gap(after) > gap(before), "before \(before), after \(after)")
    }
}
