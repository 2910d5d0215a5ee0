/// The distinct customers active in one group and period, for the retention rate.
///
/// Retention needs identities across periods, so it is the one statistic whose memory grows with
/// the data — with distinct customers, not conversations. Each customer is stored as a 64-bit
/// FNV-1a hash (stable across processes, unlike `Hasher`, so shard partials agree): 8 bytes per
/// customer, with a collision chance around n²/2⁶⁵ (≈ 3·10⁻⁸ for a million customers).
struct CustomerSet: Codable, Sendable, Equatable {
    private(set) var hashes: Set<UInt64> = []

    var count: Int { hashes.count }

    mutating func insert(_ customer: String) {
        hashes.insert(Self.fnv1a(customer))
    }

    mutating func merge(_ other: CustomerSet) {
        hashes.formUnion(other.hashes)
    }

    func intersectionCount(_ other: CustomerSet) -> Int {
        let (small, large) = count <= other.count ? (self, other) : (other, self)
        return small.hashes.reduce(0) { $0 + (large.hashes.contains($1) ? 1 : 0) }
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    init() {}

    init(from decoder: Decoder) throws {
        hashes = Set(try decoder.singleValueContainer().decode([UInt64].self))
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(hashes.sorted())  // sorted, so equal sets serialise identically
    }
}
