import Foundation
import TemperIO

/// One hand-labelled message of a driver set (`corpora/drivers.tsv`).
public struct LabelledDriverExample: Sendable, Equatable {
    /// `dev` (patterns may be tuned on it) or `test` (held out).
    public var split: String
    /// Gold drivers and their polarity.
    public var drivers: [String: SentimentLabel]
    public var text: String
    public var line: Int
}

/// Reads a driver set: `split<TAB>drivers<TAB>text`, drivers a comma list of `id:polarity` or `-`;
/// `#` lines are comments. A bad line is an `InputError` with its line.
public enum DriverCorpus {
    public static func load(path: String, taxonomy: DriverTaxonomy) throws -> [LabelledDriverExample] {
        let reader = try LineReader(path: path)
        var examples: [LabelledDriverExample] = []
        try reader.forEachLine { bytes, lineNumber in
            let line = String(decoding: bytes, as: UTF8.self)
            if line.isEmpty || line.hasPrefix("#") { return }
            func fail(_ message: String) -> InputError { InputError(file: reader.name, line: lineNumber, message: message) }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { throw fail("expected split<TAB>drivers<TAB>text, found \(fields.count) field(s)") }
            var drivers: [String: SentimentLabel] = [:]
            if fields[1] != "-" {
                for item in fields[1].split(separator: ",") {
                    let parts = item.split(separator: ":")
                    guard parts.count == 2, let polarity = SentimentLabel(rawValue: String(parts[1])) else {
                        throw fail("driver '\(item)' is not id:negative|neutral|positive")
                    }
                    guard taxonomy.index(of: String(parts[0])) != nil else { throw fail("unknown driver id '\(parts[0])'") }
                    drivers[String(parts[0])] = polarity
                }
            }
            examples.append(LabelledDriverExample(split: String(fields[0]), drivers: drivers, text: String(fields[2]), line: lineNumber))
        }
        return examples
    }
}

/// Per-driver precision and recall of detection, and how often a found driver's polarity is right.
public struct DriverEvaluation: Sendable {
    public struct Counts: Sendable, Equatable {
        public var truePositives = 0
        public var falsePositives = 0
        public var falseNegatives = 0
        /// Of the true positives, those with the gold polarity.
        public var polarityCorrect = 0
        public var precision: Double? { truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double? { truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives) }
        public var f1: Double? {
            guard let p = precision, let r = recall, p + r > 0 else { return nil }
            return 2 * p * r / (p + r)
        }
        public var polarityAccuracy: Double? { truePositives == 0 ? nil : Double(polarityCorrect) / Double(truePositives) }
        public var support: Int { truePositives + falseNegatives }
    }

    /// By driver id, in taxonomy order.
    public var perDriver: [(id: String, counts: Counts)]
    /// All drivers pooled (micro average).
    public var overall: Counts
    public var messages: Int
    /// Messages whose predicted driver set equals the gold set exactly.
    public var exactSets: Int
    /// Misses and false alarms, for reading: line, text, gold and found ids.
    public var errors: [(line: Int, text: String, gold: [String], found: [String])]

    /// Runs `detect` over `examples` (one message at a time) and compares with the gold labels.
    public init(examples: [LabelledDriverExample], taxonomy: DriverTaxonomy,
                detect: (String) -> [(id: String, polarity: SentimentLabel)]) {
        var counts = [Counts](repeating: Counts(), count: taxonomy.drivers.count)
        var exact = 0
        var errors: [(Int, String, [String], [String])] = []
        for example in examples {
            let found = detect(example.text)
            var foundIDs = Set<String>()
            for hit in found { foundIDs.insert(hit.id) }
            for (index, driver) in taxonomy.drivers.enumerated() {
                let gold = example.drivers[driver.id]
                let predicted = found.first { $0.id == driver.id }
                switch (gold, predicted) {
                case (let gold?, let predicted?):
                    counts[index].truePositives += 1
                    if gold == predicted.polarity { counts[index].polarityCorrect += 1 }
                case (_?, nil): counts[index].falseNegatives += 1
                case (nil, _?): counts[index].falsePositives += 1
                case (nil, nil): break
                }
            }
            if foundIDs == Set(example.drivers.keys) {
                exact += 1
            } else {
                errors.append((example.line, example.text, example.drivers.keys.sorted(), foundIDs.sorted()))
            }
        }
        perDriver = zip(taxonomy.drivers, counts).map { ($0.id, $1) }
        var total = Counts()
        for item in counts {
            total.truePositives += item.truePositives
            total.falsePositives += item.falsePositives
            total.falseNegatives += item.falseNegatives
            total.polarityCorrect += item.polarityCorrect
        }
        overall = total
        messages = examples.count
        exactSets = exact
        self.errors = errors
    }
}
