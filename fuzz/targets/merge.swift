// `scorecard merge` inputs: partial aggregations (`KPIAggregation.partial`) and scorecards
// (`Scorecard.load`), read through TemperIO's JSON decoder, then merged and rendered.
import Foundation
@testable import TemperIO
@testable import TemperKPI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMerge(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let document = Data(UnsafeBufferPointer(start: data, count: size))
    func checkLine(_ error: InputError) {
        if let line = error.line { require(line >= 1 && line <= lineCount(document) + 1, "line \(line): \(error)") }
    }
    do {
        let partial = try KPIAggregation.partial(from: document, name: "part.json")
        var twice = partial
        try twice.merge(partial)
        require(twice.conversations == 2 * partial.conversations, "merging doubled \(partial.conversations) into \(twice.conversations)")
        _ = try partial.scorecard(ScorecardOptions(minimumSample: 1)).rendered(as: ScorecardFormat.allCases[size % 4])
    } catch let error as InputError {
        checkLine(error)
    } catch {
        // A partial that reads can be merged with itself and rendered.
        fatalError("a partial that was read fails: \(error)")
    }
    do {
        let card = try Scorecard.load(from: document, name: "card.json")
        if let merged = try? Scorecard.merge([card, card]) {
            _ = try merged.rendered(as: ScorecardFormat.allCases[size % 4])
        }
    } catch let error as InputError {
        checkLine(error)
    } catch {
        fatalError("a scorecard that was read fails to render: \(error)")
    }
    return 0
}
