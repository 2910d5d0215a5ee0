import Foundation
import TemperIO
import TemperSentiment

/// A conversation with a gold outcome, for fitting and measuring the risk model.
public struct LabelledConversation: Sendable {
    public var conversation: Conversation
    /// True for the outcome the risk should rank first (dissatisfied, complaint).
    public var positive: Bool
    /// Which half of the deterministic `HashSplit` it belongs to.
    public var half: HashSplit.Half
}

/// The labelled sets the risk model is fitted and measured on. Both are proxies: neither
/// records escalations, so "dissatisfied at the end" and "is a complaint" stand in for them.
public enum EscalationDataset: String, Sendable, CaseIterable {
    /// `dialogue-satisfaction/{MWOZ,ReDial}.txt` (Sun et al., SIGIR 2021): task dialogues with
    /// an OVERALL satisfaction line; a mean below 2.5 (about 5%) is a positive. USER turns are
    /// the customer, SYSTEM turns the agent. A directory reads every `.txt` file in it.
    case dialogueSatisfaction = "dialogue-satisfaction"
    /// `complaints-dev.tsv` (Preoţiuc-Pietro et al., ACL 2019): tweets to customer-service
    /// accounts, 1 = complaint; each tweet is a one-message conversation.
    case complaints

    /// Dissatisfied below this OVERALL mean, as the data set's README defines it.
    static let dissatisfiedBelow = 2.5
    /// Half of each set trains, half tests, by `HashSplit` of the conversation's text.
    static let trainFraction = 0.5

    public func read(path: String) throws -> [LabelledConversation] {
        switch self {
        case .dialogueSatisfaction:
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let files = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".txt") }.sorted()
                return try files.flatMap { try Self.readDialogues(path: path + "/" + $0) }
            }
            return try Self.readDialogues(path: path)
        case .complaints:
            var options = LabelledCorpusReader.Options()
            options.labelMapping = .negativeFlag
            return try LabelledCorpusReader.read(path: path, options: options).enumerated().map { index, example in
                let conversation = Conversation(id: "complaints-\(example.line)", channel: "twitter",
                                                messages: [Message(role: .customer, text: example.text)], line: example.line)
                return LabelledConversation(conversation: conversation, positive: example.label == .negative,
                                            half: HashSplit.half(of: example.text, trainFraction: Self.trainFraction))
            }
        }
    }

    /// `ROLE \t text \t action \t scores` per turn, a blank line between dialogues, and a final
    /// `USER \t OVERALL \t \t s1,s2,…` line per dialogue.
    static func readDialogues(path: String) throws -> [LabelledConversation] {
        let reader = try LineReader(path: path)
        let name = (path as NSString).lastPathComponent.replacingOccurrences(of: ".txt", with: "")
        var result: [LabelledConversation] = []
        var messages: [Message] = []
        var firstLine = 0
        var overall: Double?
        func finish() {
            defer { messages.removeAll(); overall = nil }
            guard !messages.isEmpty, let overall else { return }
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
            guard fields.count >= 2 else { return }
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
        return result
    }
}

/// Fits `RiskModel` weights: L2-regularised (MAP) logistic regression pulled towards the rule
/// priors, by Newton's method, deterministic. Each data set gets its own intercept offset
/// (its base rate: 5% dissatisfied dialogues versus ~40% complaints says nothing about
/// escalation), and the shipped bias is the dialogue set's, the conversational one.
public struct RiskModelTrainer {
    public var iterations = 50
    var prior: [Double] = RiskModel.priorWeights
    var precision: [Double] = RiskModel.priorPrecision

    public init() {}

    /// `groups[i]` is the data-set index of example i (0 is the one whose intercept is kept).
    public func fit(features: [RiskFeatures], positives: [Bool], groups: [Int]) -> [Double] {
        let width = RiskFeatures.count
        let groupCount = (groups.max() ?? 0) + 1
        // Parameters: the weights, then one intercept offset per extra group (prior 0, loose).
        let size = width + groupCount - 1
        var theta = prior + [Double](repeating: 0, count: groupCount - 1)
        let thetaPrior = theta
        let thetaPrecision = precision + [Double](repeating: 0.01, count: groupCount - 1)
        let n = Double(features.count)
        func row(_ i: Int) -> [Double] {
            var x = features[i].values
            for g in 1..<max(groupCount, 1) { x.append(groups[i] == g ? 1 : 0) }
            return x
        }
        let rows = features.indices.map(row)
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: size)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
            for (i, x) in rows.enumerated() {
                var z = 0.0
                for k in 0..<size { z += theta[k] * x[k] }
                let p = 1 / (1 + exp(-z))
                let residual = p - (positives[i] ? 1 : 0)
                let curvature = max(p * (1 - p), 1e-9)
                for a in 0..<size where x[a] != 0 {
                    gradient[a] += residual * x[a]
                    for b in 0..<size where x[b] != 0 { hessian[a][b] += curvature * x[a] * x[b] }
                }
            }
            // The prior is scaled to the data: precision per example, so its pull does not
            // vanish as the sets grow.
            for k in 0..<size {
                gradient[k] += thetaPrecision[k] * n / 100 * (theta[k] - thetaPrior[k])
                hessian[k][k] += thetaPrecision[k] * n / 100
            }
            guard let step = Self.solve(hessian, gradient) else { break }
            var largest = 0.0
            for k in 0..<size {
                theta[k] -= step[k]
                largest = max(largest, abs(step[k]))
            }
            if largest < 1e-9 { break }
        }
        return Array(theta[0..<width])
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

/// Ranking quality of the risk and of the baseline on one set's held-out half.
public struct EscalationEvaluation: Sendable {
    public var dataset: String
    public var count: Int
    public var positives: Int
    public var riskAUC: Double?
    public var riskPrecisionAt10: Double?
    /// Baseline: rank by mean customer sentiment, most negative first.
    public var baselineAUC: Double?
    public var baselinePrecisionAt10: Double?
    /// Mean squared error of `risk` as a probability, and the mean risk against the observed
    /// rate, to show how well it reads as a probability on this set.
    public var brier: Double
    public var meanRisk: Double
    public var observedRate: Double

    public init(dataset: String, risks: [Double], baselineScores: [Double], positives: [Bool]) {
        self.dataset = dataset
        count = risks.count
        self.positives = positives.filter { $0 }.count
        riskAUC = Metrics.rocAUC(scores: risks, positives: positives)
        riskPrecisionAt10 = Metrics.precisionAtTop(fraction: 0.1, scores: risks, positives: positives)
        baselineAUC = Metrics.rocAUC(scores: baselineScores, positives: positives)
        baselinePrecisionAt10 = Metrics.precisionAtTop(fraction: 0.1, scores: baselineScores, positives: positives)
        var squared = 0.0
        for (risk, positive) in zip(risks, positives) { squared += (risk - (positive ? 1 : 0)) * (risk - (positive ? 1 : 0)) }
        brier = count > 0 ? squared / Double(count) : 0
        meanRisk = count > 0 ? risks.reduce(0, +) / Double(count) : 0
        observedRate = count > 0 ? Double(self.positives) / Double(count) : 0
    }
}
