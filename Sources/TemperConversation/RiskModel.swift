import Foundation
import TemperIO
import TemperSentiment

/// What the risk model can read about a conversation, by name. Every value is scaled to a few
/// units so the weights are comparable and one regularisation strength suits them all.
///
/// A model file names the features it uses (any subset of `names`, in any order), so a model
/// fitted before a feature existed still loads and scores the same: the first shipped model
/// (`risk.model.v1.json`) uses the first nineteen; fitted models use the subset cross-validation chose.
public struct RiskFeatures: Sendable, Equatable {
    /// The cue indicators, in the order of `names` after `bias`.
    static let cueOrder: [CueCode] = [.anger, .insult, .churnThreat, .legalThreat, .publicShaming, .managerDemand,
                                      .repeatContact, .longWait, .sentimentDrop, .agentFailure, .unanswered, .taskFailure]

    public static let names = [
        "bias",
        "anger", "insult", "churn_threat", "legal_threat", "public_shaming", "manager_demand",
        "repeat_contact", "long_wait", "sentiment_drop", "agent_failure", "unanswered", "task_failure",
        "sentiment_mean", "sentiment_min", "sentiment_last", "sentiment_trend", "negative_share",
        "agent_regret_share", "customer_messages",
        "sentiment_last_two", "negative_probability", "repeated_requests", "unanswered_request",
        "problem_share", "negation_share",
    ]
    static var count: Int { names.count }
    static let indexByName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })

    /// One value per entry of `names`.
    public private(set) var values: [Double]

    public init(values: [Double]) {
        precondition(values.count == Self.count, "RiskFeatures needs \(Self.count) values")
        self.values = values
    }

    /// Cue indicators are 0/1 (a second anger word says little more than the first); sentiment
    /// values are compound scores in −1…1 (0 when the customer wrote nothing); the trend is the
    /// least-squares slope per customer message, clipped to ±1; counts are log-scaled; shares
    /// and probabilities are 0…1.
    init(cues: Set<CueCode>, sentiment: CustomerSentiment, agentRegretShare: Double, requests: RequestSignals, problemShare: Double) {
        var v = [Double](repeating: 0, count: Self.count)
        v[0] = 1
        for (offset, code) in Self.cueOrder.enumerated() where cues.contains(code) { v[1 + offset] = 1 }
        var next = 1 + Self.cueOrder.count
        func put(_ value: Double) {
            v[next] = value
            next += 1
        }
        put(sentiment.mean ?? 0)
        put(sentiment.min ?? 0)
        put(sentiment.last ?? 0)
        put(max(-1, min(1, sentiment.trend ?? 0)))
        put(sentiment.count > 0 ? Double(sentiment.negativeCount) / Double(sentiment.count) : 0)
        put(agentRegretShare)
        put(log1p(Double(sentiment.count)) / 3)
        let lastTwo = sentiment.scores.suffix(2)
        put(lastTwo.isEmpty ? 0 : lastTwo.reduce(0, +) / Double(lastTwo.count))
        put(requests.meanNegativeProbability)
        put(requests.repeatedShare)
        put(requests.endsOnUnansweredRequest ? 1 : 0)
        put(problemShare)
        put(requests.negationShare)
        values = v
    }

    public subscript(name: String) -> Double {
        values[Self.indexByName[name]!]
    }
}

public enum RiskLevel: String, Sendable, CaseIterable, Equatable {
    case low, medium, high
}

/// Where a model's weights came from: one labelled set it was fitted on.
public struct RiskTrainingSet: Sendable, Equatable {
    public var name: String
    /// `dialogue-satisfaction`, `complaints`, `transcripts` or `verdicts`.
    public var kind: String
    public var path: String
    public var examples: Int
    public var positives: Int
    /// The set's own intercept, relative to the model's bias: base rates differ between sets
    /// (5% dissatisfied dialogues, 40% complaint tweets) and say nothing about escalation.
    public var interceptOffset: Double

    public init(name: String, kind: String, path: String, examples: Int, positives: Int, interceptOffset: Double) {
        self.name = name
        self.kind = kind
        self.path = path
        self.examples = examples
        self.positives = positives
        self.interceptOffset = interceptOffset
    }
}

/// Escalation risk as a logistic model: `risk = 1 / (1 + exp(−w·x))` over named `RiskFeatures`.
///
/// The weights live in a versioned JSON file (`lexicons/risk.model.json` ships with Temper;
/// `temper flag fit` writes new ones), read by `load(path:)`: a model names the features it
/// uses and their weights, a bias (the intercept to use on conversations of unknown base rate)
/// and, for each labelled set it was fitted on, that set's own intercept as an offset from the
/// bias. `rules` holds the hand-set weights of the first model.
public struct RiskModel: Sendable, Equatable {
    public var featureNames: [String]
    public var weights: [Double]
    /// `flagged` is risk ≥ this (or a threat, `CueCode.threats`) unless the caller says otherwise.
    public var threshold: Double
    /// How the weights were obtained, in one line.
    public var provenance: String
    /// A short name for reports ("shipped v2", the file name).
    public var name: String
    /// The labelled sets the weights were fitted on (empty for hand-set weights).
    public var trainedOn: [RiskTrainingSet]
    /// The regularisation strength the fit used (nil for hand-set weights).
    public var regularisation: Double?
    /// Where each named feature sits in `RiskFeatures.values`.
    let featureIndices: [Int]

    /// At or above: a medium-risk conversation, worth a look when time allows.
    static let mediumThreshold = 0.25
    /// At or above: high risk, more likely than not to go wrong; review today.
    static let highThreshold = 0.5
    /// The shipped `flagged` line: the high-risk line.
    public static let defaultThreshold = highThreshold

    /// The file format this Temper reads and writes.
    public static let formatName = "temper-risk-model"
    public static let formatVersion = 1
    /// The file name of the shipped model in a lexicon directory, and of the one before it.
    public static let fileName = "risk.model.json"
    public static let previousFileName = "risk.model.v5.json"

    public init(featureNames: [String] = RiskFeatures.names, weights: [Double], threshold: Double = RiskModel.defaultThreshold,
                provenance: String, name: String = "", trainedOn: [RiskTrainingSet] = [], regularisation: Double? = nil) {
        precondition(weights.count == featureNames.count, "RiskModel needs one weight per feature")
        self.featureNames = featureNames
        self.weights = weights
        self.threshold = threshold
        self.provenance = provenance
        self.name = name
        self.trainedOn = trainedOn
        self.regularisation = regularisation
        featureIndices = featureNames.map { RiskFeatures.indexByName[$0]! }
    }

    public static func == (lhs: RiskModel, rhs: RiskModel) -> Bool {
        lhs.featureNames == rhs.featureNames && lhs.weights == rhs.weights && lhs.threshold == rhs.threshold
            && lhs.provenance == rhs.provenance && lhs.name == rhs.name && lhs.trainedOn == rhs.trainedOn
            && lhs.regularisation == rhs.regularisation
    }

    func logit(_ features: RiskFeatures) -> Double {
        var sum = 0.0
        for (weight, index) in zip(weights, featureIndices) { sum += weight * features.values[index] }
        return sum
    }

    public func risk(_ features: RiskFeatures) -> Double {
        1 / (1 + exp(-logit(features)))
    }

    /// The risk with the bias moved by `interceptOffset`: a set's own base rate, as the fit learnt
    /// it (`RiskTrainingSet.interceptOffset`). The ranking within a set does not change.
    public func risk(_ features: RiskFeatures, interceptOffset: Double) -> Double {
        1 / (1 + exp(-(logit(features) + interceptOffset)))
    }

    public func weight(_ name: String) -> Double? {
        featureNames.firstIndex(of: name).map { weights[$0] }
    }

    static func level(of risk: Double) -> RiskLevel {
        risk >= highThreshold ? .high : (risk >= mediumThreshold ? .medium : .low)
    }

    /// Whether a conversation is flagged: its risk at the threshold, or a threat among its reasons
    /// whatever the risk (`CueCode.threats`). `flag`, `ingest`, `scorecard` and `flag evaluate`
    /// all count flags by this one rule.
    static func isFlagged<Codes: Sequence<CueCode>>(risk: Double, threshold: Double, reasons: Codes) -> Bool {
        risk >= threshold || reasons.contains(where: \.isThreat)
    }

    /// The rule weights (log-odds), one per `RiskFeatures.names`, of the `rules` model. Fits no
    /// longer start from them (`RiskModelTrainer` pulls towards 0); the threats' weights are what
    /// `flag fit --threat-rules` holds (`RiskModelTrainer.threatRules`). Bias −2.2: a calm
    /// conversation starts near 10% risk. One legal threat (+3.4) or churn / shaming threat
    /// (+3.0) lifts a neutral conversation past the high threshold on its own, a manager demand
    /// (+2.6) nearly does. The other cues are 0. Sentiment: mean −1.2 and the last two messages
    /// −0.4 (a lower, more negative score means more risk), P(negative) +0.5; a request asked
    /// again or left unanswered at the end +0.8. Stated problems and negations (later features) 0.
    public static let priorWeights: [Double] = [
        -2.2,
        0, 0, 3.0, 3.4, 3.0, 2.6,
        0, 0, 0, 0, 0, 0,
        -1.2, 0, 0, 0, 0,
        0, 0,
        -0.4, 0.5, 0.8, 0.8,
        0, 0,
    ]

    /// Rules only: the hand-set weights of the first model, kept for tests that must not depend on fitted numbers.
    public static let rules = RiskModel(weights: priorWeights, provenance: "rule priors only", name: "rules")

    // MARK: - The shipped model

    /// The model that ships with Temper (`risk.model.json` among the package's lexicon
    /// resources), read on first use and shared; a failure is remembered and rethrown.
    public static var shipped: RiskModel {
        get throws { try shippedLoad.get() }
    }

    private static let shippedLoad = Result { try load(path: SentimentModel.shippedDirectory + "/" + fileName) }
}

// MARK: - The model file

extension RiskModel {
    /// Reads a model file. Errors name the file and the line of the problem: a broken file, a
    /// format or version this Temper does not read, a feature it does not know, or a weight or
    /// threshold that is not a finite number.
    public static func load(path: String) throws -> RiskModel {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "cannot read the risk model file")
        }
        return try decode(Array(data), name: path)
    }

    public static func decode(_ bytes: [UInt8], name: String) throws(InputError) -> RiskModel {
        let text = String(decoding: bytes, as: UTF8.self)
        func line(ofOffset offset: Int) -> Int {
            1 + bytes.prefix(min(offset, bytes.count)).lazy.filter { $0 == 0x0A }.count
        }
        /// The line where `"key"` first appears (after `after` occurrences of `"features"`' items), for errors about its value.
        func line(ofKey key: String, occurrence: Int = 0) -> Int? {
            var searchStart = text.startIndex
            var found: Range<String.Index>?
            for _ in 0...occurrence {
                guard let range = text.range(of: "\"\(key)\"", range: searchStart..<text.endIndex) else { return nil }
                found = range
                searchStart = range.upperBound
            }
            return found.map { 1 + text[..<$0.lowerBound].lazy.filter { $0 == "\n" }.count }
        }
        func fail(_ message: String, key: String? = nil, occurrence: Int = 0) -> InputError {
            InputError(file: name, line: key.flatMap { line(ofKey: $0, occurrence: occurrence) }, message: message)
        }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes)
        } catch {
            throw InputError(file: name, line: line(ofOffset: error.offset), message: "not a risk model file: broken JSON: \(error.message)")
        }
        guard let object = json.object else { throw InputError(file: name, line: 1, message: "a risk model file is a JSON object") }
        guard object["format"]?.string == formatName else {
            throw fail("\"format\" must be \"\(formatName)\" (is this a risk model file?)", key: "format")
        }
        guard let version = object["format_version"]?.int else { throw fail("missing \"format_version\" (a whole number)", key: "format_version") }
        guard version == formatVersion else {
            throw fail("format_version \(version) is not supported (this Temper reads version \(formatVersion))", key: "format_version")
        }
        guard let features = object["features"]?.array, !features.isEmpty else {
            throw fail("missing \"features\": a non-empty list of {\"name\", \"weight\"}", key: "features")
        }
        var names: [String] = [], weights: [Double] = []
        for (index, feature) in features.enumerated() {
            guard let featureName = feature["name"]?.string else {
                throw fail("feature \(index + 1) has no \"name\"", key: "weight", occurrence: index)
            }
            guard RiskFeatures.indexByName[featureName] != nil else {
                throw fail("unknown feature '\(featureName)' (this Temper knows \(RiskFeatures.names.joined(separator: ", ")))", key: featureName)
            }
            guard !names.contains(featureName) else { throw fail("feature '\(featureName)' is listed twice", key: featureName, occurrence: 1) }
            guard let weight = feature["weight"]?.double, weight.isFinite else {
                throw fail("feature '\(featureName)': \"weight\" must be a finite number", key: featureName)
            }
            names.append(featureName)
            weights.append(weight)
        }
        guard names.contains("bias") else { throw fail("the features must include \"bias\"", key: "features") }
        var threshold = defaultThreshold
        if let value = object["threshold"] {
            guard let number = value.double, number.isFinite, (0...1).contains(number) else {
                throw fail("\"threshold\" must be a number between 0 and 1", key: "threshold")
            }
            threshold = number
        }
        var trainedOn: [RiskTrainingSet] = []
        for (index, set) in (object["trained_on"]?.array ?? []).enumerated() {
            guard let setName = set["name"]?.string, let examples = set["examples"]?.int, let positives = set["positives"]?.int else {
                throw fail("trained_on entry \(index + 1) needs \"name\", \"examples\" and \"positives\"", key: "trained_on")
            }
            trainedOn.append(RiskTrainingSet(name: setName, kind: set["kind"]?.string ?? "", path: set["path"]?.string ?? "",
                                             examples: examples, positives: positives,
                                             interceptOffset: set["intercept_offset"]?.double ?? 0))
        }
        let regularisation = object["regularisation"]?["strength"]?.double
        return RiskModel(featureNames: names, weights: weights, threshold: threshold,
                         provenance: object["provenance"]?.string ?? "", name: object["name"]?.string ?? (name as NSString).lastPathComponent,
                         trainedOn: trainedOn, regularisation: regularisation)
    }

    /// The model as a file: one feature per line, so a diff shows which weights moved.
    public func fileText(createdBy command: String? = nil, regularisationNote: String? = nil) -> String {
        func string(_ value: String) -> String {
            var bytes: [UInt8] = []
            JSONWriter.appendString(value, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        func number(_ value: Double, _ decimals: Int = 4) -> String {
            var bytes: [UInt8] = []
            JSONWriter.appendNumber(value, to: &bytes, decimals: decimals)
            return String(decoding: bytes, as: UTF8.self)
        }
        var lines = ["{"]
        lines.append("  \"format\": \(string(Self.formatName)),")
        lines.append("  \"format_version\": \(Self.formatVersion),")
        lines.append("  \"name\": \(string(name)),")
        lines.append("  \"provenance\": \(string(provenance)),")
        if let command { lines.append("  \"created_by\": \(string(command)),") }
        lines.append("  \"threshold\": \(number(threshold)),")
        if let regularisation {
            let note = regularisationNote.map { ", \"chosen_by\": \(string($0))" } ?? ""
            lines.append("  \"regularisation\": {\"strength\": \(number(regularisation))\(note)},")
        }
        lines.append("  \"trained_on\": [")
        for (index, set) in trainedOn.enumerated() {
            let comma = index == trainedOn.count - 1 ? "" : ","
            lines.append("    {\"name\": \(string(set.name)), \"kind\": \(string(set.kind)), \"path\": \(string(set.path)), \"examples\": \(set.examples), \"positives\": \(set.positives), \"intercept_offset\": \(number(set.interceptOffset))}\(comma)")
        }
        lines.append("  ],")
        lines.append("  \"features\": [")
        for (index, (featureName, weight)) in zip(featureNames, weights).enumerated() {
            let comma = index == weights.count - 1 ? "" : ","
            lines.append("    {\"name\": \(string(featureName)), \"weight\": \(number(weight))}\(comma)")
        }
        lines.append("  ]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
