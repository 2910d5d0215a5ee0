import ArgumentParser
import Foundation

struct FlagFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Refit the risk model's weights on the training halves of labelled sets.",
        discussion: """
        Fits the weights (a MAP fit around the rule priors) on the train halves of the sets \
        (HashSplit, as 'temper flag evaluate' cuts them), prints them as Swift to paste into \
        Sources/TemperConversation/RiskModelFit.swift, then prints the held-out evaluation of \
        the fitted model. Same sets as 'temper flag evaluate'.
        """
    )

    @OptionGroup var sets: LabelledSetOptions
    @OptionGroup var model: ModelOptions

    func run() throws {
        let report = try EscalationReport(options: sets, model: try model.loadModel())
        let riskModel = report.fit()
        print("// Fitted weights (paste into Sources/TemperConversation/RiskModelFit.swift):")
        print("static let fittedWeights: [Double] = [")
        for (name, weight) in zip(RiskFeatures.names, riskModel.weights) {
            print("    \(String(format: "%.4f", weight)),  // \(name)")
        }
        print("]")
        print("static let fittedProvenance = \"\(riskModel.provenance)\"")
        print("")
        report.printEvaluation(of: riskModel)
    }
}

import TemperConversation
