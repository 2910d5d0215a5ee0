import Foundation
import Testing
@testable import TemperKPI
import TemperIO

@Suite struct LogHistogramTests {
    /// The exact nearest-rank quantile, for comparison.
    func exactQuantile(_ sorted: [Double], _ q: Double) -> Double {
        sorted[max(1, Int((q * Double(sorted.count)).rounded(.up))) - 1]
    }

    @Test func percentilesAreWithinOnePercent() {
        var rng = SplitMix64(seed: 11)
        for trial in 0..<20 {
            var histogram = LogHistogram()
            // Log-uniform between 1 s and 30 days, the documented accurate range.
            let values = (0..<(200 + trial * 50)).map { _ in exp(Double.random(in: 0..<log(2_592_000.0), using: &rng)) }
            values.forEach { histogram.add($0) }
            let sorted = values.sorted()
            for q in [0.01, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0] {
                let estimate = histogram.quantile(q)!
                let exact = exactQuantile(sorted, q)
                #expect(abs(estimate - exact) / exact <= LogHistogram.relativeAccuracy + 1e-12, "q=\(q) \(estimate) vs \(exact)")
            }
        }
    }

    @Test func everyBucketBoundaryRespectsTheBound() {
        for index in 1..<LogHistogram.topIndex {
            let lower = LogHistogram.lowerBounds[index]
            let upper = LogHistogram.lowerBounds[index + 1]
            let representative = LogHistogram.representative(ofBucket: index)
            for v in [lower, lower.nextUp, (lower + upper) / 2, upper.nextDown] {
                #expect(LogHistogram.bucket(for: v) == index)
                #expect(abs(representative - v) / v <= LogHistogram.relativeAccuracy + 1e-12)
            }
        }
        #expect(LogHistogram.topIndex < 760)
    }

    @Test func tailsAreClampedToExactExtremes() {
        var histogram = LogHistogram()
        [0.2, 0.4, 5_000_000.0].forEach { histogram.add($0) }
        #expect(histogram.quantile(0) == 0.2)
        #expect(histogram.quantile(1) == 5_000_000)
        #expect(histogram.quantile(0.5)! < 1)
        var single = LogHistogram()
        single.add(42)
        #expect(single.quantile(0.5) == 42 && single.quantile(0.9) == 42)
        #expect(LogHistogram().quantile(0.5) == nil)
    }

    @Test func mergeIsExactAndOrderIndependent() throws {
        var rng = SplitMix64(seed: 5)
        let values = (0..<3_000).map { _ in Double.random(in: 0..<4_000_000, using: &rng) }
        var whole = LogHistogram()
        values.forEach { whole.add($0) }
        var parts = [LogHistogram](repeating: LogHistogram(), count: 4)
        for (i, v) in values.enumerated() { parts[i % 4].add(v) }
        var merged = LogHistogram()
        for part in parts.reversed() { merged.merge(part) }
        #expect(merged == whole)
        let decoded = try JSONDecoder().decode(LogHistogram.self, from: JSONEncoder().encode(whole))
        #expect(decoded == whole)
        #expect(try JSONDecoder().decode(LogHistogram.self, from: JSONEncoder().encode(LogHistogram())) == LogHistogram())
    }

    @Test func corruptHistogramIsRejected() {
        let json = Data(#"{"offset":5000,"counts":[1],"min":1,"max":1}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LogHistogram.self, from: json) }
    }
}
