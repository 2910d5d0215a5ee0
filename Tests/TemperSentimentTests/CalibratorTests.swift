import Foundation
import Testing
import TemperSentiment

@Suite("Calibration")
struct CalibratorTests {
    func features(compound: Float, logit: Float, words: Int = 5) -> EnsembleFeatures {
        var score = LexiconScore()
        score.compound = compound
        score.termCount = compound == 0 ? 0 : 1
        return EnsembleFeatures(lexicon: score, ngramLogit: logit, wordCount: words, isAllCapsMessage: false)
    }

    // The fits below run the trainer's full 12,000 iterations. Their data sets are small
    // patterns repeated many times; each distinct example appears once, weighted by how often it
    // repeats, which is the same objective (the next test shows it) at a fraction of the cost
    // of a debug build's SIMD arithmetic.

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
        var trainer = CalibratorTrainer()
        trainer.iterations = 300
        let fromCopies = Calibrator(weights: ["ensemble": trainer.fit(copies, mode: .ensemble)], provenance: "").rows(for: .ensemble)
        let fromWeights = Calibrator(weights: ["ensemble": trainer.fit(weighted, mode: .ensemble)], provenance: "").rows(for: .ensemble)
        // Summing in another order rounds differently, and Adam's steps magnify that in the
        // weights of directions the data hardly constrains: compare what the fits predict.
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

        // A version-1 file (16 features) loads, its rows padded with zero weights for the
        // features added since, so it scores as it did.
        var old = good
        old.version = 1
        old.featureNames = Array(EnsembleFeatures.names.prefix(16))
        for mode in ScoringMode.allCases { old.weights[mode.rawValue] = (0..<48).map { Float($0) } }
        try old.save(to: path)
        let upgraded = try Calibrator.load(path: path)
        #expect(upgraded.version == 2)
        let row = upgraded.weights["ensemble"]!
        #expect(row.count == 3 * EnsembleFeatures.count)
        #expect(Array(row[EnsembleFeatures.count..<(EnsembleFeatures.count + 16)]) == (16..<32).map { Float($0) })
        #expect(row[16] == 0 && row[17] == 0 && row[18] == 0)
    }
}
