import ArgumentParser
import Foundation
import TemperIO
import TemperSentiment
import TemperText

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the n-gram model and calibrate the ensemble on labelled data.",
        discussion: """
        Two steps, both deterministic for a given seed:

        1. The n-gram model: hashed word unigrams and bigrams with negation-scope and \
        punctuation features, logistic regression on naive-Bayes-scaled features (NB-LR, \
        Wang & Manning 2012), trained with AdaGrad on the --train files (negative vs positive). \
        When some --train files label neutral text (3-class tweets, 3★ reviews), a second head \
        over the same features learns neutral vs polar from those files only; its logit is an \
        ensemble feature, so the neutral class is modelled directly.

        2. The calibration: a 3-class logistic regression from the lexicon scorer's and the \
        n-gram model's outputs to calibrated negative / neutral / positive probabilities, fit \
        on the --calibrate files for each scoring mode (ensemble, lexicon, ngram). Rows that \
        only say "not negative" (complaints 0) count as neutral-or-positive; binary files (no \
        neutral label) teach only which polarity a polar text has, never how rare neutral is. \
        Each calibration file carries the same total weight, whatever its size (xN: scales it).

        The shipped model was built with the command in the README (section "Rebuilding the model").
        """
    )

    @Option(name: .customLong("train"), help: ArgumentHelp("Training data for the n-gram model (repeatable). " + CorpusSpec.help, valueName: "spec"))
    var trainSpecs: [CorpusSpec] = []

    @Option(name: .customLong("calibrate"), help: ArgumentHelp("Calibration data for the ensemble (repeatable), in the same form. Use data the n-gram model was not trained on.", valueName: "spec"))
    var calibrationSpecs: [CorpusSpec] = []

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .customLong("model-out"), help: ArgumentHelp("Where to write the n-gram model. Default: the --model path.", valueName: "path"))
    var modelOut: String?

    @Option(name: .customLong("calibration-out"), help: ArgumentHelp("Where to write the calibration. Default: the --calibration path.", valueName: "path"))
    var calibrationOut: String?

    @Option(help: "Random seed for the training order.")
    var seed: UInt64 = 20_240_601

    @Option(help: "Passes over the training data.")
    var epochs = 3

    @Option(name: .customLong("hash-bits"), help: "log2 of the feature table size (18 = 256k slots, 1 MiB; 20 is a little more accurate and 4× larger).")
    var hashBits = FeatureHasher.defaultHashBits

    @Option(name: .customLong("cross-fit"), help: ArgumentHelp("Also calibrate on up to N examples from each --train file, scored by a model trained without them (2-fold cross-fitting), so the calibration sees the training domains too without trusting memorized scores. 0 turns it off.", valueName: "n"))
    var crossFit = 0

    @Option(help: "nb-lr (default) or lr (plain logistic regression).")
    var method: String = NGramTrainerConfig.Method.nbLogisticRegression.rawValue

    func validate() throws {
        guard !trainSpecs.isEmpty else { throw ValidationError("give at least one --train file") }
        guard !calibrationSpecs.isEmpty else { throw ValidationError("give at least one --calibrate file") }
        guard FeatureHasher.validHashBits.contains(hashBits) else { throw ValidationError("--hash-bits must be within \(FeatureHasher.validHashBits)") }
        guard NGramTrainerConfig.Method(rawValue: method) != nil else { throw ValidationError("--method must be 'nb-lr' or 'lr'") }
    }

    func run() throws {
        let tokenizer = try Tokenizer()
        var config = NGramTrainerConfig()
        config.seed = seed
        config.epochs = epochs
        config.hashBits = hashBits
        config.method = NGramTrainerConfig.Method(rawValue: method)!
        config.dataDescription = trainSpecs.map(\.description).joined(separator: " + ")
        // One full model, and for cross-fitting two fold models each trained without one half;
        // the same again for the neutral head (neutral vs polar), trained only on the files that
        // label neutral text at all.
        var trainer = NGramTrainer(config: config)
        var folds = [NGramTrainer(config: config), NGramTrainer(config: config)]
        var neutralTrainer = NGramTrainer(config: config)
        var neutralFolds = [NGramTrainer(config: config), NGramTrainer(config: config)]
        var heldOut: [(example: LabelledExample, fold: Int, weight: Float, possible: (Bool, Bool, Bool))] = []
        var text = TokenizedText()
        for spec in trainSpecs {
            let examples = try spec.read()
            let labelsNeutral = examples.contains { $0.label == .neutral }
            var used = 0
            var sampled: [(LabelledExample, Int)] = []
            for example in examples {
                guard let label = example.label, label != .notNegative else { continue }
                guard label != .neutral || labelsNeutral else { continue }
                var copy = example.text
                copy.withUTF8 { tokenizer.tokenize($0, into: &text) }
                let fold = HashSplit.isTrain(example.text, trainFraction: 0.5) ? 0 : 1
                if label != .neutral {
                    trainer.add(text, positive: label == .positive)
                    if crossFit > 0 { folds[1 - fold].add(text, positive: label == .positive) }
                }
                if labelsNeutral {
                    neutralTrainer.add(text, positive: label == .neutral)
                    if crossFit > 0 { neutralFolds[1 - fold].add(text, positive: label == .neutral) }
                }
                if crossFit > 0 { sampled.append((example, fold)) }
                used += 1
            }
            if crossFit > 0, !sampled.isEmpty {
                // An even, deterministic sample across the file.
                let step = max(1, sampled.count / crossFit)
                let chosen = stride(from: 0, to: sampled.count, by: step).prefix(crossFit).map { sampled[$0] }
                let possible: (Bool, Bool, Bool) = labelsNeutral ? (true, true, true) : (true, false, true)
                heldOut += chosen.map { ($0.0, $0.1, 1000 * spec.weight / Float(chosen.count), possible) }
            }
            printError("train: \(spec): \(used) examples\(labelsNeutral ? " (neutral head too)" : "")")
        }
        var ngram = trainer.train()
        if neutralTrainer.positiveCount > 0 {
            ngram = ngram.withNeutralHead(neutralTrainer.train())
        }
        let modelPath = try modelOut ?? modelOptions.modelPath
        try ngram.save(to: modelPath)
        printError("train: n-gram model (\(trainer.count) examples, 2^\(hashBits) features\(ngram.hasNeutralHead ? "; neutral head on \(neutralTrainer.count) examples, \(neutralTrainer.positiveCount) neutral" : "")) → \(modelPath)")

        let lexicon = try LexiconLoader.load(directory: modelOptions.resolvedDirectory(), extra: modelOptions.extraLexicons, tokenizer: tokenizer)
        let placeholder = Calibrator(weights: [:], provenance: "")
        let analyzer = try SentimentAnalyzer(model: SentimentModel(lexicon: lexicon, ngram: ngram, calibrator: placeholder), mode: .ensemble)
        var examples: [CalibrationExample] = []
        for spec in calibrationSpecs {
            let rows = try spec.read()
            let usable = rows.filter { $0.label != nil }
            guard !usable.isEmpty else { throw RunError("\(spec.path): no labelled rows in part '\(spec.part.rawValue)'") }
            let weight = 1000 * spec.weight / Float(usable.count)
            let possible = Self.possible(Set(usable.compactMap(\.label)))
            for example in usable {
                _ = analyzer.analyze(example.text)
                examples.append(CalibrationExample(features: analyzer.lastFeatures, allowed: Self.allowed(example.label!), possible: possible, weight: weight))
            }
            printError("calibrate: \(spec): \(usable.count) examples")
        }
        if crossFit > 0 {
            // Example i of fold f was left out of model f: its score is what an unseen text gets.
            let foldAnalyzers = try (0..<2).map { index in
                var model = folds[index].train()
                if neutralFolds[index].positiveCount > 0 { model = model.withNeutralHead(neutralFolds[index].train()) }
                return try SentimentAnalyzer(model: SentimentModel(lexicon: lexicon, ngram: model, calibrator: placeholder), mode: .ensemble)
            }
            for (example, fold, weight, possible) in heldOut {
                _ = foldAnalyzers[fold].analyze(example.text)
                examples.append(CalibrationExample(features: foldAnalyzers[fold].lastFeatures, allowed: Self.allowed(example.label!),
                                                   possible: possible, weight: weight))
            }
            printError("calibrate: \(heldOut.count) cross-fitted training examples")
        }
        let fitter = CalibratorTrainer()
        let weights = fitter.fitEveryMode(examples)
        let provenance = "n-gram: \(config.dataDescription); calibration: \(calibrationSpecs.map(\.description).joined(separator: " + "))\(crossFit > 0 ? " + \(crossFit) cross-fitted examples per training file" : ""); seed \(seed), \(fitter.iterations) iterations"
        let calibrationPath = try calibrationOut ?? modelOptions.calibrationPath
        try Calibrator(weights: weights, provenance: provenance).save(to: calibrationPath)
        printError("train: calibration (\(examples.count) examples) → \(calibrationPath)")
    }

    /// Which classes a data set could label: binary sets (no neutral, no "not negative") only
    /// negative or positive.
    static func possible(_ labels: Set<GoldLabel>) -> (Bool, Bool, Bool) {
        labels.contains(.neutral) || labels.contains(.notNegative) ? (true, true, true) : (true, false, true)
    }

    /// Which classes a gold label allows: one for a full label, two for "not negative".
    static func allowed(_ label: GoldLabel) -> (Bool, Bool, Bool) {
        switch label {
        case .negative: (true, false, false)
        case .neutral: (false, true, false)
        case .positive: (false, false, true)
        case .notNegative: (false, true, true)
        }
    }
}
