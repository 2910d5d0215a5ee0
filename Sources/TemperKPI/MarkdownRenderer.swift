/// A heading and a table per group, readable as plain text and as rendered Markdown.
enum MarkdownRenderer {
    static func render(_ card: Scorecard) -> String {
        var out = "# \(escape(card.title))\n\n"
        out += "_\(escape(ScorecardSummary.subtitle(card)))_\n\n"
        for group in card.groups {
            out += "## \(escape(group.title))\n\n"
            out += "| KPI | Value | Target | Status | n | 95% CI | Median | P90 | Source |\n"
            out += "|---|---:|---|---|---:|---|---:|---:|---|\n"
            for v in group.values {
                let unit = card.definition(of: v.kpi)?.unit ?? .score
                let cells = [
                    escape(card.definition(of: v.kpi)?.name ?? v.kpi),
                    ValueFormatting.value(v.value, unit: unit) + (v.insufficient && v.value != nil ? " *" : ""),
                    escape(ValueFormatting.target(v.target, unit: unit)),
                    ValueFormatting.status(v.status),
                    ValueFormatting.grouped(v.n),
                    ValueFormatting.interval(v.interval, unit: unit),
                    v.median.map(ValueFormatting.duration) ?? "",
                    v.p90.map(ValueFormatting.duration) ?? "",
                    escape(v.source),
                ]
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
            if let drivers = group.drivers, !drivers.isEmpty {
                out += "\n**\(ScorecardSummary.driversHeading(card))**\n\n"
                out += "| Driver | Share | 95% CI | n | Previous | Change | 95% CI of change | Approval with | Approval without | Gap |\n"
                out += "|---|---:|---|---:|---:|---:|---|---:|---:|---:|\n"
                for row in drivers {
                    let cells = [
                        escape(row.displayName),
                        ValueFormatting.value(row.share, unit: .percent) + (row.insufficient ? " *" : ""),
                        ValueFormatting.interval(row.shareInterval, unit: .percent),
                        "\(ValueFormatting.grouped(row.conversations)) / \(ValueFormatting.grouped(row.n))",
                        row.previousShare.map { ValueFormatting.value($0, unit: .percent) } ?? "",
                        row.change.map { ValueFormatting.value($0, unit: .points) } ?? "",
                        ValueFormatting.interval(row.changeInterval, unit: .points),
                        ValueFormatting.value(row.approvalWith, unit: .percent),
                        ValueFormatting.value(row.approvalWithout, unit: .percent),
                        row.approvalGap.map { ValueFormatting.value($0, unit: .points) } ?? "",
                    ]
                    out += "| " + cells.joined(separator: " | ") + " |\n"
                }
            }
            if !group.topFlagged.isEmpty {
                out += "\n**\(ScorecardSummary.flaggedHeading(card))**\n\n| Conversation | Risk | Reasons | Agent |\n|---|---:|---|---|\n"
                for item in group.topFlagged {
                    let risk = item.risk.map { ValueFormatting.fixed($0, 2) } ?? ValueFormatting.missing
                    out += "| \(escape(item.id)) | \(risk) | \(escape(item.reasons.joined(separator: ", "))) | \(escape(item.agent ?? "")) |\n"
                }
            }
            out += "\n"
        }
        out += "\\* below the minimum sample of \(card.minimumSample); shown but not judged.\n"
        return out
    }

    /// Neutralises Markdown and inline HTML so dimension values cannot break the table or inject markup.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\", "|", "*", "_", "`", "[", "]", "#", "<", ">", "!": out += "\\\(ch)"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}

/// Shared one-line description of a scorecard's scope.
enum ScorecardSummary {
    /// The flagged lists are kept per group over all the input, not per period: say so when the
    /// values above them report one period.
    static func flaggedHeading(_ card: Scorecard) -> String {
        card.reportingPeriod == nil ? "Top flagged conversations" : "Top flagged conversations (all data)"
    }

    /// What the drivers table covers.
    static func driversHeading(_ card: Scorecard) -> String {
        card.reportingPeriod.map { "Negative drivers, \($0) (change against the period before)" } ?? "Negative drivers (all data)"
    }

    static func subtitle(_ card: Scorecard) -> String {
        var parts: [String] = []
        let span = { (first: String, last: String) in first == last ? first : "\(first) to \(last)" }
        // The data's own span, not the trend window: a reader must see what the numbers cover.
        var data: String?
        if let first = card.firstPeriod, let last = card.lastPeriod { data = span(first, last) }
        if let reported = card.reportingPeriod {
            parts.append(reported)
            if let data, data != reported { parts.append("data \(data)") }
        } else if let data {
            parts.append("\(data) (all data)")
        } else if let first = card.periods.first, let last = card.periods.last {
            parts.append("trends \(span(first, last))")
        }
        if let period = card.period { parts.append("by \(period.rawValue)") }
        if let zone = card.timeZone { parts.append(zone) }
        if let input = card.input {
            parts.append("\(ValueFormatting.grouped(input.conversations)) conversations")
            if card.reportingPeriod != nil, input.undated > 0 {
                parts.append("\(ValueFormatting.grouped(input.undated)) undated, in no period")
            }
        }
        parts.append("sources: " + card.sources.joined(separator: ", "))
        if let generated = card.generatedAt { parts.append("generated \(HTMLRenderer.shortTimestamp(generated))") }
        return parts.joined(separator: " · ")
    }
}
