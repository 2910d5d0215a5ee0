import ArgumentParser
import Foundation
import TemperConversation

/// Which risk model file scores conversations: `--risk-model PATH`, else `risk.model.json` in
/// the lexicon directory the sentiment model comes from (the shipped one).
struct RiskModelOptions: ParsableArguments {
    @Option(name: .customLong("risk-model"), help: ArgumentHelp("The risk model file (written by 'temper flag fit'). Default: risk.model.json in the lexicon directory.", valueName: "path"))
    var path: String?

    func resolvedPath(model: ModelOptions) throws -> String {
        try path ?? (model.resolvedDirectory() + "/" + RiskModel.fileName)
    }

    func load(model: ModelOptions) throws -> RiskModel {
        try RiskModel.load(path: resolvedPath(model: model))
    }
}
