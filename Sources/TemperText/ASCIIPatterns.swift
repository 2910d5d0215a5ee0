/// Byte classes for the ASCII fast path. One table lookup per byte.
@usableFromInline
enum ASCIIClass {
    static let letter: UInt8 = 1
    static let digit: UInt8 = 2
    static let space: UInt8 = 4      // whitespace and control characters: token separators
    static let punctuation: UInt8 = 8
    static let symbol: UInt8 = 16

    @usableFromInline
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for byte in 0..<128 {
            let scalar = UInt8(byte)
            switch scalar {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): table[byte] = letter
            case UInt8(ascii: "0")...UInt8(ascii: "9"): table[byte] = digit
            case 0...0x20, 0x7F: table[byte] = space
            default:
                table[byte] = Array("!\"'(),-.:;?[]{}".utf8).contains(scalar) ? punctuation : symbol
            }
        }
        return table
    }()
}

@inline(__always) func isLetter(_ byte: UInt8) -> Bool { ASCIIClass.table[Int(byte)] == ASCIIClass.letter }
@inline(__always) func isDigit(_ byte: UInt8) -> Bool { ASCIIClass.table[Int(byte)] == ASCIIClass.digit }
@inline(__always) func isAlphanumeric(_ byte: UInt8) -> Bool { ASCIIClass.table[Int(byte)] & (ASCIIClass.letter | ASCIIClass.digit) != 0 }
@inline(__always) func isSeparator(_ byte: UInt8) -> Bool { ASCIIClass.table[Int(byte)] == ASCIIClass.space }
@inline(__always) func isWordByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") }
@inline(__always) func lowercased(_ byte: UInt8) -> UInt8 { isLetter(byte) ? byte | 0x20 : byte }
@inline(__always) func isUppercaseLetter(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }

/// Matchers for the tokens ICU's word rules would tear apart: URLs, emails, mentions, hashtags,
/// emoticons, phone and card numbers. Each looks at `bytes[from..<limit]` (ASCII only, stopping at
/// the first byte ≥ 0x80) and returns where its token ends, or nil.
enum ASCIIPatterns {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// `http://…`, `https://…` or `www.…` up to the next whitespace, without trailing punctuation
    /// that usually closes the sentence rather than the URL.
    static func url(_ bytes: Bytes, _ from: Int, _ limit: Int) -> Int? {
        func hasPrefix(_ prefix: StaticString) -> Bool {
            let length = prefix.utf8CodeUnitCount
            guard limit - from > length else { return false }
            let prefixBytes = UnsafeBufferPointer(start: prefix.utf8Start, count: length)
            for offset in 0..<length where lowercased(bytes[from + offset]) != prefixBytes[offset] { return false }
            return true
        }
        guard hasPrefix("http://") || hasPrefix("https://") || hasPrefix("www.") else { return nil }
        var end = from
        while end < limit, bytes[end] < 0x80, !isSeparator(bytes[end]) { end += 1 }
        while end > from, Array(".,;:!?)]'\"".utf8).contains(bytes[end - 1]) { end -= 1 }
        return end - from > 7 ? end : nil
    }

    /// `local@domain.tld` with a letters-only top-level domain of two or more letters.
    static func email(_ bytes: Bytes, _ from: Int, _ limit: Int) -> Int? {
        var at = from
        while at < limit, isWordByte(bytes[at]) || Array(".%+-".utf8).contains(bytes[at]) { at += 1 }
        guard at > from, at < limit, bytes[at] == UInt8(ascii: "@") else { return nil }
        var end = at + 1
        var lastDot = -1
        while end < limit, isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: ".") {
            if bytes[end] == UInt8(ascii: ".") { lastDot = end }
            end += 1
        }
        // A trailing dot ends the sentence, not the address.
        while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        lastDot = -1
        for index in (at + 1)..<end where bytes[index] == UInt8(ascii: ".") { lastDot = index }
        guard lastDot > at + 1, end - lastDot > 2 else { return nil }
        for index in (lastDot + 1)..<end where !isLetter(bytes[index]) { return nil }
        return end
    }

    /// `@handle` or `#tag` (marker at `from`): letters, digits and underscores.
    static func handle(_ bytes: Bytes, _ from: Int, _ limit: Int) -> Int? {
        var end = from + 1
        while end < limit, isWordByte(bytes[end]) { end += 1 }
        return end > from + 1 ? end : nil
    }

    /// Phone numbers (7–15 digits with separators or a leading `+`) and card-like runs (13–19
    /// digits in groups). Returns the end and which kind it is.
    static func phoneOrCard(_ bytes: Bytes, _ from: Int, _ limit: Int) -> (end: Int, kind: TokenKind)? {
        var index = from
        var digits = 0
        var separators = 0
        var lastDigitEnd = from
        var onlySpacesAndDashes = true
        let leadingPlus = bytes[from] == UInt8(ascii: "+")
        if leadingPlus { index += 1 }
        while index < limit {
            let byte = bytes[index]
            if isDigit(byte) {
                digits += 1
                index += 1
                lastDigitEnd = index
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                        || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") {
                // A separator only counts when a digit follows soon after.
                guard index + 1 < limit, isDigit(bytes[index + 1]) || (byte != UInt8(ascii: "(") && bytes[index + 1] == UInt8(ascii: "(")) || (byte == UInt8(ascii: ")") && bytes[index + 1] == UInt8(ascii: " ")) else { break }
                if byte != UInt8(ascii: " "), byte != UInt8(ascii: "-") { onlySpacesAndDashes = false }
                separators += 1
                index += 1
            } else {
                break
            }
        }
        guard digits > 0 else { return nil }
        // Glued to a letter or digit ("A123-4567b") it is a code, not a number.
        if lastDigitEnd < limit, isWordByte(bytes[lastDigitEnd]) { return nil }
        if digits >= 13, digits <= 19, onlySpacesAndDashes, !leadingPlus, separators == 0 || separators >= 2 {
            return (lastDigitEnd, .card)
        }
        if digits >= 7, digits <= 15, separators > 0 || leadingPlus {
            // "10.5.2026" or "3.14159" are dates and decimals: phones use dots only in groups of 3–4.
            return (lastDigitEnd, .phone)
        }
        return nil
    }

    /// The ASCII emoticons Temper recognizes, longest first so `:-((` is not read as `:-(`.
    static let emoticons: [[UInt8]] = {
        let list = [
            ":)", ":-)", ":))", ":-))", ":]", "=)", ":}", ":o)", ":')", ":'-)",
            ":(", ":-(", ":((", ":-((", ":[", "=(", ":{", ":'(", ":'-(", ";(", ":c",
            ":D", ":-D", "=D", ";D", "xD", "XD", "x-D", "X-D", ":'D",
            ";)", ";-)", ";]", ":P", ":-P", ":p", ":-p", ";P", ";p",
            ":/", ":-/", ":\\", ":-\\", ":|", ":-|", ":S", ":s", ":$", ":@", ">:(", ">:-(", ">:[", ">:O",
            ":O", ":-O", ":o", ":-o", ":0", "o_O", "O_o", "o.O", "O.o", "D:", "D-:", "D;", "D=",
            ":*", ":-*", ";*", "<3", "<33", "<333", "</3", "<\\3",
            "^_^", "^^", "^.^", "-_-", "-.-", "T_T", "T.T", ";_;", ">_<", ">.<", "u_u", ":3",
        ]
        return list.map { Array($0.utf8) }.sorted { $0.count > $1.count }
    }()

    /// An emoticon at `from`, when it stands alone: not glued to a letter or digit after it.
    static func emoticon(_ bytes: Bytes, _ from: Int, _ limit: Int) -> Int? {
        let first = bytes[from]
        // Every emoticon starts with one of these; cheap rejection for ordinary text.
        guard first == UInt8(ascii: ":") || first == UInt8(ascii: ";") || first == UInt8(ascii: "=")
                || first == UInt8(ascii: "<") || first == UInt8(ascii: ">") || first == UInt8(ascii: "^")
                || first == UInt8(ascii: "-") || first == UInt8(ascii: "x") || first == UInt8(ascii: "X")
                || first == UInt8(ascii: "o") || first == UInt8(ascii: "O") || first == UInt8(ascii: "D")
                || first == UInt8(ascii: "T") || first == UInt8(ascii: "u") || first == UInt8(ascii: ">") else { return nil }
        for candidate in emoticons where candidate[0] == first && candidate.count <= limit - from {
            var matches = true
            for offset in 1..<candidate.count where bytes[from + offset] != candidate[offset] {
                matches = false
                break
            }
            guard matches else { continue }
            let end = from + candidate.count
            if end < limit, isAlphanumeric(bytes[end]), isAlphanumeric(candidate[candidate.count - 1]) { continue }
            // Letter-led emoticons ("xD", "D:") need a clean boundary on the right too.
            if isLetter(first), end < limit, isAlphanumeric(bytes[end]) { continue }
            return end
        }
        return nil
    }
}
