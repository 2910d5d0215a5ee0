// Scorecards from facts: aggregation, partials written and read back (`scorecard --partial`,
// `scorecard merge`), shards merged, and the scorecard rendered in every format.
import Foundation
@testable import TemperIO
@testable import TemperKPI

private let specs = [
    AggregationSpec(dimensions: [.team, .agent], period: .month, topFlaggedLimit: 3),
    AggregationSpec(dimensions: [], period: .week, timeZone: "America/St_Johns", topFlaggedLimit: 1),
    AggregationSpec(dimensions: [.channel, .segment], period: .quarter, timeZone: "Pacific/Kiritimati", trackCustomers: false),
    AggregationSpec(dimensions: [.agent], period: .day, timeZone: "Europe/Berlin"),
]
/// `TEMPER_FUZZ_WRITE_SEEDS=DIR`: write each input's partial and scorecard there, as the merge
/// target's seeds (scripts/fuzz.sh makes them so none are committed).
private let seedDirectory = ProcessInfo.processInfo.environment["TEMPER_FUZZ_WRITE_SEEDS"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScorecard(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var all: [ConversationFacts] = []
    do {
        try FactsReader(data: Data(bytes), name: "facts.jsonl", policy: BadRecordPolicy(.skip)).forEach { all.append($0) }
    } catch {
        fatalError("a skipping read threw \(error)")
    }
    // The grouping and the output format come from the length, so the text stays facts.
    let spec = specs[size % specs.count]
    let format = ScorecardFormat.allCases[(size / specs.count) % ScorecardFormat.allCases.count]
    guard var whole = try? KPIAggregation(spec: spec), var even = try? KPIAggregation(spec: spec),
          var odd = try? KPIAggregation(spec: spec) else { fatalError("no aggregation for \(spec)") }
    for (index, facts) in all.enumerated() {
        whole.add(facts)
        if index % 2 == 0 { even.add(facts) } else { odd.add(facts) }
    }
    // Shards, each written as a partial and read back, merge into what one run aggregates.
    do {
        let evenBack = try KPIAggregation.partial(from: try even.partialJSON(), name: "even.json")
        let oddBack = try KPIAggregation.partial(from: try odd.partialJSON(), name: "odd.json")
        require(evenBack == even && oddBack == odd, "a partial reads back different")
        var merged = evenBack
        try merged.merge(oddBack)
        require(merged == whole, "merged shards differ from one aggregation")
    } catch {
        fatalError("partials do not round-trip and merge: \(error)")
    }
    let card = whole.scorecard(ScorecardOptions(minimumSample: 1))
    do {
        let text = try card.rendered(as: format)
        if format == .json {
            let back = try Scorecard.load(from: Data(text.utf8), name: "scorecard.json")
            require(back == card, "the scorecard reads back different")
            let merged = try Scorecard.merge([back, card])
            require(merged == card, "a scorecard merged with itself changed")
        }
    } catch {
        fatalError("the scorecard does not render as \(format), read back and merge: \(error)")
    }
    if let seedDirectory {
        let name = String(bytes.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }, radix: 16)
        _ = FileManager.default.createFile(atPath: "\(seedDirectory)/partial-\(name).json", contents: try? whole.partialJSON())
        _ = FileManager.default.createFile(atPath: "\(seedDirectory)/scorecard-\(name).json", contents: try? card.jsonData())
    }
    return 0
}
