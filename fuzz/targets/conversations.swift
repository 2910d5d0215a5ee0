// Conversation reader: JSONL conversations (`ConversationReader`, what `flag` and `scorecard`
// read), then what `flag` does with each: assess, write the assessment, derive the KPI facts
// and read them back as `scorecard` would.
import Foundation
@testable import TemperConversation
import TemperIO
@testable import TemperKPI
@testable import TemperPipeline
import TemperSentiment

/// The lexicons and model in the repository, found from this file (the fuzzer runs anywhere).
nonisolated(unsafe) private let assessor: ConversationAssessor = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let lexicons = root.path + "/lexicons"
    do {
        let model = try SentimentModel.load(lexiconDirectory: lexicons, modelPath: lexicons + "/sentiment.ngram",
                                            calibrationPath: lexicons + "/sentiment.calibration.json")
        // The risk model and the taxonomy of its stated problems from the same directory: their
        // shipped defaults live in the resource bundle, which is not beside a fuzzer.
        return try ConversationAssessor(model: model, riskModel: RiskModel.load(path: lexicons + "/risk.model.json"),
                                        problems: DriverTaxonomy.load(path: lexicons + "/" + DriverTaxonomy.shippedFileName))
    } catch {
        fatalError("cannot load the model from \(lexicons): \(error)")
    }
}()

nonisolated(unsafe) private var factsParser = FactsLineParser()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConversations(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let problems = Problems()
    let reader = ConversationReader(lines: LineReader(bytes: Array(bytes), name: "conversations.jsonl"), policy: problems.policy)
    var conversations: [Conversation] = []
    do {
        try reader.forEach { conversations.append($0) }
    } catch {
        fatalError("a skipping read threw \(error)")
    }
    problems.requireWellFormed(name: "conversations.jsonl", lineCount: lineCount(bytes))
    // Every line with a record on it is delivered or reported, once.
    require(conversations.count + problems.all.count == recordLineCount(bytes),
            "\(conversations.count) conversations + \(problems.all.count) problems ≠ \(recordLineCount(bytes)) record lines")
    checkDelivered(conversations)

    for conversation in conversations {
        let assessment = assessor.assess(conversation)
        require(assessment.risk.isFinite && assessment.risk >= 0 && assessment.risk <= 1, "risk \(assessment.risk)")
        var out: [UInt8] = []
        assessment.appendJSON(to: &out)
        require((try? JSONValue(parsing: out)) != nil, "assessment JSON does not parse: \(String(decoding: out, as: UTF8.self))")
        // Facts from a conversation equal the facts `flag --facts` writes, read back (the
        // adapter's promise); invalid ones are bad records, reported where they are read.
        guard let facts = try? ConversationFacts.validated(AssessedConversation(conversation: conversation, assessment: assessment)) else {
            continue
        }
        var line: [UInt8] = []
        facts.appendJSON(to: &line)
        let again: ConversationFacts
        do {
            again = try line.withUnsafeBytes { try factsParser.parse($0) }
        } catch {
            fatalError("facts of a valid conversation do not read back (\(error)): \(String(decoding: line, as: UTF8.self))")
        }
        require(again == facts, "facts changed on the way through JSON: \(facts) → \(again)")
    }
    return 0
}
