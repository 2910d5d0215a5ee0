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

/// One training row: the features, the label, which set's intercept applies, and its weight.
public struct RiskTrainingExample: Sendable {
    public var features: RiskFeatures
    public var positive: Bool
    /// Index of the example's set group (0 is the group whose intercept becomes the model's bias).
    public var group: Int
    public var weight: Double
    /// Which cross-validation fold it belongs to (assigned by a hash of its id, so stable).
    public var fold: Int
    /// Which labelled set it comes from: cross-validation ranks within each set.
    public var set: Int

    public init(features: RiskFeatures, positive: Bool, group: Int, weight: Double = 1, fold: Int = 0, set: Int? = nil) {
        self.features = features
        self.positive = positive
        self.group = group
        self.weight = weight
        self.fold = fold
        self.set = set ?? group
    }
}

/// Fits risk model weights: L2-regularised (MAP) logistic regression pulled towards a prior
/// (the rule weights), by Newton's method, deterministic. Each group of sets gets its own
/// intercept offset: base rates (5% dissatisfied dialogues, 40% complaint tweets) say nothing
/// about escalation, so they must not move the shared weights. The regularisation strength is
/// chosen by k-fold cross-validation on the examples given (the train halves): the strength
/// whose held-out risks rank best, by ROC AUC within each set (pooled over the folds) averaged
/// over the sets. Ranking is what the risk is for, and a mean over sets keeps the biggest set
/// from deciding alone.
public struct RiskModelTrainer: Sendable {
    public var prior: [Double]
    public var precision: [Double]
    public var iterations = 60
    /// The strengths cross-validation chooses from (multiples of `precision`).
    public var strengths: [Double] = [0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000]
    public var folds = 5

    public init(prior: [Double] = RiskModel.priorWeights, precision: [Double] = RiskModel.priorPrecision) {
        precondition(prior.count == RiskFeatures.count && precision.count == RiskFeatures.count, "one prior per feature")
        self.prior = prior
        self.precision = precision
    }

    public struct Fit: Sendable {
        public var weights: [Double]
        /// Intercept offset of groups 1…, relative to the bias (group 0's intercept).
        public var offsets: [Double]
        public var strength: Double
    }

    public struct CrossValidation: Sendable {
        /// Each strength tried and its held-out ranking quality (mean over sets of the ROC AUC).
        public var scores: [(strength: Double, auc: Double)]
        public var chosen: Double
    }

    /// The fold of an example from its stable id.
    public static func fold(of id: String, folds: Int) -> Int {
        Int(HashSplit.hash(of: "fold/" + id) % UInt64(max(1, folds)))
    }

    /// Chooses the strength by cross-validation, then fits on every example with it.
    public func fitCrossValidated(_ examples: [RiskTrainingExample]) -> (Fit, CrossValidation) {
        let validation = crossValidate(examples)
        return (fit(examples, strength: validation.chosen), validation)
    }

    public func crossValidate(_ examples: [RiskTrainingExample]) -> CrossValidation {
        let groupCount = (examples.map(\.group).max() ?? 0) + 1
        let setIDs = Array(Set(examples.map(\.set))).sorted()
        var scores: [(Double, Double)] = []
        for strength in strengths {
            var heldOut = [Double](repeating: 0, count: examples.count)
            for fold in 0..<folds {
                let training = examples.filter { $0.fold != fold }
                guard !training.isEmpty else { continue }
                let fitted = fit(training, strength: strength, groupCount: groupCount)
                for (index, example) in examples.enumerated() where example.fold == fold {
                    heldOut[index] = Self.probability(example, fitted)
                }
            }
            var total = 0.0, measured = 0
            for id in setIDs {
                let members = examples.indices.filter { examples[$0].set == id }
                if let auc = Metrics.rocAUC(scores: members.map { heldOut[$0] }, positives: members.map { examples[$0].positive }) {
                    total += auc
                    measured += 1
                }
            }
            scores.append((strength, measured > 0 ? total / Double(measured) : 0))
        }
        // The best ranking; a tie (within rounding) goes to the stronger pull, the simpler model.
        var chosen = scores.first?.0 ?? 1
        var best = -Double.infinity
        for (strength, auc) in scores where auc > best + 1e-9 || (abs(auc - best) <= 1e-9 && strength > chosen) {
            best = max(best, auc)
            chosen = strength
        }
        return CrossValidation(scores: scores.map { (strength: $0.0, auc: $0.1) }, chosen: chosen)
    }

    static func probability(_ example: RiskTrainingExample, _ fit: Fit) -> Double {
        var z = 0.0
        for (w, x) in zip(fit.weights, example.features.values) { z += w * x }
        if example.group > 0, example.group - 1 < fit.offsets.count { z += fit.offsets[example.group - 1] }
        return 1 / (1 + exp(-z))
    }

    public func fit(_ examples: [RiskTrainingExample], strength: Double, groupCount: Int? = nil) -> Fit {
        let width = RiskFeatures.count
        let groups = max(groupCount ?? ((examples.map(\.group).max() ?? 0) + 1), 1)
        let size = width + groups - 1
        var theta = prior + [Double](repeating: 0, count: groups - 1)
        let thetaPrior = theta
        // Offsets are held loosely: a set's base rate is whatever the data says.
        // A zero precision (the bias) still gets a whisker, so the system stays solvable.
        let thetaPrecision = precision.map { max($0 * strength, 0.001) } + [Double](repeating: 0.001, count: groups - 1)
        let totalWeight = examples.reduce(0) { $0 + $1.weight }
        // The prior is scaled to the data (precision per 100 examples' weight) so its pull does
        // not vanish as the sets grow and one strength means the same for any amount of data.
        let scale = max(totalWeight, 1) / 100
        let rows: [[Double]] = examples.map { example in
            var x = example.features.values
            for g in 1..<groups { x.append(example.group == g ? 1 : 0) }
            return x
        }
        // The penalised negative log-likelihood, to keep Newton's steps honest: a full step from
        // far away can overshoot (a group at 80% positives seen from a 10% start), so a step that
        // does not lower it is halved until it does.
        func objective(_ theta: [Double]) -> Double {
            var total = 0.0
            for (i, x) in rows.enumerated() {
                var z = 0.0
                for k in 0..<size { z += theta[k] * x[k] }
                // log(1 + e^z) − y·z, computed without overflow.
                let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
                total += examples[i].weight * (softplus - (examples[i].positive ? z : 0))
            }
            for k in 0..<size { total += 0.5 * thetaPrecision[k] * scale * (theta[k] - thetaPrior[k]) * (theta[k] - thetaPrior[k]) }
            return total
        }
        var current = objective(theta)
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: size)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
            for (i, x) in rows.enumerated() {
                var z = 0.0
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
                gradient[k] += thetaPrecision[k] * scale * (theta[k] - thetaPrior[k])
                hessian[k][k] += thetaPrecision[k] * scale + 1e-9
            }
            guard var step = Self.solve(hessian, gradient) else { break }
            var candidate = zip(theta, step).map { $0 - $1 }
            var value = objective(candidate)
            var halvings = 0
            while value > current, halvings < 40 {
                step = step.map { $0 / 2 }
                candidate = zip(theta, step).map { $0 - $1 }
                value = objective(candidate)
                halvings += 1
            }
            guard value <= current else { break }
            theta = candidate
            current = value
            if (step.map(abs).max() ?? 0) < 1e-10 { break }
        }
        return Fit(weights: Array(theta[0..<width]), offsets: Array(theta[width...]), strength: strength)
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
}

/// How often a conversation with a reason really went wrong.
public struct ReasonPrecision: Sendable, Equatable {
    public var code: CueCode
    /// Conversations with this reason, and how many of them were positives.
    public var count: Int
    public var positives: Int
    /// The same among the flagged ones (risk ≥ the threshold).
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

    /// One row per held-out conversation: its risk, the previous model's, its mean customer
    /// sentiment, its reasons and its label.
    public init(dataset: String, risks: [Double], previousRisks: [Double]?, sentimentMeans: [Double],
                reasons: [[CueCode]], positives: [Bool], threshold: Double) {
        self.dataset = dataset
        count = risks.count
        self.positives = positives.filter { $0 }.count
        risk = RankingQuality(scores: risks, positives: positives)
        sentiment = RankingQuality(scores: sentimentMeans.map { -$0 }, positives: positives)
        previous = previousRisks.map { RankingQuality(scores: $0, positives: positives) }
        brier = RiskCalibration.brier(risks: risks, positives: positives)
        calibrationError = RiskCalibration.expectedCalibrationError(risks: risks, positives: positives)
        reliability = RiskCalibration.reliability(risks: risks, positives: positives)
        meanRisk = count > 0 ? risks.reduce(0, +) / Double(count) : 0
        observedRate = count > 0 ? Double(self.positives) / Double(count) : 0
        self.threshold = threshold
        let isFlagged = risks.map { $0 >= threshold }
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
