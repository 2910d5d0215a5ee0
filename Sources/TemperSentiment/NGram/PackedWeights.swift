/// The n-gram weights as scoring reads them: only the nonzero ones, found through an occupancy
/// bitmap.
///
/// Why: a hashed model is sparse. The shipped one has 2^20 slots but only ~16% of them were ever
/// touched in training; the dense table is 4 MiB, larger than this machine's 2 MiB per-core L2
/// cache, so nearly every one of a message's ~40 feature lookups missed it. Packed, the model is
/// ~0.9 MiB (a 16-byte block per 64 slots plus the nonzero floats) and stays in cache; a feature
/// never seen in training is answered from its block alone. The values are the same floats, added
/// in the same order, so scores are bit-identical to the dense table's.
public struct PackedWeights: Sendable {
    /// 64 slots: which hold a nonzero weight, and where the first of those sits in `values`.
    @usableFromInline struct Block: Sendable {
        @usableFromInline var occupied: UInt64
        @usableFromInline var firstValue: UInt32
    }

    @usableFromInline let blocks: [Block]
    @usableFromInline let values: [Float]
    /// The slot count (2^hash bits).
    public let dimension: Int

    public init(_ dense: [Float]) {
        dimension = dense.count
        var blocks: [Block] = []
        blocks.reserveCapacity((dense.count + 63) / 64)
        var values: [Float] = []
        for blockStart in stride(from: 0, to: dense.count, by: 64) {
            var block = Block(occupied: 0, firstValue: UInt32(values.count))
            for offset in 0..<min(64, dense.count - blockStart) where dense[blockStart + offset] != 0 {
                block.occupied |= 1 << UInt64(offset)
                values.append(dense[blockStart + offset])
            }
            blocks.append(block)
        }
        self.blocks = blocks
        self.values = values
    }

    /// How many weights are nonzero.
    public var nonzeroCount: Int { values.count }

    /// The weight in slot `index` (0 for a slot no feature was trained into).
    @inlinable @inline(__always)
    public subscript(index: Int) -> Float {
        // `blocks` has one entry per 64 slots and `values` one per set bit, so both reads are in
        // range for any `index` below `dimension`; the subscripts still check.
        let block = blocks[index >> 6]
        let bit = UInt64(1) << UInt64(index & 63)
        guard block.occupied & bit != 0 else { return 0 }
        return values[Int(block.firstValue) + (block.occupied & (bit &- 1)).nonzeroBitCount]
    }
}
