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
        ensemble feature, so the neutral class is modelled directly. The --train-social files \
        (tweets) train two more heads over the same features, kept apart from the review head: \
        social polarity (negative vs positive on the social files only) and a social head (social \
        text vs the --train files) whose probability g gates the calibration: every feature \
        counts once × (1 − g) and once × g, so tweets are read by weights fitted on tweets and \
        reviews by weights fitted on reviews. A model with the social heads stores one signed \
        byte per head and slot (format 3).

        2. The calibration: a 3-class logistic regression from the lexicon scorer's and the \
        n-gram model's outputs to calibrated negative / neutral / positive probabilities, fit \
        on the --calibrate files for each scoring mode (ensemble, lexicon, ngram). Rows that \
        only say "not negative" (complaints 0) count as neutral-or-positive; binary files (no \
        neutral label) teach only which polarity a polar text has, never how rare neutral is. \
        Each calibration file carries the same total weight, whatever its size (xN: scales it). \
        The fit (L-BFGS to the optimum of the penalized likelihood) takes seconds.

        The shipped model was built with the command in the README (section "Rebuilding the model").
        """
    )

    @Option(name: .customLong("train"), help: ArgumentHelp("Training data for the n-gram model (repeatable). " + CorpusSpec.help, valueName: "spec"))
    var trainSpecs: [CorpusSpec] = []

    @Option(name: .customLong("train-social"), help: ArgumentHelp("Social-media training data (tweets) for the social heads and the neutral head (repeatable), in the same form. Kept out of the review polarity head.", valueName: "spec"))
    var socialSpecs: [CorpusSpec] = []

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

    @Flag(name: .customLong("balance-social-classes"), help: "Give each class a third of a --train-social file's calibration weight (its cross-fitted samples), so the social calibration fits macro-averaged recall (SemEval's measure) rather than the file's class mix. Other files keep their class mix: support messages are measured by accuracy, and a text with no evidence should stay neutral.")
    var balanceSocialClasses = false

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
        // One full model, and for cross-fitting two fold models each trained without one half.
        // Each model is four heads (`NGramHead`): review polarity from the --train files, neutral
        // vs polar from every file that labels neutral text, social polarity from the
        // --train-social files, and social vs review text.
        var heads = HeadTrainers(config: config)
        var folds = [HeadTrainers(config: config), HeadTrainers(config: config)]
        var heldOut: [(example: LabelledExample, fold: Int, weight: Float, possible: (Bool, Bool, Bool), isSocial: Bool)] = []
        var text = TokenizedText()
        for (spec, isSocial) in trainSpecs.map({ ($0, false) }) + socialSpecs.map({ ($0, true) }) {
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
                heads.add(text, label: label, isSocial: isSocial, labelsNeutral: labelsNeutral)
                if crossFit > 0 {
                    folds[1 - fold].add(text, label: label, isSocial: isSocial, labelsNeutral: labelsNeutral)
                    sampled.append((example, fold))
                }
                used += 1
            }
            if crossFit > 0, !sampled.isEmpty {
                // An even, deterministic sample across the file.
                let step = max(1, sampled.count / crossFit)
                let chosen = stride(from: 0, to: sampled.count, by: step).prefix(crossFit).map { sampled[$0] }
                let possible: (Bool, Bool, Bool) = labelsNeutral ? (true, true, true) : (true, false, true)
                let weights = classWeights(chosen.map { $0.0.label! }, total: 1000 * spec.weight, balanced: isSocial && balanceSocialClasses)
                heldOut += zip(chosen, weights).map { ($0.0.0, $0.0.1, $0.1, possible, isSocial) }
            }
            printError("train\(isSocial ? " (social)" : ""): \(spec): \(used) examples\(labelsNeutral ? " (neutral head too)" : "")")
        }
        let description = (trainSpecs.map(\.description) + socialSpecs.map { "social " + $0.description }).joined(separator: " + ")
        let ngram = heads.train(description: description)
        let modelPath = try modelOut ?? modelOptions.modelPath
        try ngram.save(to: modelPath)
        printError("train: n-gram model (\(heads.polarity.count) examples, 2^\(hashBits) features\(ngram.hasNeutralHead ? "; neutral head on \(heads.neutral.count) examples, \(heads.neutral.positiveCount) neutral" : "")\(ngram.hasSocialHeads ? "; social polarity on \(heads.socialPolarity.count), social head on \(heads.social.count) examples" : "")) → \(modelPath)")

        let lexicon = try LexiconLoader.load(directory: modelOptions.resolvedDirectory(), extra: modelOptions.extraLexicons, tokenizer: tokenizer)
        let placeholder = Calibrator(weights: [:], provenance: "")
        let analyzer = try SentimentAnalyzer(model: SentimentModel(lexicon: lexicon, ngram: ngram, calibrator: placeholder), mode: .ensemble)
        var examples: [CalibrationExample] = []
        for spec in calibrationSpecs {
            let rows = try spec.read()
            let usable = rows.filter { $0.label != nil }
            guard !usable.isEmpty else { throw RunError("\(spec.path): no labelled rows in part '\(spec.part.rawValue)'") }
            let weights = classWeights(usable.map { $0.label! }, total: 1000 * spec.weight, balanced: false)
            let possible = Self.possible(Set(usable.compactMap(\.label)))
            for (example, weight) in zip(usable, weights) {
                _ = analyzer.analyze(example.text)
                examples.append(CalibrationExample(features: analyzer.lastFeatures, allowed: Self.allowed(example.label!), possible: possible, weight: weight))
            }
            printError("calibrate: \(spec): \(usable.count) examples")
        }
        if crossFit > 0 {
            // Example i of fold f was left out of model f: its score is what an unseen text gets.
            let foldAnalyzers = try (0..<2).map { index in
                let model = folds[index].train(description: description)
                return try SentimentAnalyzer(model: SentimentModel(lexicon: lexicon, ngram: model, calibrator: placeholder), mode: .ensemble)
            }
            for (example, fold, weight, possible, isSocial) in heldOut {
                _ = foldAnalyzers[fold].analyze(example.text)
                examples.append(CalibrationExample(features: foldAnalyzers[fold].lastFeatures, allowed: Self.allowed(example.label!),
                                                   possible: possible, weight: weight, isSocial: isSocial))
            }
            printError("calibrate: \(heldOut.count) cross-fitted training examples")
        }
        let fitter = CalibratorTrainer()
        let weights = fitter.fitEveryMode(examples)
        let provenance = "n-gram: \(description); calibration: \(calibrationSpecs.map(\.description).joined(separator: " + "))\(crossFit > 0 ? " + \(crossFit) cross-fitted examples per training file" : ""); seed \(seed), L-BFGS"
        let calibrationPath = try calibrationOut ?? modelOptions.calibrationPath
        try Calibrator(weights: weights, provenance: provenance).save(to: calibrationPath)
        printError("train: calibration (\(examples.count) examples) → \(calibrationPath)")
    }

    /// Each example's share of `total`: equal shares, or when `balanced` and the labels hold all
    /// three classes, equal shares within each class and a third of `total` per class.
    func classWeights(_ labels: [GoldLabel], total: Float, balanced: Bool) -> [Float] {
        let counts = Dictionary(labels.map { ($0, 1) }, uniquingKeysWith: +)
        guard balanced, counts[.negative, default: 0] > 0, counts[.neutral, default: 0] > 0, counts[.positive, default: 0] > 0,
              counts[.notNegative] == nil else {
            return [Float](repeating: total / Float(max(1, labels.count)), count: labels.count)
        }
        return labels.map { total / (3 * Float(counts[$0]!)) }
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

/// The trainers of the four n-gram heads (`NGramHead`), fed together.
private struct HeadTrainers {
    var polarity: NGramTrainer
    var neutral: NGramTrainer
    var socialPolarity: NGramTrainer
    var social: NGramTrainer

    init(config: NGramTrainerConfig) {
        polarity = NGramTrainer(config: config)
        neutral = NGramTrainer(config: config)
        socialPolarity = NGramTrainer(config: config)
        social = NGramTrainer(config: config)
    }

    mutating func add(_ text: TokenizedText, label: GoldLabel, isSocial: Bool, labelsNeutral: Bool) {
        if label != .neutral {
            if isSocial {
                socialPolarity.add(text, positive: label == .positive)
            } else {
                polarity.add(text, positive: label == .positive)
            }
        }
        if labelsNeutral { neutral.add(text, positive: label == .neutral) }
        social.add(text, positive: isSocial)
    }

    /// The model: polarity alone, + neutral when some file labelled neutral text, + the social
    /// heads when some file was social.
    func train(description: String) -> NGramModel {
        let polarityModel = polarity.train()
        var metadata = polarityModel.metadata
        metadata.dataDescription = description
        let hasSocial = socialPolarity.count > 0
        return NGramModel.combining(
            polarity: polarityModel,
            neutral: neutral.positiveCount > 0 ? neutral.train() : nil,
            socialPolarity: hasSocial ? socialPolarity.train() : nil,
            social: hasSocial && social.positiveCount < social.count ? social.train() : nil,
            metadata: metadata)
    }
}
