import Testing
@testable import TemperKPI

@Suite struct ValueFormattingTests {
    @Test(arguments: [(0.4, "0.4s"), (42.0, "42s"), (200.0, "3m 20s"), (3_900.0, "1h 05m"), (190_000.0, "2d 04h")])
    func durations(seconds: Double, text: String) {
        #expect(ValueFormatting.duration(seconds) == text)
    }

    @Test func units() {
        #expect(ValueFormatting.value(87.26, unit: .percent) == "87.3%")
        #expect(ValueFormatting.value(20, unit: .points) == "+20.0")
        #expect(ValueFormatting.value(-0.001, unit: .points) == "0.0")
        #expect(ValueFormatting.value(1234567, unit: .count) == "1,234,567")
        #expect(ValueFormatting.value(nil, unit: .score) == "—")
        #expect(ValueFormatting.target(AppliedTarget(value: 1800, direction: .lowerIsBetter, warning: 300, statistic: .median),
                                       unit: .seconds) == "median ≤ 30m 00s (±5m 00s warn)")
    }
}
