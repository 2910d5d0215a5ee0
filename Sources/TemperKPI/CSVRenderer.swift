import TemperIO

/// One row per group × KPI (RFC 4180), raw numbers, for spreadsheets and BI imports.
enum CSVRenderer {
    static let header = [
        "group_id", "group", "kpi", "kpi_name", "unit", "value", "n", "ci_lower", "ci_upper", "ci_method",
        "median", "p90", "insufficient", "status", "target", "direction", "warning", "statistic", "owner", "source",
        "period_from", "period_to",
    ]

    static func render(_ card: Scorecard) -> String {
        var lines = [header.joined(separator: ",")]
        // What every value covers: the reported period, or all the data.
        let from = card.reportingPeriod ?? card.firstPeriod ?? "", to = card.reportingPeriod ?? card.lastPeriod ?? ""
        for group in card.groups {
            for v in group.values {
                let definition = card.definition(of: v.kpi)
                let fields: [String] = [
                    text(group.id), text(group.title), text(v.kpi), text(definition?.name ?? v.kpi),
                    definition?.unit.rawValue ?? "", ValueFormatting.raw(v.value), String(v.n),
                    ValueFormatting.raw(v.interval?.lower), ValueFormatting.raw(v.interval?.upper),
                    v.interval?.method.rawValue ?? "", ValueFormatting.raw(v.median), ValueFormatting.raw(v.p90),
                    v.insufficient ? "true" : "false", v.status.rawValue, ValueFormatting.raw(v.target?.value),
                    v.target?.direction.rawValue ?? "", ValueFormatting.raw(v.target?.warning),
                    v.target?.statistic?.rawValue ?? "", text(v.target?.owner ?? ""), text(v.source),
                    text(from), text(to),
                ]
                lines.append(fields.joined(separator: ","))
            }
            // Drivers as rows of their own: share, change against the previous period, and the
            // approval gap, each with its n and interval in the KPI columns.
            for row in group.drivers ?? [] {
                let quantities: [(String, String, KPIUnit, Double?, Int, ConfidenceInterval?)] = [
                    ("driver_share", "share of conversations", .percent, row.share, row.n, row.shareInterval),
                    ("driver_change", "change in share", .points, row.change, row.previousN ?? 0, row.changeInterval),
                    ("driver_approval_gap", "approval with − without", .points, row.approvalGap, row.approvalWithN, nil),
                ]
                for (kpi, name, unit, value, n, interval) in quantities {
                    let fields: [String] = [
                        text(group.id), text(group.title), text("\(kpi):\(row.driver)"), text("\(row.displayName): \(name)"),
                        unit.rawValue, ValueFormatting.raw(value), String(n),
                        ValueFormatting.raw(interval?.lower), ValueFormatting.raw(interval?.upper), interval?.method.rawValue ?? "",
                        "", "", row.insufficient ? "true" : "false", "", "", "", "", "", "", text("temper"),
                        text(from), text(to),
                    ]
                    lines.append(fields.joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func text(_ value: String) -> String {
        CSVField.text(value)
    }
}
