/// Contractions written without an apostrophe, mapped to their canonical spelling so that the
/// negation rules downstream see one form for `can't`, `can’t` and `cant`. Only forms that are
/// rarely real words are listed ("ill", "well", "were", "its" are left alone).
enum Contractions {
    static let withoutApostrophe: [String: String] = [
        "cant": "can't", "dont": "don't", "wont": "won't", "isnt": "isn't", "arent": "aren't",
        "wasnt": "wasn't", "werent": "weren't", "doesnt": "doesn't", "didnt": "didn't",
        "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't", "couldnt": "couldn't",
        "wouldnt": "wouldn't", "shouldnt": "shouldn't", "aint": "ain't", "mustnt": "mustn't",
        "neednt": "needn't", "im": "i'm", "ive": "i've", "youre": "you're", "theyre": "they're",
        "youve": "you've", "theyve": "they've", "thats": "that's", "whats": "what's",
        "didn": "didn't", "doesn": "doesn't", "isn": "isn't", "wasn": "wasn't",
    ]

    /// Keyed by the word's bytes packed into an integer (every key has at most 8 bytes), so a
    /// lookup in the hot path allocates nothing.
    static let table: [UInt64: [UInt8]] = {
        var table: [UInt64: [UInt8]] = [:]
        for (key, value) in withoutApostrophe { table[pack(Array(key.utf8))] = Array(value.utf8) }
        return table
    }()

    @inline(__always)
    static func pack<C: Collection>(_ bytes: C) -> UInt64 where C.Element == UInt8 {
        var packed: UInt64 = 0
        for byte in bytes { packed = packed << 8 | UInt64(byte) }
        return packed
    }

    /// The canonical spelling for an apostrophe-less contraction, if `word` is one.
    @inline(__always)
    static func canonical(_ word: ArraySlice<UInt8>) -> [UInt8]? {
        guard word.count >= 2, word.count <= 8 else { return nil }
        return table[pack(word)]
    }

    /// Suffixes that make a word with an apostrophe a contraction.
    static let suffixes: [[UInt8]] = ["n't", "'m", "'re", "'ve", "'ll", "'d"].map { Array($0.utf8) }

    static func isContraction(_ word: ArraySlice<UInt8>) -> Bool {
        for suffix in suffixes where word.count > suffix.count {
            if word.suffix(suffix.count).elementsEqual(suffix) { return true }
        }
        return word.elementsEqual("cannot".utf8)
    }
}
