import Testing
@testable import TemperKPI

@Suite struct ScorecardMergeTests {
    func value(_ kpi: String, _ v: Double?, n: Int = 50, source: String) -> MetricValue {
        MetricValue(kpi: kpi, value: v, n: n, insufficient: false, source: source)
    }

    func card(source: String, period: PeriodGranularity? = .week, groups: [ScorecardGroup]) -> Scorecard {
        Scorecard(title: source, period: period, timeZone: "UTC", periods: ["2024-W10"], dimensions: ["team"], minimumSample: 30,
                  sources: [source], kpis: KPIDefinition.builtIn, groups: groups)
    }

    var temper: Scorecard {
        card(source: "temper", groups: [
            ScorecardGroup(id: "team=billing", title: "billing", dimensions: ["team": "billing"],
                           values: [value("approval_rate", 72, source: "temper"), value("volume", 400, source: "temper")],
                           trends: [KPITrend(kpi: "approval_rate", source: "temper", points: [])],
                           topFlagged: [FlaggedConversation(id: "T-1", risk: 0.9), FlaggedConversation(id: "T-2", risk: 0.5)]),
        ])
    }

    var survey: Scorecard {
        card(source: "surveytool", period: nil, groups: [
            ScorecardGroup(id: "team=billing", title: "billing", dimensions: ["team": "billing"],
                           values: [value("csat", 88, n: 120, source: "surveytool"), value("volume", 400, source: "surveytool")],
                           trends: [KPITrend(kpi: "csat", source: "surveytool", points: [])],
                           topFlagged: [FlaggedConversation(id: "S-9", risk: 0.7)]),
            ScorecardGroup(id: "team=tech", title: "tech", dimensions: ["team": "tech"],
                           values: [value("csat", 91, source: "surveytool")]),
        ])
    }

    @Test func combinesSourcesKeepingProvenance() throws {
        let merged = try Scorecard.merge([temper, survey])
        #expect(merged.sources == ["temper", "surveytool"])
        #expect(merged.period == .week)
        let billing = merged.groups.first { $0.id == "team=billing" }!
        #expect(billing.values.map(\.kpi) == ["approval_rate", "csat", "volume"])  // catalogue order
        #expect(billing.value(of: "approval_rate")?.source == "temper")
        #expect(billing.value(of: "csat")?.source == "surveytool")
        #expect(billing.value(of: "volume")?.source == "temper")  // identical values: first kept
        #expect(billing.trend(of: "csat")?.source == "surveytool")
        #expect(billing.topFlagged.map(\.id) == ["T-1", "S-9"])  // re-ranked, longest input's length
        #expect(merged.groups.map(\.id) == ["team=billing", "team=tech"])
    }

    @Test func conflictingValuesAreAnError() {
        var other = survey
        other.groups[0].values[1] = value("volume", 380, source: "surveytool")
        #expect(throws: ScorecardMergeError.conflict(group: "team=billing", kpi: "volume", sources: ["temper", "surveytool"],
                                                     values: [400, 380])) {
            try Scorecard.merge([temper, other])
        }
        let description = ScorecardMergeError.conflict(group: "g", kpi: "k", sources: ["a", "b"], values: [1, nil]).description
        #expect(description.contains("a: 1.0, b: none") && description.contains("preferring"))
    }

    @Test func preferringResolvesConflicts() throws {
        var other = survey
        other.groups[0].values[1] = value("volume", 380, source: "surveytool")
        let preferSurvey = try Scorecard.merge([temper, other], preferring: "surveytool")
        #expect(preferSurvey.groups[0].value(of: "volume")?.value == 380)
        #expect(preferSurvey.groups[0].value(of: "volume")?.source == "surveytool")
        let preferTemper = try Scorecard.merge([temper, other], preferring: "temper")
        #expect(preferTemper.groups[0].value(of: "volume")?.value == 400)
        #expect(throws: ScorecardMergeError.self) { try Scorecard.merge([temper, other], preferring: "crm") }
    }

    @Test func sameSourceDisagreeingIsAlwaysAConflict() {
        var rerun = temper
        rerun.groups[0].values[0] = value("approval_rate", 70, source: "temper")
        #expect(throws: ScorecardMergeError.self) { try Scorecard.merge([temper, rerun], preferring: "temper") }
    }

    @Test func incompatiblePeriodsAreRefused() {
        let monthly = card(source: "bi", period: .month, groups: [])
        #expect(throws: ScorecardMergeError.incompatible("periods differ (week vs month)")) {
            try Scorecard.merge([temper, monthly])
        }
        #expect(throws: ScorecardMergeError.nothingToMerge) { try Scorecard.merge([]) }
    }

    @Test func reportingPeriodsMustAgreeAndDataSpansJoin() throws {
        var november = temper
        (november.firstPeriod, november.lastPeriod, november.reportingPeriod) = ("2024-W05", "2024-W10", "2024-W10")
        var october = survey
        (october.firstPeriod, october.lastPeriod, october.reportingPeriod) = ("2024-W02", "2024-W09", "2024-W09")
        #expect(throws: ScorecardMergeError.incompatible("they report different periods (2024-W10 vs 2024-W09)")) {
            try Scorecard.merge([november, october])
        }
        // A document that states no reported period (a tool's) merges with one that does.
        october.reportingPeriod = nil
        let merged = try Scorecard.merge([october, november])
        #expect(merged.reportingPeriod == "2024-W10")
        #expect(merged.firstPeriod == "2024-W02" && merged.lastPeriod == "2024-W10")
    }

    @Test func targetsCanBeAppliedAfterMerging() throws {
        let merged = try Scorecard.merge([temper, survey])
            .applyingTargets(TargetsConfig(targets: [KPITarget(kpi: "csat", value: 90, warning: 3)]))
        #expect(merged.groups[0].value(of: "csat")?.status == .atRisk)
        #expect(merged.groups[1].value(of: "csat")?.status == .met)
        #expect(merged.groups[0].value(of: "approval_rate")?.status == .noTarget)
    }
}
