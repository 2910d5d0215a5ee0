import Foundation
import Testing
import TemperIO
@testable import TemperKPI
import TemperIO

@Suite struct KPIAggregationTests {
    let spec = AggregationSpec(dimensions: [.team, .channel], period: .week, timeZone: "Europe/Berlin", topFlaggedLimit: 5)

    func roundTrip(_ aggregation: KPIAggregation) throws -> KPIAggregation {
        try KPIAggregation.partial(from: aggregation.partialJSON(), name: "shard.json")
    }

    /// The central guarantee: shard the facts any way, aggregate each shard, write and read the
    /// partials, merge them in any order — and get exactly the single-run scorecard.
    @Test(arguments: [(UInt64(1), 2), (2, 3), (3, 5), (4, 8), (5, 1)])
    func mergedShardsEqualOneRun(seed: UInt64, shards: Int) throws {
        var rng = SplitMix64(seed: seed)
        let facts = randomFacts(count: 2_500, using: &rng)
        let single = try aggregate(facts, spec: spec)

        var parts = try (0..<shards).map { _ in try KPIAggregation(spec: spec) }
        for f in facts { parts[Int.random(in: 0..<shards, using: &rng)].add(f) }
        let reread = try parts.map(roundTrip).shuffled(using: &rng)
        let merged = try KPIAggregation.merged(reread)

        #expect(merged == single)
        let options = ScorecardOptions(minimumSample: 5, maxTrendPeriods: 20)
        #expect(try merged.scorecard(options).jsonData() == single.scorecard(options).jsonData())
        #expect(try merged.partialJSON() == single.partialJSON())
    }

    /// A shard counted twice (a retried Spark task's partial merged beside the first attempt's)
    /// would inflate every count: shard ids make that an error, and the aggregation stays as it was.
    @Test func shardsAreCountedOnce() throws {
        var rng = SplitMix64(seed: 7)
        let facts = randomFacts(count: 600, using: &rng)
        var parts = try (0..<3).map { _ in try KPIAggregation(spec: spec) }
        for (index, f) in facts.enumerated() { parts[index % 3].add(f) }
        for index in parts.indices { parts[index].setShardID("part-\(index)") }
        let reread = try parts.map(roundTrip)
        #expect(reread == parts)

        var merged = try KPIAggregation.merged([reread[2], reread[0]])
        #expect(merged.shardIDs == ["part-0", "part-2"])
        let before = merged
        #expect(throws: KPIAggregationError.duplicateShards(["part-0"])) { try merged.merge(reread[0]) }
        #expect(merged == before)
        // A merged aggregation carries its shards, so overlapping merges are caught too.
        let other = try KPIAggregation.merged([reread[1], reread[2]])
        #expect(throws: KPIAggregationError.duplicateShards(["part-2"])) { try merged.merge(other) }
        try merged.merge(reread[1])
        #expect(merged.shardIDs == ["part-0", "part-1", "part-2"])
        #expect(merged.conversations == facts.count)
        #expect(KPIAggregationError.duplicateShards(["p"]).description
            == "shard 'p' is already merged: merging it again would count the same input twice")

        // Without shard ids nothing is checked (and the bytes are those of earlier partials).
        let plain = try aggregate(facts, spec: spec)
        #expect(plain.shardIDs.isEmpty)
        #expect(!String(decoding: try plain.partialJSON(), as: UTF8.self).contains("shard_ids"))
        #expect(String(decoding: try reread[0].partialJSON(), as: UTF8.self).contains(#""shard_ids":["part-0"]"#))
    }

    @Test func aPartialListingAShardTwiceIsRefused() throws {
        var aggregation = try KPIAggregation(spec: spec)
        aggregation.setShardID("p")
        let text = String(decoding: try aggregation.partialJSON(), as: UTF8.self)
            .replacingOccurrences(of: #""shard_ids":["p"]"#, with: #""shard_ids":["p","q","p"]"#)
        #expect(throws: InputError(file: "p.json", message: "shard 'p' is already merged: merging it again would count the same input twice")) {
            _ = try KPIAggregation.partial(from: Data(text.utf8), name: "p.json")
        }
    }

    @Test func partialRoundTripIsLossless() throws {
        var rng = SplitMix64(seed: 99)
        let aggregation = try aggregate(randomFacts(count: 300, using: &rng), spec: spec)
        #expect(try roundTrip(aggregation) == aggregation)
    }

    /// Partials are written by TemperIO's writer now, byte for byte what `JSONEncoder` wrote
    /// before: old partials, and tools that compare them, see the same format.
    @Test(arguments: [UInt64(3), 4])
    func partialBytesAreWhatJSONEncoderWrote(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var facts = randomFacts(count: 400, using: &rng)
        facts.append(ConversationFacts(id: "odd \"id\" \\ / \u{1}", agent: "Zoë 中", team: "a/b\tc", flagged: true, risk: 0.7,
                                       reasons: ["x\ny"], csat: 5))
        let aggregation = try aggregate(facts, spec: spec)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let foundation = try encoder.encode(aggregation)
        #expect(String(decoding: try aggregation.partialJSON(), as: UTF8.self) == String(decoding: foundation, as: UTF8.self))
        #expect(try KPIAggregation.partial(from: foundation, name: "old.json") == aggregation)
    }

    @Test func partialErrorsNameFileLineAndPath() throws {
        var rng = SplitMix64(seed: 5)
        let json = String(decoding: try aggregate(randomFacts(count: 50, using: &rng), spec: spec).partialJSON(), as: UTF8.self)
        let broken = json.replacingOccurrences(of: #""conversations":50"#, with: #""conversations":"50""#)
        #expect(broken != json)
        do {
            _ = try KPIAggregation.partial(from: Data(broken.utf8), name: "p.json")
            Issue.record("accepted a partial with a string count")
        } catch {
            #expect(error.line == 1)
            #expect(error.message.hasPrefix(#"not a valid partial: conversations: expected a number, found '"' at column "#), "\(error)")
        }
        #expect(throws: InputError(file: "p.json", message: "not a TemperKPI partial: schema 'other/v9', expected 'temper.kpi-partial/v2'")) {
            _ = try KPIAggregation.partial(from: Data(#"{"schema":"other/v9"}"#.utf8), name: "p.json")
        }
    }

    @Test func mergingDifferentSpecsIsRefused() throws {
        var a = try KPIAggregation(spec: spec)
        let b = try KPIAggregation(spec: AggregationSpec(dimensions: [.team], period: .week, timeZone: "Europe/Berlin"))
        #expect(throws: KPIAggregationError.self) { try a.merge(b) }
    }

    @Test func unknownTimeZoneIsRefused() {
        #expect(throws: KPIAggregationError.unknownTimeZone("Mars/Olympus")) {
            _ = try KPIAggregation(spec: AggregationSpec(timeZone: "Mars/Olympus"))
        }
    }

    @Test func foreignPartialIsRefused() {
        #expect(throws: InputError.self) {
            _ = try KPIAggregation.partial(from: Data(#"{"schema":"other/v9"}"#.utf8), name: "p.json")
        }
        #expect(throws: InputError.self) {
            _ = try KPIAggregation.partial(from: Data("not json".utf8), name: "p.json")
        }
    }

    @Test func groupsByChosenDimensionsOnly() throws {
        let facts = [
            ConversationFacts(id: "1", agent: "a", team: "billing", channel: "email"),
            ConversationFacts(id: "2", agent: "b", team: "billing", channel: "chat"),
            ConversationFacts(id: "3", agent: "c", team: "tech", channel: "email"),
            ConversationFacts(id: "4", agent: "d", channel: "email"),
        ]
        let aggregation = try aggregate(facts, spec: AggregationSpec(dimensions: [.team]))
        let groups = Set(aggregation.cells.keys.map(\.group))
        #expect(groups == [GroupKey(team: "billing"), GroupKey(team: "tech"), GroupKey()])
        #expect(aggregation.conversations == 4 && aggregation.undated == 4)
    }

    @Test func memoryDependsOnGroupsAndPeriodsNotConversations() throws {
        let facts = (0..<5_000).map {
            ConversationFacts(id: "\($0)", team: $0 % 2 == 0 ? "a" : "b", startedAt: date("2024-03-0\($0 % 3 + 4)T10:00:00Z"),
                              firstResponseSeconds: Double($0 % 500))
        }
        let aggregation = try aggregate(facts, spec: AggregationSpec(dimensions: [.team], period: .day))
        #expect(aggregation.cells.count == 6)  // 2 teams × 3 days
    }

    @Test func topFlaggedKeepsTheRiskiest() throws {
        let facts = (0..<20).map { ConversationFacts(id: "c\($0)", team: "t", flagged: $0 % 2 == 0, risk: Double($0) / 20) }
            + [ConversationFacts(id: "no-risk", team: "t", flagged: true)]
        let aggregation = try aggregate(facts, spec: AggregationSpec(dimensions: [.team], topFlaggedLimit: 3))
        let items = aggregation.flagged[GroupKey(team: "t")]!.items
        #expect(items.map(\.id) == ["c18", "c16", "c14"])
    }

    @Test func derivedReasonCodes() {
        let item = FlaggedConversation(ConversationFacts(id: "x", sentimentLabel: .negative, flagged: true, escalated: true,
                                                        resolved: false, csat: 1, nps: 2))
        #expect(item.reasons == ["negative_sentiment", "escalated", "unresolved", "low_csat", "nps_detractor"])
        let given = FlaggedConversation(ConversationFacts(id: "y", reasons: ["threat_to_cancel"], escalated: true))
        #expect(given.reasons == ["threat_to_cancel"])
    }
}
