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
                                                FlagEvaluateCommand.self, FlagFitCommand.self, EvalCommand.self, TrainCommand.self]
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
