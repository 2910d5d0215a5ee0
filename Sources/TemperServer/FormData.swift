/// The fields of an `application/x-www-form-urlencoded` body or a URL query, in order, with
/// repeats kept (a reviewer list may come as several `reviewer` fields).
///
/// Decoding is the WHATWG one: `+` is a space, `%XX` a byte, and the bytes are UTF-8. A broken
/// escape (`%G1`, a lone `%`) is kept as written, as browsers do, rather than refused; invalid
/// UTF-8 becomes U+FFFD. Nothing here is trusted: every value is escaped where it is shown.
struct FormData: Sendable, Equatable {
    private(set) var fields: [(name: String, value: String)]

    init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

    /// Parses `a=1&b=two+words&c=%3Cx%3E`. A field without `=` has an empty value; empty pieces
    /// (`a=1&&b=2`) are skipped.
    init(urlEncoded text: Substring) {
        var fields: [(String, String)] = []
        for piece in text.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = piece.firstIndex(of: "=") {
                fields.append((Self.decode(piece[..<equals]), Self.decode(piece[piece.index(after: equals)...])))
            } else {
                fields.append((Self.decode(piece), ""))
            }
        }
        self.fields = fields
    }

    init(urlEncoded text: String) { self.init(urlEncoded: text[...]) }

    /// The first value of `name`, or nil when absent.
    subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    /// The first value of `name` with surrounding whitespace removed; nil when absent or blank
    /// (an empty select or text box means "not given").
    func nonEmpty(_ name: String) -> String? {
        guard let value = self[name]?.trimmingWhitespace, !value.isEmpty else { return nil }
        return value
    }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    mutating func append(_ name: String, _ value: String) { fields.append((name, value)) }

    /// Replaces every `name` field with one (or none, for nil).
    func setting(_ name: String, _ value: String?) -> FormData {
        var copy = self
        copy.fields.removeAll { $0.name == name }
        if let value { copy.fields.append((name, value)) }
        return copy
    }

    /// `a=1&b=two%20words`: every byte outside the unreserved set percent-encoded, so the result
    /// can go into a URL (and, HTML-escaped, into an `href`) as it is.
    var urlEncoded: String {
        fields.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
    }

    static func == (lhs: FormData, rhs: FormData) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var utf8 = text.utf8[...]
        while let byte = utf8.popFirst() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if utf8.count >= 2, let high = hexValue(utf8[utf8.startIndex]),
                   let low = hexValue(utf8[utf8.index(after: utf8.startIndex)]) {
                    bytes.append(high << 4 | low)
                    utf8 = utf8.dropFirst(2)
                } else {
                    bytes.append(byte)
                }
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
