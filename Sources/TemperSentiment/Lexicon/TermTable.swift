/// An open-addressing hash table from 64-bit term hashes to small values, built once and read
/// in the scoring loop: one multiply, one mask and usually one probe per lookup, with no
/// hashing of the key again (the key already is a good hash) and no reference counting.
/// Each key sits next to its value, so a hit costs one cache line, not two; and a small bitmap
/// filter that stays in cache answers most misses (ordinary words are not terms) without a
/// probe into the table.
struct TermTable<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var key: UInt64
        var value: Value?
    }

    private var entries: [Entry]
    /// Bit `i` is set when some stored key's filter position is `i`. A key's position is its
    /// home slot with more of its hash bits, four bits per slot: with the table at most half
    /// full that is eight or more bits per key, so about one miss in nine gets through to a
    /// probe, where one bit per slot let two misses in five through.
    private var filter: [UInt64]
    private var mask: Int
    private var filterMask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        entries = [Entry](repeating: Entry(key: 0, value: nil), count: size)
        (filter, filterMask) = Self.emptyFilter(size)
        mask = size - 1
    }

    private static var filterBitsPerSlot: Int { 4 }

    /// A cleared filter for a table of `size` slots (a power of two, at least 16), and its mask.
    private static func emptyFilter(_ size: Int) -> ([UInt64], Int) {
        let bits = size * filterBitsPerSlot
        return ([UInt64](repeating: 0, count: bits / 64), bits - 1)
    }

    @inline(__always)
    private mutating func markFilter(_ key: UInt64) {
        let bit = position(key) & filterMask
        filter[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    /// 0 marks an empty slot, so a key that hashes to 0 is stored as 1 (a collision a
    /// 64-bit hash makes negligible).
    @inline(__always)
    private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    /// The key's mixed bits: its home slot is their low bits (`& mask`), its filter position
    /// the same with a few more (`& filterMask`).
    @inline(__always)
    private func position(_ key: UInt64) -> Int {
        // Fibonacci hashing spreads FNV's weaker low bits over the table.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20)
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { position(key) & mask }

    @inline(__always)
    func value(for key: UInt64) -> Value? {
        let key = Self.stored(key)
        let position = position(key)
        let bit = position & filterMask
        // `bit >> 6` < `filter.count` because `bit` <= `filterMask` (see `emptyFilter`).
        let word = filter.withUnsafeBufferPointer { $0[bit >> 6] }
        guard word & (1 << UInt64(bit & 63)) != 0 else { return nil }
        var index = position & mask
        return entries.withUnsafeBufferPointer { entries in
            // `slot` and the probe step are masked with `mask`, which is `entries.count - 1`.
            while true {
                let found = entries[index].key
                if found == key { return entries[index].value }
                if found == 0 { return nil }
                index = (index + 1) & mask
            }
        }
    }

    subscript(key: UInt64) -> Value? {
        get { value(for: key) }
        set {
            guard let newValue else { return }
            if (count + 1) * 2 > entries.count { grow() }
            let key = Self.stored(key)
            var index = slot(key)
            markFilter(key)
            while entries[index].key != 0, entries[index].key != key { index = (index + 1) & mask }
            if entries[index].key == 0 { count += 1 }
            entries[index] = Entry(key: key, value: newValue)
        }
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(key: 0, value: nil), count: old.count * 2)
        (filter, filterMask) = Self.emptyFilter(entries.count)
        mask = entries.count - 1
        count = 0
        for entry in old where entry.key != 0 {
            var index = slot(entry.key)
            markFilter(entry.key)
            while entries[index].key != 0 { index = (index + 1) & mask }
            entries[index] = entry
            count += 1
        }
    }

    /// All stored values (for counts and listings).
    var allValues: [Value] { entries.compactMap { $0.value } }
}
