/// A 128-bit integer sum of fixed-point values.
///
/// Floating-point addition is not associative, so summing shards separately and then adding the
/// partial sums would give a different last bit than one pass, and "merged shards equal one run"
/// would only hold approximately. Inputs are instead quantised to `scale` units (1e-6: micro-seconds
/// for durations, millionths for scores and money) and summed exactly in 128 bits, which no realistic
/// input can overflow.
struct ExactSum: Codable, Sendable, Equatable {
    /// Fixed-point units per 1.0 of input.
    static let scale = 1_000_000.0

    private(set) var high: Int64 = 0
    private(set) var low: UInt64 = 0

    init() {}

    /// The fixed-point representation `add` uses; exposed so squares can be formed consistently.
    static func quantize(_ value: Double) -> Int64 {
        Int64((value * scale).rounded())
    }

    mutating func add(units: Int64) {
        let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: units))
        low = sum
        high = high &+ (units < 0 ? -1 : 0) &+ (carry ? 1 : 0)
    }

    mutating func add(_ value: Double) {
        add(units: Self.quantize(value))
    }

    mutating func merge(_ other: ExactSum) {
        let (sum, carry) = low.addingReportingOverflow(other.low)
        low = sum
        high = high &+ other.high &+ (carry ? 1 : 0)
    }

    /// The sum in fixed-point units, rounded to the nearest `Double`.
    var units: Double {
        Double(high) * 18_446_744_073_709_551_616.0 + Double(low)
    }

    /// The sum in input units.
    var value: Double { units / Self.scale }

    init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        high = try c.decode(Int64.self)
        low = try c.decode(UInt64.self)
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(high)
        try c.encode(low)
    }
}

/// Count, exact sum and exact sum of squares of a bounded score (sentiment, effort), enough for a
/// mean and its normal-approximation interval.
struct MomentSum: Codable, Sendable, Equatable {
    private(set) var count = 0
    private(set) var sum = ExactSum()
    /// In squared fixed-point units (1e-12 of the input's square).
    private(set) var sumOfSquares = ExactSum()

    init() {}

    mutating func add(_ value: Double) {
        let units = ExactSum.quantize(value)
        count += 1
        sum.add(units: units)
        sumOfSquares.add(units: units * units)  // |units| ≤ 7e6 for the scores this holds
    }

    mutating func merge(_ other: MomentSum) {
        count += other.count
        sum.merge(other.sum)
        sumOfSquares.merge(other.sumOfSquares)
    }

    var mean: Double? {
        count > 0 ? sum.value / Double(count) : nil
    }

    /// Sample variance in input units², `nil` below two observations.
    var variance: Double? {
        guard count > 1, let mean else { return nil }
        let meanOfSquares = sumOfSquares.units / (ExactSum.scale * ExactSum.scale) / Double(count)
        return max(0, (meanOfSquares - mean * mean) * Double(count) / Double(count - 1))
    }
}
