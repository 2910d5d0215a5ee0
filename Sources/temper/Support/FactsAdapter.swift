import TemperConversation
import TemperKPI
import TemperSentiment

/// Raw conversations → KPI facts: the conversation pipeline assesses each conversation (sentiment,
/// risk, timing) and writes its facts line; the KPI module's own parser reads it back. The two
/// modules stay independent — this adapter in the CLI is the only place that knows both.
enum ConversationFactsSource {
    struct Settings {
        var format: ConversationFormat = .auto
        var input = ConversationInputOptions()
        var threshold = RiskModel.defaultThreshold
        var skipInvalid = false
        var jobs = 1
        var progress = false
    }

    /// Calls `body` with the facts of every conversation in `paths`, in input order. Bad records
    /// are reported through `diagnostics` (and stop the run unless `skipInvalid`).
    static func forEach(paths: [String], settings: Settings, model: SentimentModel, diagnostics: Diagnostics,
                        body: (ConversationFacts) throws -> Void) throws {
        let pipeline = ConversationPipeline(format: settings.format, input: settings.input, output: .facts,
                                            threshold: settings.threshold, skipInvalid: settings.skipInvalid, workers: settings.jobs)
        var parser = FactsLineParser()
        var failure: Error?
        try withoutActuallyEscaping(body) { body in
            var sink = RecordSink { payload in
                guard failure == nil else { return }
                do {
                    let facts = try payload.withUnsafeBytes { try parser.parse($0) }
                    try body(facts)
                } catch {
                    failure = error
                }
            }
            let reporter = FlagProgress(forced: settings.progress)
            try pipeline.run(paths: paths, model: model, diagnostics: diagnostics, sink: &sink, reporter: reporter)
            reporter.finish()
        }
        if let failure { throw failure }
    }
}
