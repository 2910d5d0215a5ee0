/// A strict UTF-8 decoder that never traps: each byte that does not start a valid sequence is
/// read as U+FFFD on its own, so the decoded text always maps back to original byte offsets.
public enum UTF8Decoder {
    @usableFromInline static let replacement: UInt32 = 0xFFFD

    /// Decodes the scalar at `index`; `valid` is false when it was replaced.
    @inlinable
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int, valid: Bool) {
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1, true) }
        let remaining = bytes.count - index
        @inline(__always) func continuation(_ offset: Int) -> UInt32? {
            guard offset < remaining else { return nil }
            let byte = bytes[index + offset]
            return byte & 0xC0 == 0x80 ? UInt32(byte & 0x3F) : nil
        }
        switch lead {
        case 0xC2...0xDF:
            if let c1 = continuation(1) { return ((UInt32(lead & 0x1F) << 6) | c1, 2, true) }
        case 0xE0...0xEF:
            if let c1 = continuation(1), let c2 = continuation(2) {
                let scalar = (UInt32(lead & 0x0F) << 12) | (c1 << 6) | c2
                // Reject overlong forms and UTF-16 surrogates.
                if scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar) { return (scalar, 3, true) }
            }
        case 0xF0...0xF4:
            if let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) {
                let scalar = (UInt32(lead & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
                if (0x10000...0x10FFFF).contains(scalar) { return (scalar, 4, true) }
            }
        default:
            break
        }
        return (replacement, 1, false)
    }

    /// The offset of the first byte that is not valid UTF-8, if any (ASCII skipped fast): for
    /// reporting where a line went wrong, after the tokenizer said that it did.
    public static func firstInvalidOffset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let decoded = decode(bytes, at: index)
            if !decoded.valid { return index }
            index += decoded.length
        }
        return nil
    }
}
