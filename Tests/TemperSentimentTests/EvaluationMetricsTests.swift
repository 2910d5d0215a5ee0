import Foundation
import Testing
@testable import TemperSentiment

@Suite("Evaluation metrics")
struct EvaluationMetricsTests {
    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) < tolerance
    }

    @Test func binaryConfusionAndF1() {
        // gold 0 0 0 1 1 1 1 / predicted 0 0 1 1 1 0 1 → [[2, 1], [1, 3]]
        let m = ConfusionMatrix(classNames: ["negative", "positive"], gold: [0, 0, 0, 1, 1, 1, 1], predicted: [0, 0, 1, 1, 1, 0, 1])
        #expect(m.counts == [[2, 1], [1, 3]])
        #expect(m.total == 7)
        #expect(close(m.accuracy, 5.0 / 7))
        #expect(close(m.precision(of: 0), 2.0 / 3) && close(m.recall(of: 0), 2.0 / 3) && close(m.f1(of: 0), 2.0 / 3))
        #expect(close(m.precision(of: 1), 0.75) && close(m.recall(of: 1), 0.75))
        #expect(close(m.macroF1, (2.0 / 3 + 0.75) / 2))
    }

    @Test func threeClassConfusion() {
        // gold 0 1 2 2 1 0 / predicted 0 2 2 1 1 1 → [[1,1,0],[0,1,1],[0,1,1]]
        let m = ConfusionMatrix(classNames: ["negative", "neutral", "positive"], gold: [0, 1, 2, 2, 1, 0], predicted: [0, 2, 2, 1, 1, 1])
        #expect(m.counts == [[1, 1, 0], [0, 1, 1], [0, 1, 1]])
        #expect(close(m.precision(of: 0), 1) && close(m.recall(of: 0), 0.5))
        #expect(close(m.precision(of: 1), 1.0 / 3) && close(m.f1(of: 1), 0.4))
        #expect(close(m.f1(of: 2), 0.5))
        // Recalls 1/2, 1/2, 1/2: macro recall is their plain mean, whatever the class sizes.
        #expect(close(m.macroRecall, 0.5))
        #expect(close(m.macroF1, (2.0 / 3 + 0.4 + 0.5) / 3))
        #expect(close(m.accuracy, 0.5))
    }

    @Test func degenerateClasses() {
        let m = ConfusionMatrix(classNames: ["a", "b", "c"], gold: [0, 0], predicted: [0, 1])
        #expect(m.precision(of: 2) == 0 && m.recall(of: 2) == 0 && m.f1(of: 2) == 0)
        // Class c never occurs nor is predicted: left out of the macro average.
        #expect(close(m.macroF1, (2.0 / 3 + 0) / 2))
        // Only class a has gold rows: b's recall (no gold) does not count.
        #expect(close(m.macroRecall, 0.5))
    }

    @Test func pearson() {
        #expect(close(Metrics.pearson([1, 2, 3, 4], [2, 4, 5, 9]), 11 / 130.0.squareRoot()))
        #expect(close(Metrics.pearson([1, 2, 3], [3, 2, 1]), -1))
        #expect(Metrics.pearson([1, 1, 1], [1, 2, 3]) == nil)
        #expect(Metrics.pearson([1], [2]) == nil)
    }

    @Test func rocAUCWithTies() {
        // Pairs: P(.9) beats all 3 N; P(.8) ties one N (.5) and beats two; P(.5) ties one, beats one → 7/9.
        let auc = Metrics.rocAUC(scores: [0.9, 0.8, 0.8, 0.5, 0.5, 0.1], positives: [true, true, false, true, false, false])
        #expect(close(auc, 7.0 / 9))
        #expect(close(Metrics.rocAUC(scores: [1, 1, 1, 1], positives: [true, false, true, false]), 0.5))
        #expect(close(Metrics.rocAUC(scores: [0.1, 0.2, 0.8, 0.9], positives: [false, false, true, true]), 1))
        #expect(close(Metrics.rocAUC(scores: [0.1, 0.2, 0.8, 0.9], positives: [true, true, false, false]), 0))
        #expect(Metrics.rocAUC(scores: [0.3, 0.4], positives: [true, true]) == nil)
    }

    @Test func precisionAtTopK() {
        let scores = [0.9, 0.8, 0.8, 0.8, 0.1]
        let positives = [true, true, false, false, true]
        #expect(close(Metrics.precisionAtTop(fraction: 0.2, scores: scores, positives: positives), 1))
        // k = 2: .9 (positive) plus one of three tied .8 rows (one positive) → (1 + 1/3) / 2.
        #expect(close(Metrics.precisionAtTop(fraction: 0.4, scores: scores, positives: positives), 2.0 / 3))
        #expect(close(Metrics.precisionAtTop(fraction: 1, scores: scores, positives: positives), 0.6))
        #expect(Metrics.precisionAtTop(fraction: 0.1, scores: [], positives: []) == nil)
        #expect(Metrics.topCount(fraction: 0.1, total: 30) == 3)
        #expect(Metrics.topCount(fraction: 0.05, total: 10) == 1)
        #expect(Metrics.topCount(fraction: 0.01, total: 1386) == 14)
        #expect(Metrics.topCount(fraction: 0, total: 10) == 1)
    }

    @Test func resultIsCodableAndRendersAlignedTable() throws {
        let result = EvaluationResult(
            dataset: "complaints", classNames: ["negative", "not-negative"],
            gold: [0, 0, 1, 1], predicted: [0, 1, 1, 1],
            rankingScores: [0.9, 0.4, 0.3, 0.1], rankingTarget: 0, topFractions: [0.25, 0.5],
            goldScores: [1, 2, 3, 4], predictedScores: [1, 2, 3, 5]
        )
        #expect(close(result.accuracy, 0.75))
        #expect(close(result.ranking?.rocAUC, 1))
        #expect(result.ranking?.precisionAtTop.map(\.rows) == [1, 2])
        #expect(result.pearson != nil && result.pearsonCount == 4)
        let json = try JSONEncoder().encode(result)
        let decoded = try JSONDecoder().decode(EvaluationResult.self, from: json)
        #expect(decoded == result)
        let text = result.renderText()
        #expect(text.contains("complaints: 4 rows, accuracy 0.750"))
        #expect(text.contains("ROC AUC 1.000"))
        let lines = text.split(separator: "\n")
        // Header and class rows are right-aligned to the same width, and so are the confusion rows.
        let table = lines.filter { $0.contains("precision") || $0.hasPrefix("  negative ") || $0.hasPrefix("  not-negative ") }
        #expect(table.count == 5)
        #expect(Set(table.prefix(3).map(\.count)).count == 1, "\(text)")
        #expect(Set(table.suffix(2).map(\.count)).count == 1, "\(text)")
    }
}
