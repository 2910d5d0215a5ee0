/// A stable 64-bit hash (FNV-1a) of normalized token bytes. Lexicons and n-gram models key on it
/// so that lookups in the hot path never build a String; it is stable across runs and platforms,
/// which lets model files store hashed features.
public enum TokenHash {
    public static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    @usableFromInline static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inlinable
    public static func hash<C: Collection>(_ bytes: C, seed: UInt64 = TokenHash.seed) -> UInt64 where C.Element == UInt8 {
        var hash = seed
        for byte in bytes { hash = mix(hash, byte) }
        return hash
    }

    /// One FNV-1a step: the hash of the bytes so far followed by `byte`. Lets a loop that writes
    /// a token hash it in the same pass.
    @inlinable @inline(__always)
    public static func mix(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    /// Combines two hashes into the hash of a pair (for bigrams and phrases); order matters.
    @inlinable
    public static func combine(_ first: UInt64, _ second: UInt64) -> UInt64 {
        var mixed = first ^ (second &+ 0x9e37_79b9_7f4a_7c15 &+ (first << 6) &+ (first >> 2))
        mixed ^= mixed >> 33
        mixed &*= 0xff51_afd7_ed55_8ccd
        mixed ^= mixed >> 33
        return mixed
    }
}

extension TokenizedText {
    /// The stable hash of token `index`'s normalized form.
    @inlinable
    public func hash(ofToken index: Int) -> UInt64 {
        tokens[index].hash
    }
}
