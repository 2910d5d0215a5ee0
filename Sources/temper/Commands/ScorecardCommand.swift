import ArgumentParser
import Foundation
import TemperConversation
import TemperIO
import TemperPipeline
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
        temper scorecard [<file> ...] [--by <dimensions>] [--period <period>]
          [--reporting-period <period>] [--targets <file>] [--format <format>]
          [--output <file>] [--partial]
        temper scorecard merge <file> ... [--prefer <source>]
          [--targets <file>] [--format <format>] [--output <file>]
        """,
        discussion: ScorecardHelp.reference,
        subcommands: [ScorecardBuildCommand.self, ScorecardMergeCommand.self],
        defaultSubcommand: ScorecardBuildCommand.self
    )
}

struct ScorecardBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a scorecard (or a mergeable partial aggregate) from conversation facts or conversations.",
        discussion: """
        Reads facts or raw conversations and writes the scorecard, or with \
        --partial the aggregate for 'temper scorecard merge'. The reference (inputs, \
        every KPI with its formula, groups, periods and --reporting-period, the \
        targets file, formats, partials, exit status) is 'temper help scorecard'.
        """
    )

    /// How input files are read: facts, or conversations in one of their formats.
    enum InputKind: String, ExpressibleByArgument, CaseIterable {
        case auto, facts, conversations, rowsCSV = "rows-csv", rowsJSONL = "rows-jsonl", tweets

        /// The conversation format, for the kinds that are conversations.
        var conversationFormat: ConversationFormat? {
            switch self {
            case .auto, .facts: nil
            case .conversations: .conversations
            case .rowsCSV: .rowsCSV
            case .rowsJSONL: .rowsJSONL
            case .tweets: .tweets
            }
        }
    }

    @OptionGroup var input: InputFiles

    @Option(name: .customLong("input-format"), help: ArgumentHelp("What the files hold: auto (decide per file), facts, or conversations as conversations (JSONL), rows-csv, rows-jsonl or tweets.", valueName: "format"))
    var inputKind: InputKind = .auto

    @Option(help: ArgumentHelp("Break the scorecard down by these dimensions, comma-separated: agent, team, channel, segment (e.g. team,agent). Default: one overall group.", valueName: "dimensions"))
    var by: DimensionList = DimensionList()

    @Option(help: "Period length: day, week (ISO weeks, Monday to Sunday), month or quarter. The values report one such period (see --reporting-period); trends show one point per period.")
    // Month by default: the values report the latest period, and a week is usually still partial.
    var period: PeriodGranularity = .month

    @Option(name: .customLong("time-zone"), help: ArgumentHelp("IANA time zone deciding which period a conversation falls in (e.g. Europe/Berlin).", valueName: "zone"))
    var timeZone = "UTC"

    @Option(name: .customLong("top-flagged"), help: ArgumentHelp("Flagged conversations listed per group, riskiest first (0 for none).", valueName: "n"))
    var topFlagged = 5

    @Flag(name: .customLong("no-retention"), help: "Do not track customers: no retention rate, and memory that does not grow with distinct customers.")
    var noRetention = false

    @Flag(help: "Write the mergeable partial aggregate (JSON) instead of a scorecard; combine partials with 'temper scorecard merge'.")
    var partial = false

    @Option(name: .customLong("shard-id"), help: ArgumentHelp("With --partial: name the shard this partial covers (e.g. a Spark partition). 'temper scorecard merge' counts each shard once: an identical repeat (a retried task's output) is merged once, a different partial with the same shard id is an error.", valueName: "id"))
    var shardID: String?

    @OptionGroup var report: ScorecardReportOptions
    @OptionGroup var validity: ValidityOptions
    @OptionGroup var throughput: ThroughputOptions

    @Option(help: ArgumentHelp("Conversations only: the risk at or above which a conversation counts as flagged (0–1); a threat flags whatever the risk. Default: the risk model's threshold (0.5 for the shipped one).", valueName: "risk"))
    var threshold: Double?

    @OptionGroup(title: "Conversation input (assessed on the way in)") var conversationInput: ConversationInputOptions
    @OptionGroup(title: "Sentiment model (conversation input)") var model: ModelOptions
    @OptionGroup(title: "Risk model (conversation input)") var riskModel: RiskModelOptions
    @OptionGroup(title: "Feedback drivers (conversation input; facts carry their own)") var driverOptions: DriverOptions

    func validate() throws {
        guard TimeZone(identifier: timeZone) != nil else {
            throw ValidationError("unknown time zone '\(timeZone)' (use an IANA name such as Europe/Berlin or America/New_York)")
        }
        guard topFlagged >= 0 else { throw ValidationError("--top-flagged must be 0 or more") }
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1") }
        try report.validate()
        if let shardID {
            guard partial else { throw ValidationError("--shard-id names the shard of a partial: pass --partial too") }
            guard !shardID.isEmpty else { throw ValidationError("--shard-id must not be empty") }
        }
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
        let diagnostics = try validity.diagnostics()
        let policy = diagnostics.policy(skipInvalid: validity.skipInvalid)
        let progress = ProgressReporter(forced: throughput.progress, unit: "conversations")
        var bytesBefore = 0
        var sentimentModel: SentimentModel?
        var risk: RiskModel?
        input.hintWhenReadingTerminal()
        try diagnostics.run {
            for path in input.paths {
                var kind = inputKind
                // An input told by its first line is read on through the same reader: standard
                // input cannot be opened twice, nor (from a terminal) be asked for a second end.
                var peeked: LineReader?
                if kind == .auto {
                    if path.lowercased().hasSuffix(".csv") {
                        kind = .rowsCSV
                    } else {
                        let reader = try LineReader(path: path, maximumLineLength: input.maximumLineLength)
                        kind = try reader.peekLine(skippingBlankLines: true).map(Self.isConversation) == true ? .conversations : .facts
                        peeked = reader
                    }
                }
                switch kind {
                case .facts, .auto:
                    let reader = try peeked ?? LineReader(path: path, maximumLineLength: input.maximumLineLength)
                    let before = progress.count, offset = bytesBefore
                    let ingest = FactsIngest(jobs: throughput.resolvedJobs, policy: policy) { added, bytesRead, totalBytes in
                        progress.advance(by: before + added - progress.count, bytesRead: offset + bytesRead,
                                         totalBytes: totalBytes.map { $0 + offset })
                    }
                    try ingest.read(reader, into: &aggregation)
                    bytesBefore += reader.bytesRead
                case .conversations, .rowsCSV, .rowsJSONL, .tweets:
                    if sentimentModel == nil { sentimentModel = try model.loadModel() }
                    if risk == nil { risk = try riskModel.load(model: model) }
                    let pipeline = ConversationPipeline(model: sentimentModel!, riskModel: risk, threshold: threshold,
                                                        options: RunOptions(jobs: throughput.resolvedJobs))
                    (pipeline.problems, pipeline.drivers) = try driverOptions.pipelineTaxonomies(model: model)
                    if let peeked {
                        try pipeline.run(lines: peeked, policy: policy, progress: progress.advance,
                                         transform: ConversationFacts.validated, each: { aggregation.add($0) })
                    } else {
                        try pipeline.run(paths: [path], input: conversationInput.input(format: kind.conversationFormat ?? .auto, files: input), policy: policy,
                                         progress: progress.advance, transform: ConversationFacts.validated, each: { aggregation.add($0) })
                    }
                }
            }
        }
        progress.finish()
        aggregation.skippedLines = diagnostics.invalidRecords
        if let shardID { aggregation.setShardID(shardID) }
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
            try ScorecardReportOptions.write(data, newline: true, to: report.output)
            return
        }
        let card = try report.scorecard(of: aggregation, targets: targets)
        try report.render(card)
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
                // Unparseable: the key followed by '[' decides, so the conversation reader (not
                // the facts reader) reports what is broken in a conversation.
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
