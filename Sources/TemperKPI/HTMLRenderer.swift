/// A single self-contained HTML page (inline CSS and SVG, no external assets, no scripts) that a
/// support manager can forward or print: per group, every KPI against its target with a status
/// colour, interval, sample size and trend sparkline, then the riskiest flagged conversations.
enum HTMLRenderer {
    static func render(_ card: Scorecard) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Temper \(Scorecard.schemaIdentifier)">
        <title>\(e(card.title))</title>
        <style>\(stylesheet)</style>
        </head>
        <body>
        <header class="page-head">
        <h1>\(e(card.title))</h1>
        <p class="subtitle">\(e(ScorecardSummary.subtitle(card)))</p>
        \(statusSummary(card))
        </header>
        <main>

        """
        if card.groups.count > 1 { html += navigation(card) }
        for (index, group) in card.groups.enumerated() { html += section(group, index: index, card: card) }
        html += "</main>\n" + footer(card) + "</body>\n</html>\n"
        return html
    }

    private static func e(_ text: String) -> String { HTMLEscaping.escape(text) }

    static func cssClass(_ status: TargetStatus) -> String {
        switch status {
        case .met: return "met"
        case .atRisk: return "at-risk"
        case .missed: return "missed"
        case .insufficientData: return "insufficient"
        case .noTarget: return "no-target"
        }
    }

    static func colour(_ status: TargetStatus) -> String {
        switch status {
        case .met: return "#1a7f37"
        case .atRisk: return "#b26a00"
        case .missed: return "#c62828"
        case .insufficientData: return "#8a9099"
        case .noTarget: return "#3b5b8c"
        }
    }

    private static func pill(_ status: TargetStatus) -> String {
        "<span class=\"pill \(cssClass(status))\">\(e(ValueFormatting.status(status)))</span>"
    }

    private static func statusSummary(_ card: Scorecard) -> String {
        let statuses = card.groups.flatMap { $0.values.map(\.status) }
        let shown: [TargetStatus] = [.met, .atRisk, .missed, .insufficientData]
        let chips = shown.map { status in
            "<li class=\"chip \(cssClass(status))\"><strong>\(statuses.filter { $0 == status }.count)</strong> "
                + "\(e(ValueFormatting.status(status).lowercased()))</li>"
        }
        return "<ul class=\"summary\" aria-label=\"Status totals across all groups\">\(chips.joined())</ul>"
    }

    /// How many of the card's dimensions a group is broken down by (0 for the overall group):
    /// with rollups, `team=billing` is 1 and `team=billing,agent=ana` is 2.
    static func depth(_ group: ScorecardGroup) -> Int {
        group.overall ? 0 : group.id.split(separator: ",", omittingEmptySubsequences: false).count
    }

    /// The group's name at its own level: the agent's name under its team, the full title otherwise.
    private static func shortTitle(_ group: ScorecardGroup, card: Scorecard) -> String {
        let level = depth(group)
        guard level > 1, level <= card.dimensions.count else { return group.title }
        let dimension = card.dimensions[level - 1]
        return group.dimensions[dimension] ?? "no \(dimension)"
    }

    /// Links to every group with its missed / at-risk counts; one row per top-level group when
    /// groups nest (a team, then its agents).
    private static func navigation(_ card: Scorecard) -> String {
        let nested = card.groups.contains { depth($0) > 1 }
        var rows: [[String]] = []
        for (index, group) in card.groups.enumerated() {
            let counts = [TargetStatus.missed, .atRisk].compactMap { status -> String? in
                let count = group.values.filter { $0.status == status }.count
                return count > 0 ? "<span class=\"dot \(cssClass(status))\" title=\"\(count) \(e(ValueFormatting.status(status).lowercased()))\">\(count)</span>" : nil
            }
            let level = depth(group)
            let item = "<li class=\"lvl-\(min(level, 3))\"><a href=\"#group-\(index)\">\(e(shortTitle(group, card: card)))</a>\(counts.joined())</li>"
            if rows.isEmpty || (nested && level <= 1) { rows.append([item]) } else { rows[rows.count - 1].append(item) }
        }
        let lists = rows.map { "<ul>\($0.joined())</ul>" }.joined()
        return "<nav class=\"toc\" aria-label=\"Groups\">\(lists)</nav>\n"
    }

    private static func section(_ group: ScorecardGroup, index: Int, card: Scorecard) -> String {
        var html = "<section class=\"group lvl-\(min(depth(group), 3))\" id=\"group-\(index)\" aria-labelledby=\"group-\(index)-title\">\n"
        html += "<div class=\"group-head\"><h2 id=\"group-\(index)-title\">\(e(group.title))</h2>"
        if let volume = group.value(of: BuiltInKPI.volume.rawValue)?.value {
            html += "<span class=\"muted\">\(ValueFormatting.grouped(Int(volume))) conversations</span>"
        }
        let chips = [TargetStatus.met, .atRisk, .missed].compactMap { status -> String? in
            let count = group.values.filter { $0.status == status }.count
            return count > 0 ? "<li class=\"chip \(cssClass(status))\"><strong>\(count)</strong> \(e(ValueFormatting.status(status).lowercased()))</li>" : nil
        }
        if !chips.isEmpty { html += "<ul class=\"summary small\">\(chips.joined())</ul>" }
        html += "</div>\n<div class=\"table-wrap\"><table class=\"kpis\">\n"
        html += "<thead><tr><th scope=\"col\">KPI</th><th scope=\"col\" class=\"num\">Value</th><th scope=\"col\">Target</th>"
            + "<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">n</th><th scope=\"col\">95% interval</th>"
            + "<th scope=\"col\" class=\"num\">Median</th><th scope=\"col\" class=\"num\">P90</th><th scope=\"col\">Trend</th></tr></thead>\n<tbody>\n"
        for value in group.values { html += row(value, group: group, card: card) }
        html += "</tbody></table></div>\n"
        if let drivers = group.drivers, !drivers.isEmpty { html += driversTable(drivers, card: card) }
        if !group.topFlagged.isEmpty { html += flagged(group.topFlagged, heading: ScorecardSummary.flaggedHeading(card)) }
        return html + "</section>\n"
    }

    private static func row(_ v: MetricValue, group: ScorecardGroup, card: Scorecard) -> String {
        let definition = card.definition(of: v.kpi)
        let unit = definition?.unit ?? .score
        let status = cssClass(v.status)
        var html = "<tr class=\"st-\(status)\">"
        let formula = definition.map { " title=\"\(e($0.formula))\"" } ?? ""
        html += "<th scope=\"row\"><span class=\"kpi-name\"\(formula)>\(e(definition?.name ?? v.kpi))</span>"
        if v.source != card.sources.first || card.sources.count > 1 {
            html += "<span class=\"source\">source: \(e(v.source))</span>"
        }
        html += "</th>"
        let title = v.insufficient ? " title=\"Below the minimum sample of \(card.minimumSample)\"" : ""
        html += "<td class=\"num value\(v.insufficient ? " thin" : "")\"\(title)>\(e(ValueFormatting.value(v.value, unit: unit)))</td>"
        html += "<td class=\"target\">"
        if let target = v.target {
            html += "<span class=\"threshold\">\(e(threshold(target, unit: unit)))</span>"
            if target.warning > 0 { html += "<span class=\"band\">\(e(band(target, unit: unit)))</span>" }
            if let owner = target.owner { html += "<span class=\"owner\">\(e(owner))</span>" }
        } else {
            html += "<span class=\"muted\">\(ValueFormatting.missing)</span>"
        }
        html += "</td><td>\(pill(v.status))</td>"
        html += "<td class=\"num\">\(ValueFormatting.grouped(v.n))</td>"
        html += "<td class=\"ci\">\(e(ValueFormatting.interval(v.interval, unit: unit)))</td>"
        html += "<td class=\"num\">\(e(v.median.map(ValueFormatting.duration) ?? ""))</td>"
        html += "<td class=\"num\">\(e(v.p90.map(ValueFormatting.duration) ?? ""))</td>"
        let trend = group.trend(of: v.kpi)
        html += "<td class=\"trend\">"
        if let trend {
            html += Sparkline.svg(points: trend.points, unit: unit, target: v.target?.value, colour: colour(v.status))
        }
        html += "</td></tr>\n"
        return html
    }

    /// The group's negative drivers: share with a bar, change against the previous period, and
    /// approval where the driver occurs against where it does not.
    private static func driversTable(_ rows: [DriverRow], card: Scorecard) -> String {
        var html = "<h3>\(e(ScorecardSummary.driversHeading(card)))</h3>\n<div class=\"table-wrap\"><table class=\"drivers\">\n"
        html += "<thead><tr><th scope=\"col\">Driver</th><th scope=\"col\" class=\"num\">Share</th><th scope=\"col\"></th>"
            + "<th scope=\"col\">95% interval</th><th scope=\"col\" class=\"num\">n</th><th scope=\"col\" class=\"num\">Previous</th>"
            + "<th scope=\"col\" class=\"num\">Change</th><th scope=\"col\">95% interval of change</th>"
            + "<th scope=\"col\" class=\"num\">Approval with</th><th scope=\"col\" class=\"num\">without</th><th scope=\"col\" class=\"num\">Gap</th></tr></thead>\n<tbody>\n"
        let widest = max(rows.compactMap(\.share).max() ?? 0, 1)
        for row in rows {
            let title = row.insufficient ? " title=\"Below the minimum sample of \(card.minimumSample)\"" : ""
            html += "<tr><th scope=\"row\">\(e(row.displayName))</th>"
            html += "<td class=\"num value\(row.insufficient ? " thin" : "")\"\(title)>\(e(ValueFormatting.value(row.share, unit: .percent)))</td>"
            let width = Int(((row.share ?? 0) / widest * 100).rounded())
            html += "<td class=\"bar\"><span style=\"width:\(width)%\"></span></td>"
            html += "<td class=\"ci\">\(e(ValueFormatting.interval(row.shareInterval, unit: .percent)))</td>"
            html += "<td class=\"num\">\(ValueFormatting.grouped(row.conversations)) / \(ValueFormatting.grouped(row.n))</td>"
            html += "<td class=\"num\">\(e(row.previousShare.map { ValueFormatting.value($0, unit: .percent) } ?? ""))</td>"
            let rising = (row.changeInterval?.lower ?? 0) > 0, falling = (row.changeInterval?.upper ?? 0) < 0
            html += "<td class=\"num\(rising ? " worse" : falling ? " better" : "")\">\(e(row.change.map { ValueFormatting.value($0, unit: .points) } ?? ""))</td>"
            html += "<td class=\"ci\">\(e(ValueFormatting.interval(row.changeInterval, unit: .points)))</td>"
            html += "<td class=\"num\">\(e(ValueFormatting.value(row.approvalWith, unit: .percent)))</td>"
            html += "<td class=\"num\">\(e(ValueFormatting.value(row.approvalWithout, unit: .percent)))</td>"
            html += "<td class=\"num\">\(e(row.approvalGap.map { ValueFormatting.value($0, unit: .points) } ?? ""))</td></tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }

    /// `≥ 60.0%`, `median ≤ 5m 00s`.
    static func threshold(_ target: AppliedTarget, unit: KPIUnit) -> String {
        let statistic = target.statistic.map { $0 == .mean ? "" : $0.rawValue + " " } ?? ""
        return statistic + (target.direction == .higherIsBetter ? "≥ " : "≤ ") + ValueFormatting.value(target.value, unit: unit)
    }

    /// Where the warning band ends: `at risk down to 52.5%`, `at risk up to 7m 00s`.
    static func band(_ target: AppliedTarget, unit: KPIUnit) -> String {
        let higher = target.direction == .higherIsBetter
        let edge = higher ? target.value - target.warning : target.value + target.warning
        return "at risk \(higher ? "down" : "up") to " + ValueFormatting.value(edge, unit: unit)
    }

    /// `2026-09-10T11:16:05Z` → `2026-09-10 11:16`: enough to find the conversation, narrow enough for a table.
    static func shortTimestamp(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count >= 16, characters[10] == "T" else { return text }
        let zone = text.hasSuffix("Z") ? " UTC" : ""
        return String(characters[0..<10]) + " " + String(characters[11..<16]) + zone
    }

    private static func flagged(_ items: [FlaggedConversation], heading: String) -> String {
        var html = "<h3>\(e(heading))</h3>\n<div class=\"table-wrap\"><table class=\"flagged\">\n"
        html += "<thead><tr><th scope=\"col\">Conversation</th><th scope=\"col\" class=\"num\">Risk</th><th scope=\"col\">Reasons</th>"
            + "<th scope=\"col\">Agent</th><th scope=\"col\">Channel</th><th scope=\"col\">Started</th></tr></thead>\n<tbody>\n"
        for item in items {
            let risk = item.risk.map { ValueFormatting.fixed($0, 2) } ?? ValueFormatting.missing
            let reasons = item.reasons.map { "<span class=\"tag\">\(e($0))</span>" }.joined(separator: " ")
            html += "<tr><td class=\"mono\">\(e(item.id))</td><td class=\"num\">\(risk)</td><td>\(reasons)</td>"
                + "<td>\(e(item.agent ?? ""))</td><td>\(e(item.channel ?? ""))</td><td class=\"nowrap\">\(e(item.startedAt.map(shortTimestamp) ?? ""))</td></tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }

    private static func footer(_ card: Scorecard) -> String {
        var html = "<footer>\n<h2>How to read this</h2>\n<p>"
        html += [TargetStatus.met, .atRisk, .missed, .insufficientData].map { pill($0) }.joined(separator: " ")
        html += "</p>\n<p>At risk: on the wrong side of the target, but within its warning band. Insufficient data: fewer than "
            + "\(card.minimumSample) observations (n), or the KPI is undefined for the group; shown in grey and not judged. "
            + "Intervals are 95%: Wilson for rates, normal approximation for net scores and means. Median and P90 are "
            + "estimated within 1%. Hollow dots in trends mark thin periods; the dashed line is the target.</p>\n"
        html += "<table class=\"definitions\"><thead><tr><th scope=\"col\">KPI</th><th scope=\"col\">Formula</th>"
            + "<th scope=\"col\">Better</th></tr></thead><tbody>\n"
        for kpi in card.kpis {
            let better = kpi.direction == .higherIsBetter ? "higher" : "lower"
            html += "<tr><th scope=\"row\">\(e(kpi.name))</th><td>\(e(kpi.formula))</td><td>\(better)</td></tr>\n"
        }
        html += "</tbody></table>\n<p class=\"muted\">\(e(Scorecard.schemaIdentifier)) · sources: "
            + "\(e(card.sources.joined(separator: ", ")))</p>\n</footer>\n"
        return html
    }

    static let stylesheet = """
    :root{--ink:#1d2733;--muted:#5f6b7a;--line:#e3e8ee;--bg:#f4f6f9;--card:#fff;--met:#1a7f37;--met-bg:#e7f5ec;\
    --risk:#b26a00;--risk-bg:#fff4e0;--miss:#c62828;--miss-bg:#fdeaea;--thin:#8a9099;--thin-bg:#eef0f3;--none:#3b5b8c;--none-bg:#eaf0f8}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
    .page-head{background:var(--card);border-bottom:1px solid var(--line);padding:28px 40px 20px}
    h1{margin:0 0 4px;font-size:24px;font-weight:650;letter-spacing:-.01em}
    h2{font-size:18px;margin:0;font-weight:620}
    h3{font-size:14px;margin:22px 0 8px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
    .subtitle,.muted{color:var(--muted)}
    .subtitle{margin:0 0 14px}
    main{padding:24px 40px;max-width:1280px}
    .summary{display:flex;gap:10px;list-style:none;margin:0;padding:0;flex-wrap:wrap}
    .chip{border-radius:999px;padding:4px 12px;font-size:13px}
    .toc{margin:0 0 20px}
    .toc ul{list-style:none;padding:0;margin:0 0 8px;display:flex;flex-wrap:wrap;gap:6px;align-items:center}
    .toc li{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:3px 9px;font-size:13px}
    .toc li.lvl-0,.toc li.lvl-1{font-weight:600}
    .toc li.lvl-2,.toc li.lvl-3{background:transparent}
    .toc a{color:var(--ink);text-decoration:none}
    .toc a:hover{text-decoration:underline}
    .dot{display:inline-block;min-width:18px;height:18px;line-height:18px;padding:0 5px;margin-left:6px;border-radius:9px;\
    font-size:11px;font-weight:700;text-align:center;color:#fff;vertical-align:1px}
    .dot.missed{background:var(--miss);color:#fff}.dot.at-risk{background:var(--risk);color:#fff}
    .group{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 22px;margin:0 0 22px;\
    box-shadow:0 1px 2px rgba(16,24,40,.05);page-break-inside:avoid}
    .group-head{display:flex;align-items:center;gap:12px;margin-bottom:12px;flex-wrap:wrap}
    .group-head .summary{margin-left:auto}
    .summary.small .chip{font-size:12px;padding:2px 10px}
    .group.lvl-1{border-top:3px solid var(--none)}
    .group.lvl-2,.group.lvl-3{margin-left:28px}
    .group.lvl-2 h2,.group.lvl-3 h2{font-size:16px}
    .table-wrap{overflow-x:auto}
    td.bar{width:8rem}td.bar span{display:block;height:.6rem;background:#c2410c;border-radius:2px;min-width:1px}
    td.worse{color:#b91c1c;font-weight:600}td.better{color:#15803d;font-weight:600}
    table{border-collapse:collapse;width:100%}
    th,td{text-align:left;padding:8px 10px;border-bottom:1px solid var(--line);vertical-align:middle}
    thead th{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);font-weight:600;white-space:nowrap}
    tbody tr:last-child th,tbody tr:last-child td{border-bottom:0}
    .kpis tbody th{font-weight:500;border-left:3px solid transparent}
    .kpis tr.st-met th{border-left-color:var(--met)}.kpis tr.st-at-risk th{border-left-color:var(--risk)}
    .kpis tr.st-missed th{border-left-color:var(--miss)}.kpis tr.st-insufficient th{border-left-color:var(--thin)}
    .kpi-name{display:block}
    .formula{display:block;font-size:11.5px;color:var(--muted);max-width:340px}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .value{font-size:16px;font-weight:620}
    .value.thin{color:var(--thin);font-weight:500}
    .ci{white-space:nowrap;color:var(--muted);font-variant-numeric:tabular-nums}
    .owner,.source{display:block;font-size:11.5px;color:var(--muted)}
    .threshold{display:block;white-space:nowrap;font-variant-numeric:tabular-nums}
    .band{display:block;font-size:11.5px;color:var(--muted);white-space:nowrap}
    .kpi-name[title]{cursor:help}
    .nowrap{white-space:nowrap}
    .pill{display:inline-block;border-radius:999px;padding:2px 10px;font-size:12px;font-weight:600;white-space:nowrap}
    .met{color:var(--met);background:var(--met-bg)}.at-risk{color:var(--risk);background:var(--risk-bg)}
    .missed{color:var(--miss);background:var(--miss-bg)}.insufficient{color:var(--thin);background:var(--thin-bg)}
    .no-target{color:var(--none);background:var(--none-bg)}
    .spark{display:block}.spark-target{stroke:#9aa1ab;stroke-dasharray:3 3;stroke-width:1}
    .spark-empty{stroke:#d5dae1;stroke-dasharray:2 3;stroke-width:1}
    .tag{display:inline-block;background:#eef1f5;border-radius:4px;padding:1px 6px;margin:1px 2px 1px 0;font-size:12px;\
    font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
    .mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
    footer{padding:8px 40px 40px;max-width:1280px;color:var(--muted)}
    footer h2{color:var(--ink);margin:8px 0}
    .definitions{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:12px 0}
    .definitions th{font-weight:600;color:var(--ink);white-space:nowrap}
    @media print{body{background:#fff}.group{box-shadow:none}.toc{display:none}main,footer,.page-head{padding-left:0;padding-right:0}}
    """
}
