import ArgumentParser
import Foundation
import TemperIO
import TemperSentiment
import TemperText

struct DriversDiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Find the words and phrases over-represented in one set of messages against another.",
        discussion: """
        Ranks 1- to 3-word n-grams by how much more often they occur in set A than in set B: the \
        log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, \
        "Fightin' Words"), divided by its standard deviation (z). A theme that ranks high and no \
        driver covers is a candidate for a new entry in the drivers file. Counts are messages \
        (an n-gram counts once per message); n-grams of stop words only are left out.

        Set A and set B, one of:
          --against FILE…        A is the input files, B the --against files (this period vs \
        the last, one team's messages vs everyone's)
          --label-column N --label VALUE   A is the rows whose column N equals VALUE, B the rest \
        (TSV input: e.g. complaints vs not)
          --negative             A is the messages the sentiment model labels negative, B the rest

        Input: text (one message per line) or TSV (--text-column N, 1-based; the default for .tsv \
        files is the last column). Memory is bounded by --max-ngrams table entries (about 100 bytes \
        each) whatever the input size: when the table fills, the rarest n-grams are pruned \
        (lossy counting) and the output states how far counts may fall short. Example messages \
        come from a second read of the input files (not possible for standard input).
        """
    )

    @Argument(help: ArgumentHelp("Input files (set A, or both sets with --label-column/--negative); '-' for standard input.", valueName: "file"))
    var paths: [String] = ["-"]

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Files of set B.", valueName: "file"))
    var against: [String] = []

    @Option(name: .customLong("label-column"), help: ArgumentHelp("TSV column (1-based) holding each row's set label.", valueName: "n"))
    var labelColumn: Int?

    @Option(help: ArgumentHelp("The --label-column value of set A rows.", valueName: "value"))
    var label: String?

    @Flag(help: "Set A: messages the sentiment model labels negative; set B: the rest.")
    var negative = false

    @Option(name: .customLong("text-column"), help: ArgumentHelp("TSV column (1-based) holding the message; default: the last column of .tsv files, the whole line otherwise.", valueName: "n"))
    var textColumn: Int?

    @Option(help: ArgumentHelp("How many n-grams to list.", valueName: "n"))
    var top = 25

    @Option(name: .customLong("min-count"), help: ArgumentHelp("Leave out n-grams in fewer set A messages than this.", valueName: "n"))
    var minCount = 5

    @Option(name: .customLong("max-length"), help: ArgumentHelp("Longest n-gram, in words (1–5).", valueName: "n"))
    var maxLength = 3

    @Option(name: .customLong("prior"), help: ArgumentHelp("The prior's total weight α₀ (larger shrinks rare n-grams harder).", valueName: "mass"))
    var priorMass = 500.0

    @Option(name: .customLong("max-ngrams"), help: ArgumentHelp("The most n-grams held in memory at once.", valueName: "n"))
    var maxNGrams = 200_000

    @Option(help: ArgumentHelp("Example messages per n-gram (0 for none).", valueName: "n"))
    var examples = 2

    @Option(help: ArgumentHelp("Output: md (a Markdown table, default) or jsonl.", valueName: "format"))
    var format: OutputFormat = .md

    enum OutputFormat: String, ExpressibleByArgument { case md, jsonl }

    @OptionGroup var model: ModelOptions

    func validate() throws {
        let modes = [!against.isEmpty, labelColumn != nil, negative].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("give exactly one of --against, --label-column (with --label) or --negative") }
        if labelColumn != nil, label == nil { throw ValidationError("--label-column needs --label (the value of set A rows)") }
        if let labelColumn, labelColumn < 1 { throw ValidationError("--label-column counts from 1") }
        if let textColumn, textColumn < 1 { throw ValidationError("--text-column counts from 1") }
        guard (1...5).contains(maxLength) else { throw ValidationError("--max-length must be 1 to 5") }
        guard top > 0, minCount > 0, maxNGrams >= 1000, priorMass > 0, examples >= 0 else {
            throw ValidationError("--top and --min-count must be positive, --max-ngrams at least 1000, --prior positive, --examples not negative")
        }
    }

    /// Calls `body` with each message of `path` and whether it belongs to set A.
    private func forEachMessage(_ path: String, defaultA: Bool, analyzer: SentimentAnalyzer?,
                                _ body: (String, Bool) throws -> Void) throws {
        let reader = try LineReader(path: path)
        let isTSV = reader.name.lowercased().hasSuffix(".tsv") || labelColumn != nil || textColumn != nil
        try reader.forEachLine { bytes, line in
            let text = String(decoding: bytes, as: UTF8.self)
            guard !text.isEmpty else { return }
            var message = text
            var inA = defaultA
            if isTSV {
                let fields = text.split(separator: "\t", omittingEmptySubsequences: false)
                let column = textColumn ?? fields.count
                guard column <= fields.count else {
                    throw InputError(file: reader.name, line: line, message: "no column \(column) (the row has \(fields.count))")
                }
                message = String(fields[column - 1])
                if let labelColumn {
                    guard labelColumn <= fields.count else {
                        throw InputError(file: reader.name, line: line, message: "no label column \(labelColumn) (the row has \(fields.count))")
                    }
                    inA = fields[labelColumn - 1] == label!
                }
            }
            if let analyzer { inA = analyzer.analyze(message).label == .negative }
            try body(message, inA)
        }
    }

    func run() throws {
        let analyzer = negative ? try SentimentAnalyzer(model: try model.loadModel()) : nil
        let tokenizer = try Tokenizer()
        var text = TokenizedText()
        var contrast = NGramContrast(capacity: maxNGrams, maxLength: maxLength)
        var seen = Set<UInt64>()
        let sets = paths.map { ($0, true) } + against.map { ($0, false) }
        for (path, defaultA) in sets {
            try forEachMessage(path, defaultA: defaultA, analyzer: analyzer) { message, inA in
                var copy = message
                copy.withUTF8 { tokenizer.tokenize($0, into: &text) }
                contrast.add(text, inA: inA, seen: &seen)
            }
        }
        guard contrast.messagesA > 0, contrast.messagesB > 0 else {
            throw RunError("set A has \(contrast.messagesA) messages and set B \(contrast.messagesB): both need some")
        }
        let results = contrast.ranked(limit: top, minimumCount: minCount, priorMass: priorMass)
        // Examples: a second read of the set A files, keeping the first few messages per n-gram.
        var found: [UInt64: [String]] = [:]
        let rereadable = sets.allSatisfy { $0.0 != "-" }
        if examples > 0, rereadable, !results.isEmpty {
            let wanted = Set(results.map(\.key))
            for (path, defaultA) in sets {
                try forEachMessage(path, defaultA: defaultA, analyzer: analyzer) { message, inA in
                    guard inA else { return }
                    var copy = message
                    copy.withUTF8 { tokenizer.tokenize($0, into: &text) }
                    NGramContrast.ngrams(of: text, maxLength: maxLength) { key, _ in
                        guard wanted.contains(key), found[key, default: []].count < examples,
                              found[key]?.last != message else { return }
                        found[key, default: []].append(message)
                    }
                }
            }
        }
        var out = ""
        switch format {
        case .md:
            out += "Set A: \(contrast.messagesA) messages, set B: \(contrast.messagesB); \(contrast.distinctNGrams) n-grams held"
            out += contrast.prunes > 0 ? " (pruned \(contrast.prunes) times: counts may fall short by up to \(contrast.undercountBound)).\n\n" : " (none pruned: counts are exact).\n\n"
            out += "| n-gram | z | log-odds | A | B |" + (examples > 0 ? " examples |" : "") + "\n"
            out += "|---|---:|---:|---:|---:|" + (examples > 0 ? "---|" : "") + "\n"
            for result in results {
                out += "| \(result.ngram) | \(String(format: "%.2f", result.z)) | \(String(format: "%.2f", result.logOdds)) | \(result.countA) | \(result.countB) |"
                if examples > 0 {
                    let cell = (found[result.key] ?? []).map { Self.shorten($0) }.joined(separator: " · ")
                    out += " \(cell.replacingOccurrences(of: "|", with: "\\|")) |"
                }
                out += "\n"
            }
        case .jsonl:
            for result in results {
                var line: [UInt8] = []
                line.append(contentsOf: #"{"ngram":"#.utf8)
                JSONWriter.appendString(result.ngram, to: &line)
                line.append(contentsOf: #","z":"#.utf8)
                JSONWriter.appendNumber(result.z, to: &line, decimals: 4)
                line.append(contentsOf: #","log_odds":"#.utf8)
                JSONWriter.appendNumber(result.logOdds, to: &line, decimals: 4)
                line.append(contentsOf: #","count_a":"#.utf8)
                JSONWriter.appendInt(result.countA, to: &line)
                line.append(contentsOf: #","count_b":"#.utf8)
                JSONWriter.appendInt(result.countB, to: &line)
                line.append(contentsOf: #","examples":["#.utf8)
                for (index, example) in (found[result.key] ?? []).enumerated() {
                    if index > 0 { line.append(UInt8(ascii: ",")) }
                    JSONWriter.appendString(example, to: &line)
                }
                line.append(contentsOf: "]}\n".utf8)
                out += String(decoding: line, as: UTF8.self)
            }
        }
        print(out, terminator: "")
    }

    private static func shorten(_ message: String) -> String {
        let flat = message.replacingOccurrences(of: "\n", with: " ")
        return flat.count > 90 ? String(flat.prefix(87)) + "…" : flat
    }
}
