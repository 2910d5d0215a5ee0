import ArgumentParser
import Foundation
import TemperConversation
import TemperSentiment

/// The labelled sets of `flag evaluate` and `flag fit`, named `DATASET:PATH`.
struct LabelledSetOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Labelled sets: dialogue-satisfaction:DIR-or-FILE or complaints:FILE.", valueName: "dataset:path"))
    var sets: [String] = []

    @Option(help: ArgumentHelp("The risk threshold for flagged (0–1).", valueName: "x"))
    var threshold: Double = RiskModel.defaultThreshold

    func validate() throws {
        guard !sets.isEmpty else { throw ValidationError("name at least one labelled set, e.g. complaints:../shared/data/complaints-dev.tsv") }
        for spec in sets where parse(spec) == nil {
            throw ValidationError("'\(spec)': expected DATASET:PATH with DATASET one of \(EscalationDataset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
    }

    func parse(_ spec: String) -> (EscalationDataset, String)? {
        guard let colon = spec.firstIndex(of: ":"), let kind = EscalationDataset(rawValue: String(spec[..<colon])) else { return nil }
        return (kind, String(spec[spec.index(after: colon)...]))
    }
}

/// Reads labelled conversation sets, assesses them, and prints the held-out comparison of the
/// risk model against ranking by mean customer sentiment.
struct EscalationReport {
    struct LabelledSet {
        var name: String
        var kind: EscalationDataset
        var examples: [LabelledConversation]
        var assessments: [ConversationAssessment]
    }

    let sets: [LabelledSet]

    init(options: LabelledSetOptions, model: SentimentModel) throws {
        let assessor = try ConversationAssessor(model: model, riskModel: .standard, threshold: options.threshold)
        sets = try options.sets.map { spec in
            let (kind, path) = options.parse(spec)!
            let examples = try kind.read(path: path)
            return LabelledSet(name: kind.rawValue, kind: kind, examples: examples, assessments: examples.map { assessor.assess($0.conversation) })
        }
    }

    /// The risk model fitted on the training halves of every set.
    func fit() -> RiskModel {
        var features: [RiskFeatures] = [], positives: [Bool] = [], groups: [Int] = []
        for set in sets {
            for (example, assessment) in zip(set.examples, set.assessments) where example.half == .train {
                features.append(assessment.features)
                positives.append(example.positive)
                groups.append(set.kind == .dialogueSatisfaction ? 0 : 1)
            }
        }
        let weights = RiskModelTrainer().fit(features: features, positives: positives, groups: groups)
        let sources = sets.map { "\($0.name) (\($0.examples.filter { $0.half == .train }.count) train)" }.joined(separator: ", ")
        return RiskModel(weights: weights, provenance: "MAP fit on the HashSplit train halves of \(sources) around the rule priors")
    }

    /// The held-out table for `riskModel`.
    func printEvaluation(of riskModel: RiskModel) {
        print("held-out (HashSplit test half); baseline = mean customer sentiment, most negative first")
        print("dataset                  n     pos   risk AUC  risk P@10%  base AUC  base P@10%  Brier   mean risk  rate")
        for set in sets {
            var risks: [Double] = [], baseline: [Double] = [], positives: [Bool] = []
            for (example, assessment) in zip(set.examples, set.assessments) where example.half == .test {
                risks.append(riskModel.risk(assessment.features))
                baseline.append(-(assessment.customerSentiment.mean ?? 0))
                positives.append(example.positive)
            }
            let result = EscalationEvaluation(dataset: set.name, risks: risks, baselineScores: baseline, positives: positives)
            func f(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }
            let name = set.name.padding(toLength: 22, withPad: " ", startingAt: 0)
            print("\(name) \(String(format: "%5d", result.count)) \(String(format: "%5d", result.positives))   \(f(result.riskAUC))     \(f(result.riskPrecisionAt10))       \(f(result.baselineAUC))     \(f(result.baselinePrecisionAt10))       \(f(result.brier))   \(f(result.meanRisk))      \(f(result.observedRate))")
        }
        print("model: \(riskModel.provenance)")
    }
}
