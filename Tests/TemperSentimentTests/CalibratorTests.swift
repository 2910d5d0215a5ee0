import Foundation
import Testing
import TemperSentiment
import TemperIO

@Suite("Calibration")
struct CalibratorTests {
    func features(compound: Float, logit: Float, words: Int = 5) -> EnsembleFeatures {
        var score = LexiconScore()
        score.compound = compound
        score.termCount = compound == 0 ? 0 : 1
        return EnsembleFeatures(lexicon: score, ngramLogit: logit, wordCount: words, isAllCapsMessage: false)
    }

    // The data sets below are small patterns repeated many times; each distinct example appears
    // once, weighted by how often it repeats, which is the same objective (the next test shows it).

    @Test("An example of weight k counts as k copies of it")
    func weightIsRepetition() {
        let distinct = [
            (features(compound: -0.7, logit: -2), (true, false, false), 3),
            (features(compound: 0.1, logit: 0.3), (false, true, false), 1),
            (features(compound: 0.6, logit: 1.5), (false, false, true), 2),
        ]
        var copies: [CalibrationExample] = []
        var weighted: [CalibrationExample] = []
        for (features, allowed, count) in distinct {
            copies += repeatElement(CalibrationExample(features: features, allowed: allowed), count: count)
            weighted.append(CalibrationExample(features: features, allowed: allowed, weight: Float(count)))
        }
        let trainer = CalibratorTrainer()
        let fromCopies = Calibrator(weights: ["ensemble": trainer.fit(copies, mode: .ensemble)], provenance: "").rows(for: .ensemble)
        let fromWeights = Calibrator(weights: ["ensemble": trainer.fit(weighted, mode: .ensemble)], provenance: "").rows(for: .ensemble)
        // Summing in another order rounds differently: compare what the fits predict.
        for (features, _, _) in distinct {
            let a = Calibrator.probabilities(features, rows: fromCopies)
            let b = Calibrator.probabilities(features, rows: fromWeights)
            #expect(abs(a.0 - b.0) < 1e-4 && abs(a.1 - b.1) < 1e-4 && abs(a.2 - b.2) < 1e-4)
        }
    }

    @Test("Fitting separates three classes and gives probabilities that sum to one")
    func fit() {
        // 50 examples per class: five jitter steps, ten of each.
        var examples: [CalibrationExample] = []
        for step in 0..<5 {
            let jitter = Float(step) * 0.05
            examples.append(CalibrationExample(features: features(compound: -0.7 - jitter, logit: -2), allowed: (true, false, false), weight: 10))
            examples.append(CalibrationExample(features: features(compound: 0, logit: 0.1 * jitter), allowed: (false, true, false), weight: 10))
            examples.append(CalibrationExample(features: features(compound: 0.7 + jitter, logit: 2), allowed: (false, false, true), weight: 10))
        }
        let weights = CalibratorTrainer().fit(examples, mode: .ensemble)
        let calibrator = Calibrator(weights: ["ensemble": weights, "lexicon": weights, "ngram": weights], provenance: "test")
        let rows = calibrator.rows(for: .ensemble)
        let negative = Calibrator.probabilities(features(compound: -0.8, logit: -2), rows: rows)
        let neutral = Calibrator.probabilities(features(compound: 0, logit: 0), rows: rows)
        #expect(negative.0 > 0.8)
        #expect(neutral.1 > 0.6)
        #expect(abs(negative.0 + negative.1 + negative.2 - 1) < 1e-5)
    }

    @Test("Binary examples ('which polarity, given polar') do not teach that neutral is rare")
    func conditionalLikelihood() {
        // 100 binary examples of each polarity against 20 neutral ones.
        let examples = [
            CalibrationExample(features: features(compound: -0.6, logit: -1), allowed: (true, false, false), possible: (true, false, true), weight: 100),
            CalibrationExample(features: features(compound: 0.6, logit: 1), allowed: (false, false, true), possible: (true, false, true), weight: 100),
            CalibrationExample(features: features(compound: 0, logit: 0), allowed: (false, true, false), weight: 20),
        ]
        let weights = CalibratorTrainer().fit(examples, mode: .ensemble)
        let rows = Calibrator(weights: ["ensemble": weights], provenance: "").rows(for: .ensemble)
        let neutral = Calibrator.probabilities(features(compound: 0, logit: 0), rows: rows)
        #expect(neutral.1 > 0.5)
    }

    /// 30 examples over every feature, with labels that a linear model cannot fit exactly, some
    /// "not negative" and some binary (the three kinds of example the shipped calibration sees).
    static func mixedExamples() -> [CalibrationExample] {
        var rng = SplitMix64(seed: 7)
        func uniform() -> Float { Float(rng.next() >> 40) / Float(1 << 24) * 2 - 1 }
        return (0..<30).map { index in
            var score = LexiconScore()
            score.compound = uniform()
            score.positive = max(0, score.compound * 3 + uniform())
            score.negative = max(0, -score.compound * 3 + uniform())
            score.termCount = index % 4
            score.isQuestion = index % 7 == 0
            let features = EnsembleFeatures(lexicon: score, ngramLogit: 3 * uniform() + 2 * score.compound, wordCount: 3 + index % 30,
                                            isAllCapsMessage: index % 11 == 0, ngramNeutralLogit: 2 * uniform(),
                                            hasSocialMarkup: index % 3 == 0, socialPolarityLogit: 3 * uniform(), socialGate: (uniform() + 1) / 2)
            let signal = score.compound + 0.3 * uniform()
            let label: (Bool, Bool, Bool) = signal < -0.25 ? (true, false, false) : signal > 0.25 ? (false, false, true) : (false, true, false)
            switch index % 5 {
            case 0: return CalibrationExample(features: features, allowed: label.0 ? label : (false, true, true), weight: 2)
            case 1 where !label.1: return CalibrationExample(features: features, allowed: label, possible: (true, false, true))
            default: return CalibrationExample(features: features, allowed: label, weight: 1.5)
            }
        }
    }

    @Test("L-BFGS reaches the optimum the former 12,000-step Adam fit reached, in every mode")
    func sameOptimumAsAdam() {
        let examples = Self.mixedExamples()
        let trainer = CalibratorTrainer()
        for mode in ScoringMode.allCases {
            let fitted = trainer.fit(examples, mode: mode)
            let reference = AdamReference.fit(examples, mode: mode, l2: trainer.l2)
            let fittedObjective = trainer.objective(examples, weights: fitted, mode: mode)
            let referenceObjective = trainer.objective(examples, weights: reference, mode: mode)
            #expect(fittedObjective <= referenceObjective + 1e-5, "\(mode): \(fittedObjective) vs Adam's \(referenceObjective)")
            let rowsA = Calibrator.packRowsForTesting(fitted)
            let rowsB = Calibrator.packRowsForTesting(reference)
            for example in examples {
                let a = Calibrator.probabilities(example.features, rows: rowsA)
                let b = Calibrator.probabilities(example.features, rows: rowsB)
                #expect(abs(a.0 - b.0) < 0.01 && abs(a.1 - b.1) < 0.01 && abs(a.2 - b.2) < 0.01, "\(mode)")
            }
            // Masked features stay exactly 0.
            let mask = EnsembleFeatures.mask(for: mode)
            for row in 0..<3 { for column in 0..<EnsembleFeatures.count where mask[column] == 0 { #expect(fitted[row * EnsembleFeatures.count + column] == 0) } }
        }
        #expect(trainer.fit(examples, mode: .ensemble) == trainer.fit(examples, mode: .ensemble), "deterministic")
    }

    @Test("Lexicon mode ignores n-gram features and vice versa")
    func masks() {
        let lexiconMask = EnsembleFeatures.mask(for: .lexicon)
        let ngramIndex = EnsembleFeatures.names.firstIndex(of: "ngram_logit")!
        let lexiconIndex = EnsembleFeatures.names.firstIndex(of: "lexicon_compound")!
        #expect(lexiconMask[ngramIndex] == 0)
        #expect(EnsembleFeatures.mask(for: .ngram)[lexiconIndex] == 0)
        #expect(EnsembleFeatures.mask(for: .ensemble).allSatisfy { $0 == 1 })
    }

    @Test("Loading validates format, version and shape, naming the file")
    func loadErrors() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("temper-cal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let good = Calibrator(weights: Dictionary(uniqueKeysWithValues: ScoringMode.allCases.map { ($0.rawValue, [Float](repeating: 0.1, count: 3 * EnsembleFeatures.count)) }), provenance: "t")
        let path = directory.appendingPathComponent("c.json").path
        try good.save(to: path)
        #expect(try Calibrator.load(path: path) == good)

        var wrongVersion = good
        wrongVersion.version = 99
        try wrongVersion.save(to: path)
        #expect(throws: CalibrationError.self) { try Calibrator.load(path: path) }

        var short = good
        short.weights["ngram"] = [1, 2, 3]
        try short.save(to: path)
        do {
            _ = try Calibrator.load(path: path)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("c.json: weights for mode 'ngram'"))
        }
        try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CalibrationError.self) { try Calibrator.load(path: path) }

        // A version-2 file (19 features) loads the same way.
        var second = good
        second.version = 2
        second.featureNames = Array(EnsembleFeatures.names.prefix(19))
        for mode in ScoringMode.allCases { second.weights[mode.rawValue] = (0..<57).map { Float($0) } }
        try second.save(to: path)
        let upgradedSecond = try Calibrator.load(path: path)
        #expect(upgradedSecond.version == 3)
        #expect(Array(upgradedSecond.weights["lexicon"]![EnsembleFeatures.count..<(EnsembleFeatures.count + 19)]) == (19..<38).map { Float($0) })

        // A version-1 file (16 features) loads, its rows padded with zero weights for the
        // features added since, so it scores as it did.
        var old = good
        old.version = 1
        old.featureNames = Array(EnsembleFeatures.names.prefix(16))
        for mode in ScoringMode.allCases { old.weights[mode.rawValue] = (0..<48).map { Float($0) } }
        try old.save(to: path)
        let upgraded = try Calibrator.load(path: path)
        #expect(upgraded.version == 3)
        let row = upgraded.weights["ensemble"]!
        #expect(row.count == 3 * EnsembleFeatures.count)
        #expect(Array(row[EnsembleFeatures.count..<(EnsembleFeatures.count + 16)]) == (16..<32).map { Float($0) })
        #expect(row[16..<EnsembleFeatures.count].allSatisfy { $0 == 0 })
    }
}

/// The fit `CalibratorTrainer` used until L-BFGS replaced it (full-batch Adam, 12,000 steps, in
/// single precision; here over plain arrays, as the feature vector no longer fits one SIMD
/// register): kept as the reference the new solver must match.
enum AdamReference {
    static func fit(_ examples: [CalibrationExample], mode: ScoringMode, l2: Float, iterations: Int = 12000, learningRate: Float = 0.5) -> [Float] {
        let width = EnsembleFeatures.count
        let mask = EnsembleFeatures.mask(for: mode)
        var penalized = mask
        penalized[0] = 0
        penalized[EnsembleFeatures.names.firstIndex(of: "social:bias")!] = 0
        let inputs = examples.map { example in zip(example.features.array, mask).map { $0 * $1 } }
        var weights = [[Float]](repeating: [Float](repeating: 0, count: width), count: 3)
        let totalWeight = examples.reduce(Float(0)) { $0 + $1.weight }
        var firstMoment = weights, secondMoment = weights
        let beta1: Float = 0.9, beta2: Float = 0.999, step = learningRate * 0.02
        for iteration in 1...iterations {
            var gradient = [[Float]](repeating: [Float](repeating: 0, count: width), count: 3)
            for (example, x) in zip(examples, inputs) {
                var logits: [Float] = [0, 0, 0]
                for k in 0..<3 { for j in 0..<width { logits[k] += weights[k][j] * x[j] } }
                let top = logits.max()!
                var p = logits.map { expf($0 - top) }
                let total = p.reduce(0, +)
                p = p.map { $0 / total }
                let allowed = [example.allowed.0, example.allowed.1, example.allowed.2]
                let possible = [example.possible.0, example.possible.1, example.possible.2]
                let mass = max((0..<3).reduce(Float(0)) { $0 + (allowed[$1] ? p[$1] : 0) }, 1e-12)
                let space = max((0..<3).reduce(Float(0)) { $0 + (possible[$1] ? p[$1] : 0) }, 1e-12)
                let scale = example.weight / totalWeight
                for k in 0..<3 {
                    let d = ((possible[k] ? p[k] / space : 0) - (allowed[k] ? p[k] / mass : 0)) * scale
                    for j in 0..<width { gradient[k][j] += d * x[j] }
                }
            }
            let correction1 = 1 - powf(beta1, Float(iteration))
            let correction2 = 1 - powf(beta2, Float(iteration))
            for k in 0..<3 {
                for j in 0..<width {
                    let g = gradient[k][j] + l2 * weights[k][j] * penalized[j]
                    firstMoment[k][j] = beta1 * firstMoment[k][j] + (1 - beta1) * g
                    secondMoment[k][j] = beta2 * secondMoment[k][j] + (1 - beta2) * g * g
                    weights[k][j] -= step * (firstMoment[k][j] / correction1) / ((secondMoment[k][j] / correction2).squareRoot() + 1e-8)
                }
            }
        }
        return weights.flatMap { $0 }
    }
}

extension Calibrator {
    static func packRowsForTesting(_ weights: [Float]) -> CalibrationWeights {
        Calibrator(weights: ["ensemble": weights], provenance: "").rows(for: .ensemble)
    }
}
