import ArgumentParser
import Foundation
import Testing
@testable import temper

// What every command shares through the entry point and its support: help layout, terminal input.

@Suite("Reading a terminal")
struct TerminalInputTests {
    @Test("A command reading standard input from a terminal says so on standard error")
    func hintsWhenStandardInputIsATerminal() throws {
        // util-linux `script` runs the command on a pseudo-terminal and passes our (empty) input on as end of file.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            print("skipped: /usr/bin/script (util-linux) is not installed")
            return
        }
        for command in ["score", "normalize", "flag", "scorecard"] {
            let result = try CLI.runProgram("/usr/bin/script", ["-qec", "\(CLI.executable.path) \(command)", "/dev/null"])
            #expect(result.stdout.contains("temper: reading standard input"), "\(command): \(result.stdout)")
        }
        let piped = try CLI.run(["score"], input: "fine\n")
        #expect(!piped.stderr.contains("reading standard input"))
    }
}

@Suite("Help in 80 columns")
struct HelpLayoutTests {
    @Test("Every command's indented help lines (tables, JSON shapes) print as written in 80 columns")
    func preformattedLinesSurvive() throws {
        let commands: [ParsableCommand.Type] = [NormalizeCommand.self, ScoreCommand.self, FlagAssessCommand.self,
                                                FlagEvaluateCommand.self, FlagFitCommand.self, EvalCommand.self, TrainCommand.self,
                                                ServeCommand.self]
        for command in commands {
            let help = Temper.helpMessage(for: command, columns: 80)
            let lines = Set(help.split(separator: "\n").map(String.init))
            for line in command.configuration.discussion.split(separator: "\n") where line.hasPrefix("  ") {
                #expect(lines.contains(String(line)), "\(command.configuration.commandName ?? "?"): re-wrapped: \(line)")
            }
        }
    }
}

@Suite("Output that cannot be written")
struct UnwritableOutputTests {
    @Test("A full disk fails the run (exit 1, a message) for printed reports and streamed records alike (issue #11)")
    func fullDiskIsAnError() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else {
            print("skipped: no /dev/full on this system")
            return
        }
        let labelled = try CLI.temporaryFile("e.tsv", "positive\tgood service\nnegative\tawful\n")
        for command in ["eval \(labelled)", "score corpora/messages.txt", "flag corpora/transcripts.jsonl"] {
            let result = try CLI.runProgram("/bin/sh", ["-c", "\(CLI.executable.path) \(command) > /dev/full"])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("temper: error: could not write the output"), "\(command): \(result.stderr)")
        }
    }
}

@Suite("Over-long lines")
struct LineLengthBoundTests {
    /// One line of 200 kB in each command's input: a bad record at its file:line for the commands
    /// that read records, a warning and an empty line for normalize; the lines around it are read.
    @Test("A line longer than --max-line-bytes is a bad record with file:line in every command (issue #11, item 6)", arguments: [
        ("score", "m.txt", "fine", "lovely", [] as [String]),
        ("flag", "c.jsonl", #"{"id":"a","messages":[{"role":"customer","text":"hi"}]}"#, #"{"id":"b","messages":[{"role":"customer","text":"bye"}]}"#, []),
        ("scorecard", "f.jsonl", #"{"id":"a","team":"t"}"#, #"{"id":"b","team":"t"}"#, ["--format", "csv"]),
        ("flag", "r.csv", "conversation_id,role,text\nc1,customer,hello", "c2,customer,thanks", ["--input-format", "rows-csv"]),
    ])
    func overlongLinesAreBadRecords(command: String, name: String, before: String, after: String, options: [String]) throws {
        let long = String(repeating: "x", count: 200_000)
        let beforeLines = before.split(separator: "\n").count
        let file = try CLI.temporaryFile(name, "\(before)\n\(long)\n\(after)\n")
        let problem = "\(file):\(beforeLines + 1): line is 200000 bytes, longer than the limit of 102400 (--max-line-bytes)"
        let stopped = try CLI.run([command, file, "--max-line-bytes", "100K"] + options, status: 1, stderr: .any)
        #expect(stopped.stderr.contains("temper: error: \(problem)\n"), "\(stopped.stderr)")
        let skipped = try CLI.run([command, file, "--max-line-bytes", "100K", "--skip-invalid"] + options, stderr: .any)
        #expect(skipped.stderr.contains("temper: error: \(problem)\n") && skipped.stderr.contains("1 invalid record(s) skipped"), "\(skipped.stderr)")
        #expect(!skipped.stdout.isEmpty)
        // Under the default limit (1 MiB) the same line is read.
        let whole = try CLI.run([command, file] + options, status: nil, stderr: .any)
        #expect(!whole.stderr.contains("--max-line-bytes"), "\(whole.stderr)")
        #expect(command == "score" ? whole.lines.count == 3 : whole.stderr.contains(":\(beforeLines + 1): "), "\(whole.stderr)")
    }

    @Test("normalize keeps its one line per input line: an over-long line is a warning and an empty line")
    func normalizeWarns() throws {
        let input = "good\n" + String(repeating: "y", count: 5000) + "\nbad\n"
        let text = try CLI.run(["normalize", "--max-line-bytes", "4096"], input: input, stderr: .any)
        #expect(text.stdout == "good\n\nbad\n")
        #expect(text.stderr == "temper: warning: <stdin>:2: line is 5000 bytes, longer than the limit of 4096 (--max-line-bytes)\ntemper: 1 warning(s)\n")
        let tokens = try CLI.run(["normalize", "--tokens", "--max-line-bytes", "4096"], input: input, stderr: .any)
        #expect(tokens.lines.count == 3 && tokens.lines[1] == #"{"line":2,"error":"line is 5000 bytes, longer than the limit of 4096 (--max-line-bytes)"}"#)
        let bad = try CLI.run(["normalize", "--max-line-bytes", "0"], status: 64, stderr: .any)
        #expect(bad.stderr.contains("--max-line-bytes"))
    }
}

@Suite("Reporting bad records")
struct BadRecordReportingTests {
    @Test("Standard error shows the first 20 and the count; --errors FILE keeps every one (issue #11)")
    func everyBadRecordIsKept() throws {
        let lines = (1...60).map { $0 % 2 == 0 ? "not json \($0)" : "{\"text\":\"fine \($0)\"}" }
        let input = try CLI.temporaryFile("bad.jsonl", lines.joined(separator: "\n") + "\n")
        let log = input + ".errors"
        let result = try CLI.run(["score", "--skip-invalid", "--errors", log, input], stderr: .any)
        #expect(try CLI.objects(result).count == 30)
        let shown = result.stderr.split(separator: "\n").filter { $0.hasPrefix("temper: error: ") }
        #expect(shown.count == 20)
        #expect(result.stderr.contains("every one is in \(log)"))
        #expect(result.stderr.hasSuffix("temper: 30 invalid record(s) skipped (all in \(log))\n"))
        let kept = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(kept.count == 30 && kept.last?.hasPrefix("\(input):60: bad JSON") == true)
        let without = try CLI.run(["score", "--skip-invalid", input], stderr: .any)
        #expect(without.stderr.contains("--errors FILE keeps every one"))
    }

    @Test("normalize ends with its warning count, however many it showed")
    func normalizeCountsItsWarnings() throws {
        let bytes: [UInt8] = (0..<25).flatMap { _ -> [UInt8] in Array("ok".utf8) + [0xFF, 0x0A] }
        let result = try CLI.run(["normalize"], inputBytes: bytes, stderr: .any)
        #expect(result.stderr.hasSuffix("temper: 25 warning(s)\n"), "\(result.stderr)")
    }
}
