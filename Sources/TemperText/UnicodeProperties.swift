import CICU

/// ICU's answers to the per-scalar questions the Unicode path asks (is it alphabetic, upper case,
/// white space, a pictograph, …), remembered for the first two planes (every modern script and
/// nearly all emoji) so that each is asked of ICU once per tokenizer rather than once per
/// character: a word of Turkish or Japanese text used to cost several ICU calls per letter.
///
/// Answers are filled in 256 code points at a time, on first use of a block, and always come from
/// ICU (ASCII, where Unicode fixes them, is answered inline). Scalars beyond the cached planes go
/// to ICU directly. Owned by one tokenizer (so one thread); `deallocate()` frees it.
struct UnicodeProperties {
    typealias Traits = UInt8
    static let alphabetic: Traits = 1 << 0
    static let uppercase: Traits = 1 << 1
    static let lowercase: Traits = 1 << 2
    static let whitespace: Traits = 1 << 3
    static let extendedPictographic: Traits = 1 << 4
    static let regionalIndicator: Traits = 1 << 5
    /// Default-ignorable or a control character (which decoding drops, bar a few exceptions).
    static let ignorableOrControl: Traits = 1 << 6
    static let punctuation: Traits = 1 << 7

    /// Scalars below this are cached: the Basic and Supplementary Multilingual Planes.
    private static let cachedLimit: UInt32 = 0x20000
    private static let blockShift: UInt32 = 8
    private let traits: UnsafeMutablePointer<Traits>
    /// Whether each block of 256 scalars has been filled in.
    private let filled: UnsafeMutablePointer<Bool>

    init() {
        traits = .allocate(capacity: Int(Self.cachedLimit))
        let blocks = Int(Self.cachedLimit >> Self.blockShift)
        filled = .allocate(capacity: blocks)
        filled.initialize(repeating: false, count: blocks)
    }

    func deallocate() {
        traits.deallocate()
        filled.deallocate()
    }

    /// ICU's answers for `scalar`.
    @inline(__always)
    func traits(of scalar: UInt32) -> Traits {
        guard scalar < Self.cachedLimit else { return Self.askICU(scalar) }
        let block = Int(scalar >> Self.blockShift)
        if !filled[block] { fill(block) }
        return traits[Int(scalar)]
    }

    @inline(__always)
    func has(_ scalar: UInt32, _ trait: Traits) -> Bool {
        traits(of: scalar) & trait != 0
    }

    @inline(never)
    private func fill(_ block: Int) {
        let first = UInt32(block) << Self.blockShift
        for scalar in first..<(first + (1 << Self.blockShift)) {
            traits[Int(scalar)] = Self.askICU(scalar)
        }
        filled[block] = true
    }

    static func askICU(_ scalar: UInt32) -> Traits {
        var traits: Traits = 0
        if temper_is_alphabetic(scalar) != 0 { traits |= alphabetic }
        if temper_is_uppercase(scalar) != 0 { traits |= uppercase }
        if temper_is_lowercase(scalar) != 0 { traits |= lowercase }
        if temper_is_whitespace(scalar) != 0 { traits |= whitespace }
        if temper_is_extended_pictographic(scalar) != 0 { traits |= extendedPictographic }
        if temper_is_regional_indicator(scalar) != 0 { traits |= regionalIndicator }
        if temper_is_default_ignorable(scalar) != 0 || temper_is_control(scalar) != 0 { traits |= ignorableOrControl }
        if temper_is_punctuation(scalar) != 0 { traits |= punctuation }
        return traits
    }
}
