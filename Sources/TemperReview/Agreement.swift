/// Inter-rater agreement beyond chance, on nominal labels.
public enum Agreement {
    /// Cohen's kappa for two raters' labels of the same items: κ = (pₒ − pₑ) / (1 − pₑ), with pₒ
    /// the share of items they agree on and pₑ = Σₖ pₐ(k)·p_b(k) the agreement expected from
    /// each rater's own label frequencies.
    ///
    /// nil when undefined: no items, lists of different lengths, or pₑ = 1 (both raters gave
    /// every item the same single label, so chance explains everything and nothing is left to
    /// measure).
    public static func cohensKappa<Label: Hashable>(_ a: [Label], _ b: [Label]) -> Double? {
        guard !a.isEmpty, a.count == b.count else { return nil }
        var agreed = 0
        var countsA: [Label: Int] = [:], countsB: [Label: Int] = [:]
        for (x, y) in zip(a, b) {
            if x == y { agreed += 1 }
            countsA[x, default: 0] += 1
            countsB[y, default: 0] += 1
        }
        let n = Double(a.count)
        let observed = Double(agreed) / n
        var expected = 0.0
        for (label, countA) in countsA {
            expected += Double(countA) / n * Double(countsB[label] ?? 0) / n
        }
        return kappa(observed: observed, expected: expected)
    }

    /// Fleiss' kappa: one row per item, each the labels given by its raters (the same count,
    /// at least two, per item; which rater gave which label does not matter).
    /// κ = (P̄ − P̄ₑ) / (1 − P̄ₑ), with P̄ the mean over items of the share of agreeing rater
    /// pairs, Pᵢ = (Σⱼ nᵢⱼ² − n) / (n(n − 1)), and P̄ₑ = Σⱼ pⱼ² from the overall label shares.
    ///
    /// nil when undefined: no items, fewer than two raters, unequal rater counts, or P̄ₑ = 1.
    public static func fleissKappa<Label: Hashable>(_ ratings: [[Label]]) -> Double? {
        guard let raters = ratings.first?.count, raters >= 2, ratings.allSatisfy({ $0.count == raters }) else { return nil }
        let n = Double(raters)
        var totals: [Label: Int] = [:]
        var pairShareSum = 0.0
        for item in ratings {
            var counts: [Label: Int] = [:]
            for label in item { counts[label, default: 0] += 1 }
            var squares = 0
            for (label, count) in counts {
                squares += count * count
                totals[label, default: 0] += count
            }
            pairShareSum += (Double(squares) - n) / (n * (n - 1))
        }
        let observed = pairShareSum / Double(ratings.count)
        let all = Double(ratings.count) * n
        let expected = totals.values.reduce(0.0) { sum, count in
            let share = Double(count) / all
            return sum + share * share
        }
        return kappa(observed: observed, expected: expected)
    }

    private static func kappa(observed: Double, expected: Double) -> Double? {
        // Rounding can leave 1 − 1e-16 where the exact value is 1.
        guard 1 - expected > 1e-12 else { return nil }
        return (observed - expected) / (1 - expected)
    }
}
