import Foundation
import Testing
import TemperIO
@testable import TemperKPI

@Suite struct DriverStatisticsTests {
    /// Newcombe (1998), Statistics in Medicine 17, table II, example (a): 56/70 − 48/80 = 0.2000,
    /// method 10 interval 0.0524 to 0.3339.
    @Test func newcombeIntervalMatchesThePaper() throws {
        let interval = try #require(Statistics.newcombeDifference(successes1: 56, trials1: 70, successes2: 48, trials2: 80))
        #expect(abs(interval.lower - 0.0524) < 0.0001 && abs(interval.upper - 0.3339) < 0.0001, "\(interval)")
        #expect(interval.method == .newcombe)
        #expect(Statistics.newcombeDifference(successes1: 1, trials1: 0, successes2: 1, trials2: 3) == nil)
    }

    func facts(_ id: Int, label: SentimentLabel, drivers: [String]?, month: Int) -> ConversationFacts {
        var f = ConversationFacts(id: "C\(id)")
        f.sentimentLabel = label
        f.startedAt = ISO8601Timestamp.parse("2026-\(month < 10 ? "0" : "")\(month)-05T10:00:00Z")
        f.drivers = drivers.map { $0.map { DriverFact(id: $0, polarity: .negative) } }
        return f
    }

    @Test func rowsGiveShareChangeAndApprovalGap() throws {
        var aggregation = try KPIAggregation(spec: AggregationSpec(period: .month))
        // October: 2 of 10 with delay. November: 5 of 10 with delay, all negative; the rest positive.
        for i in 0..<10 { aggregation.add(facts(i, label: .positive, drivers: i < 2 ? ["delay"] : [], month: 10)) }
        for i in 10..<20 { aggregation.add(facts(i, label: i < 15 ? .negative : .positive, drivers: i < 15 ? ["delay"] : [], month: 11)) }
        aggregation.add(facts(99, label: .negative, drivers: nil, month: 11))  // no drivers measured: left out
        let card = aggregation.scorecard(ScorecardOptions(minimumSample: 5))
        let row = try #require(card.groups[0].drivers?.first)
        #expect(row.driver == "delay" && row.conversations == 5 && row.n == 10 && row.share == 50)
        #expect(row.previousShare == 20 && row.previousN == 10)
        #expect(abs(try #require(row.change) - 30) < 1e-9)
        #expect(row.changeInterval?.method == .newcombe)
        #expect(row.approvalWith == 0 && row.approvalWithout == 100 && row.approvalGap == -100)
        #expect(!row.insufficient)
        // Every format shows it.
        #expect(try card.rendered(as: .markdown).contains("| Delay | 50.0% |"))
        #expect(try card.rendered(as: .csv).contains("driver_share:delay"))
        #expect(try card.rendered(as: .html).contains("<table class=\"drivers\">"))
        #expect(try card.rendered(as: .json).contains("\"approval_gap\" : -100"))
        // The published schema describes the section.
        let schema = try ConfigNode.json(Data(contentsOf: ScorecardFormatTests.schemaURL))
        var problems: [String] = []
        SchemaCheck(root: schema).check(try ConfigNode.json(card.jsonData()), against: schema, path: "$", problems: &problems)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
    }

    @Test func factsWithoutDriversLeaveScorecardsAsTheyWere() throws {
        var aggregation = try KPIAggregation(spec: AggregationSpec(period: .month))
        aggregation.add(facts(1, label: .positive, drivers: nil, month: 10))
        let card = aggregation.scorecard()
        #expect(card.groups[0].drivers == nil)
        #expect(!String(decoding: try aggregation.partialJSON(), as: UTF8.self).contains("drivers"))
        #expect(!(try card.rendered(as: .json)).contains("drivers"))
    }

    @Test func factsCarryDriversAndOldFactsStillRead() throws {
        var parser = FactsLineParser()
        let with = try parser.parse(#"{"id":"a","drivers":[{"id":"delay","polarity":"negative"},{"polarity":"positive","id":"staff","x":1}]}"#)
        #expect(with.drivers == [DriverFact(id: "delay", polarity: .negative), DriverFact(id: "staff", polarity: .positive)])
        #expect(try parser.parse(#"{"id":"a"}"#).drivers == nil)
        #expect(try parser.parse(#"{"id":"a","drivers":null}"#).drivers == nil)
        var bytes: [UInt8] = []
        with.appendJSON(to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix(#""drivers":[{"id":"delay","polarity":"negative"},{"id":"staff","polarity":"positive"}]}"#))
        // The Codable form agrees with the hand-written one.
        #expect(try JSONDecoder().decode(ConversationFacts.self, from: Data(bytes)) == with)
        for (line, message) in [(#"{"id":"a","drivers":["delay"]}"#, "expected an {\"id\", \"polarity\"} object"),
                                (#"{"id":"a","drivers":[{"id":"delay"}]}"#, "each driver needs an \"id\" and a \"polarity\""),
                                (#"{"id":"a","drivers":[{"id":"d","polarity":"bad"}]}"#, "expected negative, neutral or positive"),
                                (#"{"id":"a","drivers":[{"id":"d","polarity":"negative"},{"id":"d","polarity":"positive"}]}"#, "'d' appears twice")] {
            #expect(throws: FactsParseError.self) { try parser.parse(line) }
            do { _ = try parser.parse(line) } catch { #expect(error.message.contains(message), "\(error)") }
        }
    }
}
