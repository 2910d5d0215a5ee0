import Foundation
import Testing
@testable import TemperKPI
import TemperIO

@Suite struct ScorecardBuilderTests {
    typealias F = ConversationFacts

    func card(_ facts: [F], spec: AggregationSpec, _ options: ScorecardOptions = ScorecardOptions(minimumSample: 1)) throws -> Scorecard {
        try aggregate(facts, spec: spec).scorecard(options)
    }

    @Test func overallGroupFirstThenSortedGroups() throws {
        let facts = [F(id: "1", team: "tech"), F(id: "2", team: "billing"), F(id: "3")]
        let c = try card(facts, spec: AggregationSpec(dimensions: [.team]))
        #expect(c.groups.map(\.id) == ["all", "team=", "team=billing", "team=tech"])
        #expect(c.groups.map(\.title) == ["All conversations", "no team", "billing", "tech"])
        #expect(c.groups[0].overall && !c.groups[1].overall)
        #expect(c.groups[2].dimensions == ["team": "billing"] && c.groups[1].dimensions.isEmpty)
        #expect(c.groups[0].value(of: "volume")?.value == 3)
        #expect(c.schema == "temper.scorecard/v1")
        #expect(c.input == InputSummary(conversations: 3, undated: 3, skippedLines: 0))
    }

    @Test func withoutDimensionsThereIsOneGroup() throws {
        let c = try card([F(id: "1")], spec: AggregationSpec(), ScorecardOptions(includeOverall: false))
        #expect(c.groups.map(\.id) == ["all"])
    }

    @Test func trendsFillPeriodsWithoutConversations() throws {
        let facts = [
            F(id: "1", startedAt: date("2024-03-04T10:00:00Z"), csat: 5),
            F(id: "2", startedAt: date("2024-03-20T10:00:00Z"), csat: 2),
            F(id: "3", csat: 5),  // undated: in the total, not in any period
        ]
        let c = try card(facts, spec: AggregationSpec(period: .week), ScorecardOptions(minimumSample: 1, reportingPeriod: .all))
        #expect(c.periods == ["2024-W10", "2024-W11", "2024-W12"])
        let trend = c.groups[0].trend(of: "csat")!
        #expect(trend.points.map(\.period) == c.periods)
        #expect(trend.points.map(\.value) == [100, nil, 0])
        #expect(trend.points.map(\.n) == [1, 0, 1])
        #expect(trend.points[1].insufficient)
        #expect(c.groups[0].value(of: "csat")?.n == 3)
        #expect(c.groups[0].trend(of: "volume")!.points.map(\.value) == [1, 0, 1])
    }

    @Test func trendIsLimitedToTheLatestPeriods() throws {
        let facts = (1...9).map { F(id: "\($0)", startedAt: date("2024-0\($0)-15T00:00:00Z")) }
        let c = try card(facts, spec: AggregationSpec(period: .month), ScorecardOptions(maxTrendPeriods: 3, reportingPeriod: .all))
        #expect(c.periods == ["2024-07", "2024-08", "2024-09"])
        #expect(c.groups[0].value(of: "volume")?.value == 9)
        // The header's span is the data's, not the trend window's (issue #9: it said 2024-07 to 2024-09).
        #expect(c.firstPeriod == "2024-01" && c.lastPeriod == "2024-09" && c.reportingPeriod == nil)
        #expect(try c.rendered(as: .markdown).contains("_2024-01 to 2024-09 (all data) · by month"))
        #expect(try c.rendered(as: .html).contains("<p class=\"subtitle\">2024-01 to 2024-09 (all data) · by month"))
        let json = try JSONSerialization.jsonObject(with: c.jsonData()) as! [String: Any]
        #expect(json["first_period"] as? String == "2024-01" && json["last_period"] as? String == "2024-09")
        #expect(json["reporting_period"] == nil)
        let csv = try c.rendered(as: .csv).split(separator: "\r\n")
        #expect(csv[0].hasSuffix(",source,period_from,period_to"))
        #expect(csv.dropFirst().allSatisfy { $0.hasSuffix(",2024-01,2024-09") })
    }

    @Test func headlineReportsTheLatestPeriodByDefaultWithTrendsEndingThere() throws {
        let facts = (1...9).flatMap { month in
            (0..<month).map { F(id: "\(month)-\($0)", startedAt: date("2024-0\(month)-15T00:00:00Z"), csat: $0 % 2 == 0 ? 5 : 1) }
        } + [F(id: "undated", csat: 5)]
        let spec = AggregationSpec(period: .month)
        let latest = try card(facts, spec: spec, ScorecardOptions(minimumSample: 1, maxTrendPeriods: 3))
        #expect(latest.reportingPeriod == "2024-09" && latest.firstPeriod == "2024-01" && latest.lastPeriod == "2024-09")
        #expect(latest.groups[0].value(of: "volume")?.value == 9)  // September only, not 45 + 1 undated
        #expect(latest.groups[0].value(of: "csat")?.n == 9)
        #expect(latest.periods == ["2024-07", "2024-08", "2024-09"])
        let subtitle = try latest.rendered(as: .markdown)
        #expect(subtitle.contains("_2024-09 · data 2024-01 to 2024-09 · by month · UTC · 46 conversations · 1 undated, in no period"))
        #expect(try latest.rendered(as: .csv).split(separator: "\r\n").dropFirst().allSatisfy { $0.hasSuffix(",2024-09,2024-09") })

        let july = try card(facts, spec: spec, ScorecardOptions(minimumSample: 1, maxTrendPeriods: 3, reportingPeriod: .label("2024-07")))
        #expect(july.reportingPeriod == "2024-07" && july.groups[0].value(of: "volume")?.value == 7)
        #expect(july.periods == ["2024-05", "2024-06", "2024-07"])

        let all = try card(facts, spec: spec, ScorecardOptions(minimumSample: 1, reportingPeriod: .all))
        #expect(all.reportingPeriod == nil && all.groups[0].value(of: "volume")?.value == 46)

        let aggregation = try aggregate(facts, spec: spec)
        #expect(aggregation.problem(reporting: .label("2024-07")) == nil)
        let weekly = try aggregate(facts, spec: AggregationSpec(period: .week))
        #expect(weekly.periodIndex(label: "2024-w37") == weekly.periodIndex(label: "2024-W37") && weekly.periodIndex(label: "2024-W37") != nil)
        #expect(aggregation.problem(reporting: .label("2024-W10"))
                == "no month '2024-W10' in the data, which covers 2024-01 to 2024-09 by month")
        #expect(aggregation.problem(reporting: .latest) == nil && aggregation.problem(reporting: .all) == nil)
    }

    @Test func withoutTimestampsTheHeadlineCoversEverything() throws {
        let c = try card([F(id: "1"), F(id: "2")], spec: AggregationSpec(period: .month))
        #expect(c.reportingPeriod == nil && c.firstPeriod == nil && c.periods.isEmpty)
        #expect(c.groups[0].value(of: "volume")?.value == 2)
    }

    @Test func retentionFollowsCustomersAcrossPeriods() throws {
        func f(_ customer: String, _ day: String) -> F { F(id: customer + day, customer: customer, startedAt: date(day)) }
        // Week 10: A, B, C. Week 11: B, C, D → (3 − 1) / 3. Week 12: D, E → (2 − 1) / 3 (B and C gone, D stayed).
        let facts = [f("A", "2024-03-04"), f("B", "2024-03-05"), f("C", "2024-03-06"), f("B", "2024-03-07"),
                     f("B", "2024-03-11"), f("C", "2024-03-12"), f("D", "2024-03-13"),
                     f("D", "2024-03-18"), f("E", "2024-03-19")]
        let c = try card(facts, spec: AggregationSpec(period: .week), ScorecardOptions(minimumSample: 1, reportingPeriod: .all))
        let trend = c.groups[0].trend(of: "retention_rate")!.points
        #expect(trend[0].value == nil)  // no previous period
        #expect(abs(trend[1].value! - 200.0 / 3) < 1e-9 && trend[1].n == 3)
        #expect(abs(trend[2].value! - 100.0 / 3) < 1e-9 && trend[2].n == 3)
        let headline = c.groups[0].value(of: "retention_rate")!
        #expect(abs(headline.value! - 50) < 1e-9 && headline.n == 6)  // pooled: (2 + 1) / (3 + 3)
        let latest = try card(facts, spec: AggregationSpec(period: .week)).groups[0].value(of: "retention_rate")!
        #expect(latest.value == trend[2].value && latest.n == 3)  // the reported week alone
    }

    @Test func retentionOffWhenCustomersAreNotTracked() throws {
        let facts = [F(id: "1", customer: "A", startedAt: date("2024-03-04")), F(id: "2", customer: "A", startedAt: date("2024-03-11"))]
        let c = try card(facts, spec: AggregationSpec(period: .week, trackCustomers: false))
        #expect(c.groups[0].value(of: "retention_rate")?.value == nil)
    }

    @Test func targetsAppliedDuringBuild() throws {
        let facts = (0..<10).map { F(id: "\($0)", startedAt: date("2024-03-04"), csat: $0 < 8 ? 5 : 1) }
        let targets = TargetsConfig(targets: [KPITarget(kpi: "csat", value: 85, period: .week, warning: 10)])
        let c = try card(facts, spec: AggregationSpec(period: .week), ScorecardOptions(minimumSample: 5, targets: targets))
        let csat = c.groups[0].value(of: "csat")!
        #expect(csat.value == 80 && csat.status == .atRisk)
        #expect(csat.target?.value == 85 && csat.target?.direction == .higherIsBetter)
        #expect(c.groups[0].trend(of: "csat")!.points[0].status == .atRisk)
        #expect(c.groups[0].value(of: "nps")?.status == .insufficientData)
        #expect(c.groups[0].value(of: "volume")?.status == .noTarget)
    }

    @Test func jsonIsStableAndDecodable() throws {
        var rng = SplitMix64(seed: 12)
        let c = try card(randomFacts(count: 200, using: &rng), spec: AggregationSpec(dimensions: [.team], period: .month),
                         ScorecardOptions(generatedAt: date("2024-04-01T08:00:00Z")))
        let data = try c.jsonData()
        #expect(try Scorecard.load(from: data, name: "card.json") == c)
        #expect(c.generatedAt == "2024-04-01T08:00:00Z")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"schema\" : \"temper.scorecard/v1\""))
        #expect(!text.contains("NaN") && !text.contains("inf"))
    }

    @Test func groupsFollowTheDimensionOrderGiven() throws {
        let facts = [F(id: "1", agent: "zed", team: "billing"), F(id: "2", agent: "amy", team: "tech"),
                     F(id: "3", agent: "bob", team: "billing"), F(id: "4", team: "tech")]
        let c = try card(facts, spec: AggregationSpec(dimensions: [.team, .agent]))
        // Team first, as given, although agent comes first in GroupDimension; unknown values first.
        #expect(c.groups.map(\.id) == ["all", "team=billing,agent=bob", "team=billing,agent=zed",
                                       "team=tech,agent=", "team=tech,agent=amy"])
        #expect(c.groups[1].title == "billing · bob" && c.groups[3].title == "tech · no agent")
    }

    @Test func rollupsAddAGroupPerPrefixThatEqualsItsMembersTogether() throws {
        var rng = SplitMix64(seed: 7)
        let facts = randomFacts(count: 400, using: &rng)
        let spec = AggregationSpec(dimensions: [.team, .agent], period: .month, topFlaggedLimit: 3)
        let c = try card(facts, spec: spec, ScorecardOptions(minimumSample: 1, rollups: true))
        let ids = c.groups.map(\.id)
        // Tree order: each team (unknown first), then its agents.
        let teamIndex = try #require(ids.firstIndex(of: "team=billing"))
        #expect(ids[teamIndex + 1].hasPrefix("team=billing,agent="))
        #expect(ids.first == "all" && ids[1] == "team=")
        // A team's rollup is exactly the scorecard of its facts alone.
        let billing = facts.filter { $0.team == "billing" }
        let alone = try card(billing, spec: AggregationSpec(dimensions: [.team], period: .month, topFlaggedLimit: 3))
        let rolled = try #require(c.groups.first { $0.id == "team=billing" })
        let direct = try #require(alone.groups.first { $0.id == "team=billing" })
        #expect(rolled.values.map(\.kpi) == direct.values.map(\.kpi))
        for (a, b) in zip(rolled.values, direct.values) where a.kpi != "retention_rate" {
            #expect(a == b, "\(a.kpi)")
        }
        #expect(rolled.topFlagged == direct.topFlagged && rolled.dimensions == ["team": "billing"])
        // Without rollups only the combinations are listed.
        let flat = try card(facts, spec: spec)
        #expect(!flat.groups.contains { $0.id == "team=billing" })
        #expect(c.groups.count == flat.groups.count + Set(facts.map(\.team)).count)
    }
}
