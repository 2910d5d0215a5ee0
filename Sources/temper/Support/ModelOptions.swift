import ArgumentParser
import Foundation
import TemperSentiment

/// Where the sentiment model comes from: the lexicons and model in `lexicons/` (or the copy
/// built into the binary's resource bundle), plus any lexicons the user adds.
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("lexicons"), help: ArgumentHelp("The directory holding Temper's lexicons and model. Default: $TEMPER_LEXICONS, else ./lexicons, else the lexicons/ folder of the checkout the binary was built in, else the copy built into Temper.", valueName: "dir"))
    var lexiconDirectory: String?

    @Option(name: .customLong("lexicon"), help: ArgumentHelp("An extra lexicon loaded after the shipped ones (repeatable; later files override earlier ones). Temper's TSV formats are recognised by their header; third-party formats by shape or a prefix: 'vader:FILE' (word<TAB>score), 'afinn:FILE' (−5…+5, rescaled), 'positive:FILE' / 'negative:FILE' (one word per line).", valueName: "path"))
    var lexicons: [String] = []

    @Option(help: ArgumentHelp("The n-gram model file. Default: sentiment.ngram in the lexicon directory.", valueName: "path"))
    var model: String?

    @Option(help: ArgumentHelp("The calibration file for the ensemble. Default: sentiment.calibration.json in the lexicon directory.", valueName: "path"))
    var calibration: String?

    /// The lexicon directory actually used.
    func resolvedDirectory() throws -> String {
        if let lexiconDirectory { return lexiconDirectory }
        if let environment = ProcessInfo.processInfo.environment["TEMPER_LEXICONS"], !environment.isEmpty { return environment }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: "lexicons/general.tsv") { return "lexicons" }
        // A binary in <checkout>/.build/<config>/temper finds <checkout>/lexicons.
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("lexicons")
            if fileManager.fileExists(atPath: candidate.appendingPathComponent("general.tsv").path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        // Last, the copy built into the binary: an installed `temper` works anywhere its
        // resource bundle went along.
        guard let bundled = try? SentimentModel.shippedDirectory else {
            throw RunError("cannot find Temper's lexicons: pass --lexicons DIR, set TEMPER_LEXICONS, run from the repository root, or keep the build's Temper_TemperSentiment.resources folder next to the binary")
        }
        return bundled
    }

    var modelPath: String { get throws { try model ?? (resolvedDirectory() + "/" + SentimentModel.ngramFileName) } }
    var calibrationPath: String { get throws { try calibration ?? (resolvedDirectory() + "/" + SentimentModel.calibrationFileName) } }
    var extraLexicons: [LexiconSpec] { lexicons.map(LexiconSpec.init(argument:)) }

    func loadModel() throws -> SentimentModel {
        try SentimentModel.load(lexiconDirectory: resolvedDirectory(), extraLexicons: extraLexicons,
                                modelPath: modelPath, calibrationPath: calibrationPath)
    }

    /// The drivers taxonomy of the lexicon directory (`drivers.yaml`); a lexicon directory of
    /// one's own without one gets the shipped drivers. The risk model's stated problems come
    /// from it, and `--drivers` without `--drivers-file` reports it.
    func loadDriverTaxonomy() throws -> DriverTaxonomy {
        let beside = try resolvedDirectory() + "/" + DriverTaxonomy.shippedFileName
        guard FileManager.default.fileExists(atPath: beside) else { return try DriverTaxonomy.shipped }
        return try DriverTaxonomy.load(path: beside)
    }
}
