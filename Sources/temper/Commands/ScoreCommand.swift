import ArgumentParser
import CSV
import Foundation
import TemperConversation
import TemperIO
import TemperSentiment
import TemperText

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score the sentiment of each message.",
        discussion: """
        Writes one JSON object per input message to standard output, in input order:

          {"id": …, "label": "negative"|"neutral"|"positive", "compound": −1…1,
           "probabilities": {"negative": p, "neutral": p, "positive": p}}

        id is the input's id field (JSONL, CSV) or the 1-based line number (text). The label is \
        the most probable class; compound is P(positive) − P(negative). Probabilities come from \
        the ensemble: the lexicon rules and the n-gram model combined by a calibrated 3-class \
        logistic regression (see the README). --explain adds the lexicon terms and rules that \
        moved the score, with byte offsets into the original text.

        Input formats: text (one message per line), jsonl (one object per line; the message in \
        --text-field), csv (a header row; the message in the --text-field column). A line that \
        cannot be read (bad JSON, no text field, invalid UTF-8) stops the run with its file and \
        line, unless --skip-invalid is given.

        With --per conversation the input is conversations, as 'temper flag' reads them: jsonl \
        (one conversation per line, the default), csv or rows-jsonl (message rows grouped by a \
        conversation column, see --conversation-column and friends) or tweets (reply threads). \
        Each output line is then one conversation:
          {"id": …, "label": …, "compound": …, "probabilities": {…}, "customer_messages": n,
           "customer_sentiment": {"mean", "min", "last", "trend"},
           "messages": [{"index", "role", "label", "compound"}, …]}
        where label, compound and probabilities describe the customer's messages (agents' and \
        bots' lines are not the customer's feeling).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, jsonl, csv, rowsJSONL = "rows-jsonl", tweets
    }

    enum Unit: String, ExpressibleByArgument, CaseIterable {
        case message, conversation
    }

    @OptionGroup var input: InputFiles

    @Option(help: "Input format: text, jsonl or csv; with --per conversation also rows-jsonl and tweets.")
    var format: Format = .text

    @Option(help: "What each output line scores: a message (default) or a whole conversation.")
    var per: Unit = .message

    @OptionGroup var conversationInput: ConversationInputOptions

    @Option(name: .customLong("text-field"), help: ArgumentHelp("The field (JSONL) or column (CSV) holding the message.", valueName: "name"))
    var textField = "text"

    @Option(name: .customLong("id-field"), help: ArgumentHelp("The field or column holding the record's id. Records without one get their line number.", valueName: "name"))
    var idField = "id"

    @Option(help: "Scorer: ensemble (default), lexicon (rules only) or ngram (model only).")
    var mode: ScoringMode = .ensemble

    @Flag(help: "Add an \"explanation\" object: lexicon terms with offsets, valences and the rules that fired, and what each part of the ensemble said.")
    var explain = false

    @OptionGroup var model: ModelOptions
    @OptionGroup var validity: ValidityOptions
    @OptionGroup var throughput: ThroughputOptions

    func validate() throws {
        if per == .message, format == .rowsJSONL || format == .tweets {
            throw ValidationError("--format \(format.rawValue) holds conversations: add --per conversation")
        }
    }

    func run() throws {
        let sentimentModel = try model.loadModel()
        let diagnostics = Diagnostics()
        let output = OutputBuffer()
        if per == .conversation {
            try scoreConversations(model: sentimentModel, output: output, diagnostics: diagnostics)
            return
        }
        let progress = ProgressReporter(forced: throughput.progress, unit: "messages")
        for path in input.paths {
            if format != .text && format != .jsonl {
                try scoreCSV(path: path, model: sentimentModel, output: output, diagnostics: diagnostics, progress: progress)
            } else {
                try scoreLines(path: path, model: sentimentModel, output: output, diagnostics: diagnostics, progress: progress)
            }
        }
        output.flush()
        if output.failed { throw RunError("could not write the output") }
        try diagnostics.finish(skipped: validity.skipInvalid)
    }

    /// Conversations through the shared pipeline, one sentiment record each.
    private func scoreConversations(model: SentimentModel, output: OutputBuffer, diagnostics: Diagnostics) throws {
        let conversationFormat: ConversationFormat = switch format {
        case .text, .jsonl: .conversations
        case .csv: .rowsCSV
        case .rowsJSONL: .rowsJSONL
        case .tweets: .tweets
        }
        let pipeline = ConversationPipeline(format: conversationFormat, input: conversationInput, output: .sentiment,
                                            threshold: RiskModel.defaultThreshold, skipInvalid: validity.skipInvalid,
                                            workers: throughput.resolvedJobs)
        try pipeline.runToEnd(paths: input.paths, model: model, output: output, showProgress: throughput.progress, diagnostics: diagnostics)
    }

    /// Text and JSONL: line batches scored on all cores, written in order.
    private func scoreLines(path: String, model: SentimentModel, output: OutputBuffer, diagnostics: Diagnostics, progress: ProgressReporter) throws {
        let reader = try LineReader(path: path)
        let settings = ScoreWorker.Settings(format: format, textField: textField, idField: idField, explain: explain,
                                            skipInvalid: validity.skipInvalid, file: reader.name)
        let processor = try OrderedBatchProcessor(jobs: throughput.resolvedJobs) {
            try ScoreWorker(analyzer: SentimentAnalyzer(model: model, mode: mode), settings: settings)
        }
        try processor.run(reader: reader, process: { worker, batch, bytes in
            worker.process(batch, into: &bytes)
        }, write: { bytes, worker in
            output.append(bytes)
            for problem in worker.problems { diagnostics.invalid(problem) }
            progress.advance(by: worker.scored, bytesRead: reader.bytesRead, totalBytes: reader.sizeInBytes)
            if !worker.problems.isEmpty, !validity.skipInvalid { throw ExitCode(1) }
        })
        progress.finish(bytesRead: reader.bytesRead)
    }

    /// CSV: records may span lines, so they are read and scored in order on this thread.
    private func scoreCSV(path: String, model: SentimentModel, output: OutputBuffer, diagnostics: Diagnostics, progress: ProgressReporter) throws {
        let name = path == "-" ? "<stdin>" : path
        guard let stream = InputStream(fileAtPath: path == "-" ? "/dev/stdin" : path) else {
            throw RunError("\(name): cannot open")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch {
            throw RunError("\(name): not readable as CSV (\(error))")
        }
        let header = reader.headerRow ?? []
        guard let textColumn = header.firstIndex(of: textField) else {
            throw RunError("\(name):1: no column named '\(textField)' in the header (columns: \(header.joined(separator: ", "))); use --text-field")
        }
        let idColumn = header.firstIndex(of: idField)
        let analyzer = try SentimentAnalyzer(model: model, mode: mode)
        var line: [UInt8] = []
        var record = 0
        while let row = reader.next() {
            record += 1
            guard textColumn < row.count else {
                diagnostics.invalid("\(name): record \(record) (after the header): has \(row.count) columns, the text column is number \(textColumn + 1)")
                if validity.skipInvalid { continue } else { throw ExitCode(1) }
            }
            let result = analyzer.analyze(row[textColumn], explain: explain)
            line.removeAll(keepingCapacity: true)
            let id: ScoreID = idColumn.flatMap { $0 < row.count ? ScoreID.json(.string(row[$0])) : nil } ?? .line(record)
            ScoreJSON.append(id: id, result: result, to: &line)
            if explain {
                line.removeLast()
                ScoreJSON.appendExplanation(result: result, analyzer: analyzer, to: &line)
                line.append(UInt8(ascii: "}"))
            }
            line.append(0x0A)
            output.append(line)
            progress.advance(by: 1, bytesRead: 0, totalBytes: nil)
        }
        // CSV.swift signals the end of the stream as `cannotReadFile`; anything else is real.
        if let error = reader.error, !(error is CSVError && "\(error)" == "cannotReadFile") {
            diagnostics.invalid("\(name): after record \(record): \(error)")
            if !validity.skipInvalid { throw ExitCode(1) }
        }
    }
}

extension ScoringMode: ExpressibleByArgument {}

/// One worker's state: an analyzer, a JSON parser and scratch space, reused batch after batch.
final class ScoreWorker: @unchecked Sendable {
    struct Settings: Sendable {
        var format: ScoreCommand.Format
        var textField: String
        var idField: String
        var explain: Bool
        var skipInvalid: Bool
        var file: String
    }

    let analyzer: SentimentAnalyzer
    let settings: Settings
    private var parser = JSONParser()
    private(set) var problems: [String] = []
    private(set) var scored = 0

    init(analyzer: SentimentAnalyzer, settings: Settings) {
        self.analyzer = analyzer
        self.settings = settings
    }

    func process(_ batch: LineBatch, into output: inout [UInt8]) {
        problems.removeAll(keepingCapacity: true)
        scored = 0
        for index in 0..<batch.count {
            let lineNumber = batch.firstLineNumber + index
            let ok = batch.withLine(index) { bytes in
                score(bytes, lineNumber: lineNumber, into: &output)
            }
            if !ok, !settings.skipInvalid { return }
        }
    }

    /// Scores one line; on a bad record notes the problem and returns false.
    private func score(_ bytes: UnsafeBufferPointer<UInt8>, lineNumber: Int, into output: inout [UInt8]) -> Bool {
        let result: SentimentResult
        let id: ScoreID
        switch settings.format {
        case .text, .csv, .rowsJSONL, .tweets:
            result = analyzer.analyze(bytes, explain: settings.explain)
            // The tokenizer has validated the bytes already; find the offset only when reporting.
            if analyzer.text.replacedByteCount > 0 {
                problems.append("\(settings.file):\(lineNumber): invalid UTF-8 at byte \((Self.firstInvalidUTF8(bytes) ?? 0) + 1)")
                return false
            }
            id = .line(lineNumber)
        case .jsonl:
            let value: JSONValue
            do {
                value = try parser.parse(bytes)
            } catch {
                problems.append("\(settings.file):\(lineNumber): bad JSON: \(error)")
                return false
            }
            guard let object = value.object else {
                problems.append("\(settings.file):\(lineNumber): expected a JSON object, found \(Self.kind(of: value))")
                return false
            }
            guard let field = object[settings.textField] else {
                problems.append("\(settings.file):\(lineNumber): no \"\(settings.textField)\" field (use --text-field)")
                return false
            }
            guard let text = field.string else {
                problems.append("\(settings.file):\(lineNumber): \"\(settings.textField)\" is \(Self.kind(of: field)), not a string")
                return false
            }
            result = analyzer.analyze(text, explain: settings.explain)
            if let given = object[settings.idField], given.string != nil || given.double != nil {
                id = .json(given)
            } else {
                id = .line(lineNumber)
            }
        }
        ScoreJSON.append(id: id, result: result, to: &output)
        if settings.explain {
            output.removeLast()
            ScoreJSON.appendExplanation(result: result, analyzer: analyzer, to: &output)
            output.append(UInt8(ascii: "}"))
        }
        output.append(0x0A)
        scored += 1
        return true
    }

    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The offset of the first byte that is not valid UTF-8, if any (ASCII skipped fast).
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
                continue
            }
            let decoded = UTF8Decoder.decode(bytes, at: index)
            if !decoded.valid { return index }
            index += decoded.length
        }
        return nil
    }
}
