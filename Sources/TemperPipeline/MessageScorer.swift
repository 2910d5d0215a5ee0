import TemperConversation
import TemperIO
import TemperSentiment
import TemperText

/// The ways single messages arrive.
public enum MessageFormat: String, Sendable, CaseIterable {
    /// By the file name (`.jsonl`/`.ndjson`/`.json` → jsonl, `.csv` → csv, `.txt` → text), else by
    /// the first line: a JSON object means jsonl, anything else text.
    case auto
    /// One message per line.
    case text
    /// One JSON object per line, the message in a text field.
    case jsonl
    /// A header row, then one message per record, the message in a text column.
    case csv

    /// The concrete format for `reader`'s input, looking at its first line when the name does
    /// not tell (standard input included); nothing is consumed.
    func resolved(for reader: LineReader) throws -> MessageFormat {
        guard self == .auto else { return self }
        let name = reader.name.lowercased()
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".json") { return .jsonl }
        if name.hasSuffix(".csv") { return .csv }
        if name.hasSuffix(".txt") { return .text }
        guard let first = try reader.peekLine(), first.first == UInt8(ascii: "{") else { return .text }
        var parser = JSONParser()
        let isObject = first.withUnsafeBufferPointer { (try? parser.parse($0))?.object != nil }
        return isObject ? .jsonl : .text
    }
}

/// Where the message and its id are in a record.
public struct MessageInput: Sendable {
    public var format: MessageFormat
    /// The JSONL field or CSV column holding the message.
    public var textField: String
    /// The field or column holding the record's id; records without one are identified by line.
    public var idField: String
    /// The longest line (for CSV: record) read; a longer one is a bad record, never held in memory.
    public var maximumLineLength: Int

    public init(format: MessageFormat = .auto, textField: String = "text", idField: String = "id",
                maximumLineLength: Int = LineReader.defaultMaximumLineLength) {
        self.format = format
        self.textField = textField
        self.idField = idField
        self.maximumLineLength = maximumLineLength
    }
}

/// How a scored message is identified: by the input's own id, or by its line.
public enum MessageID: Sendable, Equatable {
    /// The 1-based line (text input, or a record without an id).
    case line(Int)
    /// A string or number from the input's id field, as given.
    case json(JSONValue)
}

/// One message's score and where it came from.
public struct ScoredMessage: Sendable {
    public var id: MessageID
    /// The line the record starts on.
    public var line: Int
    public var result: SentimentResult
    /// What scoring left out of the message (greeting, closing, signature, quoted text,
    /// boilerplate: `MessageAnatomy`), with offsets into it; filled when the scorer explains,
    /// empty for a message that is all body.
    public var excluded: [MessageSegment] = []
    /// The message's feedback drivers, most salient first (with `MessageScorer.drivers` set).
    public var drivers = MessageDrivers()
}

/// Scores a stream of messages on all cores and hands results back in input order — the engine
/// behind `temper score`, for any Swift program.
///
/// ```swift
/// let scorer = MessageScorer(model: try SentimentModel.shipped)
/// try scorer.run(paths: ["messages.txt"]) { scored in print(scored.id, scored.result.label) }
/// ```
///
/// For throughput, `run(…, format:, deliver:)` has each worker write its messages' output bytes
/// itself (`format`, on worker threads) and hands them back batch by batch, in order (`deliver`,
/// on the calling thread). Memory is bounded by `2 × jobs` batches. Bad records (broken JSON, no
/// text field, invalid UTF-8 in text, an id that is not a non-empty string or number, an id seen
/// before in the same file) go through the `BadRecordPolicy`; ids follow `RecordID`, as
/// conversations' do, and are remembered as 64-bit hashes (`DuplicateIDSet`).
///
/// The worker is not generic on purpose: generic code called from another module runs
/// unspecialised, and its metadata look-ups cost 1% of a `score` run, message after message.
public final class MessageScorer {
    public let model: SentimentModel
    public var mode: ScoringMode
    /// Give each result its explanation (`SentimentResult.explanation`; slower).
    public var explain: Bool
    public var options: RunOptions
    /// Score only each message's body (`MessageAnatomy`): greetings, sign-offs, signatures,
    /// quoted earlier messages and boilerplate are left out, and explanation offsets stay
    /// relative to the message as written. A message that is only courtesy ("Thanks!") is its
    /// own body; one with no body at all (only quoted text) scores as an empty message. Off,
    /// the whole text is scored.
    public var anatomy = true
    /// Detect these feedback drivers in each message (`ScoredMessage.drivers`); nil skips it.
    public var drivers: DriverTaxonomy?

    public init(model: SentimentModel, mode: ScoringMode = .ensemble, explain: Bool = false, options: RunOptions = RunOptions()) {
        self.model = model
        self.mode = mode
        self.explain = explain
        self.options = options
    }

    /// Scores texts held in memory on all cores; the results come back in the texts' order —
    /// `nlp.pipe` for messages. (For files, `run` streams in bounded memory instead.)
    public func scores(of texts: some Sequence<String>) throws -> [SentimentResult] {
        let settings = Worker.Settings(input: MessageInput(), explain: explain, anatomy: anatomy, stopAtProblem: true, format: nil, drivers: drivers)
        let processor = try OrderedBatchProcessor(jobs: options.jobs, makeBatch: { [PendingMessage]() }, makeWorker: {
            Worker(analyzer: try SentimentAnalyzer(model: model, mode: mode), settings: settings, file: "<memory>", format: .text)
        }) { worker, batch in
            worker.process(batch)
        }
        var results: [SentimentResult] = []
        results.reserveCapacity(texts.underestimatedCount)
        try processor.run(batchSize: options.batchRecords, deliver: { worker in
            results.append(contentsOf: worker.messages.lazy.map(\.result))
        }, produce: { push in
            for (index, text) in texts.enumerated() {
                try push(PendingMessage(text: text, id: .line(index + 1), line: index + 1))
            }
        })
        return results
    }

    /// Every scored message, in input order.
    public func run(paths: [String], input: MessageInput = MessageInput(), policy: BadRecordPolicy = BadRecordPolicy(),
                    progress: ((RunProgress) -> Void)? = nil, each: (ScoredMessage) throws -> Void) throws {
        try run(paths: paths, input: input, policy: policy, progress: progress, format: nil, formatWithDrivers: nil) { worker in
            for scored in worker.messages { try each(scored) }
        }
    }

    /// Each message written by `format` into its batch's bytes on a worker thread; `deliver`
    /// gets each batch's bytes in input order.
    public func run(paths: [String], input: MessageInput = MessageInput(), policy: BadRecordPolicy = BadRecordPolicy(),
                    progress: ((RunProgress) -> Void)? = nil,
                    format: @escaping @Sendable (ScoredMessage, inout [UInt8]) -> Void,
                    deliver: ([UInt8]) throws -> Void) throws {
        try run(paths: paths, input: input, policy: policy, progress: progress, format: Optional(format), formatWithDrivers: nil) { worker in
            try deliver(worker.bytes)
        }
    }

    /// As `run(…, format:, deliver:)`, but `format` gets each message's drivers as a view of the
    /// worker's own buffers (`scored.drivers` stays empty): no copy, allocation or reference
    /// count per message with drivers. The view is valid only during the `format` call;
    /// `MessageDrivers(view)` keeps the drivers.
    public func run(paths: [String], input: MessageInput = MessageInput(), policy: BadRecordPolicy = BadRecordPolicy(),
                    progress: ((RunProgress) -> Void)? = nil,
                    formatWithDrivers format: @escaping @Sendable (ScoredMessage, MessageDriversView, inout [UInt8]) -> Void,
                    deliver: ([UInt8]) throws -> Void) throws {
        try run(paths: paths, input: input, policy: policy, progress: progress, format: nil, formatWithDrivers: format) { worker in
            try deliver(worker.bytes)
        }
    }

    private func run(paths: [String], input: MessageInput, policy: BadRecordPolicy, progress: ((RunProgress) -> Void)?,
                     format: (@Sendable (ScoredMessage, inout [UInt8]) -> Void)?,
                     formatWithDrivers: (@Sendable (ScoredMessage, MessageDriversView, inout [UInt8]) -> Void)?,
                     deliver: (Worker) throws -> Void) throws {
        var state = RunProgress()
        let settings = Worker.Settings(input: input, explain: explain, anatomy: anatomy, stopAtProblem: !policy.skipsInvalid, format: format,
                                       formatWithDrivers: formatWithDrivers, drivers: drivers)
        func makeWorker(_ file: String, _ format: MessageFormat) throws -> Worker {
            Worker(analyzer: try SentimentAnalyzer(model: model, mode: mode), settings: settings, file: file, format: format)
        }
        var ids = DuplicateIDSet()
        func take(_ worker: inout Worker) throws {
            // Ids are checked here, in input order, as the conversation pipeline checks them.
            var problems = worker.problems
            var duplicates: [Int] = []
            for (index, message) in worker.identified.enumerated() where !ids.insert(hash: message.hash) {
                duplicates.append(index)
                problems.append(InputError(file: worker.file, line: message.line, message: DuplicateIDSet.duplicate(message.id, of: "message")))
                if !policy.skipsInvalid { break }  // the run stops at the first
            }
            if !duplicates.isEmpty {
                worker.remove(duplicates, stoppingAtFirst: !policy.skipsInvalid)
                problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
            }
            try deliver(worker)
            state.records += worker.scored
            for problem in problems { try policy.handle(problem) }
        }
        for path in paths {
            ids = DuplicateIDSet()  // per file, as for conversations
            let reader = try LineReader(path: path, maximumLineLength: input.maximumLineLength)
            let format = try input.format.resolved(for: reader)
            let bytesBefore = state.bytesRead
            if format == .csv {
                // CSV reads the input afresh. Safe for standard input too: CSV is only ever chosen
                // there by name (given), never by peeking, so `reader` has consumed nothing.
                let csv = try CSVRecordReader(path: path, maximumLineLength: input.maximumLineLength)
                let processor = try OrderedBatchProcessor(jobs: options.jobs, makeBatch: { [PendingMessage]() },
                                                          makeWorker: { try makeWorker(csv.name, .csv) }) { worker, batch in
                    worker.process(batch)
                }
                try runCSV(csv, input: input, policy: policy, processor: processor) { worker in
                    try take(&worker)
                    progress?(state)
                }
            } else {
                let processor = try OrderedBatchProcessor(jobs: options.jobs, makeWorker: { try makeWorker(reader.name, format) }) {
                    worker, batch in worker.process(batch)
                }
                try processor.run(reader: reader, policy: policy, maxLines: options.batchLines) { worker in
                    try take(&worker)
                    state.bytesRead = bytesBefore + reader.bytesRead
                    state.totalBytes = reader.sizeInBytes.map { $0 + bytesBefore }
                    progress?(state)
                }
            }
        }
    }

    /// A message read on the calling thread and scored on a worker: a CSV record (records may
    /// span lines, so they cannot be cut into batches by line) or a text held in memory.
    struct PendingMessage {
        var text: String
        var id: MessageID
        var line: Int
    }

    private func runCSV(_ csv: CSVRecordReader, input: MessageInput, policy: BadRecordPolicy,
                        processor: OrderedBatchProcessor<[PendingMessage], Worker>,
                        deliver: (inout Worker) throws -> Void) throws {
        guard let textColumn = csv.header.firstIndex(of: input.textField) else {
            throw InputError(file: csv.name, line: 1, message: "no column named '\(input.textField)' in the header (columns: \(csv.header.joined(separator: ", "))); use --text-field")
        }
        let idColumn = csv.header.firstIndex(of: input.idField)
        try processor.run(batchSize: options.batchRecords, deliver: deliver) { push in
            try csv.forEach(policy: policy) { fields, line in
                // An empty cell is no id, as a missing field is in JSONL.
                let id: MessageID = idColumn.flatMap { fields[$0].isEmpty ? nil : MessageID.json(.string(fields[$0])) } ?? .line(line)
                try push(PendingMessage(text: fields[textColumn], id: id, line: line))
            }
        }
    }

    /// One worker's analyzer, JSON parser and output, reused batch after batch.
    final class Worker {
        struct Settings {
            var input: MessageInput
            var explain: Bool
            var anatomy: Bool
            var stopAtProblem: Bool
            /// Writes a message's output bytes; nil (and no `formatWithDrivers`) keeps the scored
            /// messages instead.
            var format: (@Sendable (ScoredMessage, inout [UInt8]) -> Void)?
            /// Writes a message's output bytes, its drivers given as a view (then `format` is nil).
            var formatWithDrivers: (@Sendable (ScoredMessage, MessageDriversView, inout [UInt8]) -> Void)? = nil
            var drivers: DriverTaxonomy?
        }

        let analyzer: SentimentAnalyzer
        private let detector: DriverDetector?
        private let driverIDs: [String]
        /// `driverIDs` where a `MessageDriversView` can point (an array's buffer is reached through
        /// a reference, taken and released each time).
        private let driverIDBuffer: UnsafeMutableBufferPointer<String>
        let settings: Settings
        let file: String
        let format: MessageFormat
        /// The last batch's output: bytes (with a `format`) or the scored messages (without).
        private(set) var bytes: [UInt8] = []
        private(set) var messages: [ScoredMessage] = []
        private(set) var problems: [InputError] = []
        private(set) var scored = 0
        /// The last batch's messages that carry an id of their own, for the duplicate check.
        private(set) var identified: [IdentifiedMessage] = []
        private var parser = JSONParser()
        private var anatomy = MessageAnatomy()
        private var segments: [MessageSegment] = []
        private var messageBody = MessageBody()
        private var driverHits: [DriverHit] = []

        /// Where a message with an id is in the batch's output.
        struct IdentifiedMessage {
            var id: String
            var hash: UInt64
            var line: Int
            /// Its index in `messages` (without a `format`) or its bytes in `bytes` (with one).
            var index: Int
            var bytes: Range<Int>
        }

        /// Takes the messages at `positions` of `identified` out of the output; `stoppingAtFirst`
        /// takes everything from the first of them on (the run stops there).
        func remove(_ positions: [Int], stoppingAtFirst: Bool) {
            if stoppingAtFirst, let first = positions.first.map({ identified[$0] }) {
                bytes.removeSubrange(first.bytes.lowerBound...)
                messages.removeSubrange(min(first.index, messages.count)...)
                scored = first.index
                return
            }
            for position in positions.reversed() {
                let message = identified[position]
                bytes.removeSubrange(message.bytes)
                if message.index < messages.count { messages.remove(at: message.index) }
            }
            scored -= positions.count
        }

        init(analyzer: SentimentAnalyzer, settings: Settings, file: String, format: MessageFormat) {
            self.analyzer = analyzer
            self.settings = settings
            detector = settings.drivers.map { DriverDetector(taxonomy: $0, lexicon: analyzer.model.lexicon) }
            driverIDs = settings.drivers?.drivers.map(\.id) ?? []
            driverIDBuffer = .allocate(capacity: driverIDs.count)
            _ = driverIDBuffer.initialize(from: driverIDs)
            self.file = file
            self.format = format
        }

        deinit {
            driverIDBuffer.deinitialize()
            driverIDBuffer.deallocate()
        }

        /// What a batch works on, moved out of the worker's stored properties for the batch: an
        /// access to a class's stored `var` is checked for exclusivity at run time.
        private struct Scratch {
            var bytes: [UInt8]
            var messages: [ScoredMessage]
            var parser: JSONParser
            var problems: [InputError]
            var identified: [IdentifiedMessage]
            var scored = 0
            var anatomy = MessageAnatomy()
            var segments: [MessageSegment] = []
            var messageBody = MessageBody()
            /// The detector's hits for the message at hand (found while analyzing it).
            var driverHits: [DriverHit] = []
        }

        private func withScratch(_ body: (inout Scratch) -> Void) {
            var scratch = Scratch(bytes: [], messages: [], parser: JSONParser(), problems: [], identified: [])
            swap(&scratch.anatomy, &anatomy)
            swap(&scratch.segments, &segments)
            swap(&scratch.messageBody, &messageBody)
            swap(&scratch.driverHits, &driverHits)
            swap(&scratch.bytes, &bytes)
            swap(&scratch.messages, &messages)
            swap(&scratch.parser, &parser)
            swap(&scratch.problems, &problems)
            swap(&scratch.identified, &identified)
            scratch.bytes.removeAll(keepingCapacity: true)
            scratch.messages.removeAll(keepingCapacity: true)
            scratch.problems.removeAll(keepingCapacity: true)
            scratch.identified.removeAll(keepingCapacity: true)
            body(&scratch)
            swap(&scratch.bytes, &bytes)
            swap(&scratch.messages, &messages)
            swap(&scratch.parser, &parser)
            swap(&scratch.problems, &problems)
            swap(&scratch.identified, &identified)
            swap(&scratch.anatomy, &anatomy)
            swap(&scratch.segments, &segments)
            swap(&scratch.messageBody, &messageBody)
            swap(&scratch.driverHits, &driverHits)
            scored = scratch.scored
        }

        func process(_ batch: LineBatch) {
            withScratch { scratch in
                for index in 0..<batch.count {
                    let line = batch.firstLineNumber + index
                    let ok = batch.withLine(index) { bytes in score(bytes, line: line, &scratch) }
                    if !ok, settings.stopAtProblem { return }
                }
            }
        }

        func process(_ batch: [PendingMessage]) {
            withScratch { scratch in
                for message in batch {
                    var text = message.text
                    var excluded: [MessageSegment] = []
                    var offsets = BodyOffsets(shift: 0)
                    let result = text.withUTF8 { analyze($0, &scratch, excluded: &excluded, offsets: &offsets) }
                    let id: String? = if case .json(let value) = message.id { value.string } else { nil }
                    record(ScoredMessage(id: message.id, line: message.line, result: result, excluded: excluded), &scratch, id: id, offsets: offsets)
                }
            }
        }

        /// `offsets` maps offsets in `analyzer.text` (the scored body) to the message's.
        @inline(__always)
        /// The message is consumed, so that adding its drivers does not copy it (a copy of a
        /// message with drivers, and its destruction, cost more than writing their JSON).
        private func record(_ message: consuming ScoredMessage, _ scratch: inout Scratch, id: String? = nil, offsets: BodyOffsets) {
            // The hits were found by `analyze`.
            let start = scratch.bytes.count
            let index = scratch.messages.count
            let line = message.line
            if let format = settings.formatWithDrivers {
                if detector != nil, !scratch.driverHits.isEmpty {
                    let ids = UnsafeBufferPointer(driverIDBuffer)
                    scratch.driverHits.withUnsafeBufferPointer { hits in
                        analyzer.withSource { text in
                            withUnsafePointer(to: offsets) { offsets in
                                format(message, MessageDriversView(hits: hits, text: text, offsets: offsets, ids: ids), &scratch.bytes)
                            }
                        }
                    }
                } else {
                    format(message, MessageDriversView(), &scratch.bytes)
                }
            } else {
                if detector != nil, !scratch.driverHits.isEmpty {
                    message.drivers = MessageDrivers(hits: Array(scratch.driverHits), text: analyzer.source, offsets: offsets, ids: driverIDs)
                }
                if let format = settings.format {
                    format(message, &scratch.bytes)
                } else {
                    scratch.messages.append(message)
                }
            }
            scratch.scored += 1
            if let id {
                scratch.identified.append(IdentifiedMessage(id: id, hash: DuplicateIDSet.hash(id), line: line,
                                                            index: index, bytes: start..<scratch.bytes.count))
            }
        }

        /// Scores `bytes` — their body only, with `settings.anatomy` — and, when explaining,
        /// moves the explanation's offsets back onto `bytes` and lists what was left out.
        @inline(__always)
        private func analyze(_ bytes: UnsafeBufferPointer<UInt8>, _ scratch: inout Scratch, excluded: inout [MessageSegment],
                             offsets: inout BodyOffsets) -> SentimentResult {
            let explain = settings.explain
            guard settings.anatomy else { return analyze(bytes, explain: explain, hits: &scratch.driverHits) }
            scratch.anatomy.parse(bytes, into: &scratch.segments)
            if scratch.segments.count <= 1, (scratch.segments.first?.kind ?? .body) == .body {
                return analyze(bytes, explain: explain, hits: &scratch.driverHits)
            }
            var hits: [DriverHit] = []
            swap(&hits, &scratch.driverHits)
            defer { swap(&hits, &scratch.driverHits) }
            let (result, bodyOffsets) = scratch.messageBody.withBody(of: bytes, segments: scratch.segments) { scored, offsets in
                var result = analyze(scored, explain: explain, hits: &hits)
                if var explanation = result.explanation {
                    for index in explanation.terms.indices {
                        explanation.terms[index].byteRange = offsets.original(explanation.terms[index].byteRange)
                    }
                    result.explanation = explanation
                }
                return (result, offsets)
            }
            offsets = bodyOffsets
            if explain { excluded = MessageBody.excluded(scratch.segments) }
            return result
        }

        /// Scores `bytes`, finding their drivers too with a detector.
        @inline(__always)
        private func analyze(_ bytes: UnsafeBufferPointer<UInt8>, explain: Bool, hits: inout [DriverHit]) -> SentimentResult {
            guard let detector else { return analyzer.analyze(bytes, explain: explain) }
            return analyzer.analyze(bytes, explain: explain, drivers: detector, into: &hits)
        }

        /// Scores one line; on a bad record notes the problem and returns false.
        private func score(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, _ scratch: inout Scratch) -> Bool {
            func fail(_ message: String) -> Bool {
                scratch.problems.append(InputError(file: file, line: line, message: message))
                return false
            }
            // The result goes straight into the message: a separate `let` would be copied
            // into it (a retain and release per array of the explanation), message after message.
            let message: ScoredMessage
            var idText: String?
            var offsets = BodyOffsets(shift: 0)
            switch format {
            case .jsonl:
                let value: JSONValue
                do {
                    value = try scratch.parser.parse(bytes)
                } catch {
                    return fail("bad JSON: \(error)")
                }
                guard let object = value.object else { return fail("expected a JSON object, found \(value.kindDescription)") }
                let field = settings.input.textField
                guard let text = object[field] else { return fail("no \"\(field)\" field (use --text-field)") }
                guard let string = text.string else { return fail("\"\(field)\" is \(text.kindDescription), not a string") }
                let id: MessageID
                switch object[settings.input.idField] {
                case nil, .null?:
                    id = .line(line)
                case let given?:
                    // An id that cannot be echoed must not quietly become a line number.
                    do throws(RecordError) {
                        idText = try RecordID.text(of: given, field: settings.input.idField)
                    } catch {
                        return fail(error.message)
                    }
                    id = .json(given)
                }
                var messageText = string
                var excluded: [MessageSegment] = []
                let result = messageText.withUTF8 { analyze($0, &scratch, excluded: &excluded, offsets: &offsets) }
                message = ScoredMessage(id: id, line: line, result: result, excluded: excluded)
            default:
                var excluded: [MessageSegment] = []
                message = ScoredMessage(id: .line(line), line: line, result: analyze(bytes, &scratch, excluded: &excluded, offsets: &offsets),
                                       excluded: excluded)
                // The tokenizer has validated the bytes it read already; find the offset only when
                // reporting. Bytes anatomy left out were not tokenized: checked here.
                if analyzer.text.replacedByteCount > 0
                    || (scratch.segments.count > 1 && UTF8Decoder.firstInvalidOffset(in: bytes) != nil) {
                    return fail("invalid UTF-8 at column \((UTF8Decoder.firstInvalidOffset(in: bytes) ?? 0) + 1)")
                }
            }
            record(message, &scratch, id: idText, offsets: offsets)
            return true
        }
    }
}
