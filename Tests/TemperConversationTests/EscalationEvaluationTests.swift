import Foundation
import Testing
import TemperIO
import TemperSentiment
@testable import TemperConversation

@Suite struct RiskCalibrationTests {
    // Four rows, two bins of two: [0.1 (no), 0.3 (yes)] and [0.6 (no), 0.8 (yes)].
    let risks = [0.8, 0.1, 0.6, 0.3]
    let positives = [true, false, false, true]

    @Test func reliabilityBinsByRank() {
        let table = RiskCalibration.reliability(risks: risks, positives: positives, bins: 2)
        #expect(table.count == 2)
        #expect(table[0].count == 2 && abs(table[0].meanPredicted - 0.2) < 1e-12 && table[0].observedRate == 0.5)
        #expect(table[1].lowest == 0.6 && table[1].highest == 0.8 && abs(table[1].meanPredicted - 0.7) < 1e-12)
        // Fewer rows than bins: one row each.
        #expect(RiskCalibration.reliability(risks: [0.2, 0.9], positives: [false, true]).count == 2)
    }

    @Test func brierAndCalibrationErrorByHand() {
        // (0.04 + 0.01 + 0.36 + 0.49) / 4
        #expect(abs(RiskCalibration.brier(risks: risks, positives: positives) - 0.225) < 1e-12)
        // Bins: |0.2 − 0.5| and |0.7 − 0.5|, each half the rows.
        #expect(abs(RiskCalibration.expectedCalibrationError(risks: risks, positives: positives, bins: 2) - 0.25) < 1e-12)
        // A perfectly calibrated constant: no error.
        #expect(RiskCalibration.expectedCalibrationError(risks: [0.5, 0.5], positives: [true, false], bins: 1) == 0)
    }

    @Test func evaluationCountsFlagsAndReasons() {
        let evaluation = EscalationEvaluation(dataset: "t", risks: risks, previousRisks: [0.5, 0.5, 0.5, 0.5], sentimentMeans: [-0.9, 0.5, 0.1, -0.2],
                                              reasons: [[.anger], [.anger], [.taskFailure], []], positives: positives, threshold: 0.5)
        #expect(evaluation.flagged == 2 && evaluation.flaggedPositives == 1 && evaluation.flaggedPrecision == 0.5)
        #expect(evaluation.sentiment.auc == 1)  // the two positives are the two most negative
        #expect(evaluation.risk.auc == 0.75 && evaluation.previous?.auc == 0.5)
        let anger = evaluation.reasons.first { $0.code == .anger }!
        #expect(anger.count == 2 && anger.positives == 1 && anger.flaggedCount == 1 && anger.flaggedPositives == 1)
    }

    @Test func aucDifferenceHasAPairedBootstrapInterval() throws {
        var random = SplitMix64(seed: 3)
        let positives = (0..<300).map { $0 % 5 == 0 }
        // A score that knows the label against one that is noise: a clear, positive difference.
        let noise = positives.map { _ in Double.random(in: 0..<1, using: &random) }
        let informed = zip(positives, noise).map { ($0 ? 0.5 : 0) + $1 }
        let clear = try #require(AUCDifference(scores: informed, against: noise, positives: positives))
        #expect(clear.difference > 0.2 && clear.low > 0.1 && clear.low < clear.difference && clear.difference < clear.high, "\(clear)")
        #expect(clear.level == 0.95 && clear.resamples == AUCDifference.defaultResamples)
        // Deterministic; another seed moves only the interval.
        #expect(AUCDifference(scores: informed, against: noise, positives: positives) == clear)
        let reseeded = try #require(AUCDifference(scores: informed, against: noise, positives: positives, seed: 99))
        #expect(reseeded.difference == clear.difference && reseeded != clear)
        // The same ranking twice: no difference in any resample.
        let same = try #require(AUCDifference(scores: noise, against: noise.map { $0 * 2 }, positives: positives, resamples: 50))
        #expect(same.difference == 0 && same.low == 0 && same.high == 0)
        // One class only: nothing to rank.
        #expect(AUCDifference(scores: [0.1, 0.2], against: [0.2, 0.1], positives: [true, true]) == nil)
        // The evaluation carries it against sentiment (and the previous model when given).
        let evaluation = EscalationEvaluation(dataset: "t", risks: informed, previousRisks: noise, sentimentMeans: noise.map { -$0 },
                                              reasons: positives.map { _ in [] }, positives: positives, threshold: 0.5)
        #expect(evaluation.overSentiment == clear && evaluation.overPrevious == clear)
    }

    @Test func aThreatIsFlaggedWhateverItsRisk() {
        // The 0.3 row (a positive) carries a legal threat: flagged below the threshold, as `flag` flags it.
        let evaluation = EscalationEvaluation(dataset: "t", risks: risks, previousRisks: nil, sentimentMeans: [0, 0, 0, 0],
                                              reasons: [[], [.anger], [], [.legalThreat]], positives: positives, threshold: 0.5)
        #expect(evaluation.flagged == 3 && evaluation.flaggedPositives == 2)
        let legal = evaluation.reasons.first { $0.code == .legalThreat }!
        #expect(legal.flaggedCount == 1 && legal.flaggedPositives == 1)
        #expect(evaluation.reasons.first { $0.code == .anger }!.flaggedCount == 0)
    }
}

@Suite struct RiskModelTrainerTests {
    static func index(_ name: String) -> Int { RiskFeatures.names.firstIndex(of: name)! }

    /// Synthetic rows from known weights on two features; `anger` never fires.
    func synthetic(count: Int, seed: UInt64, set: Int = 0) -> (examples: [RiskTrainingExample], truth: [String: Double]) {
        let truth = ["bias": -1.0, "sentiment_mean": -2.0, "repeated_requests": 1.5]
        var random = SplitMix64(seed: seed)
        var examples: [RiskTrainingExample] = []
        for i in 0..<count {
            var values = [Double](repeating: 0, count: RiskFeatures.count)
            values[0] = 1
            let mean = Double.random(in: 0..<1, using: &random) * 2 - 1
            let repeated = Double.random(in: 0..<1, using: &random)
            values[Self.index("sentiment_mean")] = mean
            values[Self.index("repeated_requests")] = repeated
            let p = 1 / (1 + exp(-(truth["bias"]! + truth["sentiment_mean"]! * mean + truth["repeated_requests"]! * repeated)))
            examples.append(RiskTrainingExample(features: RiskFeatures(values: values), positive: Double.random(in: 0..<1, using: &random) < p,
                                                set: set, id: "row-\(i)"))
        }
        return (examples, truth)
    }

    static let three = RiskModelTrainer.FeatureSet(name: "three", features: ["sentiment_mean", "repeated_requests", "anger"])

    @Test func recoversKnownWeights() {
        let (examples, truth) = synthetic(count: 20_000, seed: 7)
        let fit = RiskModelTrainer().fit(examples, features: Self.three, strength: 0.001)
        for (name, weight) in truth {
            let fitted = fit.weights[Self.index(name)]
            #expect(abs(fitted - weight) < 0.15, "\(name): \(fitted) vs \(weight)")
        }
        #expect(fit.weights[Self.index("anger")] == 0)  // never seen: no weight
        #expect(fit.weights[Self.index("sentiment_min")] == 0)  // not in the feature set
    }

    @Test func aCueCanOnlyAddRisk() {
        // `anger` fires only on negatives here: a plain fit would weigh it against risk.
        var (examples, _) = synthetic(count: 2000, seed: 3)
        for i in examples.indices where !examples[i].positive && i % 7 == 0 {
            var values = examples[i].features.values
            values[Self.index("anger")] = 1
            examples[i].features = RiskFeatures(values: values)
        }
        let fit = RiskModelTrainer().fit(examples, features: Self.three, strength: 0.001)
        #expect(fit.weights[Self.index("anger")] == 0)
        #expect(fit.weights[Self.index("sentiment_mean")] < -1.5 && fit.weights[Self.index("repeated_requests")] > 1)
    }

    @Test func rulesAreHeldNotFittedNorScaled() {
        // `legal_threat` fires only on negatives: fitted, it would get no weight; as a rule it keeps its own.
        var (examples, _) = synthetic(count: 2000, seed: 4)
        for i in examples.indices where !examples[i].positive && i % 9 == 0 {
            var values = examples[i].features.values
            values[Self.index("legal_threat")] = 1
            examples[i].features = RiskFeatures(values: values)
        }
        var trainer = RiskModelTrainer(featureSets: [RiskModelTrainer.FeatureSet(name: "with threat", features: ["sentiment_mean", "legal_threat"])])
        trainer.strengths = [1]
        trainer.repeats = 1
        #expect(trainer.fitCrossValidated(examples).0.weights[Self.index("legal_threat")] == 0)
        trainer.rules = RiskModelTrainer.threatRules
        let (fit, _) = trainer.fitCrossValidated(examples)
        #expect(fit.weights[Self.index("legal_threat")] == 3.4 && fit.weights[Self.index("churn_threat")] == 3.0)
        #expect(fit.weights[Self.index("sentiment_mean")] < -1)
    }

    @Test func crossValidationIsDeterministicAndChoosesFromTheGrid() {
        let (examples, _) = synthetic(count: 600, seed: 11)
        var trainer = RiskModelTrainer(featureSets: [RiskModelTrainer.standardFeatureSets[0], Self.three])
        trainer.strengths = [0.1, 100]
        trainer.repeats = 2
        let first = trainer.fitCrossValidated(examples)
        let second = trainer.fitCrossValidated(examples)
        #expect(first.0.weights == second.0.weights && first.1.chosen.strength == second.1.chosen.strength)
        #expect(first.1.candidates.count == 4 && first.1.candidates.allSatisfy { $0.auc > 0.5 })
        // repeated_requests carries signal: the set with it ranks better and is chosen.
        #expect(first.1.chosenFeatureSet == Self.three, "\(first.1.candidates)")
        #expect(first.1.sentimentBaseline.auc > 0.5 && first.1.sentimentBaseline.auc < first.1.chosen.auc)
        #expect(first.1.heldOutScores.count == 2 && first.1.heldOutScores[0].count == examples.count)
    }

    /// Set 0 (large) where `repeated_requests` carries much risk, set 1 where it runs a little against it.
    func splitSets() -> [RiskTrainingExample] {
        var examples: [RiskTrainingExample] = []
        var random = SplitMix64(seed: 22)
        for (set, count) in [(0, 2400), (1, 800)] {
            for i in 0..<count {
                var values = [Double](repeating: 0, count: RiskFeatures.count)
                values[0] = 1
                let mean = Double.random(in: 0..<1, using: &random) * 2 - 1
                var repeated = Double.random(in: 0..<1, using: &random)
                let positive: Bool
                if set == 0 {
                    positive = Double.random(in: 0..<1, using: &random) < 1 / (1 + exp(-(-4 - 2 * mean + 6 * repeated)))
                } else {
                    positive = Double.random(in: 0..<1, using: &random) < 1 / (1 + exp(-(-1 - 2 * mean)))
                    if positive { repeated *= 0.85 }
                }
                values[Self.index("sentiment_mean")] = mean
                values[Self.index("repeated_requests")] = repeated
                examples.append(RiskTrainingExample(features: RiskFeatures(values: values), positive: positive, set: set, id: "\(set)-\(i)"))
            }
        }
        return examples
    }

    @Test func theWorstSetDecidesNotTheAverage() {
        let examples = splitSets()
        var trainer = RiskModelTrainer(featureSets: [RiskModelTrainer.standardFeatureSets[0], Self.three])
        trainer.strengths = [1]
        trainer.repeats = 1
        trainer.leaveOutSets = [0, 1]
        trainer.selection = .meanAUC
        let byMean = trainer.crossValidate(examples)
        // The gain on set 0 outweighs the loss on set 1 in the average …
        #expect(byMean.chosenFeatureSet == Self.three, "\(byMean.candidates)")
        let plain = byMean.sentimentBaseline.perSet, with = byMean.candidates[1]
        #expect(with.perSet[0].auc! > plain[0].auc! + 0.08 && with.perSet[1].auc! < plain[1].auc! - 0.03, "\(with.perSet) \(plain)")
        // … and left out, set 1 is ranked by a fit on set 0 alone: worse still than −mean sentiment.
        #expect(with.leftOut.count == 2 && with.leftOut[1]! < plain[1].auc! - 0.03, "\(with.leftOut)")
        trainer.selection = .worstMargin
        let byWorst = trainer.crossValidate(examples)
        #expect(byWorst.chosenFeatureSet == RiskModelTrainer.standardFeatureSets[0], "\(byWorst.candidates)")
        #expect(byWorst.selection == .worstMargin && byWorst.candidates[1].score < -0.01 && byWorst.candidates[0].score > -0.01)
        // Without sets left out there is no left-out figure, and a single set is never left out.
        trainer.leaveOutSets = []
        #expect(trainer.crossValidate(examples).candidates.allSatisfy { $0.leftOut.allSatisfy { $0 == nil } })
        trainer.leaveOutSets = [0]
        #expect(trainer.crossValidate(examples.filter { $0.set == 0 }).candidates.allSatisfy { $0.leftOut.allSatisfy { $0 == nil } })
    }

    @Test func setsGetTheirOwnInterceptAndRisksTheirBaseRate() {
        // Set 1 has a far higher base rate with the same relation to sentiment: its intercept
        // absorbs it, the shared weights stay, and after scaling each set's mean risk is its rate.
        var examples = synthetic(count: 3000, seed: 5).examples
        for (i, example) in synthetic(count: 3000, seed: 6, set: 1).examples.enumerated() {
            var shifted = example
            shifted.id = "other-\(i)"
            shifted.positive = example.positive || i % 2 == 0
            examples.append(shifted)
        }
        var trainer = RiskModelTrainer(featureSets: [Self.three])
        trainer.strengths = [1]
        trainer.repeats = 1
        let (fit, _) = trainer.fitCrossValidated(examples)
        #expect(fit.intercepts.count == 2 && fit.intercepts[1] > fit.intercepts[0] + 1 && fit.weights[0] == fit.intercepts[0])
        #expect(fit.scale > 0.5 && fit.scale < 2, "\(fit.scale)")
        for set in 0..<2 {
            let members = examples.filter { $0.set == set }
            let meanRisk = members.map { 1 / (1 + exp(-(RiskModelTrainer.slope($0, fit) + fit.intercepts[set]))) }.reduce(0, +) / Double(members.count)
            let rate = Double(members.filter(\.positive).count) / Double(members.count)
            #expect(abs(meanRisk - rate) < 0.01, "set \(set): \(meanRisk) vs \(rate)")
        }
    }
}

@Suite struct LabelledSetTests {
    @Test func transcriptOutcomes() {
        func conversation(escalated: Bool? = nil, survey: Survey? = nil, resolved: Bool? = nil) -> Conversation {
            Conversation(id: "c", messages: [Message(role: .customer, text: "hi")], survey: survey, resolved: resolved, escalated: escalated)
        }
        #expect(conversation().outcome == nil)
        #expect(conversation(escalated: true).outcome == true)
        #expect(conversation(escalated: false).outcome == false)
        #expect(conversation(survey: Survey(csat: 2)).outcome == true)
        #expect(conversation(survey: Survey(csat: 4)).outcome == false)
        #expect(conversation(survey: Survey(nps: 6)).outcome == true)
        #expect(conversation(survey: Survey(nps: 9), resolved: false).outcome == true)
        #expect(conversation(escalated: false, resolved: true).outcome == false)
    }

    @Test func verdictsJoinTheirTranscripts() throws {
        let transcripts = Fixtures.temporaryFile("""
            {"id":"a","messages":[{"role":"customer","text":"cancel my account now"}]}
            {"id":"b","messages":[{"role":"customer","text":"thanks"}]}
            {"id":"c","messages":[{"role":"customer","text":"hm"}]}
            """)
        let verdicts = Fixtures.temporaryFile("""
            {"id":1,"conversation_id":"a","verdict":"confirmed"}
            {"id":2,"conversation_id":"b","verdict":"false_alarm"}
            {"id":3,"conversation_id":"c","verdict":"coaching_needed"}
            {"id":4,"conversation_id":"c","verdict":"confirmed"}
            {"id":5,"conversation_id":"c","verdict":"false_alarm"}
            """)
        let set = try EscalationDataset.verdicts.read(path: verdicts, conversations: [transcripts])[0]
        #expect(set.examples.map(\.conversation.id) == ["a", "b"] && set.examples.map(\.positive) == [true, false])
        #expect(set.notes.count == 2, "\(set.notes)")  // one coaching review, one tie

        let missing = Fixtures.temporaryFile("{\"conversation_id\":\"zz\",\"verdict\":\"confirmed\"}\n")
        #expect(throws: InputError.self) { try EscalationDataset.verdicts.read(path: missing, conversations: [transcripts]) }
        #expect(throws: InputError.self) { try EscalationDataset.verdicts.read(path: verdicts, conversations: []) }
        let bad = Fixtures.temporaryFile("{\"conversation_id\":\"a\",\"verdict\":\"maybe\"}\n")
        do {
            _ = try EscalationDataset.verdicts.read(path: bad, conversations: [transcripts])
            Issue.record("an unknown verdict must be an error")
        } catch let error as InputError {
            #expect(error.line == 1 && error.message.contains("unknown verdict 'maybe'"))
        }
    }
}
