import Foundation

/// How an interval was computed, so readers can judge it.
public enum IntervalMethod: String, Codable, Sendable {
    /// Wilson score interval for a binomial proportion.
    case wilson
    /// Normal approximation for the mean of a −1/0/+1 variable (NPS, net sentiment).
    case waldTernary = "wald_ternary"
    /// Normal approximation for a mean (mean ± z·s/√n).
    case normalMean = "normal_mean"
    /// Newcombe's hybrid score interval for a difference of two proportions.
    case newcombe
}

/// A 95 % confidence interval, in the KPI's unit.
public struct ConfidenceInterval: Codable, Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var method: IntervalMethod

    public init(lower: Double, upper: Double, method: IntervalMethod) {
        self.lower = lower
        self.upper = upper
        self.method = method
    }

    func scaled(by factor: Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: lower * factor, upper: upper * factor, method: method)
    }
}

/// Interval formulas. All return `nil` when there is no data rather than NaN.
enum Statistics {
    /// Two-sided 95 % normal quantile.
    static let z95 = 1.959963984540054

    /// Wilson score interval for `successes / trials`, as fractions in 0…1.
    ///
    /// Chosen over the textbook Wald interval because support KPIs are often near 0 % or 100 % on
    /// small teams, where Wald collapses to zero width or leaves 0…1.
    static func wilson(successes: Int, trials: Int, z: Double = z95) -> ConfidenceInterval? {
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        // At 0 % and 100 % the bound is exactly 0 or 1; rounding would otherwise leave 0.9999999999999999.
        let lower = successes == 0 ? 0 : max(0, centre - half)
        let upper = successes == trials ? 1 : min(1, centre + half)
        return ConfidenceInterval(lower: lower, upper: upper, method: .wilson)
    }

    /// Interval for `(plus − minus) / n`, a net score in −1…1.
    ///
    /// NPS and net sentiment are the mean of a variable scoring +1 (promoter/positive),
    /// 0 (passive/neutral) and −1 (detractor/negative); its variance is
    /// `(p₊ + p₋) − (p₊ − p₋)²`, so by the central limit theorem the score ± z·√(var/n) is an
    /// approximate 95 % interval. It is only shown once `n` reaches the minimum sample, where the
    /// approximation is reasonable; it is clamped to −1…1.
    static func ternary(plus: Int, minus: Int, total: Int, z: Double = z95) -> ConfidenceInterval? {
        guard total > 0 else { return nil }
        let n = Double(total)
        let pPlus = Double(plus) / n
        let pMinus = Double(minus) / n
        let score = pPlus - pMinus
        let variance = max(0, pPlus + pMinus - score * score)
        let half = z * (variance / n).squareRoot()
        return ConfidenceInterval(lower: max(-1, score - half), upper: min(1, score + half), method: .waldTernary)
    }

    /// Normal-approximation interval for a mean, clamped to the scale's `bounds`.
    static func mean(_ moments: MomentSum, bounds: ClosedRange<Double>, z: Double = z95) -> ConfidenceInterval? {
        guard let mean = moments.mean, let variance = moments.variance else { return nil }
        let half = z * (variance / Double(moments.count)).squareRoot()
        return ConfidenceInterval(lower: max(bounds.lowerBound, mean - half),
                                  upper: min(bounds.upperBound, mean + half), method: .normalMean)
    }
}
