import ArgumentParser
import TemperConversation
import TemperIO
import TemperPipeline
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
        moved the score, with byte offsets into the original text. --drivers adds what the message \
        is about: "drivers": [{"id", "polarity", "evidence", "start", "end"}, …], most salient first, \
        each driver once, evidence with byte offsets into the original text and polarity the \
        sentiment of its clause (see lexicons/drivers.yaml; --drivers-file replaces the taxonomy).

        Only a message's body is scored: a greeting ("Hi team,"), sign-off ("Thanks,", "Best \
        regards", "Cordialement"), signature, quoted earlier message ("> …", "On … wrote:", \
        "-----Original Message-----") and boilerplate ("Sent from my iPhone", confidentiality \
        notices) are left out — courtesy is not satisfaction — and --explain lists them as \
        "excluded": [{"kind", "start", "end"}]. A message that is only courtesy ("Thanks!") is \
        scored as written. --no-anatomy scores every message whole; 'temper normalize \
        --anatomy' shows the segments.

        Input formats (--input-format): text (one message per line), jsonl (one object per line; \
        the message in --text-field), csv (a header row; the message in the --text-field column). \
        auto (the default) goes by the file name (.jsonl/.ndjson/.json, .csv, .txt), else by the \
        first line: a JSON object means jsonl, anything else text. A line that \
        cannot be read (bad JSON, no text field, invalid UTF-8) stops the run with its file and \
        line, unless --skip-invalid is given.

        With --per conversation the input is conversations, as 'temper flag' reads them: jsonl \
        (one conversation per line; auto picks it unless the file is .csv), csv or rows-jsonl (message rows grouped by a \
        conversation column, see --conversation-column and friends) or tweets (reply threads). \
        Each output line is then one conversation:
          {"id": …, "label": …, "compound": …, "probabilities": {…},
           "customer_messages": n,
           "customer_sentiment": {"mean", "min", "last", "trend"},
           "messages": [{"index", "role", "label", "compound"}, …]}
        Conversation values come from the customer's messages only (agents' and bots' lines are \
        not the customer's feeling): probabilities are the mean of those messages' \
        probabilities with the last message counted twice (how a conversation ends is what the \
        customer remembers); label is their most probable class; compound is P(positive) − \
        P(negative) of them. customer_sentiment holds the plain mean, minimum, last value and \
        trend (slope per message) of the messages' compound scores; messages lists every scored \
        message. The same label is the conversation's sentiment in 'temper flag' and the KPIs. \
        In one sentence: a conversation's label is the most probable class of the probabilities \
        printed beside it, the mean over the customer's message bodies with the last counted twice.
        With --drivers, "drivers" lists the conversation's feedback drivers as 'temper flag \
        --drivers' does.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case auto, text, jsonl, csv, rowsJSONL = "rows-jsonl", tweets
    }

    enum Unit: String, ExpressibleByArgument, CaseIterable {
        case message, conversation
    }

    @OptionGroup var input: InputFiles

    @Option(name: .customLong("input-format"), help: ArgumentHelp("Input format: auto (default), text, jsonl or csv; with --per conversation also rows-jsonl and tweets.", valueName: "format"))
    var format: Format = .auto

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

    @OptionGroup var anatomy: AnatomyOptions
    @OptionGroup var driverOptions: DriverOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var validity: ValidityOptions
    @OptionGroup var throughput: ThroughputOptions

    func validate() throws {
        if per == .message, format == .rowsJSONL || format == .tweets {
            throw ValidationError("--input-format \(format.rawValue) holds conversations: add --per conversation")
        }
    }

    func run() throws {
        let sentimentModel = try model.loadModel()
        let diagnostics = try validity.diagnostics()
        let output = OutputBuffer()
        input.hintWhenReadingTerminal()
        try diagnostics.run {
            if per == .conversation {
                try scoreConversations(model: sentimentModel, output: output, diagnostics: diagnostics)
            } else {
                try scoreMessages(model: sentimentModel, output: output, diagnostics: diagnostics)
            }
        }
        output.flush()
        if output.failed { throw RunError("could not write the output") }
        try diagnostics.finish(skipped: validity.skipInvalid)
    }

    /// Conversations through the library's conversation pipeline, one sentiment record each.
    private func scoreConversations(model: SentimentModel, output: OutputBuffer, diagnostics: Diagnostics) throws {
        let conversationFormat: ConversationFormat = switch format {
        case .auto: .auto
        case .text, .jsonl: .conversations
        case .csv: .rowsCSV
        case .rowsJSONL: .rowsJSONL
        case .tweets: .tweets
        }
        let pipeline = ConversationPipeline(model: model, options: RunOptions(jobs: throughput.resolvedJobs))
        pipeline.anatomy = anatomy.enabled
        (pipeline.problems, pipeline.drivers) = try driverOptions.pipelineTaxonomies(model: self.model)
        let progress = ProgressReporter(forced: throughput.progress, unit: "conversations")
        try pipeline.run(paths: input.paths, input: conversationInput.input(format: conversationFormat, files: input),
                         policy: diagnostics.policy(skipInvalid: validity.skipInvalid), progress: progress.advance,
                         transform: { assessed in
                             var payload: [UInt8] = []
                             payload.reserveCapacity(1024)  // one allocation for a typical record
                             ConversationSentimentJSON.append(assessed.assessment, conversation: assessed.conversation, to: &payload)
                             if assessed.assessment.driversDetected {
                                 payload.removeLast()
                                 assessed.assessment.appendDrivers(to: &payload)
                                 payload.append(UInt8(ascii: "}"))
                             }
                             payload.append(0x0A)
                             return payload
                         }, each: { output.append($0) })
        progress.finish()
    }

    /// Messages through the library's message scorer: batches scored and formatted on all cores,
    /// written in input order.
    private func scoreMessages(model: SentimentModel, output: OutputBuffer, diagnostics: Diagnostics) throws {
        let messageFormat: MessageFormat = switch format {
        case .text: .text
        case .jsonl: .jsonl
        case .csv: .csv
        default: .auto
        }
        let scorer = MessageScorer(model: model, mode: mode, explain: explain, options: RunOptions(jobs: throughput.resolvedJobs))
        scorer.anatomy = anatomy.enabled
        scorer.drivers = try driverOptions.taxonomy(model: self.model)
        let withDrivers = scorer.drivers != nil
        let driverIDs = ScoreJSON.DriverIDs(scorer.drivers?.drivers.map(\.id) ?? [])
        let progress = ProgressReporter(forced: throughput.progress, unit: "messages")
        let explain = self.explain
        let writeLine: @Sendable (ScoredMessage, MessageDriversView, inout [UInt8]) -> Void = { scored, drivers, bytes in
            if withDrivers, !explain, drivers.isEmpty {
                // The same bytes as below; most support messages have no driver, and their line
                // is written in one piece.
                ScoreJSON.appendWithoutDrivers(id: scored.id, result: scored.result, to: &bytes)
                bytes.append(0x0A)
                return
            }
            ScoreJSON.append(id: scored.id, result: scored.result, to: &bytes)
            if explain {
                bytes.removeLast()
                ScoreJSON.appendExplanation(result: scored.result, to: &bytes)
                ScoreJSON.appendExcluded(scored.excluded, to: &bytes)
                bytes.append(UInt8(ascii: "}"))
            }
            if withDrivers {
                bytes.removeLast()
                ScoreJSON.appendDrivers(drivers, ids: driverIDs, to: &bytes)
                bytes.append(UInt8(ascii: "}"))
            }
            bytes.append(0x0A)
        }
        try scorer.run(paths: input.paths, input: MessageInput(format: messageFormat, textField: textField, idField: idField,
                                                                  maximumLineLength: input.maximumLineLength),
                       policy: diagnostics.policy(skipInvalid: validity.skipInvalid), progress: progress.advance,
                       formatWithDrivers: writeLine,
                       deliver: { output.append($0) })
        progress.finish()
    }
}

extension ScoringMode: ExpressibleByArgument {}
