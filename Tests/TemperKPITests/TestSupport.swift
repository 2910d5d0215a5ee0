import Foundation
@testable import TemperKPI
import TemperIO

func date(_ text: String) -> Date {
    guard let d = ISO8601Timestamp.parse(text) else { fatalError("bad test date \(text)") }
    return d
}

func accumulate(_ facts: [ConversationFacts]) -> KPIAccumulator {
    var acc = KPIAccumulator()
    for f in facts { acc.add(f) }
    return acc
}

func metric(_ kpi: BuiltInKPI, _ facts: [ConversationFacts], minimumSample: Int = 1,
            retention: RetentionCounts? = nil) -> MetricValue {
    accumulate(facts).metric(kpi.definition, retention: retention, minimumSample: minimumSample, source: "test")
}

func aggregate(_ facts: [ConversationFacts], spec: AggregationSpec) throws -> KPIAggregation {
    var agg = try KPIAggregation(spec: spec)
    for f in facts { agg.add(f) }
    return agg
}

/// Random but valid facts exercising every field, including missing ones.
func randomFacts(count: Int, using rng: inout SplitMix64) -> [ConversationFacts] {
    let teams = ["billing", "tech", "onboarding", "vip"]
    let channels = ["email", "chat", "phone"]
    let start = 1_704_067_200.0  // 2024-01-01
    func has(_ p: Double = 0.8) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    return (0..<count).map { i in
        var f = ConversationFacts(id: "C-\(i)")
        f.team = has(0.9) ? teams.randomElement(using: &rng)! : nil
        f.channel = channels.randomElement(using: &rng)
        f.agent = "agent-\(Int.random(in: 0..<6, using: &rng))"
        f.customer = has() ? "cust-\(Int.random(in: 0..<40, using: &rng))" : nil
        f.startedAt = has(0.95) ? Date(timeIntervalSince1970: start + Double.random(in: 0..<(90 * 86_400), using: &rng).rounded()) : nil
        f.firstResponseSeconds = has() ? Double.random(in: 0..<50_000, using: &rng) : nil
        f.resolutionSeconds = has() ? Double.random(in: 0..<900_000, using: &rng) : nil
        f.handleSeconds = has() ? Double(Int.random(in: 0..<7_200, using: &rng)) : nil
        f.sentimentLabel = has() ? SentimentLabel.allCases.randomElement(using: &rng)! : nil
        f.sentimentMean = has() ? Double.random(in: -1...1, using: &rng) : nil
        f.flagged = has() ? Bool.random(using: &rng) : nil
        f.risk = has() ? Double.random(in: 0...1, using: &rng) : nil
        f.escalated = has(0.5) ? Bool.random(using: &rng) : nil
        f.resolved = has() ? Bool.random(using: &rng) : nil
        f.contacts = has() ? Int.random(in: 1...4, using: &rng) : nil
        f.abandoned = has(0.6) ? Bool.random(using: &rng) : nil
        f.csat = has(0.3) ? Double(Int.random(in: 1...5, using: &rng)) : nil
        f.nps = has(0.3) ? Double(Int.random(in: 0...10, using: &rng)) : nil
        f.ces = has(0.3) ? Double(Int.random(in: 1...7, using: &rng)) : nil
        f.cost = has(0.5) ? Double.random(in: 0..<50, using: &rng) : nil
        // Drivers from the index, not the generator, so every other field stays as it was.
        let ids = ["delay", "billing", "staff", "technical"]
        f.drivers = i % 5 == 0 ? nil : (0..<(i % 3)).map { DriverFact(id: ids[(i + $0) % 4], polarity: [.negative, .positive, .neutral][(i / 3 + $0) % 3]) }
        return f
    }
}
