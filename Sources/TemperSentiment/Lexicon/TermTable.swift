/// An open-addressing hash table from 64-bit term hashes to small values, built once and read
/// in the scoring loop: one multiply, one mask and usually one probe per lookup, with no
/// hashing of the key again (the key already is a good hash) and no reference counting.
struct TermTable<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
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
        while true {
            let found = keys[index]
            if found == key { return values[index] }
            if found == 0 { return nil }
            index = (index + 1) & mask
        }
    }

    subscript(key: UInt64) -> Value? {
        get { value(for: key) }
        set {
            guard let newValue else { return }
            if (count + 1) * 2 > keys.count { grow() }
            let key = Self.stored(key)
            var index = slot(key)
            while keys[index] != 0, keys[index] != key { index = (index + 1) & mask }
            if keys[index] == 0 { count += 1 }
            keys[index] = key
            values[index] = newValue
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Value?](repeating: nil, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != 0 {
            var index = slot(key)
            while keys[index] != 0 { index = (index + 1) & mask }
            keys[index] = key
            values[index] = value
            count += 1
        }
    }

    /// All stored values (for counts and listings).
    var allValues: [Value] { values.compactMap { $0 } }
}
