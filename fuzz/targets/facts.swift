// Facts reader: `FactsReader`/`FactsLineParser`, what `temper scorecard` reads from `flag --facts`.
import Foundation
@testable import TemperIO
@testable import TemperKPI

nonisolated(unsafe) private var parser = FactsLineParser()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFacts(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let problems = Problems()
    let reader = FactsReader(data: Data(bytes), name: "facts.jsonl", policy: problems.policy)
    var all: [ConversationFacts] = []
    do {
        try reader.forEach { all.append($0) }
    } catch {
        fatalError("a skipping read threw \(error)")
    }
    problems.requireWellFormed(name: "facts.jsonl", lineCount: lineCount(bytes))
    // Every line with a record on it is read or reported, once (a byte-order mark alone on the
    // first line is blank too, hence the allowance of one).
    let records = recordLineCount(bytes)
    require(all.count + problems.all.count == records || all.count + problems.all.count == records - 1,
            "\(all.count) facts + \(problems.all.count) problems from \(records) record lines")

    // What is accepted is valid, and reads back as it was written, the same line twice.
    for facts in all {
        require(facts.validationProblem() == nil, "accepted facts fail validation: \(facts.validationProblem()!)")
        var line: [UInt8] = []
        facts.appendJSON(to: &line)
        let again: ConversationFacts
        do {
            again = try line.withUnsafeBytes { try parser.parse($0) }
        } catch {
            fatalError("written facts do not read back (\(error)): \(String(decoding: line, as: UTF8.self))")
        }
        var lineAgain: [UInt8] = []
        again.appendJSON(to: &lineAgain)
        require(line == lineAgain, "facts written twice differ: \(String(decoding: line, as: UTF8.self))")
    }
    return 0
}
