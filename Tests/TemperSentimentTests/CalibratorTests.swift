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

    @Test("Fitting separates three classes and gives probabilities that sum to one")
    func fit() {
        var examples: [CalibrationExample] = []
        for index in 0..<50 {
            let jitter = Float(index % 5) * 0.05
            examples.append(CalibrationExample(features: features(compound: -0.7 - jitter, logit: -2), allowed: (true, false, false)))
            examples.append(CalibrationExample(features: features(compound: 0, logit: 0.1 * jitter), allowed: (false, true, false)))
            examples.append(CalibrationExample(features: features(compound: 0.7 + jitter, logit: 2), allowed: (false, false, true)))
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
        var examples: [CalibrationExample] = []
        for _ in 0..<100 {
            examples.append(CalibrationExample(features: features(compound: -0.6, logit: -1), allowed: (true, false, false), possible: (true, false, true)))
            examples.append(CalibrationExample(features: features(compound: 0.6, logit: 1), allowed: (false, false, true), possible: (true, false, true)))
        }
        for _ in 0..<20 {
            examples.append(CalibrationExample(features: features(compound: 0, logit: 0), allowed: (false, true, false)))
        }
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
    }
}
