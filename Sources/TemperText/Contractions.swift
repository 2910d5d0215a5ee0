/// Contractions written without an apostrophe, mapped to their canonical spelling so that the
/// negation rules downstream see one form for `can't`, `can’t` and `cant`. Only forms that are
/// rarely real words are listed ("ill", "well", "were", "its" are left alone).
enum Contractions {
    /// The canonical spelling of an apostrophe-less contraction. The word's bytes are packed into
    /// an integer (every key has at most 8 bytes) and matched by a switch, so the lookup, made for
    /// every word, neither hashes nor allocates. Keys are the packed lower-case spellings.
    @inline(__always)
    static func canonical(_ word: UnsafeBufferPointer<UInt8>) -> StaticString? {
        guard word.count >= 2, word.count <= 8 else { return nil }
        var packed: UInt64 = 0
        for byte in word { packed = packed << 8 | UInt64(byte) }
        return canonical(packed: packed, count: word.count)
    }

    /// `canonical` for a word already packed by its writer (`packed = packed << 8 | byte` over
    /// its `count` bytes; bytes beyond the eighth shift out, so longer words are rejected by count).
    @inline(__always)
    static func canonical(packed: UInt64, count: Int) -> StaticString? {
        guard count >= 2, count <= 8 else { return nil }
        // Every key is "im" or ends in "nt", "ve", "re" or "ts": one predictable test turns away
        // most words before the switch's chain of comparisons.
        let tail = packed & 0xFFFF
        guard tail == 0x6E74 || tail == 0x7665 || tail == 0x7265 || tail == 0x7473 || packed == 0x696D else { return nil }
        switch packed {
        case 0x61696E74: return "ain't" // aint
        case 0x6172656E74: return "aren't" // arent
        case 0x63616E74: return "can't" // cant
        case 0x636F756C646E74: return "couldn't" // couldnt
        case 0x6469646E74: return "didn't" // didnt
        case 0x646F65736E74: return "doesn't" // doesnt
        case 0x646F6E74: return "don't" // dont
        case 0x6861646E74: return "hadn't" // hadnt
        case 0x6861736E74: return "hasn't" // hasnt
        case 0x686176656E74: return "haven't" // havent
        case 0x696D: return "i'm" // im
        case 0x69736E74: return "isn't" // isnt
        case 0x697665: return "i've" // ive
        case 0x6D7573746E74: return "mustn't" // mustnt
        case 0x6E6565646E74: return "needn't" // neednt
        case 0x73686F756C646E74: return "shouldn't" // shouldnt
        case 0x7468617473: return "that's" // thats
        case 0x746865797265: return "they're" // theyre
        case 0x746865797665: return "they've" // theyve
        case 0x7761736E74: return "wasn't" // wasnt
        case 0x776572656E74: return "weren't" // werent
        case 0x7768617473: return "what's" // whats
        case 0x776F6E74: return "won't" // wont
        case 0x776F756C646E74: return "wouldn't" // wouldnt
        case 0x796F757265: return "you're" // youre
        case 0x796F757665: return "you've" // youve
        default: return nil
        }
    }

    /// "cannot" packed as `canonical(packed:count:)` takes words.
    static let cannotPacked: UInt64 = 0x63616E6E6F74

    /// Whether a word is a contraction: "cannot", or an apostrophe form ending in n't, 'm, 're,
    /// 've, 'll or 'd.
    static func isContraction(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = word.count
        if count == 6 {
            var packed: UInt64 = 0
            for byte in word { packed = packed << 8 | UInt64(byte) }
            if packed == cannotPacked { return true }
        }
        guard count >= 3 else { return false }
        let last = word[count - 1], second = word[count - 2], third = word[count - 3]
        if last == UInt8(ascii: "t"), second == UInt8(ascii: "'"), third == UInt8(ascii: "n"), count > 3 { return true }
        if second == UInt8(ascii: "'"), last == UInt8(ascii: "m") || last == UInt8(ascii: "d") { return true }
        if third == UInt8(ascii: "'"), count > 3 {
            return (second == UInt8(ascii: "r") && last == UInt8(ascii: "e")) || (second == UInt8(ascii: "v") && last == UInt8(ascii: "e"))
                || (second == UInt8(ascii: "l") && last == UInt8(ascii: "l"))
        }
        return false
    }
}
