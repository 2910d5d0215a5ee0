import ArgumentParser
import Foundation
import TemperConversation
import TemperIO

extension RiskModelTrainer.Selection: ExpressibleByArgument {}

struct FlagFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit the risk model on labelled conversations and write it as a model file.",
        discussion: """
        Assesses every labelled conversation, then fits the model's weights by L2-regularised \
        logistic regression on standardised features, with one intercept per set (base rates \
        differ between sets and say nothing about escalation), each set weighing the same. \
        Which features it uses (nested: mean customer sentiment; + how the conversation \
        ends; + repeated and unanswered requests, agent regret; + the share of customer \
        messages that state a service problem; + the share that say no ("No, not at all", "I \
        haven't seen it", "still not working"); + the rest of the sentiment trajectory; + every \
        cue) and the L2 strength are chosen on the fitted examples by 5-fold cross-validation \
        repeated 3 times (folds by a hash of each conversation's id, so the fit is \
        deterministic) and by leaving each conversation set out in turn (fitted on the other \
        sets, ranking it unseen). --select worst-margin (the default) takes the candidate whose \
        worst set ranks best against mean customer sentiment: per set, its held-out ROC AUC \
        minus that of ranking by −mean sentiment, the lesser of the cross-validated and the \
        left-out margin; only candidates whose cross-validated precision in the riskiest 10% \
        is at least mean sentiment's on every set compete (all when none is); within 0.002 of \
        the best, the simpler, then the more strongly pulled. --select mean-auc takes the best \
        cross-validated AUC averaged over the sets (models v1-v4), which lets the set with the \
        most positives carry a candidate that loses on another. It prints each candidate's \
        figures beside those of ranking by mean sentiment alone. Stated problems are the customer messages with a complaint \
        pattern of the driver taxonomy in the lexicon directory (drivers.yaml: "never arrived", \
        "charged twice") in a clause that reads negative. Cues, requests, stated problems, \
        negations and agent regret can only add risk \
        (one that comes out negative is dropped and the rest refitted). The chosen weights are then \
        scaled by one factor fitted on the held-out scores (Platt), so risks read as \
        probabilities. Cues a model does not use are still reported as reasons. The \
        model's bias is the mean intercept of the sets of the first kind given among \
        verdicts, transcripts, dialogue-satisfaction, complaints (the closest to real support \
        conversations); every set's own intercept is kept in the file, and 'flag evaluate' \
        scores a set the model was fitted on with it.

        By default only the train halves are used (each set cut in two by a stable hash, as \
        'temper flag evaluate' cuts it); --fit-on all uses every example (for a model you will \
        not measure on the same data). The figures printed are cross-validated on the fitted \
        examples only. --report adds the report on the test halves ('temper flag evaluate'); \
        it is opt-in because a figure looked at after every fit ends up choosing the fit: \
        choose by the cross-validated figures, and look at the test halves once at the end.

        Threats (churn_threat, legal_threat, public_shaming, manager_demand) flag a \
        conversation whatever its risk, so the fit leaves them out of the risk unless \
        --threat-rules holds them at rule weights.

        Sets (DATASET:PATH, repeatable):
          dialogue-satisfaction:DIR-or-FILE  MWOZ/ReDial-style dialogues, one set
                                             per .txt file; OVERALL < 2.5 is a
                                             positive
          complaints:FILE                    label<TAB>domain<TAB>text tweets;
                                             1 = complaint
          transcripts:FILE                   conversations with an outcome:
                                             positive when escalated, CSAT ≤ 2,
                                             NPS ≤ 6 or resolved false; records
                                             without one are counted, not used
          verdicts:FILE                      'temper reviews export' JSON lines;
                                             confirmed = positive, false_alarm =
                                             negative; needs --conversations

        Example (the shipped model; scripts/fit_risk_model.sh):
          temper flag fit -o lexicons/risk.model.json \\
            dialogue-satisfaction:../shared/data/dialogue-satisfaction \\
            complaints:../shared/data/complaints-dev.tsv
        """
    )

    enum FitOn: String, ExpressibleByArgument, CaseIterable {
        case train, all
    }

    @OptionGroup var sets: LabelledSetOptions
    @OptionGroup var model: ModelOptions

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write the model file here.", valueName: "path"))
    var output: String

    @Option(help: ArgumentHelp("Fit on the train halves or on all examples.", valueName: "train|all"))
    var fitOn: FitOn = .train

    @Flag(help: "After fitting on the train halves, also print the report on the test halves (as 'temper flag evaluate' does). Needs --fit-on train.")
    var report = false

    @Option(help: ArgumentHelp("The model's name, shown in reports.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("How cross-validation chooses features and strength: worst-margin (the worst set's AUC margin over −mean sentiment, cross-validated and left out) or mean-auc (the AUC averaged over the sets).", valueName: "worst-margin|mean-auc"))
    var select: RiskModelTrainer.Selection = .worstMargin

    @Flag(help: "Hold the threats (churn_threat, legal_threat, public_shaming, manager_demand) at their rule weights (+3.0, +3.4, +3.0, +2.6) instead of leaving them out, so one threat alone makes a calm conversation high risk. A threat flags its conversation either way; the shipped model does not hold them: on the labelled sets it costs ranking (see 'Escalation risk' in the README).")
    var threatRules = false

    func validate() throws {
        if report && fitOn == .all {
            throw ValidationError("--report measures the test halves, which --fit-on all fits on; drop one of them")
        }
    }

    func run() throws {
        let escalation = try EscalationReport(options: sets, model: try model.loadModel(), problems: try model.loadDriverTaxonomy())
        for note in escalation.notes { printError("temper: \(note)") }
        let arguments = CommandLine.arguments.dropFirst().map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
        let (riskModel, validation) = try escalation.fit(trainOnly: fitOn == .train,
                                                     name: name ?? EscalationDataset.baseName(output), threatRules: threatRules,
                                                     selection: select)
        let trainer = RiskModelTrainer()
        let criterion: String
        switch select {
        case .meanAUC:
            criterion = "best mean held-out ROC AUC within sets"
        case .worstMargin:
            criterion = "best worst-set margin of held-out ROC AUC over −mean customer sentiment (cross-validated, and each conversation set left out), "
                + (validation.precisionKept ? "among candidates keeping its P@10% on every set" : "no candidate kept its P@10% on every set")
        }
        let chosenBy = "\(trainer.folds)-fold cross-validation repeated \(trainer.repeats) times on the fitted examples: \(criterion); "
            + trainer.featureSets.map { set in
                set.name + " " + validation.candidates.filter { $0.featureSet == set.name }
                    .map { String(format: "%g: %.4f", $0.strength, $0.score) + ($0.keepsPrecision || select == .meanAUC ? "" : " (P@10% below)") }
                    .joined(separator: ", ")
            }.joined(separator: "; ")
            + (select == .meanAUC ? String(format: "; ranking by −mean customer sentiment alone: %.4f", validation.sentimentBaseline.auc) : "")
        let text = riskModel.fileText(createdBy: "temper " + arguments, regularisationNote: chosenBy)
        do {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            throw RunError("\(output): cannot write the model file")
        }
        print("wrote \(output): \(riskModel.provenance)")
        print("features: \(validation.chosenFeatureSet.name); L2 strength \(String(format: "%g", validation.chosen.strength))")
        switch select {
        case .meanAUC:
            print("cross-validation (mean held-out AUC / P@10% within sets; features and strength chosen by the mean AUC):")
        case .worstMargin:
            print("cross-validation (mean held-out AUC / P@10% within sets; chosen by the worst set's AUC margin over −mean sentiment,"
                + " cross-validated and left out, among candidates keeping its P@10% on every set: '-' marks one that does not)")
            if !validation.precisionKept { print("  no candidate kept −mean sentiment's P@10% on every set: all competed") }
        }
        for candidate in validation.candidates {
            let mark = candidate.featureSet == validation.chosen.featureSet && candidate.strength == validation.chosen.strength ? " *" : ""
            let margin = select == .worstMargin ? String(format: "  worst margin %+.4f", candidate.score) + (candidate.keepsPrecision ? " " : "-") : ""
            print("  " + candidate.featureSet.padding(toLength: 42, withPad: " ", startingAt: 0)
                + String(format: "  strength %-5g  AUC %.4f  P@10%% %.4f", candidate.strength, candidate.auc, candidate.precisionAt10) + margin + mark)
        }
        let baseline = validation.sentimentBaseline
        print("  " + baseline.featureSet.padding(toLength: 42, withPad: " ", startingAt: 0)
            + String(format: "  (no fit)        AUC %.4f  P@10%% %.4f", baseline.auc, baseline.precisionAt10))
        print("per set (chosen against −mean sentiment: cross-validated AUC, AUC when the set is left out, cross-validated P@10%):")
        for (index, set) in riskModel.trainedOn.enumerated() where index < validation.chosen.perSet.count {
            let (chosen, plain) = (validation.chosen.perSet[index], baseline.perSet[index])
            func f(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "n/a" }
            let leftOut = index < validation.chosen.leftOut.count ? validation.chosen.leftOut[index] : nil
            print("  " + set.name.padding(toLength: 42, withPad: " ", startingAt: 0)
                + "  AUC \(f(chosen.auc)) / \(f(plain.auc))  left out \(leftOut == nil ? "n/a   " : f(leftOut))  P@10% \(f(chosen.precisionAt10)) / \(f(plain.precisionAt10))")
        }
        print("weights:")
        for (feature, weight) in zip(riskModel.featureNames, riskModel.weights) {
            print("  \(feature.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%+.4f", weight))")
        }
        if report {
            print("")
            print(escalation.render(escalation.evaluate(riskModel, previous: nil, threshold: riskModel.threshold), model: riskModel, previous: nil, format: .text))
        }
    }
}
