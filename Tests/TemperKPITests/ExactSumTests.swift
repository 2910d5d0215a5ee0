import Foundation
import Testing
@testable import TemperKPI
import TemperIO

@Suite struct ExactSumTests {
    @Test func sumIsAssociativeAcrossSplits() {
        var rng = SplitMix64(seed: 9)
        let values = (0..<10_000).map { _ in Double.random(in: -1e6...1e6, using: &rng) }
        var whole = ExactSum()
        values.forEach { whole.add($0) }
        var a = ExactSum(), b = ExactSum()
        for (i, v) in values.enumerated() { if i % 3 == 0 { a.add(v) } else { b.add(v) } }
        b.merge(a)
        #expect(b == whole)
    }

    @Test func carriesBeyondSixtyFourBits() throws {
        var sum = ExactSum()
        for _ in 0..<4 { sum.add(units: Int64.max) }
        sum.add(units: -1)
        // 4 × (2⁶³ − 1) − 1 = 2⁶⁵ − 5 = 1 × 2⁶⁴ + (2⁶⁴ − 5)
        #expect(sum.high == 1 && sum.low == UInt64.max - 4)
        var negative = ExactSum()
        negative.add(units: Int64.min)
        negative.add(units: Int64.min)
        #expect(negative.high == -1 && negative.low == 0)
        #expect(negative.units == 2 * Double(Int64.min))
        let decoded = try JSONDecoder().decode(ExactSum.self, from: JSONEncoder().encode(sum))
        #expect(decoded == sum)
    }

    @Test func momentsGiveMeanAndVariance() {
        var m = MomentSum()
        for v in [0.5, -0.25, 0.25] { m.add(v) }
        #expect(abs(m.mean! - 1.0 / 6) < 1e-12)
        // Sample variance of 0.5, −0.25, 0.25: mean 1/6; squares of deviations sum to 0.2916667; ÷ 2.
        #expect(abs(m.variance! - 0.1458333) < 1e-6)
    }
}
