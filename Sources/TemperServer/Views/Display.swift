import TemperIO
import TemperReview
import TemperText

/// How numbers, times and codes read on the pages (the JSON API gives them raw).
enum Display {
    /// `2026-09-01 09:48` (UTC, as stored).
    static func time(_ epochSeconds: Double?) -> String? {
        guard let epochSeconds, ISO8601.representableSeconds.contains(epochSeconds) else { return nil }
        let iso = ISO8601.format(epochSeconds)
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5)
    }

    /// `09:48:50` for a message on the same day as the one before it (or as the conversation's
    /// start), `2026-09-02 09:48:50` when the day changes: long threads span days.
    static func clock(_ epochSeconds: Double?, previous: Double?) -> String? {
        guard let epochSeconds, ISO8601.representableSeconds.contains(epochSeconds) else { return nil }
        let iso = ISO8601.format(epochSeconds)
        let time = String(iso.dropFirst(11).prefix(8))
        guard let previous, ISO8601.representableSeconds.contains(previous), ISO8601.format(previous).prefix(10) == iso.prefix(10) else {
            return iso.prefix(10) + " " + time
        }
        return time
    }

    static func fixed2(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let magnitude = abs(hundredths)
        return (hundredths < 0 ? "−" : "") + "\(magnitude / 100)." + (magnitude % 100 < 10 ? "0" : "") + "\(magnitude % 100)"
    }

    static func signed2(_ value: Double) -> String {
        (value > 0 && (value * 100).rounded() != 0 ? "+" : "") + fixed2(value)
    }

    /// `12,345`.
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "−" : "") + out
    }

    static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(Display.count(count)) " + (count == 1 ? singular : plural ?? singular + "s")
    }

    /// `churn_threat` → `churn threat`.
    static func code(_ code: String) -> String { code.replacingOccurrences(of: "_", with: " ") }

    static func verdict(_ verdict: Verdict) -> String {
        switch verdict {
        case .confirmed: "Confirmed"
        case .falseAlarm: "False alarm"
        case .coachingNeeded: "Coaching needed"
        }
    }

    static func verdictClass(_ verdict: Verdict) -> String {
        switch verdict {
        case .confirmed: "v-confirmed"
        case .falseAlarm: "v-false"
        case .coachingNeeded: "v-coaching"
        }
    }

    static func role(_ role: String) -> String {
        role.isEmpty ? role : role.prefix(1).uppercased() + role.dropFirst()
    }

    /// A message segment the scores left out, as an analyst would call it.
    static func segment(_ kind: SegmentKind) -> String {
        switch kind {
        case .greeting: "Greeting"
        case .body: "Body"
        case .closing: "Sign-off"
        case .signature: "Signature"
        case .quoted: "Quoted earlier message"
        case .boilerplate: "Device or legal boilerplate"
        case .macro: "Agent template (repeated in this conversation)"
        }
    }

    /// Landis and Koch's reading of a kappa.
    static func agreement(_ kappa: Double?) -> String {
        guard let kappa else { return "undefined" }
        switch kappa {
        case ..<0: return "poor"
        case ..<0.205: return "slight"
        case ..<0.405: return "fair"
        case ..<0.605: return "moderate"
        case ..<0.805: return "substantial"
        default: return "almost perfect"
        }
    }
}

/// A `<select>` option or radio button as templates need it.
struct Choice: Sendable {
    var value: String
    var label: String
    var selected: Bool
}

/// A hidden form field carrying a value along (the queue's filters into the session form).
struct HiddenField: Sendable {
    var name: String
    var value: String
}
