import TemperIO
import Foundation
@testable import TemperKPI

/// A scorecard with hostile names, targets and trends, shared by the renderer tests.
enum RendererFixtures {
    static let hostileTeam = #"<script>alert("x")</script> & 'co'"#
    static let hostileAgent = #"=HYPERLINK("http://evil")"#

    static func scorecard() throws -> Scorecard {
        var facts: [ConversationFacts] = []
        for i in 0..<120 {
            let week = i % 4
            facts.append(ConversationFacts(
                id: "T-\(i)", agent: i % 3 == 0 ? hostileAgent : "ana", team: i % 2 == 0 ? "billing" : hostileTeam,
                channel: "email|chat", customer: "C\(i % 30)", startedAt: date("2024-03-\(String(format: "%02d", 4 + week * 7))T10:00:00Z"),
                firstResponseSeconds: Double(60 * (i % 50 + 1)), sentimentLabel: SentimentLabel.allCases[i % 3],
                flagged: i % 10 == 0, risk: Double(i % 10) / 10 + 0.05, reasons: i % 20 == 0 ? ["<b>threat</b>"] : nil,
                csat: Double(i % 5 + 1), nps: Double(i % 11)))
        }
        let targets = try TargetsConfig.parse(Data("""
        targets:
          - {kpi: csat, target: 60, warning: 25, owner: "Dana <ops>", period: week}
          - {kpi: approval_rate, target: 40}
          - {kpi: first_response_time, target: 30m, statistic: median}
          - {kpi: nps, target: 50}
        """.utf8), format: .yaml, file: "t.yaml")
        let aggregation = try aggregate(facts, spec: AggregationSpec(dimensions: [.team], period: .week, topFlaggedLimit: 3))
        return aggregation.scorecard(ScorecardOptions(title: "Q1 <support> review", minimumSample: 20, targets: targets,
                                                      generatedAt: date("2024-04-01T09:00:00Z")))
    }
}
