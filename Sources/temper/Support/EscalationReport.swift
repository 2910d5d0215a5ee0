import ArgumentParser
import Foundation
import TemperConversation
import TemperSentiment

/// The labelled sets of `flag evaluate` and `flag fit`, named `DATASET:PATH`.
struct LabelledSetOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Labelled sets: dialogue-satisfaction:DIR-or-FILE, complaints:FILE, transcripts:FILE or verdicts:FILE.", valueName: "dataset:path"))
    var sets: [String] = []

    @Option(name: .customLong("conversations"), help: ArgumentHelp("The transcripts verdicts refer to (repeatable): the files the review workspace ingested.", valueName: "path"))
    var conversations: [String] = []

    func validate() throws {
        guard !sets.isEmpty else { throw ValidationError("name at least one labelled set, e.g. complaints:../shared/data/complaints-dev.tsv") }
        for spec in sets where parse(spec) == nil {
            throw ValidationError("'\(spec)': expected DATASET:PATH with DATASET one of \(EscalationDataset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func parse(_ spec: String) -> (EscalationDataset, String)? {
        guard let colon = spec.firstIndex(of: ":"), let kind = EscalationDataset(rawValue: String(spec[..<colon])) else { return nil }
        let path = String(spec[spec.index(after: colon)...])
        return path.isEmpty ? nil : (kind, path)
    }
}

/// Reads labelled conversation sets and assesses them once; fits risk models on them and
/// measures models on their held-out halves.
struct EscalationReport {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, md
    }

    struct AssessedSet {
        var set: LabelledSet
        var assessments: [ConversationAssessment]
    }

    let sets: [AssessedSet]

    /// Which kinds' intercept becomes the bias, first present first: the closest to real
    /// support conversations.
    static let biasOrder: [EscalationDataset] = [.verdicts, .transcripts, .dialogueSatisfaction, .complaints]

    init(options: LabelledSetOptions, model: SentimentModel, problems: DriverTaxonomy) throws {
        // Features do not depend on the risk model; the rules model spares loading one.
        let assessor = try ConversationAssessor(model: model, riskModel: .rules, problems: problems)
        var sets: [AssessedSet] = []
        for spec in options.sets {
            let (kind, path) = options.parse(spec)!
            for set in try kind.read(path: path, conversations: options.conversations) {
                guard !set.examples.isEmpty else { throw RunError("\(path): no labelled conversations in it") }
                sets.append(AssessedSet(set: set, assessments: set.examples.map { assessor.assess($0.conversation) }))
            }
        }
        self.sets = sets
    }

    var notes: [String] { sets.flatMap { set in set.set.notes.map { "\(set.set.path): \($0)" } } }

    /// The model fitted on the train halves (or everything) of every set, its features and
    /// regularisation chosen by cross-validation on the same examples. Each set has its own
    /// intercept in the fit; the model's bias is the mean intercept of the sets of the first
    /// kind in `biasOrder`, and every set's intercept is kept in the file as its offset from it.
    func fit(trainOnly: Bool, name: String, threatRules: Bool = false, selection: RiskModelTrainer.Selection = .worstMargin) throws -> (RiskModel, RiskModelTrainer.CrossValidation) {
        let biasKind = Self.biasOrder.first { kind in sets.contains { $0.set.kind == kind } }!
        var examples: [RiskTrainingExample] = []
        var used: [(AssessedSet, Int, Int)] = []
        // Each set weighs the same in the fit, whatever its size.
        let counts = sets.map { set in set.set.examples.filter { !trainOnly || $0.half == .train }.count }
        let nonEmpty = counts.filter { $0 > 0 }
        guard !nonEmpty.isEmpty else { throw RunError("no training examples (every set's train half is empty; try --fit-on all)") }
        let meanCount = Double(nonEmpty.reduce(0, +)) / Double(nonEmpty.count)
        for (set, count) in zip(sets, counts) where count > 0 {
            var positives = 0
            for (example, assessment) in zip(set.set.examples, set.assessments) where !trainOnly || example.half == .train {
                examples.append(RiskTrainingExample(features: assessment.features, positive: example.positive, set: used.count,
                                                    weight: meanCount / Double(count), id: set.set.name + "/" + example.conversation.id))
                if example.positive { positives += 1 }
            }
            used.append((set, count, positives))
        }
        guard examples.contains(where: \.positive), examples.contains(where: { !$0.positive }) else {
            throw RunError("the training examples are all of one class; a fit needs positives and negatives")
        }
        var trainer = RiskModelTrainer()
        if threatRules { trainer.rules = RiskModelTrainer.threatRules }
        trainer.selection = selection
        // Conversation sets are left out in turn (a new deployment is a set the fit never saw);
        // complaint tweets are not: a fit on dialogues alone cannot learn what only tweets show.
        trainer.leaveOutSets = Set(used.indices.filter { used[$0].0.set.kind != .complaints })
        let (fit, validation) = trainer.fitCrossValidated(examples)
        let biasSets = used.indices.filter { used[$0].0.set.kind == biasKind }
        let bias = biasSets.map { fit.intercepts[$0] }.reduce(0, +) / Double(biasSets.count)
        let trainedOn = used.enumerated().map { index, entry in
            RiskTrainingSet(name: entry.0.set.name, kind: entry.0.set.kind.rawValue, path: entry.0.set.path, examples: entry.1, positives: entry.2,
                            interceptOffset: fit.intercepts[index] - bias)
        }
        let names = ["bias"] + fit.featureSet.features.filter { trainer.rules[$0] == nil } + RiskFeatures.names.filter { trainer.rules[$0] != nil }
        var weights = names.map { name in fit.weights[RiskFeatures.names.firstIndex(of: name)!] }
        weights[0] = bias
        let sources = used.map { "\($0.0.set.name) (\($0.1) \(trainOnly ? "train" : "all"))" }.joined(separator: ", ")
        let provenance = "logistic regression on standardised features, one intercept per set, on \(trainOnly ? "the HashSplit train halves of " : "")\(sources); "
            + (threatRules ? "threats held at their rule weights; " : "") + "features (\(fit.featureSet.name)) and L2 strength \(String(format: "%g", fit.strength)) by cross-validation, "
            + "weights then scaled ×\(String(format: "%.3f", fit.scale)) to fit the held-out risks (Platt); "
            + "bias: the mean intercept of the \(biasKind.rawValue) sets"
        let model = RiskModel(featureNames: names, weights: weights, provenance: provenance, name: name, trainedOn: trainedOn,
                              regularisation: fit.strength)
        return (model, validation)
    }

    /// Measures `model` (and `previous`) on every set's test half. A set the model was fitted on
    /// (same name and kind) is scored with its own intercept, so calibration is measured against
    /// the base rate the fit learnt for it; other sets with the model's bias.
    func evaluate(_ model: RiskModel, previous: RiskModel?, threshold: Double) -> [EscalationEvaluation] {
        sets.map { set in
            let offset = model.trainedOn.first { $0.name == set.set.name && $0.kind == set.set.kind.rawValue }?.interceptOffset
            var risks: [Double] = [], previousRisks: [Double] = [], means: [Double] = [], reasons: [[CueCode]] = [], positives: [Bool] = []
            for (example, assessment) in zip(set.set.examples, set.assessments) where example.half == .test {
                risks.append(model.risk(assessment.features, interceptOffset: offset ?? 0))
                if let previous { previousRisks.append(previous.risk(assessment.features)) }
                means.append(assessment.customerSentiment.mean ?? 0)
                reasons.append(assessment.reasonCodes)
                positives.append(example.positive)
            }
            return EscalationEvaluation(dataset: set.set.name, risks: risks, previousRisks: previous == nil ? nil : previousRisks,
                                        sentimentMeans: means, reasons: reasons, positives: positives, threshold: threshold,
                                        interceptOffset: offset)
        }
    }

    func render(_ results: [EscalationEvaluation], model: RiskModel, previous: RiskModel?, format: Format) -> String {
        func f(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "n/a" }
        func percent(_ value: Double?) -> String { value.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a" }
        var tables: [[[String]]] = []
        var titles: [String] = []

        titles.append("Ranking on the held-out halves (HashSplit test): ROC AUC and precision in the riskiest 10%")
        var header = ["set", "n", "positives", "risk AUC", "risk P@10%", "−sentiment AUC", "−sentiment P@10%"]
        if previous != nil { header += ["previous AUC", "previous P@10%"] }
        header.append("risk beats −sentiment")
        var rows = [header]
        for r in results {
            var row = [r.dataset, "\(r.count)", "\(r.positives)", f(r.risk.auc), f(r.risk.precisionAt10), f(r.sentiment.auc), f(r.sentiment.precisionAt10)]
            if let p = r.previous { row += [f(p.auc), f(p.precisionAt10)] }
            let beatsAUC = (r.risk.auc ?? 0) > (r.sentiment.auc ?? 0)
            let beatsTop = (r.risk.precisionAt10 ?? 0) > (r.sentiment.precisionAt10 ?? 0)
            row.append(beatsAUC && beatsTop ? "yes" : (beatsAUC ? "AUC only" : (beatsTop ? "P@10% only" : "no")))
            rows.append(row)
        }
        tables.append(rows)

        titles.append("How sure: risk's AUC minus the baseline's on the same rows, with a 95% paired bootstrap interval "
            + "(\(AUCDifference.defaultResamples) resamples stratified by class, seed \(AUCDifference.defaultSeed))")
        header = ["set", "risk − (−sentiment) AUC", "95% interval"]
        if previous != nil { header += ["risk − previous AUC", "95% interval"] }
        rows = [header]
        func interval(_ d: AUCDifference?) -> [String] {
            guard let d else { return ["n/a", "n/a"] }
            return [String(format: "%+.3f", d.difference), String(format: "%+.3f … %+.3f", d.low, d.high)]
        }
        for r in results {
            var row = [r.dataset] + interval(r.overSentiment)
            if previous != nil { row += interval(r.overPrevious) }
            rows.append(row)
        }
        tables.append(rows)

        titles.append("Calibration and flags (risk ≥ \(String(format: "%g", results.first?.threshold ?? model.threshold)), or a threat)")
        rows = [["set", "intercept", "observed rate", "mean risk", "Brier", "ECE", "flagged", "flagged precision"]]
        for r in results {
            rows.append([r.dataset, r.interceptOffset.map { String(format: "own (bias %+.2f)", $0) } ?? "model bias", f(r.observedRate), f(r.meanRisk), f(r.brier), f(r.calibrationError), "\(r.flagged)",
                         r.flaggedPrecision.map { "\(f($0)) (\(r.flaggedPositives)/\(r.flagged))" } ?? "n/a"])
        }
        tables.append(rows)

        for r in results {
            titles.append("Reliability, \(r.dataset): risk deciles, predicted against observed")
            rows = [["decile", "n", "risk range", "mean risk", "observed"]]
            for (index, bin) in r.reliability.enumerated() {
                rows.append(["\(index + 1)", "\(bin.count)", "\(f(bin.lowest))–\(f(bin.highest))", f(bin.meanPredicted), f(bin.observedRate)])
            }
            tables.append(rows)
        }

        titles.append("Per reason: how often a conversation with it was a positive (all / flagged)")
        rows = [["set", "reason", "with it", "positive", "flagged with it", "positive"]]
        for r in results {
            for reason in r.reasons {
                rows.append([r.dataset, reason.code.rawValue, "\(reason.count)",
                             "\(percent(Double(reason.positives) / Double(reason.count))) (\(reason.positives))",
                             "\(reason.flaggedCount)",
                             reason.flaggedCount > 0 ? "\(percent(Double(reason.flaggedPositives) / Double(reason.flaggedCount))) (\(reason.flaggedPositives))" : "n/a"])
            }
        }
        tables.append(rows)

        var out: [String] = []
        out.append(format == .md ? "Model: `\(model.name)` — \(model.provenance)" : "model: \(model.name) — \(model.provenance)")
        if let previous { out.append(format == .md ? "Previous model: `\(previous.name)` — \(previous.provenance)" : "previous model: \(previous.name) — \(previous.provenance)") }
        for (title, table) in zip(titles, tables) {
            out.append("")
            out.append(format == .md ? "**\(title)**" : title)
            out.append("")
            out.append(format == .md ? Self.markdown(table) : Self.aligned(table))
        }
        return out.joined(separator: "\n")
    }

    static func aligned(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == 0 || column == 1 && row.first == "set" ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func markdown(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + header.enumerated().map { $0.offset == 0 ? "---" : "---:" }.joined(separator: "|") + "|"]
        for row in rows.dropFirst() { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }
}
