import ArgumentParser
import Foundation
import TemperConversation
import TemperIO
import TemperKPI
import TemperSentiment

/// Options that shape and write a scorecard, shared by `build` and `merge`.
struct ScorecardReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Targets file (YAML or JSON) to judge the KPIs against, e.g. corpora/targets.yaml.", valueName: "file"))
    var targets: String?

    @Option(help: "Output format. Default: from the --output extension (.json, .csv, .md, .html), else md.")
    var format: ScorecardFormat?

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output (replaced atomically).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Title of the scorecard. Default: 'Support scorecard'.", valueName: "text"))
    var title: String?

    @Option(name: .customLong("min-sample"), help: ArgumentHelp("Values with fewer observations are shown but not judged. Default: 30.", valueName: "n"))
    var minSample: Int?

    @Option(name: .customLong("trend-periods"), help: ArgumentHelp("How many of the latest periods the trends show. Default: 12.", valueName: "n"))
    var trendPeriods: Int?

    @Option(name: .customLong("reporting-period"), help: ArgumentHelp("The period the headline values cover: latest (the last period with data), a period label such as 2026-11, 2026-W48, 2026-Q4 or 2026-11-30, or all (every conversation, undated ones included). Trends end with it. Default: latest.", valueName: "period"))
    var reportingPeriod: String?

    @Option(help: ArgumentHelp("Provenance recorded on every value Temper computes (tells values apart when scorecards from several tools are merged). Default: temper.", valueName: "name"))
    var source: String?

    @Flag(name: .customLong("no-rollups"), help: "With several --by dimensions, list only their combinations (e.g. team · agent), not a group per team as well.")
    var noRollups = false

    @Flag(name: .customLong("no-timestamp"), help: "Leave the generation time out, so equal inputs give byte-identical output. $SOURCE_DATE_EPOCH, when set, is used as the time instead of now.")
    var noTimestamp = false

    func validate() throws {
        if let minSample, minSample < 1 { throw ValidationError("--min-sample must be at least 1") }
        if let trendPeriods, trendPeriods < 1 { throw ValidationError("--trend-periods must be at least 1") }
        if let source, source.isEmpty { throw ValidationError("--source must not be empty") }
        if let reportingPeriod, reportingPeriod.isEmpty { throw ValidationError("--reporting-period must not be empty") }
    }

    /// Scorecard-only options that were given, for `--partial`, which writes no scorecard.
    var renderingOptionsGiven: [String] {
        [(targets != nil, "--targets"), (format != nil, "--format"), (title != nil, "--title"),
         (minSample != nil, "--min-sample"), (trendPeriods != nil, "--trend-periods"),
         (reportingPeriod != nil, "--reporting-period"), (source != nil, "--source"),
         (noRollups, "--no-rollups")].filter(\.0).map(\.1)
    }

    var resolvedFormat: ScorecardFormat {
        if let format { return format }
        if let output, let byExtension = ScorecardFormat(name: URL(fileURLWithPath: output).pathExtension) { return byExtension }
        return .markdown
    }

    var generatedAt: Date? {
        if noTimestamp { return nil }
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Double(epoch) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }

    func scorecardOptions(targets: TargetsConfig?) -> ScorecardOptions {
        var options = ScorecardOptions(title: title ?? "Support scorecard", source: source ?? "temper",
                                       minimumSample: minSample ?? 30, rollups: !noRollups, targets: targets,
                                       generatedAt: generatedAt)
        if let trendPeriods { options.maxTrendPeriods = trendPeriods }
        if let reportingPeriod { options.reportingPeriod = ReportingPeriod(argument: reportingPeriod) }
        return options
    }

    /// The scorecard of `aggregation`; a reporting period missing from the data is a usage error,
    /// which only the data can reveal.
    func scorecard(of aggregation: KPIAggregation, targets: TargetsConfig?) throws -> Scorecard {
        let options = scorecardOptions(targets: targets)
        if let problem = aggregation.problem(reporting: options.reportingPeriod) {
            throw ValidationError("--reporting-period: \(problem)")
        }
        return aggregation.scorecard(options)
    }

    func loadTargets(kpis: [KPIDefinition]) throws -> TargetsConfig? {
        guard let targets else { return nil }
        do {
            return try TargetsConfig.load(path: targets, kpis: kpis)
        } catch {
            throw RunError(error.description)
        }
    }

    func render(_ card: Scorecard) throws {
        let text: String
        do {
            text = try card.rendered(as: resolvedFormat)
        } catch {
            throw RunError("could not render the scorecard: \(error)")
        }
        try Self.write(Data(text.utf8), newline: resolvedFormat == .json, to: output)
    }

    /// Writes `data` (and a final newline) to standard output or `path`, without copying it
    /// (a partial of a million conversations is tens of MB).
    static func write(_ data: Data, newline: Bool = false, to path: String?) throws {
        guard let path, path != "-" else {
            let output = OutputBuffer()
            data.withUnsafeBytes { output.append($0.bindMemory(to: UInt8.self)) }
            if newline { output.append([0x0A]) }
            output.flush()
            if output.failed { throw RunError("could not write the output") }
            return
        }
        var data = data
        if newline { data.append(0x0A) }
        // A regular file (or a new one) is replaced atomically: a temporary file beside it, then a
        // rename, so a reader never sees half a scorecard. Anything else — a symlink, a FIFO, a
        // device — is written into as it is; renaming over it would replace it with a plain file.
        var status = stat()
        if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG {
            if status.st_mode & S_IFMT == S_IFDIR { throw RunError("\(path): is a directory; name a file for -o") }
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw RunError("\(path): cannot write: \(String(cString: strerror(errno)))")
            }
            do {
                try? handle.truncate(atOffset: 0)  // a linked file's old bytes go; FIFOs and devices have none
                try handle.write(contentsOf: data)
                try handle.close()
            } catch {
                throw RunError("\(path): cannot write: \(error.localizedDescription)")
            }
            return
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw RunError("\(path): cannot write: \(error.localizedDescription)")
        }
    }
}

/// `--by team,agent`: dimensions in the order given.
struct DimensionList: ExpressibleByArgument {
    var dimensions: [GroupDimension] = []

    init() {}

    init?(argument: String) {
        for name in argument.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            if name.isEmpty || name == "none" { continue }
            guard let dimension = GroupDimension(rawValue: name), !dimensions.contains(dimension) else { return nil }
            dimensions.append(dimension)
        }
    }

    var defaultValueDescription: String { dimensions.isEmpty ? "none" : dimensions.map(\.rawValue).joined(separator: ",") }
    static var allValueStrings: [String] { GroupDimension.allCases.map(\.rawValue) }
}

extension PeriodGranularity: ExpressibleByArgument {}

extension ScorecardFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public var defaultValueDescription: String { self == .markdown ? "md" : rawValue }
    public static var allValueStrings: [String] { ["json", "csv", "md", "html"] }
    public static var allValueDescriptions: [String: String] {
        ["json": "the temper.scorecard/v1 document, for tools",
         "csv": "one row per group and KPI, for spreadsheets",
         "md": "a Markdown table per group, for tickets and chat",
         "html": "one self-contained page to forward"]
    }
}

// MARK: - Facts input
