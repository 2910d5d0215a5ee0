import TemperConversation
import TemperIO
import TemperSentiment

/// A conversation and what Temper made of it.
public struct AssessedConversation {
    public let conversation: Conversation
    public let assessment: ConversationAssessment
}

/// Reads conversations in any supported format, assesses them on all cores and hands the
/// results back in input order — `nlp.pipe` for conversations.
///
/// ```swift
/// let pipeline = ConversationPipeline(model: try SentimentModel.shipped)
/// try pipeline.run(paths: ["transcripts.jsonl"], transform: { $0.assessment.risk }) { risk in print(risk) }
/// ```
///
/// `transform` runs on worker threads (so formatting output there scales with cores); `each`
/// runs on the calling thread, in input order. Memory is bounded by `2 × jobs` batches, whatever
/// the input size. Bad records go through the `BadRecordPolicy`: reported with file and line,
/// then the run stops (after delivering everything before them) or goes on. Duplicate
/// conversation ids are bad records too, and so is a conversation `transform` rejects by
/// throwing a `RecordError` (KPI facts out of range, say). A pipeline is used from one thread
/// at a time; the model it holds is shared by its workers.
public final class ConversationPipeline {
    public let model: SentimentModel
    /// nil: the shipped one (`RiskModel.shipped`).
    public var riskModel: RiskModel?
    /// `flagged` is `risk >= threshold` or a threat (`ConversationAssessor.threshold`); nil: the risk model's threshold.
    public var threshold: Double?
    public var options: RunOptions
    /// Customer messages are read for their body only (`ConversationAssessor.anatomy`).
    public var anatomy = true
    /// Detect these feedback drivers in customer messages (`ConversationAssessment.drivers`).
    public var drivers: DriverTaxonomy?
    /// The taxonomy whose complaint patterns are the risk model's stated problems
    /// (`ConversationAssessor.problemDetector`); nil: the shipped one.
    public var problems: DriverTaxonomy?

    public init(model: SentimentModel, riskModel: RiskModel? = nil, threshold: Double? = nil,
                options: RunOptions = RunOptions()) {
        self.model = model
        self.riskModel = riskModel
        self.threshold = threshold
        self.options = options
    }

    /// Runs every file of `paths` in order (`-` is standard input).
    /// - Throws: the `InputError` that stopped the run (already reported through `policy`), an
    ///   `InputError` for an input that cannot be read at all (not reported), or what `each` throws.
    public func run<Output>(paths: [String], input: ConversationInput = ConversationInput(),
                            policy: BadRecordPolicy = BadRecordPolicy(), progress: ((RunProgress) -> Void)? = nil,
                            transform: @escaping @Sendable (AssessedConversation) throws(RecordError) -> Output,
                            each: (Output) throws -> Void) throws {
        var state = RunProgress()
        for path in paths {
            if input.format.resolved(for: path) == .conversations {
                try runJSONL(LineReader(path: path, maximumLineLength: input.maximumLineLength), policy: policy, state: &state, progress: progress, transform: transform, each: each)
            } else {
                try runGrouped(path: path, input: input, policy: policy, state: &state, progress: progress,
                               transform: transform, each: each)
            }
        }
    }

    /// JSONL conversations from a reader already open — one whose first line was peeked at to
    /// tell its kind, say (standard input cannot be opened twice).
    public func run<Output>(lines reader: LineReader, policy: BadRecordPolicy = BadRecordPolicy(),
                            progress: ((RunProgress) -> Void)? = nil,
                            transform: @escaping @Sendable (AssessedConversation) throws(RecordError) -> Output,
                            each: (Output) throws -> Void) throws {
        var state = RunProgress()
        try runJSONL(reader, policy: policy, state: &state, progress: progress, transform: transform, each: each)
    }

    private enum Item<Output> {
        case record(id: String, line: Int, Output)
        case problem(line: Int, message: String)
    }

    /// One worker's assessor and what its last batch produced.
    private final class Worker<Output> {
        let assessor: ConversationAssessor
        var items: [Item<Output>] = []

        init(assessor: ConversationAssessor) {
            self.assessor = assessor
        }

        func add(_ conversation: Conversation, transform: (AssessedConversation) throws(RecordError) -> Output) {
            let assessed = AssessedConversation(conversation: conversation, assessment: assessor.assess(conversation))
            do throws(RecordError) {
                items.append(.record(id: conversation.id, line: conversation.line, try transform(assessed)))
            } catch {
                items.append(.problem(line: conversation.line, message: error.message))
            }
        }
    }

    private func makeWorker<Output>() throws -> Worker<Output> {
        let assessor = try ConversationAssessor(model: model, riskModel: riskModel, threshold: threshold, problems: problems)
        assessor.anatomy = anatomy
        assessor.driverDetector = drivers.map { DriverDetector(taxonomy: $0, lexicon: model.lexicon) }
        return Worker(assessor: assessor)
    }

    // MARK: JSONL conversations: lines parsed and assessed on the workers

    private func runJSONL<Output>(_ reader: LineReader, policy: BadRecordPolicy, state: inout RunProgress, progress: ((RunProgress) -> Void)?,
                                  transform: @escaping @Sendable (AssessedConversation) throws(RecordError) -> Output,
                                  each: (Output) throws -> Void) throws {
        let name = reader.name
        let processor = try OrderedBatchProcessor(jobs: options.jobs, makeWorker: { () throws -> Worker<Output> in try makeWorker() }) { worker, batch in
            worker.items.removeAll(keepingCapacity: true)
            for index in 0..<batch.count {
                let line = batch.firstLineNumber + index
                let parsed: Result<Conversation, RecordError>? = batch.withLine(index) { bytes in
                    if ConversationReader.isBlank(bytes) { return nil }
                    do throws(RecordError) {
                        return .success(try ConversationReader.parse(bytes, line: line))
                    } catch {
                        return .failure(error)
                    }
                }
                switch parsed {
                case nil:
                    continue
                case .failure(let error):
                    worker.items.append(.problem(line: line, message: error.message))
                case .success(let conversation):
                    worker.add(conversation, transform: transform)
                }
            }
        }
        var ids = DuplicateIDSet()
        let bytesBefore = state.bytesRead
        try processor.run(reader: reader, policy: policy, maxLines: options.batchLines) { worker in
            for item in worker.items {
                state.records += 1
                switch item {
                case .problem(let line, let message):
                    try policy.handle(InputError(file: name, line: line, message: message))
                case .record(let id, let line, let output):
                    guard ids.insert(id) else {
                        try policy.handle(InputError(file: name, line: line, message: DuplicateIDSet.duplicate(id, of: "conversation")))
                        continue
                    }
                    try each(output)
                }
            }
            state.bytesRead = bytesBefore + reader.bytesRead
            state.totalBytes = reader.sizeInBytes.map { $0 + bytesBefore }
            progress?(state)
        }
    }

    // MARK: Grouped formats: read in order on this thread, assessed on the workers

    private func runGrouped<Output>(path: String, input: ConversationInput, policy: BadRecordPolicy, state: inout RunProgress,
                                    progress: ((RunProgress) -> Void)?,
                                    transform: @escaping @Sendable (AssessedConversation) throws(RecordError) -> Output,
                                    each: (Output) throws -> Void) throws {
        state.totalBytes = nil
        let processor = try OrderedBatchProcessor(
            jobs: options.jobs, makeBatch: { [Conversation]() }, makeWorker: { () throws -> Worker<Output> in try makeWorker() }
        ) { worker, batch in
            worker.items.removeAll(keepingCapacity: true)
            for conversation in batch { worker.add(conversation, transform: transform) }
        }
        let name = path == "-" ? "<stdin>" : path
        try processor.run(batchSize: options.batchRecords, deliver: { worker in
            for item in worker.items {
                state.records += 1
                switch item {
                case .problem(let line, let message): try policy.handle(InputError(file: name, line: line, message: message))
                case .record(_, _, let output): try each(output)  // the reader checked ids already
                }
            }
            progress?(state)
        }, produce: { push in
            try input.forEach(path: path, policy: policy, push)
        })
    }
}
