import ArgumentParser
import Foundation
import TemperIO
import TemperSentiment

struct DriversEvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Per-driver precision and recall on a hand-labelled driver set.",
        discussion: """
        Reads a driver set (split<TAB>drivers<TAB>text, drivers a comma list of id:polarity or \
        '-'; see corpora/drivers.tsv) and prints, per driver, its support, precision, recall, F1 \
        and the share of found drivers with the gold polarity, as a Markdown table. A driver \
        counts as found when the detector reports its id for the message. --split keeps the \
        messages of one split (dev or test); --errors lists the messages whose driver set was \
        wrong.
        """
    )

    @Argument(help: ArgumentHelp("The labelled driver set.", valueName: "file"))
    var path: String

    @Option(help: ArgumentHelp("Only messages of this split (e.g. test).", valueName: "name"))
    var split: String?

    @Flag(help: "List the messages whose detected driver set differs from the gold one.")
    var errors = false

    @OptionGroup var driverOptions: DriverOptions
    @OptionGroup var model: ModelOptions

    func run() throws {
        let sentimentModel = try model.loadModel()
        var options = driverOptions
        options.drivers = true
        guard let taxonomy = try options.taxonomy(model: model) else { return }
        var examples = try DriverCorpus.load(path: path, taxonomy: taxonomy)
        if let split {
            examples = examples.filter { $0.split == split }
            if examples.isEmpty { throw RunError("\(path): no messages in split '\(split)'") }
        }
        let analyzer = try SentimentAnalyzer(model: sentimentModel)
        let detector = DriverDetector(taxonomy: taxonomy, lexicon: sentimentModel.lexicon)
        let evaluation = DriverEvaluation(examples: examples, taxonomy: taxonomy) { text in
            _ = analyzer.analyze(text)
            return detector.mentions(analyzer.text).map { ($0.id, $0.polarity) }
        }
        print(Self.table(evaluation))
        if errors {
            print("")
            for error in evaluation.errors {
                print("line \(error.line): gold [\(error.gold.joined(separator: ","))] found [\(error.found.joined(separator: ","))]: \(error.text)")
            }
        }
    }

    static func table(_ evaluation: DriverEvaluation) -> String {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f", $0 * 100) } ?? "–" }
        var lines = ["| driver | support | precision % | recall % | F1 % | polarity right % |", "|---|---:|---:|---:|---:|---:|"]
        for (id, counts) in evaluation.perDriver {
            lines.append("| \(id) | \(counts.support) | \(percent(counts.precision)) | \(percent(counts.recall)) | \(percent(counts.f1)) | \(percent(counts.polarityAccuracy)) |")
        }
        let all = evaluation.overall
        lines.append("| **all (micro)** | \(all.support) | \(percent(all.precision)) | \(percent(all.recall)) | \(percent(all.f1)) | \(percent(all.polarityAccuracy)) |")
        lines.append("")
        lines.append("\(evaluation.messages) messages, \(evaluation.exactSets) (\(percent(Double(evaluation.exactSets) / Double(max(evaluation.messages, 1)))) %) with exactly the gold driver set.")
        return lines.joined(separator: "\n")
    }
}
