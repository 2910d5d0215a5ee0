import ArgumentParser
import Dispatch
import Foundation
import TemperConversation
import TemperIO
import TemperSentiment

struct FlagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flag",
        abstract: "Score support conversations for escalation risk, with the reasons why.",
        discussion: """
        Each conversation becomes one JSON line, in input order (or ranked by risk with --top):
          {"id":…,"risk":0.83,"level":"high","flagged":true,
           "reasons":[{"code":"churn_threat","message":3,"evidence":"switching to Globex","start":11,"end":30}],
           "customer_sentiment":{"mean":-0.41,"min":-0.92,"last":-0.88,"trend":-0.35}}
        risk is a probability (0–1) that the conversation escalates or ends with a dissatisfied \
        customer. level: low below 0.25, medium from 0.25, high from 0.5. flagged means risk ≥ \
        --threshold (default 0.5). Each reason names a cue, the message it is in (0-based index \
        into "messages"), and the evidence: the original text and its UTF-8 byte offsets in that \
        message. Cues: anger, insult, churn_threat, legal_threat, public_shaming, manager_demand, \
        repeat_contact, long_wait (from timestamps or the customer's words), sentiment_drop, \
        agent_failure, unanswered. Negated threats ("I would never cancel") do not count.

        Input formats (--format):
          conversations  JSONL, one conversation per line: {"id","channel"?,"agent"?,"team"?,
                         "customer"?,"messages":[{"role","text","at"?}],"survey"?,"resolved"?,…}
                         roles: customer, agent, bot, system; "at" ISO-8601 or epoch seconds.
          rows-csv       one message per row with a header (helpdesk exports); rows are grouped
          rows-jsonl     by the conversation column (see --conversation-column and friends).
          tweets         reply-threaded tweets {"tweet_id","author_id","inbound","created_at",
                         "text","in_response_to_tweet_id"} rebuilt into conversations.
          auto (default) rows-csv for *.csv files, conversations otherwise.

        Bad records (broken JSON, unknown role, unparsable timestamp, empty messages, duplicate \
        ids) are reported as file:line: problem. Without --skip-invalid the run stops at the \
        first one (exit status 1); with it each is reported and counted and the run goes on. Duplicate ids are found \
        with a set of 64-bit id hashes (8 bytes per conversation).

        Memory stays bounded whatever the input size: conversations are processed in batches \
        on --jobs threads (default: all cores) and written in input order. --top N keeps only \
        the N riskiest in memory. Progress (count, rate, ETA) goes to standard error when it is \
        a terminal, or with --progress.

        --evaluate DATASET:PATH measures the risk on the held-out half of a labelled set \
        (dialogue-satisfaction:DIR-or-FILE, complaints:FILE) against ranking by mean customer \
        sentiment; add --fit to refit the weights on the other half first (prints them).
        """
    )

    enum InputFormat: String, ExpressibleByArgument, CaseIterable {
        case auto, conversations, rowsCSV = "rows-csv", rowsJSONL = "rows-jsonl", tweets
    }

    @OptionGroup var input: InputFiles
    @OptionGroup var model: ModelOptions
    @OptionGroup var validity: ValidityOptions

    @Option(help: "Input format: auto, conversations, rows-csv, rows-jsonl or tweets (see above).")
    var format: InputFormat = .auto

    @Option(help: ArgumentHelp("Flag conversations whose risk is at least this (0–1).", valueName: "x"))
    var threshold: Double = RiskModel.defaultThreshold

    @Flag(help: "Print only flagged conversations.")
    var onlyFlagged = false

    @Option(help: ArgumentHelp("Print only the N riskiest conversations, riskiest first (ties keep input order).", valueName: "n"))
    var top: Int?

    @Flag(help: "Print KPI facts (the lines 'temper scorecard' reads) instead of flag records.")
    var facts = false

    @Option(help: ArgumentHelp("Worker threads. Default: all cores.", valueName: "n"))
    var jobs: Int?

    @Flag(help: "Report progress on standard error even when it is not a terminal.")
    var progress = false

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

    @Option(help: ArgumentHelp("Measure on a labelled set instead of scoring input: dialogue-satisfaction:PATH or complaints:PATH (repeatable).", valueName: "dataset:path"))
    var evaluate: [String] = []

    @Flag(help: "With --evaluate: fit the weights on the training halves, print them, and evaluate the fitted model.")
    var fit = false

    func validate() throws {
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        guard groupWindow >= 1 else { throw ValidationError("--group-window must be at least 1") }
        if fit && evaluate.isEmpty { throw ValidationError("--fit needs --evaluate") }
    }

    func run() throws {
        let sentimentModel = try model.loadModel()
        if !evaluate.isEmpty {
            try runEvaluation(sentimentModel)
            return
        }
        let workers = jobs ?? availableCores
        let diagnostics = Diagnostics()
        let output = OutputBuffer()
        var sink = RecordSink(onlyFlagged: onlyFlagged, top: top, output: output)
        let reporter = FlagProgress(forced: progress)
        do {
            for path in input.paths {
                let kind = resolvedFormat(for: path)
                if kind == .conversations {
                    try runJSONL(path: path, model: sentimentModel, workers: workers, diagnostics: diagnostics, sink: &sink, reporter: reporter)
                } else {
                    try runGrouped(path: path, kind: kind, model: sentimentModel, workers: workers, diagnostics: diagnostics, sink: &sink, reporter: reporter)
                }
            }
        } catch is StopOnInvalid {
            // Reported already; what came before is still written.
        } catch let error as ConversationProblem {
            _ = error
        }
        reporter.finish()
        sink.finish()
        output.flush()
        if output.failed { throw RunError("could not write the output") }
        try diagnostics.finish(skipped: validity.skipInvalid)
    }

    private func resolvedFormat(for path: String) -> InputFormat {
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
        let writeFacts = facts
        var ids = DuplicateIDSet()
        let skip = validity.skipInvalid
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
                    if writeFacts {
                        assessment.appendFactsJSON(for: conversation, to: &payload)
                    } else {
                        assessment.appendJSON(to: &payload)
                    }
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

    private func runGrouped(path: String, kind: InputFormat, model: SentimentModel, workers: Int, diagnostics: Diagnostics,
                            sink: inout RecordSink, reporter: FlagProgress) throws {
        reporter.total = nil
        let policy = ProblemPolicy(skipInvalid: validity.skipInvalid) { problem in diagnostics.invalid(problem.description) }
        let forEach: ((Conversation) throws -> Void) throws -> Void
        switch kind {
        case .tweets:
            let reader = TweetThreadReader(path: path, window: groupWindow, policy: policy)
            forEach = reader.forEach
        default:
            let mapping = ColumnMapping(conversation: conversationColumn, text: textColumn, role: roleColumn, time: timeColumn)
            let reader = MessageRowReader(path: path, format: kind == .rowsJSONL ? .jsonl : .csv, mapping: mapping,
                                          window: groupWindow, policy: policy)
            forEach = reader.forEach
        }
        let assessors = try (0..<workers).map { _ in try makeAssessor(model) }
        let blockSize = 256 * workers
        var block: [Conversation] = []
        block.reserveCapacity(blockSize)
        let writeFacts = facts
        func flush(_ sink: inout RecordSink) {
            guard !block.isEmpty else { return }
            let results = AssessBlock(block: block, assessors: assessors, facts: writeFacts).run()
            for result in results { sink.add(risk: result.risk, flagged: result.flagged, payload: result.payload) }
            reporter.advance(bytes: 0, records: block.count)
            block.removeAll(keepingCapacity: true)
        }
        do {
            try forEach { conversation in
                block.append(conversation)
                if block.count >= blockSize { flush(&sink) }
            }
        } catch let problem as ConversationProblem {
            _ = problem  // reported by the policy
            flush(&sink)
            throw StopOnInvalid()
        }
        flush(&sink)
    }

    // MARK: Evaluation

    private func runEvaluation(_ sentimentModel: SentimentModel) throws {
        let assessor = try ConversationAssessor(model: sentimentModel, riskModel: .standard, threshold: threshold)
        var sets: [(name: String, kind: EscalationDataset, examples: [LabelledConversation], assessments: [ConversationAssessment])] = []
        for spec in evaluate {
            guard let colon = spec.firstIndex(of: ":"), let kind = EscalationDataset(rawValue: String(spec[..<colon])) else {
                throw ValidationError("--evaluate takes DATASET:PATH with DATASET one of \(EscalationDataset.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let path = String(spec[spec.index(after: colon)...])
            let examples = try kind.read(path: path)
            let assessments = examples.map { assessor.assess($0.conversation) }
            sets.append((kind.rawValue, kind, examples, assessments))
        }
        var riskModel = RiskModel.standard
        if fit {
            var features: [RiskFeatures] = [], positives: [Bool] = [], groups: [Int] = []
            for set in sets {
                for (example, assessment) in zip(set.examples, set.assessments) where example.half == .train {
                    features.append(assessment.features)
                    positives.append(example.positive)
                    groups.append(set.kind == .dialogueSatisfaction ? 0 : 1)
                }
            }
            let weights = RiskModelTrainer().fit(features: features, positives: positives, groups: groups)
            let sources = sets.map { "\($0.name) (\($0.examples.filter { $0.half == .train }.count) train)" }.joined(separator: ", ")
            riskModel = RiskModel(weights: weights, provenance: "MAP fit on the HashSplit train halves of \(sources) around the rule priors")
            print("// Fitted weights (paste into Sources/TemperConversation/RiskModelFit.swift):")
            print("static let fittedWeights: [Double] = [")
            for (name, weight) in zip(RiskFeatures.names, weights) {
                print("    \(String(format: "%.4f", weight)),  // \(name)")
            }
            print("]")
            print("static let fittedProvenance = \"\(riskModel.provenance)\"")
            print("")
        }
        print("held-out (HashSplit test half); baseline = mean customer sentiment, most negative first")
        print("dataset                  n     pos   risk AUC  risk P@10%  base AUC  base P@10%  Brier   mean risk  rate")
        for set in sets {
            var risks: [Double] = [], baseline: [Double] = [], positives: [Bool] = []
            for (example, assessment) in zip(set.examples, set.assessments) where example.half == .test {
                risks.append(riskModel.risk(assessment.features))
                baseline.append(-(assessment.customerSentiment.mean ?? 0))
                positives.append(example.positive)
            }
            let result = EscalationEvaluation(dataset: set.name, risks: risks, baselineScores: baseline, positives: positives)
            func f(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }
            let name = set.name.padding(toLength: 22, withPad: " ", startingAt: 0)
            print("\(name) \(String(format: "%5d", result.count)) \(String(format: "%5d", result.positives))   \(f(result.riskAUC))     \(f(result.riskPrecisionAt10))       \(f(result.baselineAUC))     \(f(result.baselinePrecisionAt10))       \(f(result.brier))   \(f(result.meanRisk))      \(f(result.observedRate))")
        }
        print("model: \(riskModel.provenance)")
    }
}

/// Thrown to end a run at the first invalid record (without --skip-invalid); already reported.
private struct StopOnInvalid: Error {}

/// Assesses a block of conversations on all workers and returns the results in order.
private struct AssessBlock: @unchecked Sendable {
    struct Result {
        var risk: Double
        var flagged: Bool
        var payload: [UInt8]
    }

    let block: [Conversation]
    let assessors: [ConversationAssessor]
    let facts: Bool

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
                if facts { assessment.appendFactsJSON(for: block[index], to: &payload) } else { assessment.appendJSON(to: &payload) }
                local.append((index, Result(risk: assessment.risk, flagged: assessment.flagged, payload: payload)))
            }
            box.results[worker] = local
        }
        return box.results.flatMap { $0 }.sorted { $0.0 < $1.0 }.map { $0.1 }
    }
}


/// Where finished records go: straight out in order, or into a bounded top-N heap.
private struct RecordSink {
    let onlyFlagged: Bool
    let top: Int?
    let output: OutputBuffer
    private var heap: [(risk: Double, sequence: Int, payload: [UInt8])] = []
    private var sequence = 0
    private var line: [UInt8] = []

    init(onlyFlagged: Bool, top: Int?, output: OutputBuffer) {
        self.onlyFlagged = onlyFlagged
        self.top = top
        self.output = output
    }

    mutating func add<Bytes: Collection>(risk: Double, flagged: Bool, payload: Bytes) where Bytes.Element == UInt8 {
        if onlyFlagged && !flagged { return }
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
