import ArgumentParser
import TemperIO
import TemperSentiment

/// A labelled data file named on the command line as `[labels:][part:]PATH`, e.g.
/// `../shared/data/sst2/train.tsv`, `test:uci.tsv`, `complaints:test:complaints-dev.tsv`,
/// `stars:reviews.tsv`.
struct CorpusSpec: ExpressibleByArgument, CustomStringConvertible {
    /// Which slice of a file without an official split to use. Slices come from a stable hash of
    /// each example's text (`HashSplit`): the first 50% train the n-gram model, the next 20%
    /// calibrate the ensemble, the last 30% are held out for evaluation. They never overlap.
    /// `holdout` is the whole other half (calibration and test), for sets cut in two halves
    /// (`corpora/sarcasm-idioms.tsv` marks each row's half in its middle column).
    enum Part: String, CaseIterable {
        case all, train, calibration, test, holdout

        func contains(_ text: String) -> Bool {
            switch self {
            case .all: true
            case .train: HashSplit.isTrain(text, trainFraction: 0.5)
            case .calibration: !HashSplit.isTrain(text, trainFraction: 0.5) && HashSplit.isTrain(text, trainFraction: 0.7)
            case .test: !HashSplit.isTrain(text, trainFraction: 0.7)
            case .holdout: !HashSplit.isTrain(text, trainFraction: 0.5)
            }
        }
    }

    /// How the label column reads.
    enum Labels: String, CaseIterable {
        /// 0/1, -1/1, or negative/neutral/positive.
        case sentiment
        /// -1/0/1 with 0 = neutral.
        case ternary
        /// 1 = complaint (negative), 0 = anything else (not negative).
        case complaints
        /// 1–5 stars: 1–2 negative, 4–5 positive, 3 neutral; text = every column after the stars.
        case stars

        var mapping: LabelMapping {
            switch self {
            case .sentiment: .sentiment
            case .ternary: .ternaryNumeric
            case .complaints: .negativeFlag
            case .stars: .stars(negativeAtMost: 2, positiveAtLeast: 4)
            }
        }
    }

    var path: String
    var part: Part = .all
    var labels: Labels = .sentiment
    /// Relative weight of the file in calibration (`x2:` doubles it); files otherwise weigh the same.
    var weight: Float = 1

    init?(argument: String) {
        var rest = Substring(argument)
        while let colon = rest.firstIndex(of: ":") {
            let prefix = String(rest[..<colon])
            if prefix.hasPrefix("x"), let weight = Float(prefix.dropFirst()), weight > 0 {
                self.weight = weight
            } else if let part = Part(rawValue: prefix) {
                self.part = part
            } else if let labels = Labels(rawValue: prefix) {
                self.labels = labels
            } else {
                break
            }
            rest = rest[rest.index(after: colon)...]
        }
        guard !rest.isEmpty else { return nil }
        path = String(rest)
    }

    var description: String {
        (weight == 1 ? "" : "x\(weight):") + (labels == .sentiment ? "" : "\(labels.rawValue):") + (part == .all ? "" : "\(part.rawValue):") + path
    }

    /// The examples of this spec's part, in file order.
    func read(format: String = "auto", policy: BadRecordPolicy = BadRecordPolicy()) throws -> [LabelledExample] {
        var options = LabelledCorpusReader.Options()
        options.format = LabelledCorpusReader.Format(rawValue: format) ?? .auto
        options.labelMapping = labels.mapping
        if labels == .stars { options.textFromColumn = 1 }
        var reader = LabelledCorpusReader(path: path, options: options, policy: policy)
        var examples: [LabelledExample] = []
        try reader.forEach { example in
            if part.contains(example.text) { examples.append(example) }
        }
        return examples
    }

    static let help = "Labelled data as [labels:][part:]PATH. labels: sentiment (0/1 or negative/neutral/positive; default), ternary (-1/0/1), complaints (1 = complaint → negative, 0 → not negative), stars (1–2 negative, 3 neutral, 4–5 positive). part: all (default), train (first 50% by a stable text hash), calibration (next 20%), test (last 30%), holdout (the 50% that is not train). A prefix xN: weighs a calibration file N times."
}
