import TemperKPI

/// The reference `temper help scorecard` prints.
///
/// Every line is preformatted and shorter than 80 columns: ArgumentParser re-wraps only lines
/// longer than the terminal, so indented tables and the targets example keep their shape. The KPI
/// list is generated from `KPIDefinition.builtIn`, so the help cannot drift from the formulas the
/// scorecards themselves carry.
enum ScorecardHelp {
    static let width = 78

    static var reference: String {
        """
        'temper scorecard FILE…' is short for 'temper scorecard build FILE…'.
        Every option: 'temper help scorecard build'. Combining partials and other
        tools' scorecards: 'temper help scorecard merge'.

        INPUT
        JSON lines, one conversation per line, read in order ('-' or no file reads
        standard input). --input-format auto (the default) decides per file from
        its first non-empty line: an object with a "messages" array is a
        conversation, anything else is facts (standard input too); .csv files
        are message rows. Pass --input-format tweets or rows-jsonl for those.
          facts          what 'temper flag --facts' writes, or any tool's export,
                         with the keys id, agent, team, channel, segment,
                         customer, started_at, ended_at (ISO-8601, UTC when no
                         zone is given), first_response_seconds,
                         resolution_seconds, handle_seconds, sentiment_label,
                         sentiment_mean (-1…1), flagged, risk, reasons,
                         escalated, resolved, first_contact_resolved, abandoned,
                         csat (1–5), nps (0–10), ces (CES 2.0, 1–7, 7 = easiest),
                         cost, contacts and drivers ([{"id","polarity"}], from
                         'temper flag --drivers --facts': the drivers section).
                         Every key but id is optional: a KPI whose keys are
                         missing shows as insufficient data, never guessed.
          conversations  raw transcripts {"id",…,"messages":[{"role","text","at"}]},
                         assessed on the way in as 'temper flag' does (same
                         formats, --threshold and model options).
                         A "handle_seconds" on the record is kept as handle time;
                         message times never stand in for it. --drivers detects
                         feedback drivers in the customer messages.
        A record that cannot be read stops the run with its file and line, unless
        --skip-invalid is given (then each one is reported and counted).

        KPIS
        Rates are percentages (0–100), NPS and net sentiment points (−100…100),
        times seconds with median and P90 alongside the mean. Every value carries
        its sample size n and a 95% interval (Wilson for rates, normal for net
        scores and means); a value from fewer than --min-sample (default 30)
        observations is shown but not judged. The keys each KPI needs are in
        brackets.
        \(kpiList)

        GROUPS
        "All conversations" first, then one group per value of --by (agent, team,
        channel, segment; comma-separated, in the order given). With --by
        team,agent each team is followed by its agents; --no-rollups leaves the
        team rows out.

        PERIODS
        --period (day, week, month or quarter; default month; weeks are ISO
        weeks, from Monday) sets the period length, in --time-zone (default
        UTC). A conversation falls in the period of its started_at, else its
        ended_at. The values report one period, --reporting-period:
          latest (default)  the last period holding data, complete or not
          2026-11           that period (2026-11-30, 2026-W48, 2026-11, 2026-Q4
                            for day, week, month, quarter); one without data is
                            a usage error
          all               every conversation, undated ones included
        So '--by team --period month' is a scorecard per team for the latest
        month. Trends show the --trend-periods (default 12) periods that end
        with the reported one. The header names the reported period and the span
        of the data (first to last period with conversations). The top flagged
        conversations are the riskiest of the whole input.

        TARGETS
        --targets FILE, YAML (.yaml, .yml) or JSON (.json); see
        corpora/targets.yaml:
          version: 1                      # optional
          targets:
            - kpi: csat                   # required: a KPI id above
              target: 85                  # required, in the KPI's unit ("85%" too)
              warning: 5                  # at-risk band on the wrong side (0)
              period: month               # week, month or quarter: trend points
                                          # are judged when it is --period
              owner: Dana Reyes (Support Ops)
            - kpi: first_response_time
              target: 1h                  # durations: seconds, 90s, 30m, 1.5h, 2d
              statistic: median           # duration KPIs: mean (default), median
                                          # or p90
              team: billing               # scope: team, agent, channel, segment
            - kpi: volume
              target: 500
              direction: lower_is_better  # default: the KPI's own
        Each value is then met, at risk (within the warning band), missed or
        insufficient data. The most specific scope wins. Unknown keys and KPIs,
        values out of range and duplicate targets fail with file, line and key.

        FORMATS
        --format, else the extension of --output (written atomically), else md:
          json  the temper.scorecard/v1 document, for tools (JSON Schema:
                Sources/TemperKPI/scorecard.schema.json)
          csv   one row per group and KPI, with the period the value covers
          md    a table per group, for tickets and chat
          html  one self-contained page to forward: status colours, targets
                and owners, intervals, trend sparklines, flagged conversations
        --no-timestamp (or $SOURCE_DATE_EPOCH as the time) makes equal inputs
        give byte-identical output.

        PARTIALS AND MERGING
        --partial writes the aggregate instead of a scorecard (JSON: counts,
        exact sums, histograms; no conversations). 'temper scorecard merge' adds
        partials of disjoint inputs into exactly the scorecard one run over all
        of them gives, and combines temper.scorecard/v1 documents from other
        tools group by group, each value keeping its source (--prefer SOURCE
        settles conflicts). Memory grows with groups × periods (and distinct
        customers per group and period for retention; --no-retention drops
        that), never with the number of conversations. --shard-id ID names the
        shard a partial covers (a Spark partition, say): merge counts each shard
        once, skipping an identical repeat (a retried task's output, with a
        warning) and refusing a different partial for a shard already merged.
        scripts/spark/temper_spark.py runs this on Apache Spark.

        EXIT STATUS
          0   success, also when --skip-invalid skipped records (each was
              reported) and when the input held no conversations (a warning on
              standard error says so; the scorecard is empty)
          1   an invalid record, or a file or targets file that cannot be read
          64  a wrong command line: unknown option, bad value, or a
              --reporting-period the data has no conversations in

        EXAMPLE
          temper flag --facts corpora/transcripts.jsonl > facts.jsonl
          temper scorecard facts.jsonl --by team,agent --period month \\
              --targets corpora/targets.yaml --output scorecard.html
        """
    }

    /// `  id (unit, higher is better) [keys]` and the formula below it, indented.
    static var kpiList: String {
        KPIDefinition.builtIn.map { kpi in
            let better = kpi.direction == .higherIsBetter ? "higher" : "lower"
            let keys = kpi.requires.isEmpty ? "" : " [\(kpi.requires.joined(separator: ", "))]"
            let head = wrap("\(kpi.id) (\(kpi.unit.rawValue), \(better) is better)\(keys)", indent: 2)
            return head + "\n" + wrap(kpi.formula, indent: 6)
        }.joined(separator: "\n")
    }

    /// Greedy word wrap to `width` columns, every line indented by `indent` spaces.
    static func wrap(_ text: String, indent: Int) -> String {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, indent + line.count + 1 + word.count > width {
                lines.append(margin + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(margin + line) }
        return lines.joined(separator: "\n")
    }
}
