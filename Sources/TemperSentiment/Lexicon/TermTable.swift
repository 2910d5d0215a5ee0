/// An open-addressing hash table from 64-bit term hashes to small values, built once and read
/// in the scoring loop: one multiply, one mask and usually one probe per lookup, with no
/// hashing of the key again (the key already is a good hash) and no reference counting.
/// Each key sits next to its value, so a hit costs one cache line, not two; and a bit per slot
/// says whether any key has that slot as its home, so most misses (ordinary words are not terms)
/// are answered from a small bitmap that stays in cache instead of a probe into the table.
struct TermTable<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var key: UInt64
        var value: Value?
    }

    private var entries: [Entry]
    /// Bit `i` is set when some stored key's home slot is `i` (one bit per slot).
    private var homes: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        entries = [Entry](repeating: Entry(key: 0, value: nil), count: size)
        homes = Self.emptyHomes(size)
        mask = size - 1
    }

    private static func emptyHomes(_ size: Int) -> [UInt64] {
        [UInt64](repeating: 0, count: max(1, size / 64))
    }

    @inline(__always)
    private mutating func markHome(_ slot: Int) {
        homes[slot >> 6] |= 1 << UInt64(slot & 63)
    }

    /// 0 marks an empty slot, so a key that hashes to 0 is stored as 1 (a collision a
    /// 64-bit hash makes negligible).
    @inline(__always)
    private static func stored(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing spreads FNV's weaker low bits over the table.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    @inline(__always)
    func value(for key: UInt64) -> Value? {
        let key = Self.stored(key)
        var index = slot(key)
        // `index >> 6` < `homes.count` because `index` <= `mask` (see `emptyHomes`).
        let home = homes.withUnsafeBufferPointer { $0[index >> 6] }
        guard home & (1 << UInt64(index & 63)) != 0 else { return nil }
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
            markHome(index)
            while entries[index].key != 0, entries[index].key != key { index = (index + 1) & mask }
            if entries[index].key == 0 { count += 1 }
            entries[index] = Entry(key: key, value: newValue)
        }
    }

    private mutating func grow() {
        let old = entries
        entries = [Entry](repeating: Entry(key: 0, value: nil), count: old.count * 2)
        homes = Self.emptyHomes(entries.count)
        mask = entries.count - 1
        count = 0
        for entry in old where entry.key != 0 {
            var index = slot(entry.key)
            markHome(index)
            while entries[index].key != 0 { index = (index + 1) & mask }
            entries[index] = entry
            count += 1
        }
    }

    /// All stored values (for counts and listings).
    var allValues: [Value] { entries.compactMap { $0.value } }
}
