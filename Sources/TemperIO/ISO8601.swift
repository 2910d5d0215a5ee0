/// A byte-level ISO-8601 timestamp reader and writer, in epoch seconds (UTC).
///
/// `ISO8601DateFormatter` is far too slow to call per record on a million lines, not safe to share
/// across threads, and picky about fractional seconds. This accepts the forms exports actually
/// contain: `2024-03-04`, `2024-03-04T09:12`, `2024-03-04T09:12:00`, `2024-03-04 09:12:00.123456`,
/// each optionally followed by `Z`, `±HH`, `±HHMM` or `±HH:MM`. No zone means UTC. Impossible
/// dates (2026-02-30, hour 24) are rejected.
public enum ISO8601 {
    /// The epoch seconds ISO-8601 writes with a four-digit year, 0001-01-01 to the end of 9999.
    /// Every timestamp read is checked against it, so nothing downstream meets a time it cannot
    /// format or turn into a day number (an epoch of 1e24 once crashed `format`).
    public static let representableSeconds: ClosedRange<Double> = -62_135_596_800 ... 253_402_300_799.999

    /// A timestamp as input records give it — ISO-8601 text, or epoch seconds as a number or as
    /// text (CSV) — or nil when it is neither or lies outside `representableSeconds`.
    public static func timestamp(_ value: JSONValue) -> Double? {
        if let seconds = value.double { return representableSeconds.contains(seconds) ? seconds : nil }
        return value.string.flatMap(timestamp(text:))
    }

    public static func timestamp(text: String) -> Double? {
        guard let seconds = parse(text) ?? Double(text), representableSeconds.contains(seconds) else { return nil }
        return seconds
    }

    /// What `timestamp` accepts, for error messages.
    public static let expectedForm = "ISO-8601 or epoch seconds, years 1 to 9999"

    public static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parses exactly the bytes given (no surrounding whitespace allowed).
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Double? {
        var reader = Reader(bytes: bytes)
        guard let year = reader.digits(4), reader.take(UInt8(ascii: "-")),
              let month = reader.digits(2), reader.take(UInt8(ascii: "-")),
              let day = reader.digits(2),
              (1...12).contains(month), day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month)
        else { return nil }
        var seconds = Double(CivilCalendar.dayNumber(year: year, month: month, day: day) * 86_400)
        if reader.atEnd { return seconds }

        guard reader.take(UInt8(ascii: "T")) || reader.take(UInt8(ascii: "t")) || reader.take(UInt8(ascii: " ")),
              let hour = reader.digits(2), reader.take(UInt8(ascii: ":")), let minute = reader.digits(2),
              hour <= 23, minute <= 59
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60)
        if reader.take(UInt8(ascii: ":")) {
            guard let second = reader.digits(2), second <= 60 else { return nil }
            seconds += Double(second)
            if reader.take(UInt8(ascii: ".")) || reader.take(UInt8(ascii: ",")) {
                guard let fraction = reader.fraction() else { return nil }
                seconds += fraction
            }
        }
        if reader.atEnd { return seconds }
        if reader.take(UInt8(ascii: "Z")) || reader.take(UInt8(ascii: "z")) {
            return reader.atEnd ? seconds : nil
        }
        let sign: Double
        if reader.take(UInt8(ascii: "+")) { sign = 1 } else if reader.take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let offsetHours = reader.digits(2), offsetHours <= 23 else { return nil }
        var offsetMinutes = 0
        if !reader.atEnd {
            _ = reader.take(UInt8(ascii: ":"))
            guard let m = reader.digits(2), m <= 59 else { return nil }
            offsetMinutes = m
        }
        guard reader.atEnd else { return nil }
        return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }

    /// UTC, with milliseconds only when they are not zero, e.g. `2024-03-04T09:12:00Z`.
    /// For times within `representableSeconds`, which every reader checks.
    public static func format(_ epochSeconds: Double) -> String {
        let totalMillis = (epochSeconds * 1000).rounded()
        let millisInDay = 86_400_000.0
        let dayNumber = Int((totalMillis / millisInDay).rounded(.down))
        var rest = Int(totalMillis - Double(dayNumber) * millisInDay)
        let civil = CivilCalendar.civil(fromDayNumber: dayNumber)
        let millis = rest % 1000
        rest /= 1000
        var text = pad(civil.year, 4) + "-" + pad(civil.month, 2) + "-" + pad(civil.day, 2)
        text += "T" + pad(rest / 3600, 2) + ":" + pad(rest / 60 % 60, 2) + ":" + pad(rest % 60, 2)
        if millis != 0 { text += "." + pad(millis, 3) }
        return text + "Z"
    }

    public static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return value < 0 ? "-" + padded : padded
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        var atEnd: Bool { position == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for i in position..<(position + count) {
                let d = Int(bytes[i]) - 48
                guard d >= 0, d <= 9 else { return nil }
                value = value * 10 + d
            }
            position += count
            return value
        }

        /// Fractional seconds; digits beyond nanoseconds are read but ignored.
        mutating func fraction() -> Double? {
            var units = 0
            var scale = 1
            var count = 0
            while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 {
                if count < 9 {
                    units = units * 10 + Int(bytes[position] - 48)
                    scale *= 10
                }
                count += 1
                position += 1
            }
            return count > 0 ? Double(units) / Double(scale) : nil
        }
    }
}
