import ArgumentParser
import Foundation
import TemperConversation
import TemperIO

struct FlagEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure the risk model on labelled conversations, against two baselines.",
        discussion: """
        Each set is cut in halves by a stable hash of its conversations (HashSplit); only the \
        test half is measured (the fit uses the train half). Per set: ROC AUC and precision in \
        the riskiest 10% of the model's risk, of ranking by mean customer sentiment (most \
        negative first) and of the previous model (--baseline-model); how sure the AUC \
        differences are (risk's AUC minus each baseline's on the same rows, with a 95% \
        interval from a paired bootstrap: 2000 resamples stratified by class, fixed seed, so \
        the same every run); Brier score, expected \
        calibration error (the count-weighted gap between mean risk and observed rate over the \
        ten risk deciles) and the reliability table itself; how many conversations are flagged \
        (at the threshold, or by a threat, as 'temper flag' flags) and how many of them were \
        positives; and per reason, how many \
        conversations with it (and flagged with it) were positives. Sets are named as for \
        'temper flag fit'; a dialogue-satisfaction directory gives one set per file.

        Example:
          temper flag evaluate --format md \\
            dialogue-satisfaction:../shared/data/dialogue-satisfaction \\
            complaints:../shared/data/complaints-dev.tsv
        """
    )

    @OptionGroup var sets: LabelledSetOptions
    @OptionGroup var model: ModelOptions
    @OptionGroup var riskModel: RiskModelOptions

    @Option(help: ArgumentHelp("The previous model to compare with. Default: risk.model.v5.json (the model shipped before this one) in the lexicon directory when it is there; 'none' for no comparison.", valueName: "path"))
    var baselineModel: String?

    @Option(help: ArgumentHelp("Flag at this risk (0–1). Default: the model's threshold.", valueName: "x"))
    var threshold: Double?

    @Option(help: ArgumentHelp("Output format: text or md (Markdown tables, for the README).", valueName: "format"))
    var format: EscalationReport.Format = .text

    func validate() throws {
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be between 0 and 1") }
    }

    func run() throws {
        let current = try riskModel.load(model: model)
        var previous: RiskModel?
        if let baselineModel {
            if baselineModel != "none" { previous = try RiskModel.load(path: baselineModel) }
        } else {
            let path = try model.resolvedDirectory() + "/" + RiskModel.previousFileName
            if FileManager.default.fileExists(atPath: path) { previous = try RiskModel.load(path: path) }
        }
        let report = try EscalationReport(options: sets, model: try model.loadModel(), problems: try model.loadDriverTaxonomy())
        for note in report.notes { printError("temper: \(note)") }
        let results = report.evaluate(current, previous: previous, threshold: threshold ?? current.threshold)
        print(report.render(results, model: current, previous: previous, format: format))
    }
}
