/// Byte classes for the ASCII fast path, as inline comparisons and bit masks: no table to load,
/// no lazy global to check, in the innermost loop.
@inline(__always) func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
@inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
@inline(__always) func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
/// Whitespace and control characters: token separators, dropped from the output.
@inline(__always) func isSeparator(_ byte: UInt8) -> Bool { byte <= 0x20 || byte == 0x7F }
@inline(__always) func isWordByte(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") }
@inline(__always) func lowercased(_ byte: UInt8) -> UInt8 { isLetter(byte) ? byte | 0x20 : byte }
@inline(__always) func isUppercaseLetter(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
/// Sentence punctuation `!"'(),-.:;?[]{}`; other printable ASCII marks are symbols.
@inline(__always) func isASCIIPunctuation(_ byte: UInt8) -> Bool {
    byte < 64 ? (0x8C00738600000000 as UInt64) >> UInt64(byte) & 1 == 1 : byte < 128 && (0x2800000028000000 as UInt64) >> UInt64(byte - 64) & 1 == 1
}

/// Bytes a pattern token other than an email can start with: `hHwW` (URLs), digits `+(` (phone
/// and card numbers), `:;=<>^-xXoODTu` (emoticons), `@#` (mentions, hashtags). Any other byte
/// skips the matchers without a call.
@inline(__always) func mayStartPattern(_ byte: UInt8) -> Bool {
    byte < 64 ? (0x7FFF_2908_0000_0000 as UInt64) >> UInt64(byte) & 1 == 1 : byte < 128 && (0x01A0_8100_4190_8111 as UInt64) >> UInt64(byte - 64) & 1 == 1
}

/// `mayStartPattern` with a look at the next byte when `bytes[position]` is a letter: a letter
/// starts a URL only as "ht…" or "ww…" (in any case) and an emoticon only when the next byte is
/// not a lower-case letter ("xD", "o_O"), and every pattern is at least two bytes long. So ordinary
/// words ("how", "order", "The") skip the matchers without a call. Emails are not covered: a
/// chunk with an "@" tries the matchers everywhere.
@inline(__always) func mayStartPattern(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, limit: Int) -> Bool {
    let byte = bytes[position]
    guard mayStartPattern(byte) else { return false }
    guard isLetter(byte) else { return true }
    guard position + 1 < limit else { return false }
    let next = bytes[position + 1]
    if next &- 0x61 >= 26 { return true }
    let lower = byte | 0x20
    return (lower == UInt8(ascii: "h") && next == UInt8(ascii: "t")) || (lower == UInt8(ascii: "w") && next == UInt8(ascii: "w"))
}

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
        while end > from, isURLTrailer(bytes[end - 1]) { end -= 1 }
        return end - from > 7 ? end : nil
    }

    /// `.,;:!?)]'"`: closing punctuation trimmed from the end of a URL. (Plain comparisons, where an
    /// `Array(…).contains` would allocate an array per byte tested.)
    @inline(__always)
    static func isURLTrailer(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"")
    }

    /// `.%+-`: marks allowed in an email's local part besides letters, digits and underscores.
    @inline(__always)
    static func isEmailLocalMark(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    /// `local@domain.tld` with a letters-only top-level domain of two or more letters.
    static func email(_ bytes: Bytes, _ from: Int, _ limit: Int) -> Int? {
        var at = from
        while at < limit, isWordByte(bytes[at]) || isEmailLocalMark(bytes[at]) { at += 1 }
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
        // Digit group lengths, to tell dates ("2026-10-05", "05.10.2026") from phone numbers. Only
        // three-group shapes matter, so the first three lengths and the count are enough (and,
        // unlike an array, cost no allocation for every number in the text).
        var groups = DigitGroups()
        var groupLength = 0
        let leadingPlus = bytes[from] == UInt8(ascii: "+")
        if leadingPlus { index += 1 }
        while index < limit {
            let byte = bytes[index]
            if isDigit(byte) {
                digits += 1
                groupLength += 1
                index += 1
                lastDigitEnd = index
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                        || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") {
                // A separator only counts when a digit follows soon after.
                guard index + 1 < limit, isDigit(bytes[index + 1]) || (byte != UInt8(ascii: "(") && bytes[index + 1] == UInt8(ascii: "(")) || (byte == UInt8(ascii: ")") && bytes[index + 1] == UInt8(ascii: " ")) else { break }
                if byte != UInt8(ascii: " "), byte != UInt8(ascii: "-") { onlySpacesAndDashes = false }
                if groupLength > 0 { groups.add(groupLength) }
                groupLength = 0
                separators += 1
                index += 1
            } else {
                break
            }
        }
        guard digits > 0 else { return nil }
        if groupLength > 0 { groups.add(groupLength) }
        // Glued to a letter or digit ("A123-4567b") it is a code, not a number.
        if lastDigitEnd < limit, isWordByte(bytes[lastDigitEnd]) { return nil }
        if digits >= 13, digits <= 19, onlySpacesAndDashes, !leadingPlus, separators == 0 || separators >= 2 {
            return (lastDigitEnd, .card)
        }
        if digits >= 7, digits <= 15, separators > 0 || leadingPlus, !Self.looksLikeDate(groups) {
            return (lastDigitEnd, .phone)
        }
        return nil
    }

    /// How many digit groups a number has, and the lengths of the first three.
    struct DigitGroups {
        var count = 0
        var first = 0, second = 0, third = 0

        mutating func add(_ length: Int) {
            switch count {
            case 0: first = length
            case 1: second = length
            case 2: third = length
            default: break
            }
            count += 1
        }
    }

    /// Year-month-day or day-month-year shapes: 4-2-2, 2-2-4, 1-1-4 and similar.
    static func looksLikeDate(_ groups: DigitGroups) -> Bool {
        guard groups.count == 3 else { return false }
        return (groups.first == 4 && groups.second <= 2 && groups.third <= 2) || (groups.first <= 2 && groups.second <= 2 && groups.third == 4)
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

    /// `emoticons` back to back in one array, grouped by first byte (longest first within a group,
    /// as in `emoticons`): candidate `i` is at `starts[i]..<starts[i + 1]`, and those starting with
    /// byte `b` are candidates `groups[b]..<groups[b + 1]`. The scan reads contiguous bytes and only
    /// the few candidates that can match.
    static let packedEmoticons: (bytes: [UInt8], starts: [Int], groups: [Int]) = {
        var bytes: [UInt8] = []
        var starts = [0]
        var groups = [Int](repeating: 0, count: 257)
        for first in 0..<256 {
            groups[first] = starts.count - 1
            for candidate in emoticons where candidate[0] == first {
                bytes.append(contentsOf: candidate)
                starts.append(bytes.count)
            }
        }
        groups[256] = starts.count - 1
        return (bytes, starts, groups)
    }()

    /// An emoticon at `from`, when it stands alone: not glued to a letter or digit after it.
    static func emoticon(_ bytes: Bytes, _ from: Int, _ limit: Int) -> Int? {
        let first = bytes[from]
        // Every emoticon starts with one of these; cheap rejection for ordinary text.
        guard first == UInt8(ascii: ":") || first == UInt8(ascii: ";") || first == UInt8(ascii: "=")
                || first == UInt8(ascii: "<") || first == UInt8(ascii: ">") || first == UInt8(ascii: "^")
                || first == UInt8(ascii: "-") || first == UInt8(ascii: "x") || first == UInt8(ascii: "X")
                || first == UInt8(ascii: "o") || first == UInt8(ascii: "O") || first == UInt8(ascii: "D")
                || first == UInt8(ascii: "T") || first == UInt8(ascii: "u") else { return nil }
        // No letter-led emoticon has a lower-case letter second ("xD", "o_O", "D:"), so words
        // such as "Thanks" or "order" are rejected without a scan.
        if isLetter(first), from + 1 < limit, (bytes[from + 1] &- 0x61) < 26 { return nil }
        let (packed, starts, groups) = packedEmoticons
        for index in groups[Int(first)]..<groups[Int(first) + 1] {
            let start = starts[index]
            let length = starts[index + 1] - start
            guard length <= limit - from else { continue }
            var matches = true
            for offset in 1..<length where bytes[from + offset] != packed[start + offset] {
                matches = false
                break
            }
            guard matches else { continue }
            let end = from + length
            if end < limit, isAlphanumeric(bytes[end]), isAlphanumeric(packed[start + length - 1]) { continue }
            // Letter-led emoticons ("xD", "D:") need a clean boundary on the right too.
            if isLetter(first), end < limit, isAlphanumeric(bytes[end]) { continue }
            return end
        }
        return nil
    }
}
