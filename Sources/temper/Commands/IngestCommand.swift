import ArgumentParser
import Foundation
import TemperConversation
import TemperIO
import TemperPipeline
import TemperStore

/// `temper ingest`: assess conversations and keep them, with their messages and reasons, in the
/// QA workspace database that `temper serve` shows.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Assess conversations and store them in the QA workspace database.",
        discussion: """
        Reads conversations in any format 'temper flag' reads (see 'temper help flag assess'), \
        assesses each one (customer sentiment per message, escalation risk with its reasons and \
        evidence) and stores it with its messages in the SQLite database named by --db \
        (default ./temper.db, created on first use). 'temper serve' shows the stored \
        conversations as a review queue; 'temper reviews export' writes the reviews.

        Ingesting is idempotent by conversation id: a conversation already stored is updated \
        (its messages, reasons and risk replaced) and keeps its reviews. Re-run ingest on an \
        updated export at any time.

        Conversations are assessed on --jobs threads and written in transactions of \(Store.ingestBatchSize), \
        so memory stays bounded whatever the input size, and the server can read while an \
        ingest runs. Bad records are reported as file:line: problem; without --skip-invalid the \
        run stops at the first (what came before it is kept) with exit status 1.

        At the end one line on standard error says what happened:
          temper: 343 conversations stored in temper.db (343 new, 0 updated, 0 skipped)
        """
    )

    @OptionGroup var input: InputFiles
    @OptionGroup var store: StoreOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var riskModel: RiskModelOptions
    @OptionGroup var validity: ValidityOptions

    @Option(name: .customLong("input-format"), help: ArgumentHelp("Input format: auto, conversations, rows-csv, rows-jsonl or tweets (see 'temper help flag assess').", valueName: "format"))
    var format: ConversationFormat = .auto

    @OptionGroup var conversationInput: ConversationInputOptions

    @Option(help: ArgumentHelp("Mark conversations whose risk is at least this as flagged (0–1); a threat flags whatever the risk. Default: the risk model's threshold (0.5 for the shipped one).", valueName: "x"))
    var threshold: Double?

    @OptionGroup var driverOptions: DriverOptions
    @OptionGroup var throughput: ThroughputOptions

    func validate() throws {
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1") }
    }

    func run() throws {
        let sentimentModel = try model.loadModel()
        let diagnostics = try validity.diagnostics()
        let database = try store.open()
        let pipeline = ConversationPipeline(model: sentimentModel, riskModel: try riskModel.load(model: model), threshold: threshold, options: RunOptions(jobs: throughput.resolvedJobs))
        // --drivers fills the store's drivers (the queue's driver filter): negative ones only.
        (pipeline.problems, pipeline.drivers) = try driverOptions.pipelineTaxonomies(model: model)
        let progress = ProgressReporter(forced: throughput.progress, unit: "conversations")
        var summary = IngestSummary()
        input.hintWhenReadingTerminal()
        do {
            try diagnostics.run {
                try database.ingest(paths: input.paths, pipeline: pipeline, input: conversationInput.input(format: format, files: input),
                                    policy: diagnostics.policy(skipInvalid: validity.skipInvalid), progress: progress.advance,
                                    summary: &summary)
            }
        } catch let error as StoreError {
            throw RunError("\(store.path): \(error.message)")
        }
        progress.finish()
        let stored = summary.inserted + summary.updated
        printError("temper: \(stored) conversation\(stored == 1 ? "" : "s") stored in \(store.path) "
                   + "(\(summary.inserted) new, \(summary.updated) updated, \(summary.skipped) skipped)")
        try diagnostics.finish(skipped: validity.skipInvalid)
    }
}
