import ArgumentParser
import Dispatch
import Foundation
import TemperConversation
import TemperIO
import TemperKPI
import TemperPipeline
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

        Input formats (--input-format):
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

    @OptionGroup var input: InputFiles
    @OptionGroup var model: ModelOptions
    @OptionGroup var validity: ValidityOptions

    @Option(name: .customLong("input-format"), help: ArgumentHelp("Input format: auto, conversations, rows-csv, rows-jsonl or tweets (see above).", valueName: "format"))
    var format: ConversationFormat = .auto

    @OptionGroup var conversationInput: ConversationInputOptions

    @Option(help: ArgumentHelp("Flag conversations whose risk is at least this (0–1).", valueName: "x"))
    var threshold: Double = RiskModel.defaultThreshold

    @Flag(help: "Print only flagged conversations.")
    var onlyFlagged = false

    @Option(help: ArgumentHelp("Print only the N riskiest conversations, riskiest first (ties keep input order).", valueName: "n"))
    var top: Int?

    @Flag(help: "Print KPI facts (the lines 'temper scorecard' reads) instead of flag records.")
    var facts = false

    @OptionGroup var throughput: ThroughputOptions

    @Option(help: ArgumentHelp("Measure on a labelled set instead of scoring input: dialogue-satisfaction:PATH or complaints:PATH (repeatable).", valueName: "dataset:path"))
    var evaluate: [String] = []

    @Flag(help: "With --evaluate: fit the weights on the training halves, print them, and evaluate the fitted model.")
    var fit = false

    func validate() throws {
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if fit && evaluate.isEmpty { throw ValidationError("--fit needs --evaluate") }
    }

    func run() throws {
        let sentimentModel = try model.loadModel()
        if !evaluate.isEmpty {
            try runEvaluation(sentimentModel)
            return
        }
        let diagnostics = Diagnostics()
        let output = OutputBuffer()
        var sink = RecordSink(onlyFlagged: onlyFlagged, top: top, output: output)
        let pipeline = ConversationPipeline(model: sentimentModel, threshold: threshold, options: RunOptions(jobs: throughput.resolvedJobs))
        let progress = ProgressReporter(forced: throughput.progress, unit: "conversations")
        let facts = self.facts
        input.hintWhenReadingTerminal()
        try diagnostics.run {
            try pipeline.run(paths: input.paths, input: conversationInput.input(format: format),
                             policy: diagnostics.policy(skipInvalid: validity.skipInvalid), progress: progress.advance,
                             transform: { assessed throws(RecordError) in
                                 var payload: [UInt8] = []
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

