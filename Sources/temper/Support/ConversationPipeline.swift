import ArgumentParser
import Dispatch
import Foundation
import TemperConversation
import TemperIO
import TemperSentiment

/// The ways conversations arrive.
enum ConversationFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, conversations, rowsCSV = "rows-csv", rowsJSONL = "rows-jsonl", tweets
}

/// For message rows, which columns mean what. Shared by every command that reads conversations
/// (flag, score --per conversation, scorecard); each command names the format itself.
struct ConversationInputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Row formats: the column holding the conversation id (default: the first of conversation_id, ticket_id, thread_id, case_id, chat_id, …).", valueName: "name"))
    var conversationColumn: String?

    @Option(help: ArgumentHelp("Row formats: the column holding the message text (default: text, body, message, content, …).", valueName: "name"))
    var textColumn: String?

    @Option(help: ArgumentHelp("Row formats: the column holding the author role (default: role, author_type, sender_type, …). Values such as end-user/user/customer, agent/staff, bot, system are understood.", valueName: "name"))
    var roleColumn: String?

    @Option(help: ArgumentHelp("Row formats: the column holding the message time (default: at, created_at, timestamp, time, …).", valueName: "name"))
    var timeColumn: String?

    @Option(help: ArgumentHelp("Row and tweet formats: a conversation is complete once its id has not appeared for this many rows.", valueName: "rows"))
    var groupWindow = 1000

    func validate() throws {
        guard groupWindow >= 1 else { throw ValidationError("--group-window must be at least 1") }
    }
}

/// What each assessed conversation is written as.
enum ConversationOutput: Sendable {
    /// The `temper flag` record: risk, level, reasons, customer sentiment.
    case flag
    /// The KPI facts line `temper scorecard` reads.
    case facts
    /// The `temper score --per conversation` record: the conversation's sentiment and each message's.
    case sentiment
}

/// Reads conversations in any supported format, assesses them on all cores and hands the
/// records to a `RecordSink` in input order. Bad records are reported through `Diagnostics`;
/// without `skipInvalid` the run stops at the first (what came before is kept).
struct ConversationPipeline {
    var format: ConversationFormat
    var input: ConversationInputOptions
    var output: ConversationOutput
    var threshold: Double
    var skipInvalid: Bool
    var workers: Int

    /// The whole run for a command: records to `output` (only flagged ones, or the top `top`, if
    /// asked), then the progress line, the flush and the bad-record summary, which throws when the
    /// run cannot be trusted.
    func runToEnd(paths: [String], model: SentimentModel, output: OutputBuffer, onlyFlagged: Bool = false, top: Int? = nil,
                  showProgress: Bool, diagnostics: Diagnostics) throws {
        var sink = RecordSink(onlyFlagged: onlyFlagged, top: top, output: output)
        let reporter = FlagProgress(forced: showProgress)
        try run(paths: paths, model: model, diagnostics: diagnostics, sink: &sink, reporter: reporter)
        reporter.finish()
        sink.finish()
        output.flush()
        if output.failed { throw RunError("could not write the output") }
        try diagnostics.finish(skipped: skipInvalid)
    }

    func run(paths: [String], model: SentimentModel, diagnostics: Diagnostics, sink: inout RecordSink, reporter: FlagProgress) throws {
        do {
            for path in paths {
                let kind = resolvedFormat(for: path)
                if kind == .conversations {
                    try runJSONL(path: path, model: model, workers: workers, diagnostics: diagnostics, sink: &sink, reporter: reporter)
                } else {
                    try runGrouped(path: path, kind: kind, model: model, workers: workers, diagnostics: diagnostics, sink: &sink, reporter: reporter)
                }
            }
        } catch is StopOnInvalid {
            // Reported already; what came before is still written.
        }
    }

    static func appendPayload(_ output: ConversationOutput, assessment: ConversationAssessment, conversation: Conversation, to payload: inout [UInt8]) {
        switch output {
        case .flag: assessment.appendJSON(to: &payload)
        case .facts: assessment.appendFactsJSON(for: conversation, to: &payload)
        case .sentiment: ConversationSentimentJSON.append(assessment, conversation: conversation, to: &payload)
        }
    }

    private func resolvedFormat(for path: String) -> ConversationFormat {
        guard format == .auto else { return format }
        return path.lowercased().hasSuffix(".csv") ? .rowsCSV : .conversations
    }

    private func makeAssessor(_ model: SentimentModel) throws -> ConversationAssessor {
        try ConversationAssessor(model: model, riskModel: .standard, threshold: threshold)
    }

    // MARK: JSONL conversations: parallel, order-preserving batches

    private func runJSONL(path: String, model: SentimentModel, workers: Int, diagnostics: Diagnostics,
                          sink: inout RecordSink, reporter: FlagProgress) throws {
        let reader = try LineReader(path: path)
        reporter.total = reader.sizeInBytes.map { $0 + reporter.bytes }
        let processor = try OrderedBatchProcessor(jobs: workers) { try makeAssessor(model) }
        let output = self.output
        var ids = DuplicateIDSet()
        let skip = skipInvalid
        let name = reader.name
        try processor.run(reader: reader, process: { assessor, batch, out in
            var payload: [UInt8] = []
            for index in 0..<batch.count {
                let line = batch.firstLineNumber + index
                let parsed: Result<Conversation, RecordError> = batch.withLine(index) { bytes in
                    if ConversationReader.isBlank(bytes) { return .failure(RecordError("")) }
                    do throws(RecordError) {
                        return .success(try ConversationReader.parse(bytes, line: line))
                    } catch {
                        return .failure(error)
                    }
                }
                let size = batch.lineEnds[index] - batch.lineStarts[index] + 1
                switch parsed {
                case .failure(let error):
                    Frame.appendError(error.message, line: line, bytes: size, to: &out)
                case .success(let conversation):
                    let assessment = assessor.assess(conversation)
                    payload.removeAll(keepingCapacity: true)
                    Self.appendPayload(output, assessment: assessment, conversation: conversation, to: &payload)
                    Frame.appendRecord(id: conversation.id, line: line, bytes: size, risk: assessment.risk,
                                       flagged: assessment.flagged, payload: payload, to: &out)
                }
            }
        }, write: { bytes, _ in
            try Frame.decode(bytes) { frame in
                reporter.advance(bytes: frame.bytes, records: frame.isError && frame.message.isEmpty ? 0 : 1)
                if frame.isError {
                    if frame.message.isEmpty { return }  // a blank line
                    try report("\(name):\(frame.line): \(frame.message)", diagnostics: diagnostics, skip: skip)
                    return
                }
                guard ids.insert(hash: DuplicateIDSet.hash(frame.id)) else {
                    try report("\(name):\(frame.line): duplicate conversation id '\(frame.id)'", diagnostics: diagnostics, skip: skip)
                    return
                }
                sink.add(risk: frame.risk, flagged: frame.flagged, payload: frame.payload)
            }
        })
    }

    private func report(_ message: String, diagnostics: Diagnostics, skip: Bool) throws {
        diagnostics.invalid(message)
        if !skip { throw StopOnInvalid() }
    }

    // MARK: Grouped formats: a sequential reader, parallel assessment per block of conversations

    private func runGrouped(path: String, kind: ConversationFormat, model: SentimentModel, workers: Int, diagnostics: Diagnostics,
                            sink: inout RecordSink, reporter: FlagProgress) throws {
        reporter.total = nil
        // Readers throw `InputError` for a bad record (after reporting it through the policy) and
        // for the input as a whole (cannot open, no usable header; not reported). Only the first
        // is handled here; the others go up to the command, which prints them.
        var reported: InputError?
        let policy = ProblemPolicy(skipInvalid: skipInvalid) { problem in
            diagnostics.invalid(problem.description)
            reported = problem
        }
        let forEach: ((Conversation) throws -> Void) throws -> Void
        switch kind {
        case .tweets:
            let reader = TweetThreadReader(path: path, window: input.groupWindow, policy: policy)
            forEach = reader.forEach
        default:
            let mapping = ColumnMapping(conversation: input.conversationColumn, text: input.textColumn, role: input.roleColumn, time: input.timeColumn)
            let reader = MessageRowReader(path: path, format: kind == .rowsJSONL ? .jsonl : .csv, mapping: mapping,
                                          window: input.groupWindow, policy: policy)
            forEach = reader.forEach
        }
        let assessors = try (0..<workers).map { _ in try makeAssessor(model) }
        let blockSize = 256 * workers
        var block: [Conversation] = []
        block.reserveCapacity(blockSize)
        let output = self.output
        func flush(_ sink: inout RecordSink) {
            guard !block.isEmpty else { return }
            let results = AssessBlock(block: block, assessors: assessors, output: output).run()
            for result in results { sink.add(risk: result.risk, flagged: result.flagged, payload: result.payload) }
            reporter.advance(bytes: 0, records: block.count)
            block.removeAll(keepingCapacity: true)
        }
        do {
            try forEach { conversation in
                block.append(conversation)
                if block.count >= blockSize { flush(&sink) }
            }
        } catch let problem as InputError where problem == reported {
            flush(&sink)
            throw StopOnInvalid()
        }
        flush(&sink)
    }

}

/// Thrown to end a run at the first invalid record (without --skip-invalid); already reported.
struct StopOnInvalid: Error {}

/// Assesses a block of conversations on all workers and returns the results in order.
private struct AssessBlock: @unchecked Sendable {
    struct Result {
        var risk: Double
        var flagged: Bool
        var payload: [UInt8]
    }

    let block: [Conversation]
    let assessors: [ConversationAssessor]
    let output: ConversationOutput

    func run() -> [Result] {
        let workers = assessors.count
        final class Box: @unchecked Sendable { var results: [[(Int, Result)]] = [] }
        let box = Box()
        box.results = [[(Int, Result)]](repeating: [], count: workers)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var local: [(Int, Result)] = []
            for index in stride(from: worker, to: block.count, by: workers) {
                let assessment = assessors[worker].assess(block[index])
                var payload: [UInt8] = []
                ConversationPipeline.appendPayload(output, assessment: assessment, conversation: block[index], to: &payload)
                local.append((index, Result(risk: assessment.risk, flagged: assessment.flagged, payload: payload)))
            }
            box.results[worker] = local
        }
        return box.results.flatMap { $0 }.sorted { $0.0 < $1.0 }.map { $0.1 }
    }
}


/// Where finished records go: straight out in order, or into a bounded top-N heap.
struct RecordSink {
    let onlyFlagged: Bool
    let top: Int?
    let output: OutputBuffer
    /// When set, payloads go to this function (in input order) instead of the output.
    private var consumer: ((ArraySlice<UInt8>) -> Void)?
    private var heap: [(risk: Double, sequence: Int, payload: [UInt8])] = []
    private var sequence = 0
    private var line: [UInt8] = []

    init(onlyFlagged: Bool, top: Int?, output: OutputBuffer) {
        self.onlyFlagged = onlyFlagged
        self.top = top
        self.output = output
    }

    /// A sink that hands every payload to `consumer` rather than writing it.
    init(consumer: @escaping (ArraySlice<UInt8>) -> Void) {
        self.init(onlyFlagged: false, top: nil, output: OutputBuffer())
        self.consumer = consumer
    }

    mutating func add<Bytes: Collection>(risk: Double, flagged: Bool, payload: Bytes) where Bytes.Element == UInt8 {
        if onlyFlagged && !flagged { return }
        if let consumer {
            consumer(ArraySlice(payload))
            return
        }
        sequence += 1
        guard let top else {
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: payload)
            line.append(0x0A)
            output.append(line)
            return
        }
        let entry = (risk: risk, sequence: sequence, payload: Array(payload))
        if heap.count < top {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if Self.ranksAbove(entry, heap[0]) {
            heap[0] = entry
            siftDown(0)
        }
    }

    /// Riskier first; among equals, earlier input first.
    private static func ranksAbove(_ a: (risk: Double, sequence: Int, payload: [UInt8]), _ b: (risk: Double, sequence: Int, payload: [UInt8])) -> Bool {
        a.risk != b.risk ? a.risk > b.risk : a.sequence < b.sequence
    }

    // A min-heap on rank: the root is the entry that would be dropped next.
    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.ranksAbove(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1, right = left + 1
            var lowest = parent
            if left < heap.count, Self.ranksAbove(heap[lowest], heap[left]) { lowest = left }
            if right < heap.count, Self.ranksAbove(heap[lowest], heap[right]) { lowest = right }
            if lowest == parent { return }
            heap.swapAt(parent, lowest)
            parent = lowest
        }
    }

    mutating func finish() {
        guard top != nil else { return }
        for entry in heap.sorted(by: Self.ranksAbove) {
            output.append(entry.payload)
            output.append([0x0A])
        }
        heap.removeAll()
    }
}

/// Worker → writer records inside one batch's output bytes, so that duplicate ids, errors and
/// filters are decided on the writer thread in input order.
/// Layout: kind (1 byte: 0 record, 1 error), line, input bytes (Int64 each), risk (Float64 bits),
/// flagged (1 byte), id length + id, payload length + payload (UInt32 lengths).
private enum Frame {
    struct Decoded {
        var isError: Bool
        var line: Int
        var bytes: Int
        var risk: Double
        var flagged: Bool
        var id: String
        var message: String { id }
        var payload: ArraySlice<UInt8>
    }

    static func appendInteger<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    static func appendRecord(id: String, line: Int, bytes: Int, risk: Double, flagged: Bool, payload: [UInt8], to out: inout [UInt8]) {
        out.append(0)
        appendInteger(Int64(line), to: &out)
        appendInteger(Int64(bytes), to: &out)
        appendInteger(risk.bitPattern, to: &out)
        out.append(flagged ? 1 : 0)
        appendInteger(UInt32(id.utf8.count), to: &out)
        out.append(contentsOf: id.utf8)
        appendInteger(UInt32(payload.count), to: &out)
        out.append(contentsOf: payload)
    }

    static func appendError(_ message: String, line: Int, bytes: Int, to out: inout [UInt8]) {
        out.append(1)
        appendInteger(Int64(line), to: &out)
        appendInteger(Int64(bytes), to: &out)
        appendInteger(UInt64(0), to: &out)
        out.append(0)
        appendInteger(UInt32(message.utf8.count), to: &out)
        out.append(contentsOf: message.utf8)
        appendInteger(UInt32(0), to: &out)
    }

    static func decode(_ bytes: [UInt8], _ body: (Decoded) throws -> Void) throws {
        var position = 0
        func read<T: FixedWidthInteger>(_: T.Type) -> T {
            var value = T.zero
            withUnsafeMutableBytes(of: &value) { raw in
                for k in 0..<MemoryLayout<T>.size { raw[k] = bytes[position + k] }
            }
            position += MemoryLayout<T>.size
            return T(littleEndian: value)
        }
        while position < bytes.count {
            let kind = bytes[position]
            position += 1
            let line = Int(read(Int64.self))
            let size = Int(read(Int64.self))
            let risk = Double(bitPattern: read(UInt64.self))
            let flagged = bytes[position] == 1
            position += 1
            let idLength = Int(read(UInt32.self))
            let id = String(decoding: bytes[position..<(position + idLength)], as: UTF8.self)
            position += idLength
            let payloadLength = Int(read(UInt32.self))
            let payload = bytes[position..<(position + payloadLength)]
            position += payloadLength
            try body(Decoded(isError: kind == 1, line: line, bytes: size, risk: risk, flagged: flagged, id: id, payload: payload))
        }
    }
}

/// Bytes consumed so far across input files, for the shared `ProgressReporter`'s rate and ETA.
final class FlagProgress {
    let reporter: ProgressReporter
    private(set) var bytes = 0
    var total: Int?

    init(forced: Bool) {
        reporter = ProgressReporter(forced: forced, unit: "conversations")
    }

    func advance(bytes: Int, records: Int) {
        self.bytes += bytes
        reporter.advance(by: records, bytesRead: self.bytes, totalBytes: total)
    }

    func finish() {
        reporter.finish(bytesRead: bytes)
    }
}
