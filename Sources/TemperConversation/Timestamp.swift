/// ISO-8601 timestamps to epoch seconds and back, without `DateFormatter`: formatters are slow,
/// not thread-safe to share, and accept more than ISO-8601 allows.
public enum Timestamp {
    /// Parses `YYYY-MM-DD[T| ]hh:mm[:ss[.fraction]][Z|±hh[:]mm]`, or a bare date (midnight).
    /// No zone designator means UTC, as helpdesk exports almost always are. Returns nil for
    /// anything else, including impossible dates such as 2026-02-30 or hour 24.
    public static func parse(_ string: String) -> Double? {
        var copy = string
        return copy.withUTF8 { parse(bytes: $0) }
    }

    public static func parse(bytes s: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= s.count else { return nil }
            var value = 0
            for k in 0..<count {
                let d = Int(s[i + k]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                value = value * 10 + d
            }
            i += count
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")), let day = digits(2) else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if i == s.count { return seconds }
        guard s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: "t") || s[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        var second = 0.0
        if expect(UInt8(ascii: ":")) {
            guard let whole = digits(2), whole <= 60 else { return nil }
            second = Double(whole)
            if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                var scale = 0.1
                let start = i
                while i < s.count, s[i] >= 48, s[i] <= 57 {
                    second += Double(s[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        seconds += Double(hour * 3600 + minute * 60) + second
        if i == s.count { return seconds }
        if s[i] == UInt8(ascii: "Z") || s[i] == UInt8(ascii: "z") {
            return i + 1 == s.count ? seconds : nil
        }
        guard s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") else { return nil }
        let sign: Double = s[i] == UInt8(ascii: "+") ? 1 : -1
        i += 1
        guard let offsetHours = digits(2), offsetHours <= 23 else { return nil }
        _ = expect(UInt8(ascii: ":"))
        let offsetMinutes = i == s.count ? 0 : (digits(2) ?? 99)
        guard offsetMinutes < 60, i == s.count else { return nil }
        return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }

    /// `YYYY-MM-DDThh:mm:ssZ` (fractions are dropped: no input format here carries them meaningfully).
    public static func format(_ epochSeconds: Double) -> String {
        let total = Int((epochSeconds).rounded(.down))
        let days = total >= 0 ? total / 86_400 : (total - 86_399) / 86_400
        let secondOfDay = total - days * 86_400
        let (y, m, d) = civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar. Counts in 400-year eras
    /// (146,097 days each) with March as the first month, so the leap day falls at the end of
    /// the year and needs no special case.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
