import Testing
@testable import TemperKPI

@Suite struct StatisticsTests {
    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    /// By hand: p = 0.8, n = 10, z² = 3.8414588; denominator 1 + z²/n = 1.3841459;
    /// centre = (0.8 + z²/20) / 1.3841459 = 0.99207294 / 1.3841459 = 0.7167402;
    /// half = (1.9599640 / 1.3841459) × √(0.8 × 0.2 / 10 + z²/400) = 1.4160094 × 0.1600114 = 0.2265777;
    /// so [0.4901625, 0.9433178] (tables give 0.490–0.943).
    @Test func wilsonEightOfTen() {
        let ci = Statistics.wilson(successes: 8, trials: 10)
        #expect(close(ci?.lower, 0.4901625))
        #expect(close(ci?.upper, 0.9433178))
        #expect(ci?.method == .wilson)
    }

    /// 0 of 10: centre = half = (z²/20) / 1.3841459 = 0.1920729 / 1.3841459 = 0.1387664 → [0, 0.2775328].
    @Test func wilsonZeroSuccessesStaysInRange() {
        let ci = Statistics.wilson(successes: 0, trials: 10)
        #expect(ci?.lower == 0)
        #expect(close(ci?.upper, 0.2775328))
        let all = Statistics.wilson(successes: 10, trials: 10)
        #expect(all?.upper == 1)
        #expect(close(all?.lower, 0.7224672))
    }

    @Test func wilsonLargeSampleApproachesWald() {
        let ci = Statistics.wilson(successes: 50_000, trials: 100_000)!
        #expect(close(ci.lower, 0.5 - 1.959964 * 0.0015811, 1e-5))
        #expect(close(ci.upper, 0.5 + 1.959964 * 0.0015811, 1e-5))
    }

    @Test func noTrialsNoInterval() {
        #expect(Statistics.wilson(successes: 0, trials: 0) == nil)
        #expect(Statistics.ternary(plus: 0, minus: 0, total: 0) == nil)
        #expect(Statistics.mean(MomentSum(), bounds: 0...1) == nil)
    }

    /// 5 promoters, 3 detractors, 2 passives of 10: score 0.2; variance 0.8 − 0.04 = 0.76;
    /// half = 1.959964 × √0.076 = 0.5403248.
    @Test func ternaryIntervalForNPS() {
        let ci = Statistics.ternary(plus: 5, minus: 3, total: 10)
        #expect(close(ci?.lower, 0.2 - 0.5403248))
        #expect(close(ci?.upper, 0.2 + 0.5403248))
        #expect(Statistics.ternary(plus: 10, minus: 0, total: 10) == ConfidenceInterval(lower: 1, upper: 1, method: .waldTernary))
    }

    /// Values 1, 2, 3: mean 2, sample variance 1, half = 1.959964 / √3 = 1.1315857.
    @Test func meanInterval() {
        var m = MomentSum()
        for v in [1.0, 2, 3] { m.add(v) }
        let ci = Statistics.mean(m, bounds: -10...10)
        #expect(close(ci?.lower, 2 - 1.1315857))
        #expect(close(ci?.upper, 2 + 1.1315857))
        #expect(Statistics.mean(m, bounds: 1...7)?.lower == 1)
    }
}
