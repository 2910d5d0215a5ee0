import ArgumentParser
import Foundation
import TemperConversation
import TemperIO
import TemperKPI
import TemperPipeline
import TemperSentiment

/// `temper flag`: assessing conversations is the default action; measuring and fitting the risk
/// model on labelled data are actions of their own.
struct FlagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flag",
        abstract: "Score support conversations for escalation risk, with the reasons why.",
        discussion: """
        'temper flag FILE…' assesses conversations (the 'assess' subcommand, the default); \
        'temper flag evaluate' measures the risk model on labelled data and 'temper flag fit' \
        fits a new model file from labelled conversations and QA verdicts. See 'temper help flag assess' for the record format.
        """,
        subcommands: [FlagAssessCommand.self, FlagEvaluateCommand.self, FlagFitCommand.self],
        defaultSubcommand: FlagAssessCommand.self
    )
}

struct FlagAssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Assess conversations for escalation risk (the default action of 'temper flag').",
        discussion: """
        Each conversation becomes one JSON line, in input order (or ranked by risk with --top):
          {"id":…,"risk":0.83,"level":"high","flagged":true,
           "reasons":[{"code":"churn_threat","message":3,
                       "evidence":"switching to Globex","start":11,"end":30}],
           "customer_sentiment":{"mean":-0.41,"min":-0.92,"last":-0.88,
                                 "trend":-0.35}}
        risk is a probability (0–1) that the conversation escalates or ends with a dissatisfied \
        customer, learnt from labelled conversations (see 'temper flag fit'); the shipped model's \
        bias is that of the dissatisfied dialogues it was fitted on (about 3%). level: low below \
        0.25, medium from 0.25, high from 0.5. flagged means risk ≥ --threshold (default: the risk \
        model's threshold, 0.5 for the shipped one) or a threat among the reasons (churn_threat, \
        legal_threat, public_shaming, manager_demand): a threat flags a conversation whatever its \
        risk, and the shipped risk leaves threats out (the labelled data hold too few to weigh \
        them), so a calm conversation with one threat reads "level":"low","flagged":true. \
        ingest and scorecard flag the same way. \
        Each reason names a cue, the message it is in (0-based index into "messages"), and the \
        evidence: the original text and its UTF-8 byte offsets in that message. Cues: anger, \
        insult, churn_threat, legal_threat, public_shaming, manager_demand, \
        repeat_contact, long_wait (from timestamps or the customer's words), sentiment_drop, \
        agent_failure, unanswered, task_failure ("that's not what I asked", "never mind"). \
        Negated threats ("I would never cancel") do not count. The risk model is a file \
        (--risk-model; 'temper flag fit' writes one).

        Sentiment and text cues read only the body of customer messages: greetings, sign-offs, \
        signatures, quoted earlier messages and boilerplate are left out (--no-anatomy reads \
        them too); evidence offsets are still into the message as written. A conversation's \
        sentiment label (in --facts and 'score --per conversation') is the most probable class \
        of the customer's probabilities: the mean over their message bodies, the last counted twice.

        Input formats (--input-format):
          conversations  JSONL, one conversation per line:
                           {"id","channel"?,"agent"?,"team"?,"customer"?,
                            "messages":[{"role","text","at"?}],"survey"?,
                            "resolved"?,"handle_seconds"?,…}
                         roles: customer, agent, bot, system;
                         "at": ISO-8601 or epoch seconds.
          rows-csv       one message per row with a header (helpdesk exports),
          rows-jsonl     grouped by the conversation column (see
                         --conversation-column and friends).
          tweets         reply-threaded tweets {"tweet_id","author_id","inbound",
                         "created_at","text","in_response_to_tweet_id"},
                         rebuilt into conversations.
          auto           (default) rows-csv for *.csv, conversations otherwise.

        Bad records (broken JSON, unknown role, unparsable timestamp, empty messages, duplicate \
        ids) are reported as file:line: problem. Without --skip-invalid the run stops at the \
        first one (exit status 1); with it each is reported and counted and the run goes \
        on. Duplicate ids are found with a set of 64-bit id hashes (8 bytes per conversation).

        Memory stays bounded whatever the input size: conversations are processed in batches \
        on --jobs threads (default: all cores) and written in input order. --top N keeps only \
        the N riskiest in memory. Progress (count, rate, ETA) goes to standard error when it is \
        a terminal, or with --progress.

        --drivers adds the conversation's feedback drivers over its customer messages, to the \
        record ("drivers":[{"id","polarity","messages","message","evidence","start","end"}], \
        most salient first; polarity negative when any customer message is negative about it) \
        and to the KPI facts ("drivers":[{"id","polarity"}]), which the scorecard's drivers \
        section reads.
        """
    )

    @OptionGroup var input: InputFiles
    @OptionGroup var anatomy: AnatomyOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var riskModel: RiskModelOptions
    @OptionGroup var validity: ValidityOptions

    @Option(name: .customLong("input-format"), help: ArgumentHelp("Input format: auto, conversations, rows-csv, rows-jsonl or tweets (see above).", valueName: "format"))
    var format: ConversationFormat = .auto

    @OptionGroup var conversationInput: ConversationInputOptions

    @Option(help: ArgumentHelp("Flag conversations whose risk is at least this (0–1); a threat flags whatever the risk. Default: the risk model's threshold (0.5 for the shipped one).", valueName: "x"))
    var threshold: Double?

    @Flag(help: "Print only flagged conversations.")
    var onlyFlagged = false

    @Option(help: ArgumentHelp("Print only the N riskiest conversations, riskiest first (ties keep input order).", valueName: "n"))
    var top: Int?

    @Flag(help: "Print KPI facts (the lines 'temper scorecard' reads) instead of flag records.")
    var facts = false

    @OptionGroup var driverOptions: DriverOptions
    @OptionGroup var throughput: ThroughputOptions

    func validate() throws {
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let sentimentModel = try model.loadModel()
        let risk = try riskModel.load(model: model)
        let diagnostics = try validity.diagnostics()
        let output = OutputBuffer()
        var sink = RecordSink(onlyFlagged: onlyFlagged, top: top, output: output)
        let pipeline = ConversationPipeline(model: sentimentModel, riskModel: risk, threshold: threshold, options: RunOptions(jobs: throughput.resolvedJobs))
        pipeline.anatomy = anatomy.enabled
        (pipeline.problems, pipeline.drivers) = try driverOptions.pipelineTaxonomies(model: model)
        let progress = ProgressReporter(forced: throughput.progress, unit: "conversations")
        let facts = self.facts
        input.hintWhenReadingTerminal()
        try diagnostics.run {
            try pipeline.run(paths: input.paths, input: conversationInput.input(format: format, files: input),
                             policy: diagnostics.policy(skipInvalid: validity.skipInvalid), progress: progress.advance,
                             transform: { assessed throws(RecordError) in
                                 var payload: [UInt8] = []
                                 payload.reserveCapacity(1024)  // one allocation for a typical record
                                 if facts {
                                     try ConversationFacts.validated(assessed).appendJSON(to: &payload)
                                 } else {
                                     assessed.assessment.appendJSON(to: &payload)
                                 }
                                 return ConversationRecord(risk: assessed.assessment.risk, flagged: assessed.assessment.flagged, payload: payload)
                             }, each: { sink.add($0) })
        }
        progress.finish()
        sink.finish()
        output.flush()
        if output.failed { throw RunError("could not write the output") }
        try diagnostics.finish(skipped: validity.skipInvalid)
    }
}
