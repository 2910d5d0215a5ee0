import ArgumentParser
import Foundation
import TemperConversation
import TemperIO
import TemperKPI
import TemperSentiment

/// `temper scorecard`: support KPIs per team, agent, channel or segment, against targets.
///
/// A command group so that `temper scorecard FILE…` (the default, `build`) and
/// `temper scorecard merge FILE…` share one name. Register `ScorecardCommand.self` only.
struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "Aggregate conversations into support KPIs (CSAT, NPS, response times, approval, escalation risk…) against targets.",
        usage: """
        temper scorecard [<file> ...] [--by <dimensions>] [--period <period>] [--targets <file>] [--format <format>] [--partial]
          temper scorecard merge <file> ... [--prefer <source>] [--targets <file>] [--format <format>]
        """,
        discussion: """
        'temper scorecard FILE…' is short for 'temper scorecard build FILE…'; see \
        'temper scorecard build --help' for every option, and 'temper scorecard merge --help' for \
        combining partial aggregates (one per shard or month) and scorecards from other tools.

        Example:
          temper flag --facts corpora/transcripts.jsonl > facts.jsonl
          temper scorecard facts.jsonl --by team,agent --period week \\
              --targets corpora/targets.yaml --output scorecard.html
        """,
        subcommands: [ScorecardBuildCommand.self, ScorecardMergeCommand.self],
        defaultSubcommand: ScorecardBuildCommand.self
    )
}

struct ScorecardBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a scorecard (or a mergeable partial aggregate) from conversation facts or conversations.",
        discussion: """
        Input is JSON lines, one conversation per line, of either kind:

        Facts: what 'temper flag --facts' writes, or any tool's export, with the keys id, agent, \
        team, channel, segment, customer, started_at, ended_at (ISO-8601), first_response_seconds, \
        resolution_seconds, handle_seconds, sentiment_label, sentiment_mean, flagged, risk, \
        reasons, escalated, resolved, first_contact_resolved, abandoned, csat (1–5), nps (0–10), \
        ces (CES 2.0, 1–7, 7 = easiest), cost and contacts. Every key but id is optional: a KPI whose \
        keys are missing is reported as insufficient data, never guessed.

        Conversations: raw transcripts ({"id", …, "messages": [{"role", "text", "at"}, …]}), \
        assessed on the way in as 'temper flag' does.

        --input auto (the default) decides per file from its first non-empty line: an object with \
        a "messages" array is a conversation, anything else is facts (.csv files are \
        conversations). Pass --input conversations for tweets or message rows in JSONL, and for \
        conversations on standard input. A line that cannot be read stops the run with its file and line (exit \
        status 1) unless --skip-invalid is given.

        KPIs: rates are percentages (0–100), NPS and net sentiment are points (−100…100), times \
        are seconds with median and P90 alongside the mean. Every value carries its sample size n \
        and a 95% interval; values with n below --min-sample are shown but not judged. The \
        scorecard has an "All conversations" group, then one group per value of --by (with \
        --by team,agent: each team, followed by its agents; --no-rollups leaves out the team rows). \
        Trends cover the latest --trend-periods periods, in --time-zone.

        Targets (--targets, YAML or JSON; see corpora/targets.yaml) set per KPI a value, a \
        direction, a warning band, an owner and optionally a team/agent/channel/segment scope; \
        each value is then met, at risk (within the warning band), missed or insufficient data.

        Formats: json (the versioned temper.scorecard/v1 document), csv (one row per group and \
        KPI), md (a table per group), html (one self-contained page to forward: status colours, \
        trend sparklines, intervals and the riskiest flagged conversations per group). Without \
        --format, the extension of --output decides, else md.

        --partial writes the aggregate itself instead (JSON, counts and histograms, no \
        conversations): partials of disjoint inputs combine with 'temper scorecard merge' into \
        exactly the scorecard one run over all the input would give.

        Memory depends on groups × periods (plus distinct customers per group and period for the \
        retention rate; --no-retention drops that), never on the number of conversations.
        """
    )

    /// How input files are read.
    enum InputKind: String, ExpressibleByArgument, CaseIterable {
        case auto, facts, conversations
    }

    @OptionGroup var input: InputFiles

    @Option(name: .customLong("input"), help: "What the files hold: auto (decide per file), facts or conversations.")
    var inputKind: InputKind = .auto

    @Option(help: ArgumentHelp("Break the scorecard down by these dimensions, comma-separated: agent, team, channel, segment (e.g. team,agent). Default: one overall group.", valueName: "dimensions"))
    var by: DimensionList = DimensionList()

    @Option(help: "Trend period: day, week (ISO weeks, Monday to Sunday), month or quarter.")
    var period: PeriodGranularity = .week

    @Option(name: .customLong("time-zone"), help: ArgumentHelp("IANA time zone deciding which period a conversation falls in (e.g. Europe/Berlin).", valueName: "zone"))
    var timeZone = "UTC"

    @Option(name: .customLong("top-flagged"), help: ArgumentHelp("Flagged conversations listed per group, riskiest first (0 for none).", valueName: "n"))
    var topFlagged = 5

    @Flag(name: .customLong("no-retention"), help: "Do not track customers: no retention rate, and memory that does not grow with distinct customers.")
    var noRetention = false

    @Flag(help: "Write the mergeable partial aggregate (JSON) instead of a scorecard; combine partials with 'temper scorecard merge'.")
    var partial = false

    @OptionGroup var report: ScorecardReportOptions
    @OptionGroup var validity: ValidityOptions
    @OptionGroup var throughput: ThroughputOptions
    @Option(name: .customLong("conversation-format"), help: "Conversations only: auto, conversations (JSONL with a messages array), rows-csv, rows-jsonl (one message per row) or tweets.")
    var conversationFormat: ConversationFormat = .auto

    @Option(help: ArgumentHelp("Conversations only: the risk at or above which a conversation counts as flagged (0–1).", valueName: "risk"))
    var threshold: Double = RiskModel.defaultThreshold

    @OptionGroup(title: "Conversation input (assessed on the way in)") var conversationInput: ConversationInputOptions
    @OptionGroup(title: "Sentiment model (conversation input)") var model: ModelOptions

    func validate() throws {
        guard TimeZone(identifier: timeZone) != nil else {
            throw ValidationError("unknown time zone '\(timeZone)' (use an IANA name such as Europe/Berlin or America/New_York)")
        }
        guard topFlagged >= 0 else { throw ValidationError("--top-flagged must be 0 or more") }
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
        try report.validate()
        if partial, let clash = report.renderingOptionsGiven.first {
            throw ValidationError("\(clash) shapes a scorecard, not a partial: pass it to 'temper scorecard merge' instead")
        }
    }

    func run() throws {
        // Targets are read first, so a typo in them fails before a long read.
        let targets = partial ? nil : try report.loadTargets(kpis: KPIDefinition.builtIn)
        let spec = AggregationSpec(dimensions: by.dimensions, period: period, timeZone: timeZone,
                                   topFlaggedLimit: topFlagged, trackCustomers: !noRetention)
        var aggregation: KPIAggregation
        do {
            aggregation = try KPIAggregation(spec: spec)
        } catch {
            throw ValidationError(error.description)
        }
        let diagnostics = Diagnostics()
        let progress = ProgressReporter(forced: throughput.progress, unit: "conversations")
        let reader = FactsIngest(skipInvalid: validity.skipInvalid, jobs: throughput.resolvedJobs,
                                 diagnostics: diagnostics, progress: progress)
        var sentimentModel: SentimentModel?
        for path in input.paths {
            var kind = inputKind
            var prefix = PeekedPrefix()
            if kind == .auto { (kind, prefix) = try Self.detect(path) }
            switch kind {
            case .facts, .auto:
                try reader.read(path: path, prefix: prefix, into: &aggregation)
            case .conversations:
                if path == "-", !prefix.bytes.isEmpty {
                    throw RunError("<stdin>: holds conversations, and its first line was read to tell: pass --input conversations to read conversations from standard input")
                }
                if sentimentModel == nil { sentimentModel = try model.loadModel() }
                let settings = ConversationFactsSource.Settings(
                    format: conversationFormat, input: conversationInput, threshold: threshold,
                    skipInvalid: validity.skipInvalid, jobs: throughput.resolvedJobs, progress: throughput.progress)
                try ConversationFactsSource.forEach(paths: [path], settings: settings, model: sentimentModel!,
                                                    diagnostics: diagnostics) { facts in
                    aggregation.add(facts)
                }
            }
        }
        progress.finish(bytesRead: reader.bytesRead)
        aggregation.skippedLines = diagnostics.invalidRecords
        try diagnostics.finish(skipped: validity.skipInvalid)
        if aggregation.conversations == 0 {
            // Exit 0 all the same: an empty shard or a quiet day is not an error, but a wrong path
            // or filter usually is, and an empty table alone would not say so.
            printError("temper: warning: no conversations in the input: the \(partial ? "partial" : "scorecard") is empty")
        }

        if partial {
            let data: Data
            do {
                data = try aggregation.partialJSON()
            } catch {
                throw RunError("could not encode the partial: \(error)")
            }
            try ScorecardReportOptions.write(data + [0x0A], to: report.output)
            return
        }
        let card = try report.scorecard(of: aggregation, targets: targets)
        try report.render(card)
    }

    /// Bytes already taken from standard input to detect its kind, with the lines they hold.
    struct PeekedPrefix {
        var bytes: [UInt8] = []
        /// Complete lines in `bytes` (blank ones, then the first non-blank one).
        var lines = 0
    }

    /// Decides facts or conversations from the first non-empty line (see the discussion).
    static func detect(_ path: String) throws -> (InputKind, PeekedPrefix) {
        if path.lowercased().hasSuffix(".csv") { return (.conversations, PeekedPrefix()) }
        var prefix = PeekedPrefix()
        if path == "-" {
            // Standard input cannot be rewound: read byte by byte up to the end of the first
            // non-empty line, and hand those bytes to the facts reader.
            var byte: UInt8 = 0
            var lineHasContent = false
            while read(0, &byte, 1) == 1 {
                prefix.bytes.append(byte)
                if byte == 0x0A {
                    prefix.lines += 1
                    if lineHasContent { break }
                } else if byte != 0x20, byte != 0x09, byte != 0x0D {
                    lineHasContent = true
                }
            }
            if !prefix.bytes.isEmpty, prefix.bytes.last != 0x0A { prefix.lines += 1 }
            return (isConversation(prefix.bytes) ? .conversations : .facts, prefix)
        }
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw RunError("\(path): cannot open: \(String(cString: strerror(errno)))")
        }
        defer { try? file.close() }
        let head = (try? file.read(upToCount: 1 << 20)) ?? Data()
        return (isConversation(Array(head)) ? .conversations : .facts, prefix)
    }

    /// Whether the first non-blank line of `bytes` is an object with a "messages" array.
    static func isConversation(_ bytes: [UInt8]) -> Bool {
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            var line = bytes[lineStart..<lineEnd]
            if lineStart == 0, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                var parser = JSONParser()
                if let value = try? parser.parse(line) {
                    return value["messages"]?.array != nil
                }
                // Unparseable (or cut at the 1 MiB peek): fall back to the key followed by '['.
                let text = String(decoding: line.prefix(1 << 20), as: UTF8.self)
                guard let key = text.range(of: "\"messages\"") else { return false }
                let rest = text[key.upperBound...].drop { $0 == " " || $0 == "\t" }
                guard rest.first == ":" else { return false }
                return rest.dropFirst().drop { $0 == " " || $0 == "\t" }.first == "["
            }
            lineStart = lineEnd + 1
        }
        return false
    }
}

// MARK: - Shared with `merge`
