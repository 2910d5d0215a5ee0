import Foundation
import Testing
import TemperIO
@testable import TemperKPI

/// Properties of reading facts on all cores, over seeded random inputs with bad lines mixed in.
@Suite struct FactsIngestTests {
    let spec = AggregationSpec(dimensions: [.team], period: .month, timeZone: "Europe/Berlin", topFlaggedLimit: 4)

    /// Facts JSONL of `count` random facts, about `badPercent` % of the lines bad in one of the
    /// ways the reader must report, with blank lines between; and what reading it must give.
    func input(count: Int, badPercent: Int, seed: UInt64) -> (bytes: [UInt8], good: [ConversationFacts], badLines: [Int], records: Int) {
        var rng = SplitMix64(seed: seed)
        let facts = randomFacts(count: count, using: &rng)
        var bytes: [UInt8] = [], good: [ConversationFacts] = [], badLines: [Int] = [], line = 0, records = 0
        for facts in facts {
            if rng.next(below: 100) < 3 {
                bytes += Array(" \t\n".utf8)
                line += 1
            }
            line += 1
            records += 1
            var json: [UInt8] = []
            facts.appendJSON(to: &json)
            if rng.next(below: 100) < badPercent {
                switch rng.next(below: 5) {
                case 0: json = Array(json.prefix(json.count / 2))
                case 1: json = Array(#"{"id":"x","csat":9}"#.utf8)
                case 2: json = Array(#"{"team":"no id"}"#.utf8)
                case 3: json = Array(#"{"id":"x","started_at":"yesterday"}"#.utf8)
                default: json = Array(#"{"id":"x","first_response_seconds":1e24}"#.utf8)
                }
                badLines.append(line)
            } else {
                good.append(facts)
            }
            bytes += json + [0x0A]
        }
        return (bytes, good, badLines, records)
    }

    func ingest(_ bytes: [UInt8], jobs: Int, skip: Bool) throws -> (aggregation: KPIAggregation, problems: [InputError], stop: InputError?) {
        var problems: [InputError] = []
        var aggregation = try KPIAggregation(spec: spec)
        let ingest = FactsIngest(jobs: jobs, policy: BadRecordPolicy(skipInvalid: skip) { problems.append($0) })
        do {
            try ingest.read(LineReader(bytes: bytes, name: "facts.jsonl"), into: &aggregation)
        } catch let error as InputError {
            return (aggregation, problems, error)
        }
        return (aggregation, problems, nil)
    }

    // 9,000 records: more than two batches of 4,096 lines, so several workers take part.
    @Test(arguments: [UInt64(51), 52])
    func everyLineIsAddedOrReportedAndTheJobsDoNotMatter(seed: UInt64) throws {
        let input = input(count: 9_000, badPercent: 2, seed: seed)
        let one = try ingest(input.bytes, jobs: 1, skip: true)
        #expect(one.stop == nil)
        #expect(one.aggregation.conversations + one.problems.count == input.records)
        #expect(one.problems.map(\.line) == input.badLines)
        #expect(one.aggregation == (try aggregate(input.good, spec: spec)))
        for jobs in [2, 4] {
            let many = try ingest(input.bytes, jobs: jobs, skip: true)
            #expect(many.aggregation == one.aggregation && many.problems == one.problems, "jobs \(jobs)")
        }
    }

    @Test(arguments: [UInt64(61), 62])
    func aStoppedReadHasAddedExactlyTheLinesBeforeTheFirstBadOne(seed: UInt64) throws {
        let input = input(count: 9_000, badPercent: 0, seed: seed)
        // One bad line in the last batch, so the earlier batches have been added when it is met.
        var lines = input.bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let badLine = 8_500
        lines[badLine - 1] = Array("{broken".utf8)
        let bytes = Array(lines.joined(separator: [0x0A]))
        let expected = try ingest(Array(lines.prefix(badLine - 1).joined(separator: [0x0A])), jobs: 1, skip: false)
        for jobs in [1, 3] {
            let stopped = try ingest(bytes, jobs: jobs, skip: false)
            #expect(stopped.stop?.line == badLine && stopped.problems.map(\.line) == [badLine], "jobs \(jobs)")
            #expect(stopped.aggregation == expected.aggregation, "jobs \(jobs)")
        }
    }

    /// Merge of shards = one run: a file cut into pieces, each read on its own and written as a
    /// partial, merges into exactly what reading the whole file gives.
    @Test(arguments: [UInt64(71), 72])
    func piecesReadApartAndMergedEqualOneRead(seed: UInt64) throws {
        let input = input(count: 3_000, badPercent: 3, seed: seed)
        let whole = try ingest(input.bytes, jobs: 2, skip: true)
        var rng = SplitMix64(seed: seed)
        let lines = input.bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        var cuts = (0..<4).map { _ in rng.next(below: lines.count) }.sorted()
        cuts = [0] + cuts + [lines.count]
        var partials: [KPIAggregation] = []
        var skipped = 0
        for (start, end) in zip(cuts, cuts.dropFirst()) {
            let piece = Array(lines[start..<end].joined(separator: [0x0A]))
            let read = try ingest(piece, jobs: 2, skip: true)
            skipped += read.problems.count
            partials.append(try KPIAggregation.partial(from: read.aggregation.partialJSON(), name: "piece.json"))
        }
        let merged = try KPIAggregation.merged(partials.shuffled(using: &rng))
        #expect(merged == whole.aggregation && skipped == whole.problems.count)
        let options = ScorecardOptions(minimumSample: 3)
        #expect(try merged.scorecard(options).jsonData() == whole.aggregation.scorecard(options).jsonData())
    }
}
