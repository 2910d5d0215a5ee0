import ArgumentParser

struct FlagEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure the shipped risk model on labelled conversations.",
        discussion: """
        Each set is cut in halves by a stable hash of its conversations (HashSplit); only the \
        test half is measured, against ranking by mean customer sentiment (most negative \
        first): ROC AUC, precision in the riskiest 10%, Brier score, mean risk and the observed \
        rate. Sets: dialogue-satisfaction:DIR-or-FILE (a dialogue is dissatisfied when its \
        OVERALL rating is below 2.5), complaints:FILE (a complaint tweet is the positive class).

        Example:
          temper flag evaluate \\
            dialogue-satisfaction:../shared/data/dialogue-satisfaction \\
            complaints:../shared/data/complaints-dev.tsv
        """
    )

    @OptionGroup var sets: LabelledSetOptions
    @OptionGroup var model: ModelOptions

    func run() throws {
        let report = try EscalationReport(options: sets, model: try model.loadModel())
        report.printEvaluation(of: .standard)
    }
}
