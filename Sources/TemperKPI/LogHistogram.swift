import Foundation

/// A mergeable, fixed-resolution histogram of durations for medians and p90s in bounded memory.
///
/// Buckets are logarithmic: bucket `i ≥ 1` holds `[γ^(i−1), γ^i)` seconds with
/// `γ = (1 + α) / (1 − α)` and `α = 0.01`, reported at `2γ^(i−1)·γ / (γ + 1)`. Any value in
/// `[1 s, 30 days)` is therefore estimated with a **relative error of at most 1 %** (the same bound
/// as DDSketch); there are about 740 such buckets. Values below 1 s share bucket 0 (estimated at
/// 0.5 s, so off by under 1 s) and values of 30 days or more share the top bucket (reported as the
/// exact maximum). The exact minimum and maximum are kept: the first and last ranks are exact and
/// every estimate is clamped between them.
///
/// Only the range of buckets actually touched is stored (4 bytes per bucket, typically a few hundred
/// buckets), and counts are integers, so merging two histograms is exact and order-independent —
/// the property shard merging relies on. A single bucket holds at most 2³² − 1 values per group and
/// period; exceeding that traps rather than silently wrapping.
struct LogHistogram: Sendable, Equatable {
    static let relativeAccuracy = 0.01
    static let gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
    static let smallest = 1.0
    static let largest = 30.0 * 86_400
    /// Index of the top bucket, which also takes everything above `largest`.
    static let topIndex = Int((log(largest) / log(gamma)).rounded(.up)) + 1
    /// `lowerBounds[i]` is the smallest value in bucket `i` (`0` for bucket 0).
    static let lowerBounds: [Double] = [0] + (1...topIndex).map { pow(gamma, Double($0 - 1)) }

    /// Index of `counts[0]`.
    private var offset = 0
    private var counts: [UInt32] = []
    private(set) var total = 0
    private var minimum = Double.infinity
    private var maximum = -Double.infinity

    init() {}

    static func bucket(for value: Double) -> Int {
        guard value >= smallest else { return 0 }
        guard value < lowerBounds[topIndex] else { return topIndex }
        var index = min(topIndex, max(1, Int(log(value) / log(gamma)) + 1))
        // `log` can land one bucket off right at a boundary; the table decides.
        while index > 1, value < lowerBounds[index] { index -= 1 }
        while index < topIndex, value >= lowerBounds[index + 1] { index += 1 }
        return index
    }

    static func representative(ofBucket index: Int) -> Double {
        index == 0 ? smallest / 2 : lowerBounds[index] * 2 * gamma / (gamma + 1)
    }


    mutating func add(_ value: Double) {
        add(bucket: Self.bucket(for: value), count: 1)
        minimum = min(minimum, value)
        maximum = max(maximum, value)
    }

    private mutating func add(bucket index: Int, count: Int) {
        if counts.isEmpty {
            offset = index
            counts = [0]
        } else if index < offset {
            counts.insert(contentsOf: repeatElement(0, count: offset - index), at: 0)
            offset = index
        } else if index >= offset + counts.count {
            counts.append(contentsOf: repeatElement(0, count: index - offset - counts.count + 1))
        }
        counts[index - offset] += UInt32(count)
        total += count
    }

    mutating func merge(_ other: LogHistogram) {
        guard other.total > 0 else { return }
        for (i, count) in other.counts.enumerated() where count > 0 {
            add(bucket: other.offset + i, count: Int(count))
        }
        minimum = min(minimum, other.minimum)
        maximum = max(maximum, other.maximum)
    }

    /// Nearest-rank quantile (`q = 0.5` is the lower median, `0.9` the p90), `nil` when empty.
    func quantile(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let rank = min(total, max(1, Int((q * Double(total)).rounded(.up))))
        if rank == 1 { return minimum }
        if rank == total { return maximum }
        var seen = 0
        for (i, count) in counts.enumerated() {
            seen += Int(count)
            if seen >= rank {
                let index = offset + i
                return index == Self.topIndex ? maximum : min(maximum, max(minimum, Self.representative(ofBucket: index)))
            }
        }
        return maximum
    }
}

extension LogHistogram: Codable {
    private enum CodingKeys: String, CodingKey { case offset, counts, min, max }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let counts = try c.decodeIfPresent([UInt32].self, forKey: .counts) ?? []
        guard !counts.isEmpty else { return }
        let offset = try c.decode(Int.self, forKey: .offset)
        guard offset >= 0, offset + counts.count - 1 <= Self.topIndex, counts.first! > 0, counts.last! > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .counts, in: c, debugDescription: "histogram buckets out of range")
        }
        self.offset = offset
        self.counts = counts
        self.total = counts.reduce(0) { $0 + Int($1) }
        self.minimum = try c.decode(Double.self, forKey: .min)
        self.maximum = try c.decode(Double.self, forKey: .max)
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        guard total > 0 else { return }
        try c.encode(offset, forKey: .offset)
        try c.encode(counts, forKey: .counts)
        try c.encode(minimum, forKey: .min)
        try c.encode(maximum, forKey: .max)
    }
}
