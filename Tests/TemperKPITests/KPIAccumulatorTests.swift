import Foundation
import Testing
@testable import TemperKPI
import TemperIO

@Suite struct KPIAccumulatorTests {
    typealias F = ConversationFacts

    func labels(_ positive: Int, _ neutral: Int, _ negative: Int) -> [F] {
        (0..<positive).map { F(id: "p\($0)", sentimentLabel: .positive) }
            + (0..<neutral).map { F(id: "u\($0)", sentimentLabel: .neutral) }
            + (0..<negative).map { F(id: "n\($0)", sentimentLabel: .negative) }
    }

    @Test func approvalRateIgnoresNeutral() {
        let v = metric(.approvalRate, labels(3, 5, 1))
        #expect(v.value == 75)  // 3 / (3 + 1)
        #expect(v.n == 4)
        #expect(v.interval?.method == .wilson)
        #expect(!v.insufficient && v.status == .noTarget)
    }

    @Test func approvalRateUndefinedWhenAllNeutral() {
        let v = metric(.approvalRate, labels(0, 7, 0))
        #expect(v.value == nil)
        #expect(v.n == 0)
        #expect(v.insufficient)
        #expect(v.status == .insufficientData)
        #expect(v.interval == nil)
    }

    @Test func netSentiment() {
        let v = metric(.netSentiment, labels(3, 5, 1))
        #expect(abs(v.value! - 200.0 / 9) < 1e-9)  // (3 − 1) / 9
        #expect(v.n == 9)
        #expect(metric(.netSentiment, labels(0, 4, 0)).value == 0)
    }

    @Test func meanSentiment() {
        let v = metric(.meanSentiment, [0.5, -0.25, 0.25].enumerated().map { F(id: "\($0)", sentimentMean: $1) })
        #expect(abs(v.value! - 1.0 / 6) < 1e-12)
        #expect(v.n == 3)
        #expect(v.interval?.method == .normalMean)
    }

    @Test func escalationRiskRateCountsOnlyKnownFlags() {
        let facts = [true, false, false, true, nil].enumerated().map { F(id: "\($0)", flagged: $1) }
        let v = metric(.escalationRiskRate, facts)
        #expect(v.value == 50 && v.n == 4)
    }

    @Test func escalationRate() {
        let facts = [true, false, false, false, nil, nil].enumerated().map { F(id: "\($0)", escalated: $1) }
        #expect(metric(.escalationRate, facts).value == 25)
        #expect(metric(.escalationRate, [F(id: "x")]).value == nil)
    }

    @Test func csatCountsFourAndFive() {
        let facts = [5.0, 4, 3, 2, 1, 5].enumerated().map { F(id: "\($0)", csat: $1) }
        let v = metric(.csat, facts)
        #expect(v.value == 50 && v.n == 6)
    }

    @Test func noSurveysMeansInsufficientNotZero() {
        let facts = labels(10, 0, 0)
        for kpi in [BuiltInKPI.csat, .nps, .ces] {
            let v = metric(kpi, facts)
            #expect(v.value == nil && v.n == 0 && v.insufficient && v.status == .insufficientData, "\(kpi)")
        }
    }

    @Test func npsPromotersMinusDetractors() {
        // Promoters 10, 10, 9, 9, 10; passives 8, 7; detractors 6, 2, 5.
        let facts = [10.0, 10, 9, 8, 7, 6, 2, 9, 10, 5].enumerated().map { F(id: "\($0)", nps: $1) }
        let v = metric(.nps, facts)
        #expect(abs(v.value! - 20) < 1e-9)
        #expect(v.n == 10)
        #expect(abs(v.interval!.lower - (20 - 54.03248)) < 1e-4)
        #expect(abs(v.interval!.upper - (20 + 54.03248)) < 1e-4)
        #expect(v.interval?.method == .waldTernary)
    }

    @Test func customerEffortMean() {
        let v = metric(.ces, [2.0, 4, 6].enumerated().map { F(id: "\($0)", ces: $1) })
        #expect(v.value == 4 && v.n == 3)
    }

    @Test func durationsHaveMeanMedianAndP90() {
        let facts = [60.0, 120, 180, 240, 3600].enumerated().map { F(id: "\($0)", firstResponseSeconds: $1) }
        let v = metric(.firstResponseTime, facts)
        #expect(v.value == 840)
        #expect(abs(v.median! - 180) / 180 <= 0.01)  // nearest rank 3 of 5
        #expect(v.p90 == 3600)  // nearest rank 5 of 5, the exact maximum
        #expect(v.interval == nil)
        let resolution = metric(.resolutionTime, [F(id: "a", resolutionSeconds: 100), F(id: "b", resolutionSeconds: 300)])
        #expect(resolution.value == 200 && resolution.median == 100 && resolution.p90 == 300)
        #expect(metric(.handleTime, [F(id: "a", handleSeconds: 0.25)]).value == 0.25)
    }

    @Test func missingTimesAreLeftOut() {
        let v = metric(.firstResponseTime, [F(id: "a", firstResponseSeconds: 30), F(id: "b")])
        #expect(v.value == 30 && v.n == 1)
        #expect(metric(.handleTime, [F(id: "a")]).value == nil)
    }

    @Test func conversationDurationIsFromTimestampsAndHandleTimeOnlyFromHandleSeconds() {
        // Issue #9: a chat open from 09:00 to 19:20 had "handle time 10h 20m"; the agent worked 12 minutes.
        let chat = F(id: "a", startedAt: date("2026-09-01T09:00:00Z"), endedAt: date("2026-09-01T19:20:00Z"))
        let duration = metric(.conversationDuration, [chat, F(id: "b", startedAt: date("2026-09-01T09:00:00Z"))])
        #expect(duration.value == 37_200 && duration.n == 1)  // b has no end: left out
        #expect(metric(.handleTime, [chat]).value == nil && metric(.handleTime, [chat]).insufficient)
        var worked = chat
        worked.handleSeconds = 720
        #expect(metric(.handleTime, [worked]).value == 720)
        #expect(metric(.conversationDuration, [worked]).value == 37_200)
        #expect(BuiltInKPI.conversationDuration.definition.requires == ["started_at", "ended_at"])
        #expect(BuiltInKPI.handleTime.definition.formula.contains("never derived from message times"))
    }

    @Test func firstContactResolutionGivenOrDerived() {
        let facts = [
            F(id: "given-yes", firstContactResolved: true),
            F(id: "given-no", firstContactResolved: false),
            F(id: "one-contact", resolved: true, contacts: 1),
            F(id: "three-contacts", resolved: true, contacts: 3),
            F(id: "unresolved", resolved: false, contacts: 1),
            F(id: "unresolved-unknown-contacts", resolved: false),  // unknown, like resolved ones without a count
            F(id: "unknown-contacts", resolved: true),
            F(id: "nothing"),
        ]
        let v = metric(.fcr, facts)
        #expect(v.n == 5)
        #expect(v.value == 40)  // given-yes, one-contact of 5 known
    }

    @Test func abandonmentRate() {
        let facts = [true, false, false, false, false].enumerated().map { F(id: "\($0)", abandoned: $1) }
        #expect(metric(.abandonmentRate, facts).value == 20)
    }

    @Test func volumeIsNeverInsufficient() {
        let v = metric(.volume, labels(1, 1, 1), minimumSample: 100)
        #expect(v.value == 3 && v.n == 3 && !v.insufficient)
        let empty = KPIAccumulator().metric(BuiltInKPI.volume.definition, minimumSample: 30, source: "t")
        #expect(empty.value == 0 && !empty.insufficient)
    }

    @Test func retentionFromCounts() {
        // S = {A, B, C}, E = {B, C, D}, N = {D}: (3 − 1) / 3.
        let v = metric(.retentionRate, [], retention: RetentionCounts(retained: 2, base: 3))
        #expect(abs(v.value! - 200.0 / 3) < 1e-9 && v.n == 3)
        #expect(metric(.retentionRate, [], retention: nil).value == nil)
        #expect(metric(.retentionRate, [], retention: RetentionCounts()).value == nil)
    }

    @Test func costPerContact() {
        let facts = [F(id: "a", cost: 10, contacts: 2), F(id: "b", cost: 5), F(id: "c", contacts: 4)]
        let v = metric(.costPerContact, facts)
        #expect(v.value == 5 && v.n == 2)  // 15 / (2 + 1)
        #expect(metric(.costPerContact, [F(id: "x")]).value == nil)
    }

    @Test func minimumSampleMarksThinValues() {
        let v = metric(.approvalRate, labels(3, 0, 1), minimumSample: 30)
        #expect(v.value == 75 && v.insufficient && v.status == .insufficientData)
    }

    @Test func emptyAccumulatorNeverProducesNaN() throws {
        let empty = KPIAccumulator()
        for kpi in KPIDefinition.builtIn {
            let v = empty.metric(kpi, retention: RetentionCounts(), minimumSample: 1, source: "t")
            #expect(v.value.map { !$0.isNaN } ?? true, "\(kpi.id)")
            if kpi.id != "volume" { #expect(v.value == nil && v.insufficient, "\(kpi.id)") }
        }
        _ = try JSONEncoder().encode(empty.metric(KPIDefinition.builtIn[0], minimumSample: 1, source: "t"))
    }

    @Test func unknownKPIIsEmpty() {
        let custom = KPIDefinition(id: "custom", name: "Custom", unit: .count, formula: "", direction: .higherIsBetter, requires: [])
        let v = accumulate(labels(1, 0, 0)).metric(custom, minimumSample: 1, source: "t")
        #expect(v.value == nil && v.insufficient)
    }

    @Test func mergeEqualsSinglePass() {
        var rng = SplitMix64(seed: 21)
        let facts = randomFacts(count: 400, using: &rng)
        var a = accumulate(Array(facts[..<150]))
        a.merge(accumulate(Array(facts[150...])))
        #expect(a == accumulate(facts))
    }
}
