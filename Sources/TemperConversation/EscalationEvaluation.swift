import Foundation
import TemperIO
import TemperSentiment

/// A conversation with a gold outcome, for fitting and measuring the risk model.
public struct LabelledConversation: Sendable {
    public var conversation: Conversation
    /// True for the outcome the risk should rank first (dissatisfied, complaint, escalated, a
    /// confirmed flag).
    public var positive: Bool
    /// Which half of the deterministic `HashSplit` it belongs to.
    public var half: HashSplit.Half

    public init(conversation: Conversation, positive: Bool, half: HashSplit.Half) {
        self.conversation = conversation
        self.positive = positive
        self.half = half
    }
}

/// One labelled set as read: its examples, and what was read but could not be used (said, not dropped).
public struct LabelledSet: Sendable {
    public var name: String
    public var kind: EscalationDataset
    public var path: String
    public var examples: [LabelledConversation]
    /// Records left out and why ("12 conversations carry no outcome"), for the report.
    public var notes: [String]
}

/// The kinds of labelled data the risk model is fitted and measured on.
public enum EscalationDataset: String, Sendable, CaseIterable {
    /// `dialogue-satisfaction/{MWOZ,ReDial}.txt` (Sun et al., SIGIR 2021): task dialogues with
    /// an OVERALL satisfaction line; a mean below 2.5 (about 5%) is a positive. USER turns are
    /// the customer, SYSTEM turns the agent. A directory gives one set per `.txt` file in it.
    case dialogueSatisfaction = "dialogue-satisfaction"
    /// `complaints-dev.tsv` (Preoţiuc-Pietro et al., ACL 2019): tweets to customer-service
    /// accounts, 1 = complaint; each tweet is a one-message conversation.
    case complaints
    /// Conversations (any input format `temper flag` reads) whose records carry an outcome:
    /// `escalated`, a survey (`csat` 1–5, `nps` 0–10) or `resolved` (see `Conversation.outcome`).
    case transcripts
    /// QA verdicts from `temper reviews export` (JSON lines): `confirmed` is a positive,
    /// `false_alarm` a negative; the conversations' text comes from the transcripts they were
    /// ingested from.
    case verdicts

    /// Dissatisfied below this OVERALL mean, as the data set's README defines it.
    static let dissatisfiedBelow = 2.5
    /// Half of each set trains, half tests, by `HashSplit`.
    static let trainFraction = 0.5

    /// Reads the set(s) at `path`. `conversations` are the transcripts verdicts refer to.
    public func read(path: String, conversations: [String] = []) throws -> [LabelledSet] {
        switch self {
        case .dialogueSatisfaction:
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let files = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".txt") }.sorted()
                guard !files.isEmpty else { throw InputError(file: path, message: "no .txt dialogue files in this directory") }
                return try files.map { try Self.readDialogues(path: path + "/" + $0) }
            }
            return [try Self.readDialogues(path: path)]
        case .complaints:
            var options = LabelledCorpusReader.Options()
            options.labelMapping = .negativeFlag
            let examples = try LabelledCorpusReader.read(path: path, options: options).map { example in
                let conversation = Conversation(id: "complaints-\(example.line)", channel: "twitter",
                                                messages: [Message(role: .customer, text: example.text)], line: example.line)
                return LabelledConversation(conversation: conversation, positive: example.label == .negative,
                                            half: HashSplit.half(of: example.text, trainFraction: Self.trainFraction))
            }
            return [LabelledSet(name: "complaints", kind: self, path: path, examples: examples, notes: [])]
        case .transcripts:
            var examples: [LabelledConversation] = []
            var withoutOutcome = 0
            try ConversationInput().forEach(path: path, policy: BadRecordPolicy()) { conversation in
                guard let positive = conversation.outcome else {
                    withoutOutcome += 1
                    return
                }
                examples.append(LabelledConversation(conversation: conversation, positive: positive,
                                                     half: HashSplit.half(of: conversation.id, trainFraction: Self.trainFraction)))
            }
            let notes = withoutOutcome > 0 ? ["\(withoutOutcome) conversations carry no outcome (escalated, survey, resolved) and were not used"] : []
            return [LabelledSet(name: Self.baseName(path), kind: self, path: path, examples: examples, notes: notes)]
        case .verdicts:
            return [try Self.readVerdicts(path: path, conversations: conversations)]
        }
    }

    public static func baseName(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// `ROLE \t text \t action \t scores` per turn, a blank line between dialogues, and a final
    /// `USER \t OVERALL \t \t s1,s2,…` line per dialogue.
    static func readDialogues(path: String) throws -> LabelledSet {
        let reader = try LineReader(path: path)
        let name = baseName(path)
        var result: [LabelledConversation] = []
        var messages: [Message] = []
        var firstLine = 0
        var overall: Double?
        var withoutRating = 0
        func finish() {
            defer { messages.removeAll(); overall = nil }
            guard !messages.isEmpty else { return }
            guard let overall else {
                withoutRating += 1
                return
            }
            let text = messages.map(\.text).joined(separator: "\n")
            let conversation = Conversation(id: "\(name)-\(firstLine)", channel: "chat", messages: messages, line: firstLine)
            result.append(LabelledConversation(conversation: conversation, positive: overall < dissatisfiedBelow,
                                               half: HashSplit.half(of: text, trainFraction: trainFraction)))
        }
        try reader.forEachLine { bytes, number in
            let line = String(decoding: bytes, as: UTF8.self)
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                finish()
                return
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2 else {
                throw InputError(file: path, line: number, message: "expected ROLE<TAB>text<TAB>action<TAB>scores")
            }
            if messages.isEmpty && overall == nil { firstLine = number }
            if fields[1] == "OVERALL" {
                let scores = (fields.last ?? "").split(separator: ",").compactMap { Double($0) }
                if !scores.isEmpty { overall = scores.reduce(0, +) / Double(scores.count) }
                return
            }
            let role: MessageRole = fields[0] == "USER" ? .customer : .agent
            messages.append(Message(role: role, text: String(fields[1])))
        }
        finish()
        let notes = withoutRating > 0 ? ["\(withoutRating) dialogues have no OVERALL rating and were not used"] : []
        return LabelledSet(name: name, kind: .dialogueSatisfaction, path: path, examples: result, notes: notes)
    }

    /// Reads a `temper reviews export` (JSON lines) and joins each reviewed conversation to its
    /// text in `conversations`. A conversation's label is the majority of its `confirmed` and
    /// `false_alarm` reviews; `coaching_needed` says nothing about risk, and a tie says nothing
    /// either: both are counted in the notes.
    static func readVerdicts(path: String, conversations: [String]) throws -> LabelledSet {
        guard !conversations.isEmpty else {
            throw InputError(file: path, message: "verdicts name conversations by id: pass the transcripts they were ingested from with --conversations FILE")
        }
        var votes: [String: Int] = [:]
        var order: [String] = []
        var firstLine: [String: Int] = [:]
        var coaching = 0
        let reader = try LineReader(path: path)
        try reader.forEachLine { bytes, number in
            guard !ConversationReader.isBlank(bytes) else { return }
            let json: JSONValue
            do {
                json = try JSONValue(parsing: bytes)
            } catch {
                throw InputError(file: path, line: number, message: "broken JSON: \(error) (expected the JSON lines of 'temper reviews export')")
            }
            guard let id = json["conversation_id"]?.string, let verdict = json["verdict"]?.string else {
                throw InputError(file: path, line: number, message: "a review needs \"conversation_id\" and \"verdict\" (the JSON lines of 'temper reviews export')")
            }
            let vote: Int
            switch verdict {
            case "confirmed": vote = 1
            case "false_alarm": vote = -1
            case "coaching_needed":
                coaching += 1
                return
            default:
                throw InputError(file: path, line: number, message: "unknown verdict '\(verdict)' (expected confirmed, false_alarm or coaching_needed)")
            }
            if votes[id] == nil {
                order.append(id)
                firstLine[id] = number
            }
            votes[id, default: 0] += vote
        }
        var texts: [String: Conversation] = [:]
        let wanted = Set(order)
        for file in conversations {
            try ConversationInput().forEach(path: file, policy: BadRecordPolicy()) { conversation in
                if wanted.contains(conversation.id) { texts[conversation.id] = conversation }
            }
        }
        var examples: [LabelledConversation] = []
        var ties = 0
        for id in order {
            guard let conversation = texts[id] else {
                throw InputError(file: path, line: firstLine[id], message: "conversation '\(id)' is not in \(conversations.joined(separator: ", ")) (pass the transcripts the workspace ingested with --conversations)")
            }
            let vote = votes[id]!
            if vote == 0 {
                ties += 1
                continue
            }
            examples.append(LabelledConversation(conversation: conversation, positive: vote > 0,
                                                 half: HashSplit.half(of: id, trainFraction: trainFraction)))
        }
        var notes: [String] = []
        if coaching > 0 { notes.append("\(coaching) coaching_needed reviews say nothing about risk and were not used") }
        if ties > 0 { notes.append("\(ties) conversations with as many confirmed as false_alarm reviews were not used") }
        return LabelledSet(name: "verdicts", kind: .verdicts, path: path, examples: examples, notes: notes)
    }
}

extension Conversation {
    /// The outcome a transcript records, as the risk model's label: true (went wrong) when it
    /// was escalated, its CSAT is 2 or less (of 5), its NPS 6 or less (a detractor) or it is
    /// marked unresolved; false when it records an outcome and none of those; nil when it records
    /// none (then it cannot be a training example).
    public var outcome: Bool? {
        var known = false
        if let escalated {
            if escalated { return true }
            known = true
        }
        if let csat = survey?.csat {
            if csat <= 2 { return true }
            known = true
        }
        if let nps = survey?.nps {
            if nps <= 6 { return true }
            known = true
        }
        if let resolved {
            if !resolved { return true }
            known = true
        }
        return known ? false : nil
    }
}

// MARK: - Fitting

/// One training row: the features, the label, which set it comes from, and its weight.
public struct RiskTrainingExample: Sendable {
    public var features: RiskFeatures
    public var positive: Bool
    /// Index of the example's labelled set: each set gets its own intercept in the fit, and
    /// cross-validation ranks within each set.
    public var set: Int
    public var weight: Double
    /// A stable id (the set's name and the conversation's id): cross-validation folds are a hash of it.
    public var id: String

    public init(features: RiskFeatures, positive: Bool, set: Int, weight: Double = 1, id: String) {
        self.features = features
        self.positive = positive
        self.set = set
        self.weight = weight
        self.id = id
    }
}

/// Fits risk model weights: L2-regularised logistic regression on standardised features
/// (every weight pulled towards 0 alike, so one strength suits them all), by damped Newton
/// steps, deterministic. Each labelled set gets its own intercept: base rates (3% dissatisfied
/// dialogues, 46% complaint tweets) say nothing about escalation and must not bend the shared
/// weights. Which features the model uses, and how strongly they are pulled to 0, is chosen on
/// the examples given (the train halves) by repeated k-fold cross-validation, ranking within
/// each set (every fold's held-out scores together, without the intercepts), and by leaving
/// whole sets out (`leaveOutSets`): see `Selection`.
public struct RiskModelTrainer: Sendable {
    /// A candidate set of features (besides the bias), tried by cross-validation.
    public struct FeatureSet: Sendable, Equatable {
        public var name: String
        public var features: [String]

        public init(name: String, features: [String]) {
            precondition(features.allSatisfy { RiskFeatures.indexByName[$0] != nil && $0 != "bias" }, "unknown risk feature")
            self.name = name
            self.features = features
        }
    }

    static let ending = ["sentiment_mean", "sentiment_last_two"]
    static let requests = ["unanswered_request", "repeated_requests", "agent_regret_share"]
    static let problems = ["problem_share"]
    static let negations = ["negation_share"]
    static let trajectory = ["sentiment_min", "sentiment_last", "sentiment_trend", "negative_share", "negative_probability", "customer_messages"]
    static let threats = ["churn_threat", "legal_threat", "public_shaming", "manager_demand"]
    static let softCues = ["anger", "insult", "repeat_contact", "long_wait", "sentiment_drop", "agent_failure", "unanswered", "task_failure"]
    /// Features that can only add risk (see `fit`).
    static let nonNegative = Set(threats + softCues + requests + problems + negations)

    /// Nested, from the customer's mean sentiment alone to every feature: each adds a group to
    /// the one before. The order breaks ties (the simpler first).
    public static let standardFeatureSets = [
        FeatureSet(name: "mean sentiment", features: ["sentiment_mean"]),
        FeatureSet(name: "+ how it ends", features: ending),
        FeatureSet(name: "+ requests", features: ending + requests),
        FeatureSet(name: "+ stated problems", features: ending + requests + problems),
        FeatureSet(name: "+ negations", features: ending + requests + problems + negations),
        FeatureSet(name: "+ trajectory", features: ending + requests + problems + negations + trajectory),
        FeatureSet(name: "+ cues", features: ending + requests + problems + negations + trajectory + threats + softCues),
    ]

    public var featureSets: [FeatureSet]
    /// Features held at a fixed weight instead of fitted (left out of every feature set). Empty
    /// by default; `threatRules` holds the threats at their rule weights, for a team that wants a
    /// threat to raise the risk itself although the labelled sets hold too few threats to weigh
    /// them (see `temper flag fit --threat-rules`; a threat flags its conversation either way).
    public var rules: [String: Double] = [:]
    public static let threatRules = Dictionary(uniqueKeysWithValues: threats.map { ($0, RiskModel.priorWeights[RiskFeatures.indexByName[$0]!]) })
    /// The strengths cross-validation chooses from (L2 penalty per 100 examples' weight, on standardised features).
    public var strengths: [Double] = [0.3, 1, 3, 10, 30, 100]
    public var folds = 5
    /// Cross-validation is repeated with this many different fold assignments: with a few
    /// dozen positives per set, one assignment's luck decides otherwise.
    public var repeats = 3
    public var iterations = 60
    /// How the candidates are compared.
    public var selection = Selection.worstMargin
    /// Sets (by number) that are also left out in turn: each candidate is fitted on the other
    /// sets and ranks this one unseen, as it will rank a deployment's conversations. Sets of
    /// one-message tweets are not worth leaving out: what only they show cannot be learnt from
    /// dialogues.
    public var leaveOutSets: Set<Int> = []
    /// Scores this close to the best are a tie (the noise of a few dozen positives is larger).
    public static let selectionTie = 0.002

    /// How cross-validation chooses the features and the strength.
    public enum Selection: String, Sendable, CaseIterable {
        /// The best held-out ROC AUC averaged over the sets (models v1–v4). An average lets the
        /// set with the most positives carry a candidate that loses on another set.
        case meanAUC = "mean-auc"
        /// The best worst set: each set's margin is the candidate's held-out AUC minus that of
        /// −mean customer sentiment (cross-validated, and for a set in `leaveOutSets` the lesser
        /// of that and its margin when left out), and the candidate's score is its smallest
        /// margin. Only candidates whose cross-validated P@10% is at least −mean sentiment's on
        /// every set compete (all of them when none is). Within `selectionTie` of the best, the
        /// simpler feature set wins, then the stronger pull.
        case worstMargin = "worst-margin"
    }

    public init(featureSets: [FeatureSet] = RiskModelTrainer.standardFeatureSets) {
        precondition(!featureSets.isEmpty, "at least one feature set")
        self.featureSets = featureSets
    }

    public struct Fit: Sendable {
        /// One per `RiskFeatures.names`, on the features' own scale; the bias is set 0's intercept.
        public var weights: [Double]
        /// Each set's intercept, on the features' own scale (`weights[0]` is `intercepts[0]`).
        public var intercepts: [Double]
        public var strength: Double
        public var featureSet: FeatureSet
        /// The factor the penalised weights were multiplied by for calibration (1: none).
        public var scale = 1.0
    }

    public struct Candidate: Sendable {
        public var featureSet: String
        public var strength: Double
        /// Held-out ROC AUC within each set and fold, averaged over folds and repeats, then sets.
        public var auc: Double
        /// Held-out precision in the riskiest 10%, averaged the same way (reported, not used to choose).
        public var precisionAt10: Double
        /// The same two figures for each set, in the order of the sets' numbers (nil: a set
        /// whose held-out scores could not be ranked, all of one class).
        public var perSet: [RankingQuality] = []
        /// Each set's ROC AUC when the candidate is fitted on the other sets only (nil: the set
        /// is not in `leaveOutSets`), in the order of the sets' numbers.
        public var leftOut: [Double?] = []
        /// What `selection` compares: the mean AUC, or the worst set's margin over −mean sentiment.
        public var score = 0.0
        /// Its cross-validated P@10% is at least −mean sentiment's on every set.
        public var keepsPrecision = true
    }

    public struct CrossValidation: Sendable {
        public var candidates: [Candidate]
        /// Ranking by mean customer sentiment (most negative first) on the same folds: the bar to clear.
        public var sentimentBaseline: Candidate
        public var chosen: Candidate
        public var chosenFeatureSet: FeatureSet
        public var selection: Selection
        /// False when no candidate kept −mean sentiment's P@10% on every set, so all competed.
        public var precisionKept = true
        /// The chosen candidate's held-out scores (without intercepts), one array per repeat:
        /// what the final weights are scaled on (`fitCrossValidated`).
        public var heldOutScores: [[Double]] = []
    }

    /// The fold of an example in one repeat, from its stable id.
    public static func fold(of id: String, repeat index: Int, folds: Int) -> Int {
        Int(HashSplit.hash(of: "fold\(index == 0 ? "" : String(index))/" + id) % UInt64(max(1, folds)))
    }

    /// Chooses features and strength by cross-validation, then fits on every example with them.
    public func fitCrossValidated(_ examples: [RiskTrainingExample]) -> (Fit, CrossValidation) {
        let validation = crossValidate(examples)
        var final = fit(examples, features: validation.chosenFeatureSet, strength: validation.chosen.strength)
        // The L2 pull that ranks best also shrinks the weights, which makes risks timid (all near
        // the base rate). One factor, fitted on the held-out scores with each set's own intercept
        // (Platt scaling), restores their spread; the intercepts are then refitted on every example.
        let sets = examples.map(\.set), labels = examples.map(\.positive), weights = examples.map(\.weight)
        let setCount = (sets.max() ?? 0) + 1
        let repeated = validation.heldOutScores.count
        func times<T>(_ values: [T]) -> [T] { Array([[T]](repeating: values, count: repeated).joined()) }
        // Rules are not scaled: only the fitted part of each score is.
        let ruled = examples.map(ruleOffset)
        let (scale, _) = Self.platt(scores: validation.heldOutScores.flatMap { zip($0, ruled).map { $0 - $1 } }, offsets: times(ruled),
                                    sets: times(sets), labels: times(labels), weights: times(weights), setCount: setCount, scale: nil)
        if scale > 0 {
            let fitted = Set(validation.chosenFeatureSet.features.filter { rules[$0] == nil }.map { RiskFeatures.indexByName[$0]! })
            final.weights = final.weights.enumerated().map { fitted.contains($0.offset) ? $0.element * scale : $0.element }
            final.intercepts = Self.platt(scores: examples.map { Self.slope($0, final) }, offsets: [Double](repeating: 0, count: examples.count),
                                          sets: sets, labels: labels, weights: weights, setCount: setCount, scale: 1).intercepts
            final.weights[0] = final.intercepts[0]
            final.scale = scale
        }
        return (final, validation)
    }

    public func crossValidate(_ examples: [RiskTrainingExample]) -> CrossValidation {
        let setIDs = Array(Set(examples.map(\.set))).sorted()
        let members = setIDs.map { id in examples.indices.filter { examples[$0].set == id } }
        let foldOf = (0..<repeats).map { r in examples.map { Self.fold(of: $0.id, repeat: r, folds: folds) } }
        /// Mean over sets of (mean over repeats of) the ROC AUC and P@10% of `scores(repeat)` within
        /// each set, and each set's own figures.
        func quality(_ scores: (Int) -> [Double]) -> (auc: Double, top: Double, perSet: [RankingQuality]) {
            var aucs = [Double](repeating: 0, count: setIDs.count), tops = aucs, counts = aucs
            for r in 0..<repeats {
                let all = scores(r)
                for (s, indices) in members.enumerated() {
                    let setScores = indices.map { all[$0] }, labels = indices.map { examples[$0].positive }
                    guard let auc = Metrics.rocAUC(scores: setScores, positives: labels) else { continue }
                    aucs[s] += auc
                    tops[s] += Metrics.precisionAtTop(fraction: 0.1, scores: setScores, positives: labels) ?? 0
                    counts[s] += 1
                }
            }
            let measured = counts.indices.filter { counts[$0] > 0 }
            let perSet = counts.indices.map { s in
                RankingQuality(auc: counts[s] > 0 ? aucs[s] / counts[s] : nil, precisionAt10: counts[s] > 0 ? tops[s] / counts[s] : nil)
            }
            guard !measured.isEmpty else { return (0, 0, perSet) }
            return (measured.map { aucs[$0] / counts[$0] }.reduce(0, +) / Double(measured.count),
                    measured.map { tops[$0] / counts[$0] }.reduce(0, +) / Double(measured.count), perSet)
        }
        let meanIndex = RiskFeatures.indexByName["sentiment_mean"]!
        let baseline = quality { _ in examples.map { -$0.features.values[meanIndex] } }
        let leftOutSets = setIDs.count > 1 ? setIDs.enumerated().filter { leaveOutSets.contains($0.element) } : []
        var candidates: [Candidate] = []
        var featureSetOf: [FeatureSet] = []
        var heldOutOf: [[[Double]]] = []
        for featureSet in featureSets {
            for strength in strengths {
                var heldOut: [[Double]] = []
                let measured = quality { r in
                    // Held-out scores without the intercepts: each fold's fit has its own, and
                    // ranking the pooled folds on them would reward the model whose intercepts
                    // move least between folds rather than the one that ranks best.
                    var scores = [Double](repeating: 0, count: examples.count)
                    for fold in 0..<folds {
                        let training = examples.indices.filter { foldOf[r][$0] != fold }.map { examples[$0] }
                        guard !training.isEmpty else { continue }
                        let fitted = fit(training, features: featureSet, strength: strength)
                        for index in examples.indices where foldOf[r][index] == fold {
                            scores[index] = Self.slope(examples[index], fitted)
                        }
                    }
                    heldOut.append(scores)
                    return scores
                }
                var leftOut = [Double?](repeating: nil, count: setIDs.count)
                for (s, id) in leftOutSets {
                    let fitted = fit(examples.filter { $0.set != id }, features: featureSet, strength: strength)
                    leftOut[s] = Metrics.rocAUC(scores: members[s].map { Self.slope(examples[$0], fitted) },
                                                positives: members[s].map { examples[$0].positive })
                }
                var candidate = Candidate(featureSet: featureSet.name, strength: strength, auc: measured.auc, precisionAt10: measured.top,
                                          perSet: measured.perSet, leftOut: leftOut)
                var margins: [Double] = []
                for s in setIDs.indices {
                    guard let auc = measured.perSet[s].auc, let plain = baseline.perSet[s].auc else { continue }
                    margins.append(min(auc - plain, leftOut[s].map { $0 - plain } ?? .infinity))
                    if let top = measured.perSet[s].precisionAt10, let plainTop = baseline.perSet[s].precisionAt10, top < plainTop - 1e-12 {
                        candidate.keepsPrecision = false
                    }
                }
                candidate.score = selection == .meanAUC ? measured.auc : (margins.min() ?? 0)
                candidates.append(candidate)
                featureSetOf.append(featureSet)
                heldOutOf.append(heldOut)
            }
        }
        var chosen = 0
        var precisionKept = true
        switch selection {
        case .meanAUC:
            // The best ranking; a tie (within rounding) keeps the earlier: fewer features, and
            // among equals the stronger pull (strengths are tried weakest first, so a tie moves on).
            for (index, candidate) in candidates.enumerated().dropFirst() {
                let best = candidates[chosen]
                if candidate.score > best.score + 1e-9
                    || (abs(candidate.score - best.score) <= 1e-9 && featureSetOf[chosen] == featureSetOf[index] && candidate.strength > best.strength) {
                    chosen = index
                }
            }
        case .worstMargin:
            var pool = candidates.indices.filter { candidates[$0].keepsPrecision }
            if pool.isEmpty {
                pool = Array(candidates.indices)
                precisionKept = false
            }
            let best = pool.map { candidates[$0].score }.max()!
            let tied = pool.filter { candidates[$0].score >= best - Self.selectionTie }
            // Candidates come feature set by feature set, so the first tied one has the simplest set.
            let simplest = featureSetOf[tied[0]]
            chosen = tied.filter { featureSetOf[$0] == simplest }.max { candidates[$0].strength < candidates[$1].strength }!
        }
        return CrossValidation(candidates: candidates,
                               sentimentBaseline: Candidate(featureSet: "−mean customer sentiment", strength: 0, auc: baseline.auc, precisionAt10: baseline.top,
                                                            perSet: baseline.perSet),
                               chosen: candidates[chosen], chosenFeatureSet: featureSetOf[chosen], selection: selection,
                               precisionKept: precisionKept, heldOutScores: heldOutOf[chosen])
    }

    /// Logistic regression of the labels on one score with an intercept per set: the score's
    /// factor and the intercepts (with `scale` given, only the intercepts are fitted).
    static func platt(scores: [Double], offsets: [Double], sets: [Int], labels: [Bool], weights: [Double], setCount: Int, scale fixed: Double?) -> (scale: Double, intercepts: [Double]) {
        let size = setCount + (fixed == nil ? 1 : 0)
        var theta = [Double](repeating: 0, count: size)
        if fixed == nil { theta[setCount] = 1 }
        func z(_ i: Int, _ theta: [Double]) -> Double { theta[sets[i]] + (fixed ?? theta[setCount]) * scores[i] + offsets[i] }
        func objective(_ theta: [Double]) -> Double {
            var total = 0.0
            for i in scores.indices {
                let value = z(i, theta)
                total += weights[i] * ((value > 0 ? value + log1p(exp(-value)) : log1p(exp(value))) - (labels[i] ? value : 0))
            }
            return total + theta.reduce(0) { $0 + 1e-6 * $1 * $1 }
        }
        var current = objective(theta)
        for _ in 0..<60 {
            var gradient = [Double](repeating: 0, count: size)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
            for i in scores.indices {
                let p = 1 / (1 + exp(-z(i, theta)))
                let residual = weights[i] * (p - (labels[i] ? 1 : 0)), curvature = weights[i] * max(p * (1 - p), 1e-9)
                var x = [Double](repeating: 0, count: size)
                x[sets[i]] = 1
                if fixed == nil { x[setCount] = scores[i] }
                for a in 0..<size where x[a] != 0 {
                    gradient[a] += residual * x[a]
                    for b in 0..<size where x[b] != 0 { hessian[a][b] += curvature * x[a] * x[b] }
                }
            }
            for k in 0..<size {
                gradient[k] += 2e-6 * theta[k]
                hessian[k][k] += 2e-6
            }
            guard let step = solve(hessian, gradient),
                  let next = dampedStep(from: theta, value: current, step: step, objective: objective) else { break }
            (theta, current) = (next.theta, next.value)
            if (next.step.map(abs).max() ?? 0) < 1e-10 { break }
        }
        return (fixed ?? theta[setCount], Array(theta[0..<setCount]))
    }

    /// A Newton step taken as far as it helps: halved (at most 40 times) until the objective does
    /// not rise. Nil when no halving helps — the fit has converged as far as doubles allow.
    static func dampedStep(from theta: [Double], value current: Double, step: [Double],
                           objective: ([Double]) -> Double) -> (theta: [Double], value: Double, step: [Double])? {
        var step = step
        var candidate = zip(theta, step).map { $0 - $1 }
        var value = objective(candidate)
        var halvings = 0
        while value > current, halvings < 40 {
            step = step.map { $0 / 2 }
            candidate = zip(theta, step).map { $0 - $1 }
            value = objective(candidate)
            halvings += 1
        }
        return value <= current ? (candidate, value, step) : nil
    }

    /// What the rules add to an example's score.
    func ruleOffset(_ example: RiskTrainingExample) -> Double {
        rules.keys.sorted().reduce(0) { $0 + rules[$1]! * example.features[$1] }
    }

    /// The fitted score without any intercept (rules included): what ranks within a set.
    static func slope(_ example: RiskTrainingExample, _ fit: Fit) -> Double {
        var z = 0.0
        for (w, x) in zip(fit.weights.dropFirst(), example.features.values.dropFirst()) { z += w * x }
        return z
    }

    /// Fits `features` with one intercept per set (sets are numbered 0…; a set without examples
    /// gets set 0's intercept). Features are standardised by their weighted mean and standard
    /// deviation over `examples`; a feature that never varies there gets weight 0.
    public func fit(_ examples: [RiskTrainingExample], features featureSet: FeatureSet, strength: Double) -> Fit {
        let sets = (examples.map(\.set).max() ?? 0) + 1
        let fittedNames = featureSet.features.filter { rules[$0] == nil }
        let columns = fittedNames.map { RiskFeatures.indexByName[$0]! }
        let totalWeight = max(examples.reduce(0) { $0 + $1.weight }, 1e-12)
        var means = [Double](repeating: 0, count: columns.count), deviations = means
        for (k, column) in columns.enumerated() {
            let mean = examples.reduce(0) { $0 + $1.weight * $1.features.values[column] } / totalWeight
            let variance = examples.reduce(0) { $0 + $1.weight * ($1.features.values[column] - mean) * ($1.features.values[column] - mean) } / totalWeight
            means[k] = mean
            deviations[k] = variance.squareRoot()
        }
        let ruled = examples.map(ruleOffset)
        func newton(_ used: [Int]) -> [Double] {
            let width = used.count
            let size = width + sets
            let rows: [[Double]] = examples.map { example in
                var x = used.map { (example.features.values[columns[$0]] - means[$0]) / deviations[$0] }
                for s in 0..<sets { x.append(example.set == s ? 1 : 0) }
                return x
            }
            // The penalty is scaled to the data (per 100 examples' weight), so one strength means the
            // same for any amount of data. Intercepts get only a whisker, to keep the system solvable.
            let scale = totalWeight / 100
            let penalty = [Double](repeating: strength * scale, count: width) + [Double](repeating: 1e-6 * scale, count: sets)
            var theta = [Double](repeating: 0, count: size)
            for s in 0..<sets {
                // Start each intercept at its set's base rate (clamped), so the first step is short.
                let members = examples.filter { $0.set == s }
                let weight = members.reduce(0) { $0 + $1.weight }, positive = members.filter(\.positive).reduce(0) { $0 + $1.weight }
                let rate = weight > 0 ? min(max(positive / weight, 0.001), 0.999) : 0.5
                theta[width + s] = log(rate / (1 - rate))
            }
            // The penalised negative log-likelihood, to keep Newton's steps honest: a step that does
            // not lower it is halved until it does.
            func objective(_ theta: [Double]) -> Double {
                var total = 0.0
                for (i, x) in rows.enumerated() {
                    var z = ruled[i]
                    for k in 0..<size { z += theta[k] * x[k] }
                    // log(1 + e^z) − y·z, computed without overflow.
                    let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
                    total += examples[i].weight * (softplus - (examples[i].positive ? z : 0))
                }
                for k in 0..<size { total += 0.5 * penalty[k] * theta[k] * theta[k] }
                return total
            }
            var current = objective(theta)
            for _ in 0..<iterations {
                var gradient = [Double](repeating: 0, count: size)
                var hessian = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
                for (i, x) in rows.enumerated() {
                    var z = ruled[i]
                    for k in 0..<size { z += theta[k] * x[k] }
                    let p = 1 / (1 + exp(-z))
                    let weight = examples[i].weight
                    let residual = weight * (p - (examples[i].positive ? 1 : 0))
                    let curvature = weight * max(p * (1 - p), 1e-9)
                    for a in 0..<size where x[a] != 0 {
                        gradient[a] += residual * x[a]
                        for b in a..<size where x[b] != 0 { hessian[a][b] += curvature * x[a] * x[b] }
                    }
                }
                for a in 0..<size {
                    for b in 0..<a { hessian[a][b] = hessian[b][a] }
                }
                for k in 0..<size {
                    gradient[k] += penalty[k] * theta[k]
                    hessian[k][k] += penalty[k] + 1e-9
                }
                guard let step = Self.solve(hessian, gradient),
                      let next = Self.dampedStep(from: theta, value: current, step: step, objective: objective) else { break }
                (theta, current) = (next.theta, next.value)
                if (next.step.map(abs).max() ?? 0) < 1e-10 { break }
            }
            return theta
        }
        // A cue, a request left unanswered, an agent's regret is evidence of trouble, never against
        // it: a fit that gives one a negative weight (two legal threats in a set, both in happy
        // dialogues) is fitting noise, so that feature is dropped and the rest refitted.
        var used = columns.indices.filter { deviations[$0] > 1e-9 }
        var theta: [Double] = []
        while true {
            theta = newton(used)
            let wrongSign = used.indices.filter { theta[$0] < 0 && Self.nonNegative.contains(fittedNames[used[$0]]) }
            guard !wrongSign.isEmpty else { break }
            used = used.indices.filter { !wrongSign.contains($0) }.map { used[$0] }
        }
        let width = used.count
        // Back to the features' own scale: w = β/σ, and each intercept absorbs −Σ β·μ/σ.
        var weights = [Double](repeating: 0, count: RiskFeatures.count)
        for (name, weight) in rules { weights[RiskFeatures.indexByName[name]!] = weight }
        var shift = 0.0
        for (k, index) in used.enumerated() {
            weights[columns[index]] = theta[k] / deviations[index]
            shift -= theta[k] * means[index] / deviations[index]
        }
        let intercepts = (0..<sets).map { theta[width + $0] + shift }
        weights[0] = intercepts[0]
        return Fit(weights: weights, intercepts: intercepts, strength: strength, featureSet: featureSet)
    }

    /// Gaussian elimination with partial pivoting (the system is small and positive definite).
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
        var a = matrix
        var b = vector
        let n = b.count
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }), abs(a[pivot][column]) > 1e-12 else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for r in (column + 1)..<n where a[r][column] != 0 {
                let factor = a[r][column] / a[column][column]
                for c in column..<n { a[r][c] -= factor * a[column][c] }
                b[r] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[r]
            for c in (r + 1)..<n { sum -= a[r][c] * x[c] }
            x[r] = sum / a[r][r]
        }
        return x
    }
}

// MARK: - Measuring

/// One bin of a reliability table: predicted risk against what happened.
public struct ReliabilityBin: Sendable, Equatable {
    public var count: Int
    public var lowest: Double
    public var highest: Double
    public var meanPredicted: Double
    public var observedRate: Double
}

/// How far `risk` can be read as a probability.
public enum RiskCalibration {
    /// Equal-count bins (deciles for 10) of the rows sorted by predicted risk (ties in input
    /// order): each bin's mean prediction against its observed rate. Fewer rows than bins give
    /// one row per bin.
    public static func reliability(risks: [Double], positives: [Bool], bins: Int = 10) -> [ReliabilityBin] {
        precondition(risks.count == positives.count, "one label per risk")
        let order = risks.indices.sorted { (risks[$0], $0) < (risks[$1], $1) }
        let n = order.count
        guard n > 0 else { return [] }
        let binCount = min(bins, n)
        var result: [ReliabilityBin] = []
        for b in 0..<binCount {
            let slice = order[(b * n / binCount)..<((b + 1) * n / binCount)]
            guard !slice.isEmpty else { continue }
            let predicted = slice.map { risks[$0] }
            let observed = slice.filter { positives[$0] }.count
            result.append(ReliabilityBin(count: slice.count, lowest: predicted.min()!, highest: predicted.max()!,
                                         meanPredicted: predicted.reduce(0, +) / Double(slice.count),
                                         observedRate: Double(observed) / Double(slice.count)))
        }
        return result
    }

    /// Mean squared difference between risk and outcome (0 perfect; always guessing the base rate
    /// r scores r(1−r)).
    public static func brier(risks: [Double], positives: [Bool]) -> Double {
        guard !risks.isEmpty else { return 0 }
        var total = 0.0
        for (risk, positive) in zip(risks, positives) {
            let error = risk - (positive ? 1 : 0)
            total += error * error
        }
        return total / Double(risks.count)
    }

    /// Expected calibration error over the reliability bins: the count-weighted mean gap between
    /// mean prediction and observed rate.
    public static func expectedCalibrationError(risks: [Double], positives: [Bool], bins: Int = 10) -> Double {
        let table = reliability(risks: risks, positives: positives, bins: bins)
        let n = Double(risks.count)
        guard n > 0 else { return 0 }
        return table.reduce(0) { $0 + Double($1.count) / n * abs($1.meanPredicted - $1.observedRate) }
    }
}

/// Ranking quality of one score on one set: ROC AUC and precision in the top 10%.
public struct RankingQuality: Sendable, Equatable {
    public var auc: Double?
    public var precisionAt10: Double?

    public init(scores: [Double], positives: [Bool]) {
        auc = Metrics.rocAUC(scores: scores, positives: positives)
        precisionAt10 = Metrics.precisionAtTop(fraction: 0.1, scores: scores, positives: positives)
    }

    public init(auc: Double?, precisionAt10: Double?) {
        self.auc = auc
        self.precisionAt10 = precisionAt10
    }
}

/// How sure a difference in ROC AUC between two scores of the same rows is: the difference,
/// and a percentile interval from a paired bootstrap (both scores on the same resampled rows).
/// Resampling is stratified by class, so every resample keeps the set's positives and
/// negatives — with a dozen positives, a plain resample's count swings as much as the scores do.
/// Deterministic: a fixed seed gives the same interval every run.
public struct AUCDifference: Sendable, Equatable {
    public var difference: Double
    public var low: Double
    public var high: Double
    public var level: Double
    public var resamples: Int

    public static let defaultResamples = 2000
    public static let defaultSeed: UInt64 = 14

    /// Nil when the rows cannot be ranked (all of one class).
    public init?(scores: [Double], against baseline: [Double], positives: [Bool], level: Double = 0.95,
                 resamples: Int = AUCDifference.defaultResamples, seed: UInt64 = AUCDifference.defaultSeed) {
        precondition(scores.count == baseline.count && scores.count == positives.count, "one baseline score and label per score")
        precondition(resamples > 0 && level > 0 && level < 1, "a level in 0…1 and at least one resample")
        guard let auc = Metrics.rocAUC(scores: scores, positives: positives),
              let plain = Metrics.rocAUC(scores: baseline, positives: positives) else { return nil }
        let positiveRows = positives.indices.filter { positives[$0] }, negativeRows = positives.indices.filter { !positives[$0] }
        var random = SplitMix64(seed: seed)
        var differences: [Double] = []
        differences.reserveCapacity(resamples)
        var a: [Double] = [], b: [Double] = [], labels: [Bool] = []
        for _ in 0..<resamples {
            a.removeAll(keepingCapacity: true)
            b.removeAll(keepingCapacity: true)
            labels.removeAll(keepingCapacity: true)
            for rows in [positiveRows, negativeRows] {
                for _ in rows.indices {
                    let row = rows[random.next(below: rows.count)]
                    a.append(scores[row])
                    b.append(baseline[row])
                    labels.append(positives[row])
                }
            }
            differences.append(Metrics.rocAUC(scores: a, positives: labels)! - Metrics.rocAUC(scores: b, positives: labels)!)
        }
        differences.sort()
        let tail = (1 - level) / 2
        difference = auc - plain
        low = differences[min(resamples - 1, Int((tail * Double(resamples)).rounded(.down)))]
        high = differences[max(0, Int(((1 - tail) * Double(resamples)).rounded(.up)) - 1)]
        self.level = level
        self.resamples = resamples
    }
}

/// How often a conversation with a reason really went wrong.
public struct ReasonPrecision: Sendable, Equatable {
    public var code: CueCode
    /// Conversations with this reason, and how many of them were positives.
    public var count: Int
    public var positives: Int
    /// The same among the flagged ones (risk ≥ the threshold, or a threat).
    public var flaggedCount: Int
    public var flaggedPositives: Int
}

/// Everything `temper flag evaluate` reports about one set's held-out half.
public struct EscalationEvaluation: Sendable {
    public var dataset: String
    public var count: Int
    public var positives: Int
    public var risk: RankingQuality
    /// Baseline: rank by mean customer sentiment, most negative first.
    public var sentiment: RankingQuality
    /// Baseline: the previous model's risk (nil when none was given).
    public var previous: RankingQuality?
    public var brier: Double
    public var calibrationError: Double
    public var reliability: [ReliabilityBin]
    public var meanRisk: Double
    public var observedRate: Double
    public var threshold: Double
    public var flagged: Int
    public var flaggedPositives: Int
    public var reasons: [ReasonPrecision]
    /// The set's own intercept offset the risks were computed with (nil: the model's bias).
    public var interceptOffset: Double?
    /// Risk's AUC minus −mean sentiment's, and minus the previous model's, with their paired
    /// bootstrap intervals (nil: all of one class, or no previous model).
    public var overSentiment: AUCDifference?
    public var overPrevious: AUCDifference?

    /// One row per held-out conversation: its risk, the previous model's, its mean customer
    /// sentiment, its reasons and its label.
    public init(dataset: String, risks: [Double], previousRisks: [Double]?, sentimentMeans: [Double],
                reasons: [[CueCode]], positives: [Bool], threshold: Double, interceptOffset: Double? = nil) {
        self.dataset = dataset
        self.interceptOffset = interceptOffset
        count = risks.count
        self.positives = positives.filter { $0 }.count
        risk = RankingQuality(scores: risks, positives: positives)
        sentiment = RankingQuality(scores: sentimentMeans.map { -$0 }, positives: positives)
        previous = previousRisks.map { RankingQuality(scores: $0, positives: positives) }
        overSentiment = AUCDifference(scores: risks, against: sentimentMeans.map { -$0 }, positives: positives)
        overPrevious = previousRisks.flatMap { AUCDifference(scores: risks, against: $0, positives: positives) }
        brier = RiskCalibration.brier(risks: risks, positives: positives)
        calibrationError = RiskCalibration.expectedCalibrationError(risks: risks, positives: positives)
        reliability = RiskCalibration.reliability(risks: risks, positives: positives)
        meanRisk = count > 0 ? risks.reduce(0, +) / Double(count) : 0
        observedRate = count > 0 ? Double(self.positives) / Double(count) : 0
        self.threshold = threshold
        let isFlagged = zip(risks, reasons).map { RiskModel.isFlagged(risk: $0, threshold: threshold, reasons: $1) }
        flagged = isFlagged.filter { $0 }.count
        flaggedPositives = zip(isFlagged, positives).filter { $0 && $1 }.count
        var table: [CueCode: ReasonPrecision] = [:]
        for (index, codes) in reasons.enumerated() {
            for code in Set(codes) {
                var entry = table[code] ?? ReasonPrecision(code: code, count: 0, positives: 0, flaggedCount: 0, flaggedPositives: 0)
                entry.count += 1
                if positives[index] { entry.positives += 1 }
                if isFlagged[index] {
                    entry.flaggedCount += 1
                    if positives[index] { entry.flaggedPositives += 1 }
                }
                table[code] = entry
            }
        }
        self.reasons = table.values.sorted { $0.code < $1.code }
    }

    public var flaggedPrecision: Double? { flagged > 0 ? Double(flaggedPositives) / Double(flagged) : nil }
}
