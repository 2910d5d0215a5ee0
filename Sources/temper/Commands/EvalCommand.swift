import ArgumentParser
import Foundation
import TemperIO
import TemperSentiment

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure sentiment accuracy on labelled data.",
        discussion: """
        Reads labelled files (TSV 'label<TAB>text' — the text is the last column — or JSONL \
        {"label", "text"}) and reports accuracy, macro-F1, macro-averaged recall (the mean of the per-class recalls), per-class precision and recall, the \
        confusion matrix, ROC AUC and, for numeric gold scores, Pearson r against the compound score.

        How predictions meet the gold labels:
          three-class gold (negative/neutral/positive): the most probable class;
          binary gold (0/1): positive when P(positive) ≥ P(negative) (neutral is
            not an option);
          negative-vs-rest gold (complaints:): negative when the predicted label
            is negative.

        Report only on data the model was not trained or calibrated on: use the 'test:' part of \
        files without an official split (see --help of train for the parts).
        """
    )

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case ensemble, lexicon, ngram, all
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case auto, tsv, jsonl
    }

    @Argument(help: ArgumentHelp("Labelled files. " + CorpusSpec.help, valueName: "spec"))
    var specs: [CorpusSpec]

    @Option(name: .customLong("input-format"), help: ArgumentHelp("Input format: tsv, jsonl, or auto (by content).", valueName: "format"))
    var inputFormat: Format = .auto

    @Option(help: "Which scorer to evaluate: ensemble (the product), lexicon (rules only), ngram (model only), or all three.")
    var mode: Mode = .ensemble

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, md
    }

    @Option(help: ArgumentHelp("Output: text (the details per file and scorer, the default), json (one object per file and scorer) or md (one Markdown summary table: file × scorer, accuracy, macro-F1, macro-averaged recall, ROC AUC).", valueName: "format"))
    var format: OutputFormat = .text

    @OptionGroup var model: ModelOptions
    @OptionGroup var validity: ValidityOptions

    func run() throws {
        let diagnostics = try validity.diagnostics()
        let sentimentModel = try model.loadModel()
        let modes: [ScoringMode] = mode == .all ? [.ensemble, .lexicon, .ngram] : [ScoringMode(rawValue: mode.rawValue)!]
        var rows: [(String, ScoringMode, EvaluationResult)] = []
        let policy = diagnostics.policy(skipInvalid: validity.skipInvalid)
        try diagnostics.run {
            for spec in specs {
                let examples = try spec.read(format: inputFormat.rawValue, policy: policy)
                guard !examples.isEmpty else { throw RunError("\(spec.path): no rows in part '\(spec.part.rawValue)'") }
                for scoringMode in modes {
                    let analyzer = try SentimentAnalyzer(model: sentimentModel, mode: scoringMode)
                    let results = examples.map { analyzer.analyze($0.text) }
                    let evaluation = Self.evaluate(examples, results, dataset: "\(spec) [\(scoringMode.rawValue)]")
                    rows.append((spec.description, scoringMode, evaluation))
                    switch format {
                    case .json:
                        let encoder = JSONEncoder()
                        encoder.outputFormatting = [.sortedKeys]
                        print(String(decoding: try encoder.encode(evaluation), as: UTF8.self))
                    case .text:
                        print(evaluation.renderText())
                        print()
                    case .md:
                        break  // one table, below
                    }
                }
            }
            if format == .md { print(Self.markdownTable(rows)) }
        }
        try diagnostics.finish(skipped: validity.skipInvalid)
    }

    /// Compares predictions with gold labels as the discussion above describes.
    static func evaluate(_ examples: [LabelledExample], _ results: [SentimentResult], dataset: String) -> EvaluationResult {
        let labels = Set(examples.compactMap(\.label))
        let scored = zip(examples, results).filter { $0.0.score != nil }
        let goldScores = scored.isEmpty ? nil : scored.map { $0.0.score! }
        let predictedScores = scored.isEmpty ? nil : scored.map { Double($0.1.compound) }
        let labelled = zip(examples, results).filter { $0.0.label != nil }
        if labels.contains(.notNegative) {
            return EvaluationResult(
                dataset: dataset, classNames: ["negative", "not-negative"],
                gold: labelled.map { $0.0.label == .negative ? 0 : 1 },
                predicted: labelled.map { $0.1.label == .negative ? 0 : 1 },
                rankingScores: labelled.map { Double($0.1.negative) }, rankingTarget: 0,
                goldScores: goldScores, predictedScores: predictedScores)
        }
        if !labels.contains(.neutral) {
            return EvaluationResult(
                dataset: dataset, classNames: ["negative", "positive"],
                gold: labelled.map { $0.0.label == .positive ? 1 : 0 },
                predicted: labelled.map { $0.1.positive >= $0.1.negative ? 1 : 0 },
                rankingScores: labelled.map { Double($0.1.compound) }, rankingTarget: 1,
                goldScores: goldScores, predictedScores: predictedScores)
        }
        return EvaluationResult(
            dataset: dataset, classNames: ["negative", "neutral", "positive"],
            gold: labelled.map { $0.0.label == .negative ? 0 : ($0.0.label == .neutral ? 1 : 2) },
            predicted: labelled.map { $0.1.label.index },
            rankingScores: labelled.map { Double($0.1.negative) }, rankingTarget: 0,
            goldScores: goldScores, predictedScores: predictedScores)
    }

    static func markdownTable(_ rows: [(String, ScoringMode, EvaluationResult)]) -> String {
        var lines = ["| data | mode | n | accuracy | macro-F1 | macro recall | ROC AUC |", "|---|---|---:|---:|---:|---:|---:|"]
        for (name, mode, result) in rows {
            let auc = result.ranking?.rocAUC.map { String(format: "%.3f", $0) } ?? "–"
            lines.append("| \(name) | \(mode.rawValue) | \(result.count) | \(String(format: "%.3f", result.accuracy)) | \(String(format: "%.3f", result.macroF1)) | \(String(format: "%.3f", result.macroRecall)) | \(auc) |")
        }
        return lines.joined(separator: "\n")
    }
}
