import Foundation

/// Human formatting of KPI values for the text renderers (JSON and CSV keep raw numbers).
enum ValueFormatting {
    static let missing = "—"

    static func value(_ value: Double?, unit: KPIUnit) -> String {
        guard let value else { return missing }
        switch unit {
        case .percent: return fixed(value, 1) + "%"
        case .points: return (value > 0 ? "+" : "") + fixed(value, 1)
        case .score: return fixed(value, 2)
        case .seconds: return duration(value)
        case .count: return grouped(Int(value.rounded()))
        case .currency: return fixed(value, 2)
        }
    }

    /// `42s`, `3m 20s`, `1h 05m`, `2d 04h`: precise enough for service levels, short enough for a table.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if seconds < 10 && seconds != seconds.rounded() { return fixed(seconds, 1) + "s" }
        switch total {
        case ..<60: return "\(total)s"
        case ..<3600: return "\(total / 60)m \(pad(total % 60))s"
        case ..<86_400: return "\(total / 3600)h \(pad(total / 60 % 60))m"
        default: return "\(total / 86_400)d \(pad(total / 3600 % 24))h"
        }
    }

    static func interval(_ interval: ConfidenceInterval?, unit: KPIUnit) -> String {
        guard let interval else { return missing }
        return value(interval.lower, unit: unit) + " – " + value(interval.upper, unit: unit)
    }

    /// `≥ 85.0%`, `median ≤ 1h 00m`, with the warning band when there is one.
    static func target(_ target: AppliedTarget?, unit: KPIUnit) -> String {
        guard let target else { return missing }
        let statistic = target.statistic.map { $0 == .mean ? "" : $0.rawValue + " " } ?? ""
        let comparison = target.direction == .higherIsBetter ? "≥" : "≤"
        var text = "\(statistic)\(comparison) \(value(target.value, unit: unit))"
        if target.warning > 0 {
            let band = unit == .points ? fixed(target.warning, 1) : value(target.warning, unit: unit)
            text += " (±\(band) warn)"
        }
        return text
    }

    static func status(_ status: TargetStatus) -> String {
        switch status {
        case .met: return "Met"
        case .atRisk: return "At risk"
        case .missed: return "Missed"
        case .insufficientData: return "Insufficient data"
        case .noTarget: return "No target"
        }
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text  // no "-0.0"
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// Raw number for machine formats: shortest round-trip text, integers without `.0`.
    static func raw(_ value: Double?) -> String {
        guard let value else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
