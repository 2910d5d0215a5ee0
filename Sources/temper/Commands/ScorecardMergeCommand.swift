import ArgumentParser
import Foundation
import TemperIO
import TemperKPI

/// `temper scorecard merge`: partial aggregates and scorecards from other tools → one scorecard.
struct ScorecardMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge partial aggregates and scorecards (from Temper or other tools) into one scorecard.",
        usage: """
        temper scorecard merge <file> ... [--prefer <source>] [--targets <file>]
          [--reporting-period <period>] [--format <format>] [--output <file>]
          [<options>]
        """,
        discussion: """
        Each file is either
          a partial    written by 'temper scorecard --partial'
                       (schema temper.kpi-partial/v2), or
          a scorecard  a temper.scorecard/v1 JSON document, from Temper
                       ('--format json') or from another tool (a survey
                       platform reporting CSAT, a helpdesk reporting response
                       times…).

        Partials are added together exactly: the scorecard of the merged
        partials is the one a single run over all their input would give, byte
        for byte (give both the same --title, --min-sample, --reporting-period,
        --source and --no-timestamp). They must come from runs with the same
        --by, --period, --time-zone, --top-flagged and --no-retention.
        --reporting-period picks the period their values report (default: the
        latest); scorecards come with theirs.

        Partials written with --shard-id (one per Spark partition, say) are
        counted once per shard: a partial repeating an earlier one's shards with
        identical content (a retried or speculative task's output) is skipped
        with a warning; one repeating a shard with different content is an
        error, since the same input would otherwise be counted twice.

        Scorecards are then combined group by group (matched by group id, e.g.
        team=billing) and KPI by KPI. Every value keeps its source, so the
        result says which tool each number came from. When two sources give
        different values for the same KPI and group, the merge stops and names
        them; --prefer SOURCE settles such conflicts in favour of SOURCE.
        Scorecards reporting different periods do not merge. Targets (--targets)
        are applied after merging, so one targets file judges every source's
        values.

        Example:
          temper scorecard january.jsonl --by team --partial -o jan.partial.json
          temper scorecard february.jsonl --by team --partial -o feb.partial.json
          temper scorecard merge jan.partial.json feb.partial.json \\
              surveys.scorecard.json --prefer surveys --reporting-period all \\
              --targets corpora/targets.yaml -o q1.html
        """
    )

    @Argument(help: ArgumentHelp("Partials and scorecards to merge, in order ('-' reads standard input). The first one's title and input summary lead.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("When sources disagree on a value, take this source's (e.g. 'surveys' or 'temper').", valueName: "source"))
    var prefer: String?

    @OptionGroup var report: ScorecardReportOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one partial or scorecard file to merge") }
        try report.validate()
    }

    func run() throws {
        var aggregation: KPIAggregation?
        var partialPosition: Int?
        var cards: [Scorecard] = []
        var partialFiles: [String] = []
        // Partials read so far by their shard ids, to tell an identical repeat from a conflict.
        var byShards: [[String]: (name: String, part: KPIAggregation)] = [:]
        for path in files {
            let name = path == "-" ? "<stdin>" : path
            let data = try Self.readFile(path, name: name)
            switch Self.schema(of: data) {
            case KPIAggregation.partialSchema?:
                let part: KPIAggregation
                do {
                    part = try KPIAggregation.partial(from: data, name: name)
                } catch {
                    throw RunError(error.description)
                }
                if !part.shardIDs.isEmpty, let earlier = byShards[part.shardIDs], earlier.part == part {
                    printError("temper: warning: \(name) repeats \(earlier.name) (shard \(Self.list(part.shardIDs)), identical): counted once")
                    continue
                }
                if aggregation == nil {
                    aggregation = part
                    partialPosition = cards.count
                } else {
                    do {
                        try aggregation!.merge(part)
                    } catch let KPIAggregationError.duplicateShards(ids) {
                        let earlier = byShards.filter { !Set($0.key).isDisjoint(with: ids) }.map(\.value.name).sorted()
                        throw RunError("\(name): shard \(Self.list(ids)) already merged from \(earlier.joined(separator: ", ")) with different content; "
                            + "counting both would count the same input twice (remove the stale partial)")
                    } catch {
                        throw RunError("\(name): \(error.description) (the first partial was \(partialFiles[0]); "
                            + "partials must come from runs with the same --by, --period, --time-zone, --top-flagged and --no-retention)")
                    }
                }
                partialFiles.append(name)
                if !part.shardIDs.isEmpty { byShards[part.shardIDs] = (name, part) }
            case Scorecard.schemaIdentifier?:
                do {
                    cards.append(try Scorecard.load(from: data, name: name))
                } catch {
                    throw RunError(error.description)
                }
            case let other? where other.hasPrefix("temper.kpi-partial/"):
                // Another version of Temper's partial: the reader says what differs.
                do {
                    _ = try KPIAggregation.partial(from: data, name: name)
                } catch {
                    throw RunError(error.description)
                }
                throw RunError("\(name): unsupported schema '\(other)'")
            case let other?:
                throw RunError("\(name): unsupported schema '\(other)': expected \(KPIAggregation.partialSchema) (a partial) "
                    + "or \(Scorecard.schemaIdentifier) (a scorecard)")
            case nil:
                throw RunError("\(name): not a partial or scorecard: expected a JSON object with a \"schema\" member "
                    + "(\(KPIAggregation.partialSchema) or \(Scorecard.schemaIdentifier))")
            }
        }
        if let aggregation, let partialPosition {
            cards.insert(try report.scorecard(of: aggregation, targets: nil), at: partialPosition)
        } else if report.reportingPeriod != nil {
            throw ValidationError("--reporting-period applies to partials; scorecards come with the period they report")
        }

        let sources = cards.flatMap(\.sources)
        if let prefer, !sources.contains(prefer) {
            printError("temper: warning: --prefer '\(prefer)' names none of the sources (\(Self.unique(sources).joined(separator: ", ")))")
        }
        var card: Scorecard
        do {
            card = try Scorecard.merge(cards, preferring: prefer)
        } catch let ScorecardMergeError.conflict(group, kpi, conflicting, values) {
            let pairs = zip(conflicting, values).map { "\($0) says \($1.map { ValueText.short($0) } ?? "nothing")" }
            throw RunError("conflicting values for '\(kpi)' in group '\(group)': \(pairs.joined(separator: ", ")); "
                + "pass --prefer with one of: \(Self.unique(conflicting).joined(separator: ", "))")
        } catch {
            throw RunError(error.description)
        }
        if let title = report.title { card.title = title }
        card.generatedAt = report.generatedAt.map { ISO8601Timestamp.format($0) }
        // Targets may refer to KPIs that only another tool's scorecard defines.
        var kpis = KPIDefinition.builtIn
        for kpi in card.kpis where !kpis.contains(where: { $0.id == kpi.id }) { kpis.append(kpi) }
        if let targets = try report.loadTargets(kpis: kpis) { card = card.applyingTargets(targets) }
        try report.render(card)
    }

    static func readFile(_ path: String, name: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RunError("\(name): cannot read: \(String(cString: strerror(errno)))")
        }
    }

    /// The top-level "schema" string, without decoding the rest.
    static func schema(of data: Data) -> String? {
        struct Header: Decodable { var schema: String }
        return try? data.withUnsafeBytes { try JSONCursorDecoder().decode(Header.self, from: $0) }.schema
    }

    static func list(_ ids: [String]) -> String {
        ids.map { "'\($0)'" }.joined(separator: ", ")
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}

/// Numbers in messages: integers without `.0`, others to at most 4 decimals.
enum ValueText {
    static func short(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
