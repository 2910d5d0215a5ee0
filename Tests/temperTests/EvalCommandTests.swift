import Foundation
import Testing

@Suite("temper eval and train")
struct EvalCommandTests {
    @Test("eval reports accuracy, per-class metrics and the confusion matrix as JSON")
    func evalJSON() throws {
        let file = try CLI.temporaryFile("gold.tsv", "label\ttext\nnegative\tthis is awful\npositive\tthank you so much\nneutral\twhat time do you open?\nnegative\tstill not fixed\n")
        let result = try CLI.run(["eval", "--format", "json", file])
        #expect(result.status == 0)
        let object = try #require(try CLI.objects(result).first)
        #expect(object["count"] as? Int == 4)
        #expect((object["accuracy"] as? Double ?? 0) >= 0.75)
        let confusion = try #require(object["confusion"] as? [String: Any])
        #expect((confusion["classNames"] as? [String]) == ["negative", "neutral", "positive"])
    }

    @Test("eval on 0/1 gold uses the binary rule; --mode all reports three scorers")
    func evalBinaryAllModes() throws {
        let file = try CLI.temporaryFile("binary.tsv", "0\ta terrible waste of time\n1\ta lovely, helpful experience\n")
        let result = try CLI.run(["eval", "--mode", "all", "--format", "md", file])
        #expect(result.status == 0)
        #expect(result.stdout.contains("| ensemble | 2 | 1.000"))
        #expect(result.stdout.contains("| lexicon |"))
        #expect(result.stdout.contains("| ngram |"))
    }

    @Test("Numeric gold scores give Pearson r")
    func pearson() throws {
        let file = try CLI.temporaryFile("scores.tsv", "0.1\tawful awful awful\n0.9\tsuperb, thank you\n0.5\tthe parcel came on Tuesday\n0.2\tvery disappointed\n")
        let result = try CLI.run(["eval", file])
        #expect(result.stdout.contains("Pearson r"))
    }

    @Test("A bad row is reported with its line")
    func badRow() throws {
        let file = try CLI.temporaryFile("bad.tsv", "positive\tgood\nmaybe\tunsure\n")
        let result = try CLI.run(["eval", file], status: 1, stderr: .any)
        #expect(result.stderr.components(separatedBy: "bad.tsv:2").count == 2, "reported once: \(result.stderr)")
        #expect(result.stderr.hasSuffix("temper: 1 invalid record(s) found\n"))
    }

    @Test("--skip-invalid reports and counts every bad row, not a sample")
    func skipInvalidCountsEveryRow() throws {
        let rows = ["positive\tgood", "negative\tawful"] + (1...12).map { "maybe\tunsure \($0)" }
        let file = try CLI.temporaryFile("many.tsv", rows.joined(separator: "\n") + "\n")
        let result = try CLI.run(["eval", "--skip-invalid", file], stderr: .any)
        #expect(result.stdout.contains("[ensemble]: 2 rows"), "\(result.stdout)")
        #expect(result.stderr.contains("many.tsv:14:"), "\(result.stderr)")
        #expect(result.stderr.contains("temper: 12 invalid record(s) skipped"), "\(result.stderr)")
    }

    @Test("train writes a model and calibration that score deterministically for a seed")
    func trainDeterministic() throws {
        var rows: [String] = []
        for index in 0..<60 {
            rows.append("1\tgreat helpful lovely service \(index)")
            rows.append("0\tawful rude broken refund delay \(index)")
        }
        let data = try CLI.temporaryFile("train.tsv", rows.joined(separator: "\n") + "\n")
        let calibration = try CLI.temporaryFile("calibrate.tsv", "label\ttext\nnegative\tawful delay\nneutral\twhat is my order number\npositive\tlovely service\n")
        let directory = URL(fileURLWithPath: data).deletingLastPathComponent().path
        var digests: [Data] = []
        for run in 0..<2 {
            let model = "\(directory)/model\(run).ngram", calib = "\(directory)/cal\(run).json"
            let result = try CLI.run(["train", "--train", data, "--calibrate", calibration, "--hash-bits", "12", "--model-out", model, "--calibration-out", calib], stderr: .any)
            #expect(result.status == 0, "\(result.stderr)")
            digests.append(try Data(contentsOf: URL(fileURLWithPath: model)))
            let scored = try CLI.objects(try CLI.run(["score", "--model", model, "--calibration", calib], input: "lovely service\n"))
            #expect(scored[0]["label"] as? String == "positive")
        }
        #expect(digests[0] == digests[1])
    }

    @Test("--train-social adds the social heads: a format-3 model, the same bytes on every run, tweets scored by it")
    func trainSocial() throws {
        var reviews: [String] = [], tweets: [String] = ["label\ttext"]
        for index in 0..<60 {
            reviews.append("1\tgreat helpful lovely service \(index)")
            reviews.append("0\tawful rude broken refund delay \(index)")
            tweets.append("positive\t@acme love the new app #winning \(index)")
            tweets.append("negative\t@acme app down again #fail \(index)")
            tweets.append("neutral\t@acme new release notes out today http://t.co/x\(index)")
        }
        let data = try CLI.temporaryFile("reviews.tsv", reviews.joined(separator: "\n") + "\n")
        let social = try CLI.temporaryFile("tweets.tsv", tweets.joined(separator: "\n") + "\n")
        let calibration = try CLI.temporaryFile("calibrate.tsv", "label\ttext\nnegative\tawful delay\nneutral\twhat is my order number\npositive\tlovely service\n")
        let directory = URL(fileURLWithPath: data).deletingLastPathComponent().path
        var digests: [Data] = []
        for run in 0..<2 {
            let model = "\(directory)/social\(run).ngram", calib = "\(directory)/social\(run).json"
            let result = try CLI.run(["train", "--train", data, "--train-social", social, "--calibrate", calibration, "--cross-fit", "40",
                                      "--balance-social-classes", "--hash-bits", "12", "--model-out", model, "--calibration-out", calib], stderr: .any)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("train (social):"), "\(result.stderr)")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
            #expect(bytes[8] == 3, "format 3: four heads")
            digests.append(bytes + (try Data(contentsOf: URL(fileURLWithPath: calib))))
            let scored = try CLI.objects(try CLI.run(["score", "--model", model, "--calibration", calib], input: "@acme app down again #fail\nlovely service\n"))
            #expect(scored.map { $0["label"] as? String } == ["negative", "positive"])
        }
        #expect(digests[0] == digests[1])
    }
}
