import Foundation

/// Gold × predicted counts: `counts[gold][predicted]`.
public struct ConfusionMatrix: Sendable, Equatable, Codable {
    public let classNames: [String]
    public private(set) var counts: [[Int]]

    public init(classNames: [String]) {
        precondition(classNames.count >= 2, "a confusion matrix needs at least two classes")
        self.classNames = classNames
        self.counts = Array(repeating: Array(repeating: 0, count: classNames.count), count: classNames.count)
    }

    /// Builds the matrix from parallel arrays of class indices.
    public init(classNames: [String], gold: [Int], predicted: [Int]) {
        precondition(gold.count == predicted.count, "gold and predicted must have the same length")
        self.init(classNames: classNames)
        for (g, p) in zip(gold, predicted) { add(gold: g, predicted: p) }
    }

    public mutating func add(gold: Int, predicted: Int, count: Int = 1) {
        counts[gold][predicted] += count
    }

    public var classCount: Int { classNames.count }
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    public var correct: Int { (0..<classCount).reduce(0) { $0 + counts[$1][$1] } }
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// Gold count of class `c`.
    public func support(of c: Int) -> Int { counts[c].reduce(0, +) }
    /// How often `c` was predicted.
    public func predictedCount(of c: Int) -> Int { (0..<classCount).reduce(0) { $0 + counts[$1][c] } }

    /// Precision of class `c` (0 when it was never predicted).
    public func precision(of c: Int) -> Double {
        let predicted = predictedCount(of: c)
        return predicted == 0 ? 0 : Double(counts[c][c]) / Double(predicted)
    }

    /// Recall of class `c` (0 when it never occurs).
    public func recall(of c: Int) -> Double {
        let support = support(of: c)
        return support == 0 ? 0 : Double(counts[c][c]) / Double(support)
    }

    public func f1(of c: Int) -> Double {
        let p = precision(of: c), r = recall(of: c)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }

    /// Unweighted mean of the per-class F1 over all classes (including absent ones, scored 0 —
    /// as scikit-learn does; a class with no gold and no predicted rows is left out instead).
    public var macroF1: Double {
        let present = (0..<classCount).filter { support(of: $0) > 0 || predictedCount(of: $0) > 0 }
        guard !present.isEmpty else { return 0 }
        return present.reduce(0) { $0 + f1(of: $1) } / Double(present.count)
    }

    /// Unweighted mean of the per-class recall over the classes with gold rows (SemEval's
    /// "average recall", the tweet-sentiment benchmarks' metric: it does not reward ignoring a
    /// rare class).
    public var macroRecall: Double {
        let present = (0..<classCount).filter { support(of: $0) > 0 }
        guard !present.isEmpty else { return 0 }
        return present.reduce(0) { $0 + recall(of: $1) } / Double(present.count)
    }
}

public struct ClassMetrics: Sendable, Equatable, Codable {
    public var name: String
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var support: Int
}

/// Precision among the `fraction` highest-ranked rows.
public struct PrecisionAtK: Sendable, Equatable, Codable {
    public var fraction: Double
    public var rows: Int
    public var precision: Double
}

/// Ranking quality of a score for one target class (e.g. "negative" for escalation).
public struct RankingMetrics: Sendable, Equatable, Codable {
    public var targetClass: String
    public var rocAUC: Double?
    public var precisionAtTop: [PrecisionAtK]
}

/// One data set's evaluation, for `--json` (Codable) and text output (`renderText`).
public struct EvaluationResult: Sendable, Equatable, Codable {
    public var dataset: String
    public var count: Int
    public var accuracy: Double
    public var macroF1: Double
    /// Mean per-class recall (see `ConfusionMatrix.macroRecall`).
    public var macroRecall: Double
    public var classes: [ClassMetrics]
    public var confusion: ConfusionMatrix
    public var ranking: RankingMetrics?
    /// Pearson r between a predicted score and numeric gold, when the data has scores.
    public var pearson: Double?
    public var pearsonCount: Int?

    /// Computes everything from parallel arrays. `rankingScores`, if given, are "how much of
    /// `rankingTarget`" per row (higher = more likely), used for ROC AUC and precision@k.
    public init(
        dataset: String, classNames: [String], gold: [Int], predicted: [Int],
        rankingScores: [Double]? = nil, rankingTarget: Int? = nil,
        topFractions: [Double] = [0.01, 0.05, 0.10],
        goldScores: [Double]? = nil, predictedScores: [Double]? = nil
    ) {
        let confusion = ConfusionMatrix(classNames: classNames, gold: gold, predicted: predicted)
        self.dataset = dataset
        self.count = gold.count
        self.confusion = confusion
        self.accuracy = confusion.accuracy
        self.macroF1 = confusion.macroF1
        self.macroRecall = confusion.macroRecall
        self.classes = (0..<classNames.count).map {
            ClassMetrics(name: classNames[$0], precision: confusion.precision(of: $0), recall: confusion.recall(of: $0),
                         f1: confusion.f1(of: $0), support: confusion.support(of: $0))
        }
        if let rankingScores, let rankingTarget {
            let positives = gold.map { $0 == rankingTarget }
            ranking = RankingMetrics(
                targetClass: classNames[rankingTarget],
                rocAUC: Metrics.rocAUC(scores: rankingScores, positives: positives),
                precisionAtTop: topFractions.compactMap { fraction in
                    Metrics.precisionAtTop(fraction: fraction, scores: rankingScores, positives: positives).map {
                        PrecisionAtK(fraction: fraction, rows: Metrics.topCount(fraction: fraction, total: gold.count), precision: $0)
                    }
                }
            )
        }
        if let goldScores, let predictedScores {
            pearson = Metrics.pearson(goldScores, predictedScores)
            pearsonCount = goldScores.count
        }
    }

    /// An aligned plain-text table.
    public func renderText() -> String {
        var lines: [String] = []
        lines.append("\(dataset): \(count) rows, accuracy \(Metrics.format(accuracy)), macro-F1 \(Metrics.format(macroF1)), macro recall \(Metrics.format(macroRecall))")
        let nameWidth = max(5, classes.map(\.name.count).max() ?? 0)
        lines.append("  " + Metrics.pad("class", nameWidth) + "  precision  recall      F1  support")
        for c in classes {
            lines.append("  " + Metrics.pad(c.name, nameWidth)
                + Metrics.padLeft(Metrics.format(c.precision), 11) + Metrics.padLeft(Metrics.format(c.recall), 8)
                + Metrics.padLeft(Metrics.format(c.f1), 8) + Metrics.padLeft(String(c.support), 9))
        }
        lines.append("  confusion (rows gold, columns predicted):")
        let cellWidth = max(6, confusion.classNames.map(\.count).max() ?? 0, String(confusion.total).count) + 2
        lines.append("  " + Metrics.pad("", nameWidth) + confusion.classNames.map { Metrics.padLeft($0, cellWidth) }.joined())
        for (g, row) in confusion.counts.enumerated() {
            lines.append("  " + Metrics.pad(confusion.classNames[g], nameWidth) + row.map { Metrics.padLeft(String($0), cellWidth) }.joined())
        }
        if let ranking {
            var parts: [String] = []
            if let auc = ranking.rocAUC { parts.append("ROC AUC \(Metrics.format(auc))") }
            for p in ranking.precisionAtTop {
                parts.append("P@\(Metrics.format(p.fraction * 100, digits: p.fraction * 100 < 1 ? 1 : 0))% \(Metrics.format(p.precision)) (\(p.rows))")
            }
            lines.append("  ranking \(ranking.targetClass): " + parts.joined(separator: ", "))
        }
        if let pearson {
            lines.append("  Pearson r \(Metrics.format(pearson)) over \(pearsonCount ?? 0) scored rows")
        }
        return lines.joined(separator: "\n")
    }
}

public enum Metrics {
    /// Pearson correlation; nil when fewer than two pairs or either side is constant.
    static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count, "pearson needs pairs")
        let n = x.count
        guard n >= 2 else { return nil }
        let mx = x.reduce(0, +) / Double(n)
        let my = y.reduce(0, +) / Double(n)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<n {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// ROC AUC via the Mann–Whitney U statistic with average ranks for ties (a tied
    /// positive/negative pair counts one half). Nil unless both classes occur.
    public static func rocAUC(scores: [Double], positives: [Bool]) -> Double? {
        precondition(scores.count == positives.count, "rocAUC needs one label per score")
        let positiveCount = positives.lazy.filter { $0 }.count
        let negativeCount = positives.count - positiveCount
        guard positiveCount > 0, negativeCount > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var positiveRankSum = 0.0
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && scores[order[j + 1]] == scores[order[i]] { j += 1 }
            let averageRank = Double(i + j + 2) / 2  // ranks are 1-based
            for k in i...j where positives[order[k]] { positiveRankSum += averageRank }
            i = j + 1
        }
        let u = positiveRankSum - Double(positiveCount) * Double(positiveCount + 1) / 2
        return u / (Double(positiveCount) * Double(negativeCount))
    }

    /// How many rows "the top `fraction`" is: ceil(fraction × total), at least 1.
    static func topCount(fraction: Double, total: Int) -> Int {
        guard total > 0 else { return 0 }
        // The epsilon keeps 0.1 × 30 = 3.0000000000000004 from becoming 4.
        let exact = (max(0, fraction) * Double(total) - 1e-9).rounded(.up)
        return min(total, max(1, Int(exact)))
    }

    /// Precision among the top `fraction` of rows by descending score. Rows tied with the
    /// cut-off score are counted fractionally (the expected precision over random tie-breaking),
    /// so the result does not depend on input order. Nil for empty input.
    public static func precisionAtTop(fraction: Double, scores: [Double], positives: [Bool]) -> Double? {
        precondition(scores.count == positives.count, "precisionAtTop needs one label per score")
        let k = topCount(fraction: fraction, total: scores.count)
        guard k > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        let cutoff = scores[order[k - 1]]
        var above = 0, abovePositive = 0, tied = 0, tiedPositive = 0
        for index in order {
            if scores[index] > cutoff {
                above += 1
                if positives[index] { abovePositive += 1 }
            } else if scores[index] == cutoff {
                tied += 1
                if positives[index] { tiedPositive += 1 }
            }
        }
        let takenFromTie = Double(k - above)
        let expectedPositive = Double(abovePositive) + takenFromTie * Double(tiedPositive) / Double(tied)
        return expectedPositive / Double(k)
    }

    static func format(_ value: Double, digits: Int = 3) -> String {
        String(format: "%.\(digits)f", value)
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func padLeft(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }
}
