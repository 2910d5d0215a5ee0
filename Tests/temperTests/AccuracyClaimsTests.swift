import Foundation
import Testing

/// The README's accuracy claim, re-checked: on held-out public data the ensemble is more accurate
/// than the lexicon rules alone and the n-gram model alone. Needs ../shared/data; skips without it.
@Suite("README accuracy claims")
struct AccuracyClaimsTests {
    static let data = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/data").path
    static let available = FileManager.default.fileExists(atPath: data + "/sst2/dev.tsv")

    @Test("On SST-2 dev, held-out UCI and complaint tweets the ensemble beats the lexicon part and is within one example of the n-gram part",
          .enabled(if: available, "../shared/data is not present (a fresh clone): nothing to measure"))
    func ensembleBeatsParts() throws {
        let specs = [
            "\(Self.data)/sst2/dev.tsv",
            "test:\(Self.data)/uci-sentences/amazon.tsv",
            "test:\(Self.data)/uci-sentences/yelp.tsv",
            "test:\(Self.data)/uci-sentences/imdb.tsv",
            "complaints:test:\(Self.data)/complaints-dev.tsv",
        ]
        let result = try CLI.run(["eval", "--format", "json", "--mode", "all"] + specs)
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try CLI.objects(result)
        #expect(objects.count == specs.count * 3)
        for file in 0..<specs.count {
            let group = objects[(3 * file)..<(3 * file + 3)]
            let accuracy = group.map { $0["accuracy"] as? Double ?? 0 }
            let name = group.first?["dataset"] as? String ?? ""
            #expect(name.hasSuffix("[ensemble]"))
            #expect(accuracy[0] > accuracy[1], "\(name): ensemble \(accuracy[0]) vs lexicon \(accuracy[1])")
            // Since the social experts joined the calibration the ensemble has not always won every
            // review set outright (one SST-2 dev sentence of 872 behind the n-gram part, UCI imdb
            // level, until the retrain with hashtag parts). One example of slack, and no more.
            let oneExample = 1.5 / Double(group.first?["count"] as? Int ?? 300)
            #expect(accuracy[0] + oneExample > accuracy[2], "\(name): ensemble \(accuracy[0]) vs n-gram \(accuracy[2])")
        }
    }

    /// The figures of the README table (ensemble rows), each as claimed minus 0.005 of slack for
    /// float rounding across platforms: a change that loses a point on any set fails here.
    static let claims: [(spec: String, metric: String, atLeast: Double)] = [
        ("sst2/dev.tsv", "accuracy", 0.852),
        ("test:uci-sentences/amazon.tsv", "accuracy", 0.899),
        ("test:uci-sentences/yelp.tsv", "accuracy", 0.892),
        ("test:uci-sentences/imdb.tsv", "accuracy", 0.889),
        ("complaints:test:complaints-dev.tsv", "accuracy", 0.680),
        ("semeval-tweets/dev.tsv", "macroRecall", 0.590),
        ("semeval-tweets/dev.tsv", "accuracy", 0.565),
    ]

    @Test("The README's ensemble figures hold on the public sets (SemEval dev: macro-averaged recall)",
          .enabled(if: available, "../shared/data is not present (a fresh clone): nothing to measure"))
    func publicFigures() throws {
        for (spec, metric, atLeast) in Self.claims {
            let path = spec.split(separator: ":").last.map(String.init)!
            let prefix = spec.dropLast(path.count)
            let result = try CLI.run(["eval", "--format", "json", "\(prefix)\(Self.data)/\(path)"])
            #expect(result.status == 0, "\(result.stderr)")
            let value = try CLI.objects(result).first?[metric] as? Double ?? 0
            #expect(value >= atLeast - 0.005, "\(spec): \(metric) \(value), README claims \(atLeast)")
        }
    }

    @Test("Drivers on the complaint tweets: the README's shares with a negative driver, and without any",
          .enabled(if: available, "../shared/data is not present (a fresh clone): nothing to measure"))
    func complaintTweetDrivers() throws {
        // complaints-dev.tsv: label, domain, text. The texts go in as a plain text file, one a line.
        let rows = try String(contentsOfFile: "\(Self.data)/complaints-dev.tsv", encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false) }
            .filter { $0.count == 3 }
        let texts = try CLI.temporaryFile("complaint-texts.txt", rows.map { String($0[2]) }.joined(separator: "\n") + "\n")
        let result = try CLI.run(["score", "--drivers", texts])
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try CLI.objects(result)
        try #require(objects.count == rows.count)
        var counts = [true: (all: 0, negative: 0, none: 0), false: (all: 0, negative: 0, none: 0)]
        for (row, object) in zip(rows, objects) {
            let drivers = object["drivers"] as? [[String: Any]] ?? []
            let complaint = row[0] == "1"
            counts[complaint]!.all += 1
            if drivers.contains(where: { $0["polarity"] as? String == "negative" }) { counts[complaint]!.negative += 1 }
            if drivers.isEmpty { counts[complaint]!.none += 1 }
        }
        func share(_ part: Int, _ all: Int) -> Double { Double(part) / Double(all) }
        // README ("Feedback drivers"): 49.5% of complaints and 7.8% of the rest have a negative
        // driver; 38.1% of complaints have none. Within half a point.
        #expect(abs(share(counts[true]!.negative, counts[true]!.all) - 0.495) < 0.005, "\(counts)")
        #expect(abs(share(counts[false]!.negative, counts[false]!.all) - 0.078) < 0.005, "\(counts)")
        #expect(abs(share(counts[true]!.none, counts[true]!.all) - 0.381) < 0.005, "\(counts)")
    }

    @Test("Our own sets: support messages (both held-out files) and the sarcasm set's held-out half")
    func ownSetFigures() throws {
        let claims: [(spec: String, metric: String, atLeast: Double)] = [
            ("corpora/cs-sentiment.tsv", "accuracy", 0.850),
            ("corpora/cs-sentiment-heldout.tsv", "accuracy", 0.829),
            ("holdout:corpora/sarcasm-idioms.tsv", "accuracy", 0.766),
        ]
        for (spec, metric, atLeast) in claims {
            let path = spec.split(separator: ":").last.map(String.init)!
            let prefix = spec.dropLast(path.count)
            let result = try CLI.run(["eval", "--format", "json", "\(prefix)\(CLI.root.path)/\(path)"])
            #expect(result.status == 0, "\(result.stderr)")
            let object = try CLI.objects(result).first ?? [:]
            #expect(object[metric] as? Double ?? 0 >= atLeast - 0.005, "\(spec): \(metric) \(object[metric] ?? "none"), README claims \(atLeast)")
        }
        // Negative recall on support messages, the known weak spot: at least the claimed figure.
        let result = try CLI.run(["eval", "--format", "json", "\(CLI.root.path)/corpora/cs-sentiment-heldout.tsv"])
        let classes = try CLI.objects(result).first?["classes"] as? [[String: Any]] ?? []
        let negative = classes.first { $0["name"] as? String == "negative" }?["recall"] as? Double ?? 0
        #expect(negative >= 0.714 - 0.005, "negative recall \(negative)")
    }
}
