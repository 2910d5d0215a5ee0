import Foundation
import Testing
import TemperIO
@testable import TemperConversation

/// The risk model file: what `flag fit` writes, `flag` reads back, and what a bad file says.
@Suite struct RiskModelTests {
    func decode(_ text: String) throws(InputError) -> RiskModel {
        try RiskModel.decode(Array(text.utf8), name: "m.json")
    }

    func error(_ text: String) -> InputError? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error
        }
    }

    let valid = """
        {
          "format": "temper-risk-model",
          "format_version": 1,
          "name": "tiny",
          "threshold": 0.4,
          "features": [
            {"name": "bias", "weight": -2},
            {"name": "sentiment_mean", "weight": -1.5}
          ]
        }
        """

    @Test func writtenFileReadsBackTheSameModel() throws {
        let model = RiskModel(weights: RiskModel.priorWeights.map { $0 + 0.12345 }, threshold: 0.45, provenance: "a \"quoted\" test",
                              name: "round-trip",
                              trainedOn: [RiskTrainingSet(name: "MWOZ", kind: "dialogue-satisfaction", path: "d/MWOZ.txt", examples: 10, positives: 2, interceptOffset: -0.5)],
                              regularisation: 0.3)
        let read = try decode(model.fileText(createdBy: "temper flag fit", regularisationNote: "5-fold"))
        #expect(read.featureNames == RiskFeatures.names)
        #expect(zip(read.weights, model.weights).allSatisfy { abs($0 - $1) < 1e-4 })
        #expect(read.threshold == 0.45 && read.name == "round-trip" && read.provenance == model.provenance)
        #expect(read.trainedOn == model.trainedOn && read.regularisation == 0.3)
    }

    @Test func aSubsetOfFeaturesScoresWithThoseOnly() throws {
        let model = try decode(valid)
        #expect(model.threshold == 0.4 && model.featureNames == ["bias", "sentiment_mean"])
        var values = [Double](repeating: 0, count: RiskFeatures.count)
        values[0] = 1
        values[RiskFeatures.names.firstIndex(of: "sentiment_mean")!] = -1
        values[RiskFeatures.names.firstIndex(of: "anger")!] = 1  // not in the model: no effect
        #expect(abs(model.risk(RiskFeatures(values: values)) - 1 / (1 + exp(0.5))) < 1e-12)
    }

    @Test func badVersionNamesItsLine() {
        let e = error(valid.replacingOccurrences(of: "\"format_version\": 1", with: "\"format_version\": 7"))
        #expect(e?.line == 3 && e?.message.contains("format_version 7 is not supported") == true, "\(String(describing: e))")
        let wrongFormat = error(valid.replacingOccurrences(of: "temper-risk-model", with: "temper-calibration"))
        #expect(wrongFormat?.line == 2, "\(String(describing: wrongFormat))")
    }

    @Test func unknownFeatureNamesItsLine() {
        let e = error(valid.replacingOccurrences(of: "sentiment_mean", with: "sentiment_median"))
        #expect(e?.line == 8 && e?.message.contains("unknown feature 'sentiment_median'") == true, "\(String(describing: e))")
        let twice = error(valid.replacingOccurrences(of: "sentiment_mean", with: "bias"))
        #expect(twice?.line == 8 && twice?.message.contains("listed twice") == true, "\(String(describing: twice))")
        let noBias = error(valid.replacingOccurrences(of: "\"bias\"", with: "\"anger\""))
        #expect(noBias?.message.contains("must include \"bias\"") == true, "\(String(describing: noBias))")
    }

    @Test func nanAndInfinityAreNotWeights() {
        let nan = error(valid.replacingOccurrences(of: "-1.5", with: "NaN"))
        #expect(nan?.line == 8 && nan?.message.contains("broken JSON") == true, "\(String(describing: nan))")
        let quoted = error(valid.replacingOccurrences(of: "-1.5", with: "\"NaN\""))
        #expect(quoted?.line == 8 && quoted?.message.contains("finite number") == true, "\(String(describing: quoted))")
        let huge = error(valid.replacingOccurrences(of: "-1.5", with: "1e999"))
        #expect(huge?.message.contains("finite number") == true || huge?.message.contains("broken JSON") == true, "\(String(describing: huge))")
        let threshold = error(valid.replacingOccurrences(of: "0.4", with: "1.4"))
        #expect(threshold?.line == 5 && threshold?.message.contains("between 0 and 1") == true, "\(String(describing: threshold))")
    }

    @Test func aMissingFileSaysSo() {
        #expect(throws: InputError.self) { try RiskModel.load(path: "/nonexistent/risk.model.json") }
    }

    @Test func theShippedModelsLoad() throws {
        let shipped = try RiskModel.load(path: Fixtures.root + "/lexicons/" + RiskModel.fileName)
        #expect(shipped.featureNames.first == "bias" && shipped.featureNames.contains("sentiment_mean"))
        #expect(!shipped.trainedOn.isEmpty && shipped.regularisation != nil)
        // More negative customer sentiment is more risk; cues and requests can only add to it.
        #expect(shipped.weight("sentiment_mean")! < 0)
        for feature in shipped.featureNames where RiskModelTrainer.nonNegative.contains(feature) {
            #expect(shipped.weight(feature)! >= 0, "\(feature)")
        }
        let previous = try RiskModel.load(path: Fixtures.root + "/lexicons/" + RiskModel.previousFileName)
        #expect(previous.name == "shipped-v5" && previous.weight("negation_share")! > 0)
        // v6: v5's features refitted after the taxonomy's complaints stopped firing on requests.
        #expect(shipped.name == "shipped-v6" && shipped.weight("negation_share")! > 0 && shipped.weight("problem_share")! > 0)
        let fourth = try RiskModel.load(path: Fixtures.root + "/lexicons/risk.model.v4.json")
        #expect(fourth.name == "shipped-v4" && fourth.weight("problem_share")! > 0 && fourth.weight("negation_share") == nil)
        let third = try RiskModel.load(path: Fixtures.root + "/lexicons/risk.model.v3.json")
        #expect(third.name == "shipped-v3" && third.weight("legal_threat") == 3.4)
        let second = try RiskModel.load(path: Fixtures.root + "/lexicons/risk.model.v2.json")
        #expect(second.featureNames == Array(RiskFeatures.names.prefix(24)))
        let first = try RiskModel.load(path: Fixtures.root + "/lexicons/risk.model.v1.json")
        #expect(first.featureNames == Array(RiskFeatures.names.prefix(12)) + Array(RiskFeatures.names[13..<20]))
    }
}
