import Foundation
import Testing

/// scripts/spark/temper_spark.py: Temper as the per-partition worker of Apache Spark.
///
/// The pipe worker's guards (order, exit codes, drained standard error) are tested in Python
/// without Spark; the end-to-end tests run Spark in local mode (`local[2]`) and need PySpark and
/// Java (`pip install pyspark`; .ci/run installs it). Without them they skip and say so.
@Suite("Spark runner", .serialized)
struct SparkTests {
    static let script = CLI.root.appendingPathComponent("scripts/spark/temper_spark.py").path

    /// Why Spark cannot run here, or nil when it can.
    static let missing: String? = {
        guard let python = try? program("python3", ["-c", "import sys; print(sys.version_info >= (3, 9))"]),
              python.status == 0, python.stdout.hasPrefix("True") else { return "python3 (3.9 or later) is not installed" }
        guard let spark = try? program("python3", ["-c", "import pyspark"]), spark.status == 0 else {
            return "PySpark is not installed (pip install pyspark; .ci/run installs it)"
        }
        guard let java = try? program("java", ["-version"]), java.status == 0 else {
            return "Java is not installed (PySpark needs Java 17 or later)"
        }
        return nil
    }()
    static let hasPython = (try? program("python3", ["--version"]))?.status == 0

    /// Runs a program found on PATH; standard error goes through a file, as Spark logs much there.
    static func program(_ name: String, _ arguments: [String]) throws -> CLI.Result {
        let errorPath = try CLI.temporaryFile("stderr", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        process.currentDirectoryURL = CLI.root
        var environment = ProcessInfo.processInfo.environment
        environment["PYSPARK_PYTHON"] = environment["PYSPARK_PYTHON"] ?? "python3"
        process.environment = environment
        let stdout = Pipe()
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = stdout
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Result(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                          stderr: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }

    static func spark(_ arguments: [String]) throws -> CLI.Result {
        try program("python3", [script, "--master", "local[2]", "--temper", CLI.executable.path,
                                "--lexicons", CLI.root.appendingPathComponent("lexicons").path] + arguments)
    }

    /// The sample transcripts repeated with fresh ids: more conversations, same shape.
    static func largerCorpus(copies: Int) throws -> String {
        let sample = try String(contentsOf: CLI.root.appendingPathComponent("corpora/transcripts.jsonl"), encoding: .utf8)
        let lines = sample.split(separator: "\n")
        var text = ""
        for copy in 0..<copies {
            for line in lines {
                text += line.replacingOccurrences(of: #"{"id": "c"#, with: #"{"id": "x\#(copy)-c"#) + "\n"
            }
        }
        #expect(text.components(separatedBy: "\"id\": \"x").count - 1 == copies * lines.count)
        return try CLI.temporaryFile("transcripts-x\(copies).jsonl", text)
    }

    @Test("The pipe worker keeps order, fails on a non-zero exit with its stderr, and drains stderr",
          .enabled(if: hasPython, "python3 is not installed"))
    func pipeWorker() throws {
        let result = try Self.program("python3", ["-m", "unittest", "discover", "-s", "scripts/spark", "-p", "test_*.py"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("OK"), "\(result.stderr)")
    }

    /// Every Spark run of these tests, in one Spark application: starting Spark (a JVM, Python
    /// workers) takes far longer than the runs, so they share it. Each entry: (arguments, status
    /// or the error's message).
    struct Session {
        let workspace: String
        let larger: String
        let messages: String
        let broken: String
        let outcomes: [String: (status: Int?, error: String)]

        static let shape = ["--by", "team,agent", "--period", "month"]
        static let render = ["--format", "json", "--no-timestamp", "--title", "Spark"]

        func path(_ name: String) -> String { workspace + "/" + name }
    }

    static let session: Result<Session, Error> = Result {
        let workspace = try CLI.temporaryFile("spark", "") + ".d"
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        let larger = try largerCorpus(copies: 10)
        let sampleMessages = try String(contentsOf: CLI.root.appendingPathComponent("corpora/messages.txt"), encoding: .utf8)
        let messages = try CLI.temporaryFile("messages-x8.txt", String(repeating: sampleMessages, count: 8))
        let sample = try String(contentsOf: CLI.root.appendingPathComponent("corpora/transcripts.jsonl"), encoding: .utf8)
        let broken = try CLI.temporaryFile("broken.jsonl", sample + "{\"id\": \"broken\", \"messages\": [\n")
        let common = ["--temper", CLI.executable.path, "--lexicons", CLI.root.appendingPathComponent("lexicons").path]
        let runs: [String: [String]] = [
            "sample": common + ["--partitions", "3", "scorecard", "corpora/transcripts.jsonl", "--partials", workspace + "/sample.partials"]
                + Session.shape + ["--"] + Session.render + ["-o", workspace + "/sample.json"],
            "larger": common + ["--partitions", "5", "scorecard", larger, "--partials", workspace + "/larger.partials"]
                + Session.shape + ["--"] + Session.render + ["-o", workspace + "/larger.json"],
            "score": common + ["--partitions", "4", "score", messages, "--output", workspace + "/score"],
            "broken": common + ["--partitions", "2", "scorecard", broken, "--", "--format", "json", "-o", workspace + "/broken.json"],
        ]
        let plan = try CLI.temporaryFile("runs.json", String(decoding: try JSONSerialization.data(withJSONObject: runs), as: UTF8.self))
        let driver = """
        import json, sys
        sys.path.insert(0, "scripts/spark")
        import temper_spark
        runs = json.load(open(sys.argv[1]))
        context = temper_spark.spark_context("local[2]", "temper tests")
        try:
            for name, argv in runs.items():
                try:
                    print(json.dumps({"name": name, "status": temper_spark.main(argv, context=context)}), flush=True)
                except Exception as error:
                    print(json.dumps({"name": name, "error": str(error)}), flush=True)
        finally:
            context.stop()
        """
        let result = try program("python3", ["-c", driver, plan])
        guard result.status == 0 else { throw CLIError("the Spark session failed: \(result.stderr.suffix(4000))") }
        var outcomes: [String: (status: Int?, error: String)] = [:]
        for line in result.lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            outcomes[object["name"] as! String] = (object["status"] as? Int, object["error"] as? String ?? "")
        }
        return Session(workspace: workspace, larger: larger, messages: messages, broken: broken, outcomes: outcomes)
    }

    @Test("Spark partials (local[2]) merge into exactly the single-machine scorecard",
          .enabled(if: missing == nil, Comment(rawValue: missing ?? "")))
    func scorecardEqualsSingleMachine() throws {
        let session = try Self.session.get()
        for (name, input, partitions) in [("sample", "corpora/transcripts.jsonl", 3), ("larger", session.larger, 5)] {
            let single = try CLI.run(["scorecard", input] + Session.shape + Session.render)
            #expect(session.outcomes[name]?.status == 0, "\(name): \(session.outcomes[name].map { $0.error } ?? "did not run")")
            let merged = try String(contentsOfFile: session.path(name + ".json"), encoding: .utf8)
            #expect(!single.stdout.isEmpty)
            #expect(merged == single.stdout, "\(name): the merged scorecard differs from the single run's")
            // One partial per partition, each naming its shard.
            let partials = session.path(name + ".partials")
            let names = try FileManager.default.contentsOfDirectory(atPath: partials).sorted()
            #expect(names.count >= partitions)
            #expect(names.first == "part-00000.partial.json")
            for name in names {
                let text = try String(contentsOfFile: partials + "/" + name, encoding: .utf8)
                let shard = String(name.prefix { $0 != "." })
                #expect(text.contains(#""shard_ids":["\#(shard)"]"#), "\(name)")
            }
        }
    }

    @Test("Spark's score output, parts in order, is the single run's output, ids included",
          .enabled(if: missing == nil, Comment(rawValue: missing ?? "")))
    func scoreKeepsOrder() throws {
        let session = try Self.session.get()
        #expect(session.outcomes["score"]?.status == 0, "\(session.outcomes["score"].map { $0.error } ?? "did not run")")
        let single = try CLI.run(["score", session.messages])
        let output = session.path("score")
        let parts = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasPrefix("part-") }.sorted()
        #expect(parts.count >= 4)
        let joined = try parts.map { try String(contentsOfFile: output + "/" + $0, encoding: .utf8) }.joined()
        #expect(joined == single.stdout)
    }

    @Test("A failing worker fails the Spark job with Temper's error message",
          .enabled(if: missing == nil, Comment(rawValue: missing ?? "")))
    func failedWorkerFailsTheJob() throws {
        let session = try Self.session.get()
        let outcome = try #require(session.outcomes["broken"])
        #expect(outcome.status == nil)
        #expect(!FileManager.default.fileExists(atPath: session.path("broken.json")))
        for part in ["TemperWorkerError", " (part-0000", "exited with status 1", "temper: error: <stdin>:"] {
            #expect(outcome.error.contains(part), "\(part): \(outcome.error.suffix(3000))")
        }
    }
}
