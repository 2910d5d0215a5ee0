/// Random tokens and their comparison, for CSRF tokens and login sessions.
enum Secrets {
    /// 32 random bytes from the system's generator, as 64 lower-case hex digits: valid in a
    /// cookie, a form field and a header as it is.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for _ in 0..<4 {
            var word = generator.next()
            for _ in 0..<8 {
                out.append(hex[Int(word >> 4 & 0xF)])
                out.append(hex[Int(word & 0xF)])
                word >>= 8
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isWellFormedToken(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// Equal strings, compared in time that depends on their lengths only, so a guesser learns
    /// nothing from how fast a wrong token is refused.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}
