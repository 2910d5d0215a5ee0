import Foundation
import Testing
import TemperIO

/// Runs `temper flag` as a user would (through `CLI.run`, which checks the exit status and, by
/// default, an empty standard error) and parses its output lines.
@Suite struct FlagCommandTests {
    static let root = CLI.root.path

    struct Run {
        var lines: [JSONValue]
        var stderr: String
        var exitCode: Int32
    }

    func flag(_ arguments: [String], status expectedStatus: Int32 = 0, stderr expectedStderr: CLI.ExpectedStderr = .empty,
              sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        let result = try CLI.run(["flag"] + arguments, status: expectedStatus, stderr: expectedStderr, sourceLocation: sourceLocation)
        let lines = try result.lines.map { try JSONValue(parsing: $0) }
        return Run(lines: lines, stderr: result.stderr, exitCode: result.status)
    }

    func file(_ contents: String, suffix: String = ".jsonl") -> String {
        let path = NSTemporaryDirectory() + "flag-in-\(UUID().uuidString)\(suffix)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(contents.utf8))
        return path
    }

    @Test func scoresTranscriptsInInputOrderWithAnyJobs() throws {
        let path = Self.root + "/corpora/transcripts.jsonl"
        let one = try flag([path, "--jobs", "1"])
        let two = try flag([path, "--jobs", "2"])
        #expect(one.exitCode == 0)
        #expect(one.lines.count == 343)
        #expect(one.lines.map { $0["id"]!.string! } == (1...343).map { String(format: "c%04d", $0) })
        #expect(one.lines == two.lines)
        let first = one.lines[0]
        #expect(first.object?.members.map(\.key) == ["id", "risk", "level", "flagged", "reasons", "customer_sentiment"])
    }

    @Test func topAndOnlyFlagged() throws {
        let path = Self.root + "/corpora/transcripts.jsonl"
        let top = try flag([path, "--top", "5"])
        let risks = top.lines.map { $0["risk"]!.double! }
        #expect(risks.count == 5 && risks == risks.sorted(by: >))
        // A threshold just under the third-highest risk flags those three, and below it only
        // conversations with a threat (a threat flags whatever the risk).
        let threshold = risks[2] - 0.0001
        let flagged = try flag([path, "--only-flagged", "--threshold", String(threshold)])
        let threats: Set<String> = ["churn_threat", "legal_threat", "public_shaming", "manager_demand"]
        func hasThreat(_ line: JSONValue) -> Bool { line["reasons"]!.array!.contains { threats.contains($0["code"]!.string!) } }
        #expect(flagged.lines.filter { $0["risk"]!.double! >= threshold }.count == 3)
        #expect(flagged.lines.allSatisfy { $0["flagged"]?.bool == true && ($0["risk"]!.double! >= threshold || hasThreat($0)) })
        #expect(flagged.lines.contains { $0["risk"]!.double! < threshold }, "the sample transcripts hold calm conversations with a threat")
    }

    @Test func badRecordsAreReportedWithLineNumbers() throws {
        let path = file("""
        {"id":"a","messages":[{"role":"customer","text":"I want a manager"}]}
        {"id":"b","messages":[{"role":"customer","text":
        {"id":"c","messages":[{"role":"robot","text":"x"}]}
        {"id":"d","messages":[{"role":"customer","text":"x","at":"soon"}]}
        {"id":"e","messages":[]}
        {"id":"a","messages":[{"role":"customer","text":"dup"}]}
        {"id":"f","messages":[{"role":"agent","text":"hello"}]}
        """)
        let skipping = try flag([path, "--skip-invalid", "--jobs", "2"], stderr: .any)
        #expect(skipping.exitCode == 0)  // skipped records are reported and counted, not fatal
        #expect(skipping.stderr.contains("5 invalid record(s) skipped"))
        #expect(skipping.lines.map { $0["id"]!.string! } == ["a", "f"])
        for line in 2...6 { #expect(skipping.stderr.contains("\(path):\(line): "), "line \(line) in \(skipping.stderr)") }
        #expect(skipping.stderr.contains("duplicate conversation id 'a'"))

        let strict = try flag([path], status: 1, stderr: .any)
        #expect(strict.exitCode == 1)
        #expect(strict.lines.map { $0["id"]!.string! } == ["a"])
        #expect(strict.stderr.contains("\(path):2: broken JSON"))
    }

    @Test("Random input with bad records: output records + skipped = input records, in input order, the same whatever --jobs")
    func randomInputKeepsItsCountsAndOrderWhateverTheJobs() throws {
        var rng = SplitMix64(seed: 20_261_105)
        var lines: [String] = [], goodIDs: [String] = [], badLines: [Int] = []
        let texts = ["where is my refund", "thanks, that fixed it", "third time I'm asking!!!", "I want a manager", "ok"]
        for index in 1...120 {
            let messages = (0..<(1 + rng.next(below: 4))).map { turn in
                #"{"role":"\#(turn % 2 == 0 ? "customer" : "agent")","text":"\#(texts[rng.next(below: texts.count)])","at":\#(1_780_000_000 + index * 3_600 + turn * 60)}"#
            }
            var line = #"{"id":"r\#(index)","messages":[\#(messages.joined(separator: ","))]}"#
            if index > 1, rng.next(below: 100) < 15 {
                line = [String(line.dropLast(3)), #"{"id":"r1","messages":[{"role":"customer","text":"again"}]}"#,
                        line.replacingOccurrences(of: "customer", with: "robot"), #"{"id":"r\#(index)","messages":[]}"#][rng.next(below: 4)]
                badLines.append(index)
            } else {
                goodIDs.append("r\(index)")
            }
            lines.append(line)
        }
        let path = file(lines.joined(separator: "\n") + "\n")
        let one = try flag([path, "--skip-invalid", "--jobs", "1"], stderr: .any)
        #expect(one.lines.map { $0["id"]!.string! } == goodIDs)
        #expect(one.stderr.contains("\(badLines.count) invalid record(s) skipped") && goodIDs.count + badLines.count == 120)
        // Each as `temper: error: FILE:LINE: problem`, in input order.
        let prefix = "temper: error: \(path):"
        let reported = one.stderr.split(separator: "\n").filter { $0.hasPrefix(prefix) }
            .compactMap { Int($0.dropFirst(prefix.count).prefix { $0 != ":" }) }
        #expect(reported == badLines)
        let three = try flag([path, "--skip-invalid", "--jobs", "3"], stderr: .any)
        #expect(three.lines == one.lines && three.stderr == one.stderr)
    }

    /// A file that cannot be read at all is an error, never mistaken for a bad record the
    /// reader already reported (both are `InputError`).
    @Test func unreadableFilesAreErrors() throws {
        let noColumn = file("nothing,useful\n1,2\n", suffix: ".csv")
        let cases: [([String], String)] = [
            (["/nonexistent/c.jsonl"], "/nonexistent/c.jsonl: cannot open"),
            (["/nonexistent/c.jsonl", "--input-format", "tweets"], "/nonexistent/c.jsonl: cannot open"),
            (["/nonexistent/c.csv"], "/nonexistent/c.csv: cannot open: No such file or directory"),
            ([noColumn], "\(noColumn):1: no conversation column found"),
        ]
        for (arguments, message) in cases {
            for skip in [[], ["--skip-invalid"]] {
                let run = try flag(arguments + skip, status: 1, stderr: .any)
                #expect(run.exitCode == 1, "\(arguments + skip)")
                #expect(run.stderr.contains(message), "\(run.stderr)")
            }
        }
    }

    @Test func helpdeskRowsAndTweets() throws {
        let rows = try flag([Self.root + "/corpora/message-rows.csv"])
        #expect(rows.exitCode == 0 && rows.lines.count == 40)
        let tweets = try flag([Self.root + "/corpora/tweets.jsonl", "--input-format", "tweets"])
        #expect(tweets.exitCode == 0 && tweets.lines.count == 30)
        let mapped = file("""
        {"case":"1","who":"end-user","said":"This is the third time I'm asking. Cancel my account."}
        {"case":"1","who":"agent","said":"I'm sorry, I can't help with that."}
        """)
        let run = try flag([mapped, "--input-format", "rows-jsonl", "--conversation-column", "case", "--role-column", "who", "--text-column", "said"])
        #expect(run.lines.count == 1)
        let codes = run.lines[0]["reasons"]!.array!.map { $0["code"]!.string! }
        #expect(codes.contains("churn_threat") && codes.contains("repeat_contact") && codes.contains("agent_failure"))
    }

    @Test func factsOutputForScorecard() throws {
        let run = try flag([Self.root + "/corpora/transcripts.jsonl", "--facts", "--top", "1"])
        #expect(run.lines.count == 1)
        #expect(run.lines[0]["risk"] != nil && run.lines[0]["reasons"]?.array != nil && run.lines[0]["flagged"]?.bool == true)
    }

    @Test func rejectsBadOptions() throws {
        for (arguments, message) in [(["--threshold", "2"], "--threshold must be between 0 and 1"), (["--top", "0"], "--top must be at least 1"),
                                     (["--fit"], "Unknown option '--fit'")] {
            let run = try flag(arguments + ["corpora/transcripts.jsonl"], status: 64, stderr: .any)
            #expect(run.stderr.hasPrefix("temper: error: \(message)"), "\(run.stderr)")
        }
    }
}

@Suite("temper flag evaluate / fit")
struct FlagEvaluationCommandTests {
    @Test("evaluate and fit are subcommands; a set is DATASET:PATH")
    func subcommandsAndUsage() throws {
        let noSets = try CLI.run(["flag", "evaluate"], status: 64, stderr: .any)
        #expect(noSets.stderr.contains("name at least one labelled set"), "\(noSets.stderr)")
        let badSet = try CLI.run(["flag", "fit", "reviews:x.tsv"], status: 64, stderr: .any)
        #expect(badSet.stderr.contains("expected DATASET:PATH with DATASET one of dialogue-satisfaction, complaints"), "\(badSet.stderr)")
        let old = try CLI.run(["flag", "--evaluate", "complaints:x.tsv"], status: 64, stderr: .any)
        #expect(old.stderr.contains("Unknown option '--evaluate'"), "\(old.stderr)")
    }

    @Test("evaluate prints the held-out comparison against mean sentiment")
    func evaluatesALabelledSet() throws {
        // The complaints set's layout: complaint (1) or not (0), a category, the tweet.
        let rows = (0..<40).map { $0 % 2 == 0 ? "1\tretail\tstill waiting on my refund, third time asking \($0)" : "0\tretail\tthanks, sorted quickly \($0)" }
        let file = try CLI.temporaryFile("complaints.tsv", rows.joined(separator: "\n") + "\n")
        let result = try CLI.run(["flag", "evaluate", "complaints:\(file)"])
        for part in ["risk AUC", "−sentiment AUC", "previous AUC", "How sure", "risk − (−sentiment) AUC", "95% interval", "Brier", "ECE", "flagged precision", "Reliability, complaints", "Per reason"] {
            #expect(result.stdout.contains(part), "\(part): \(result.stdout)")
        }
        let markdown = try CLI.run(["flag", "evaluate", "--format", "md", "--baseline-model", "none", "complaints:\(file)"])
        #expect(markdown.stdout.contains("| set | n | positives | risk AUC") && !markdown.stdout.contains("previous AUC"), "\(markdown.stdout)")

        let model = NSTemporaryDirectory() + "risk-\(UUID().uuidString).json"
        // The default output is cross-validated on the fitted (train) examples; the test halves only with --report.
        let fitted = try CLI.run(["flag", "fit", "complaints:\(file)", "-o", model, "--name", "t"])
        #expect(fitted.stdout.hasPrefix("wrote \(model)") && fitted.stdout.contains("per set (chosen against −mean sentiment"), "\(fitted.stdout)")
        #expect(!fitted.stdout.contains("held-out halves") && !fitted.stdout.contains("risk AUC"), "\(fitted.stdout)")
        let reportedModel = NSTemporaryDirectory() + "risk-\(UUID().uuidString).json"
        let reported = try CLI.run(["flag", "fit", "complaints:\(file)", "-o", reportedModel, "--name", "t", "--report"])
        #expect(reported.stdout.contains("Ranking on the held-out halves") && reported.stdout.contains("risk AUC"), "\(reported.stdout)")
        let reportAll = try CLI.run(["flag", "fit", "complaints:\(file)", "-o", reportedModel, "--fit-on", "all", "--report"], status: 64, stderr: .any)
        #expect(reportAll.stderr.hasPrefix("temper: error: --report measures the test halves, which --fit-on all fits on"), "\(reportAll.stderr)")
        #expect(reportAll.stdout.isEmpty)
        let text = try String(contentsOfFile: model, encoding: .utf8)
        #expect(text.contains("\"format_version\": 1") && text.contains("\"trained_on\"") && text.contains("\"regularisation\""))
        // Deterministic: the same data gives the same file.
        let again = NSTemporaryDirectory() + "risk-\(UUID().uuidString).json"
        try CLI.run(["flag", "fit", "complaints:\(file)", "-o", again, "--name", "t"])
        #expect(try String(contentsOfFile: again, encoding: .utf8).replacingOccurrences(of: again, with: model) == text)

        // --threat-rules holds the threats at their rule weights: in the file, and in the provenance.
        let ruled = NSTemporaryDirectory() + "risk-\(UUID().uuidString).json"
        try CLI.run(["flag", "fit", "complaints:\(file)", "-o", ruled, "--name", "t", "--threat-rules"])
        let ruledModel = try String(contentsOfFile: ruled, encoding: .utf8)
        #expect(ruledModel.contains(#"{"name": "legal_threat", "weight": 3.4000}"#) && ruledModel.contains("threats held at their rule weights"), "\(ruledModel)")
        #expect(!text.contains("legal_threat") || !text.contains("threats held"))

        // The criterion is named in the output and the file; an unknown one is a usage error.
        #expect(fitted.stdout.contains("chosen by the worst set's AUC margin over −mean sentiment"), "\(fitted.stdout)")
        #expect(text.contains("best worst-set margin of held-out ROC AUC"), "\(text)")
        let byMean = NSTemporaryDirectory() + "risk-\(UUID().uuidString).json"
        let meanFitted = try CLI.run(["flag", "fit", "complaints:\(file)", "-o", byMean, "--name", "t", "--select", "mean-auc"])
        #expect(meanFitted.stdout.contains("chosen by the mean AUC") && !meanFitted.stdout.contains("worst margin"), "\(meanFitted.stdout)")
        #expect(try String(contentsOfFile: byMean, encoding: .utf8).contains("best mean held-out ROC AUC within sets"))
        let badSelect = try CLI.run(["flag", "fit", "complaints:\(file)", "-o", byMean, "--select", "best"], status: 64, stderr: .any)
        #expect(badSelect.stderr.contains("The value 'best' is invalid for '--select <worst-margin|mean-auc>'"), "\(badSelect.stderr)")
        #expect(badSelect.stdout.isEmpty)

        // A conversation set is also left out in turn (fitted on the complaints alone, it ranks
        // the transcripts unseen); the complaints are not.
        let transcripts = try CLI.temporaryFile("outcomes.jsonl", (0..<60).map { i in
            let text = i % 3 == 0 ? "No, that is not what I asked. Still not working \(i)" : "Thanks, that sorted it \(i)"
            return #"{"id":"t\#(i)","escalated":\#(i % 3 == 0),"messages":[{"role":"customer","text":"Hi, my router \#(i)"},"#
                + #"{"role":"agent","text":"Try a restart."},{"role":"customer","text":"\#(text)"}]}"#
        }.joined(separator: "\n") + "\n")
        let twoSets = try CLI.run(["flag", "fit", "transcripts:\(transcripts)", "complaints:\(file)", "-o", byMean, "--name", "t"])
        let perSet = twoSets.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("  ") && $0.contains("  left out ") }
        #expect(perSet.count == 2 && perSet[0].hasPrefix("  outcomes") && !perSet[0].contains("left out n/a")
                && perSet[1].hasPrefix("  complaints") && perSet[1].contains("left out n/a"), "\(twoSets.stdout)")

        let noOutput = try CLI.run(["flag", "fit", "complaints:\(file)"], status: 64, stderr: .any)
        #expect(noOutput.stderr.contains("Missing expected argument '--output <path>'"), "\(noOutput.stderr)")
    }

    @Test("A bad risk model file is an error naming file and line")
    func badModelFile() throws {
        let conversations = try CLI.temporaryFile("c.jsonl", #"{"id":"a","messages":[{"role":"customer","text":"hi"}]}"# + "\n")
        let model = try CLI.temporaryFile("bad.json", "{\n  \"format\": \"temper-risk-model\",\n  \"format_version\": 9,\n  \"features\": []\n}\n")
        let result = try CLI.run(["flag", conversations, "--risk-model", model], status: 1, stderr: .any)
        #expect(result.stderr == "temper: error: \(model):3: format_version 9 is not supported (this Temper reads version 1)\n", "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let missing = try CLI.run(["flag", conversations, "--risk-model", "/nonexistent/m.json"], status: 1, stderr: .any)
        #expect(missing.stderr == "temper: error: /nonexistent/m.json: cannot read the risk model file\n", "\(missing.stderr)")
        let verdictsWithoutText = try CLI.run(["flag", "fit", "verdicts:\(conversations)", "-o", "/tmp/x.json"], status: 1, stderr: .any)
        #expect(verdictsWithoutText.stderr.contains("pass the transcripts they were ingested from with --conversations"), "\(verdictsWithoutText.stderr)")
    }
}

@Suite("Timestamps out of range")
struct TimestampRangeTests {
    @Test("An epoch of 1e24 is a bad record with file:line in flag --facts and scorecard, never a crash (issue #11)")
    func hugeEpochIsABadRecord() throws {
        let input = #"{"id":"a","messages":[{"role":"customer","text":"hi","at":1e24}]}"# + "\n"
            + #"{"id":"b","messages":[{"role":"customer","text":"thanks","at":1764000000}]}"# + "\n"
        let file = try CLI.temporaryFile("huge.jsonl", input)
        for arguments in [["flag", "--facts", file], ["scorecard", file, "--input-format", "conversations", "--format", "json"]] {
            let stopped = try CLI.run(arguments, status: 1, stderr: .any)
            #expect(stopped.stderr.hasPrefix("temper: error: \(file):1: conversation 'a': message 0 has an unparsable timestamp"), "\(stopped.stderr)")
            let skipped = try CLI.run(arguments + ["--skip-invalid"], stderr: .any)
            #expect(skipped.stderr.contains("1 invalid record(s) skipped"), "\(skipped.stderr)")
            #expect(!skipped.stdout.isEmpty)
        }
    }

    @Test("Facts out of range are bad records with file:line that --skip-invalid skips, in scorecard and flag --facts alike (issue #11)")
    func derivedFactsOutOfRange() throws {
        let file = try CLI.temporaryFile("derived.jsonl", [
            #"{"id":"a","messages":[{"role":"customer","text":"hi","at":0},{"role":"agent","text":"hello","at":"2099-01-01T00:00:00Z"}]}"#,
            #"{"id":"b","survey":{"nps":99},"messages":[{"role":"customer","text":"hi"}]}"#,
            #"{"id":"c","messages":[{"role":"customer","text":"hi","at":1e12}]}"#,
            #"{"id":"d","messages":[{"role":"customer","text":"fine thanks","at":1764000000}]}"#,
        ].joined(separator: "\n") + "\n")
        for arguments in [["scorecard", file, "--format", "json"], ["flag", "--facts", file]] {
            let stopped = try CLI.run(arguments, status: 1, stderr: .any)
            #expect(stopped.stderr.hasPrefix("temper: error: \(file):1: \"first_response_seconds\" must be between"), "\(stopped.stderr)")
            let skipped = try CLI.run(arguments + ["--skip-invalid"], stderr: .any)
            for line in 1...3 { #expect(skipped.stderr.contains("\(file):\(line): "), "\(line): \(skipped.stderr)") }
            #expect(skipped.stderr.contains("\(file):2: \"nps\" must be within 0…10, got 99.0"))
            #expect(skipped.stderr.hasSuffix("temper: 3 invalid record(s) skipped\n"))
        }
    }
}
