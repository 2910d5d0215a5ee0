import ArgumentParser
import TemperIO
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

@main
struct Temper: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "temper",
        abstract: "Reads what customers write and tells you how they feel, which conversations are about to go wrong, and how that moves your support KPIs.",
        discussion: """
        Temper is a pipeline: text is normalized and tokenized (normalize), scored for sentiment \
        with the project's lexicons, rules and n-gram model (score, eval, train), read as \
        conversations and flagged for escalation risk (flag), and aggregated into support KPIs \
        against targets (scorecard).

        Every command streams: one output line per input record, in input order, with memory \
        bounded whatever the input size. Errors name the file, the line and the problem.

        Exit status: 0 success; 1 the input held invalid records (see --skip-invalid) or a \
        file could not be read; 64 the command line itself was wrong.
        """,
        version: version,
        subcommands: [NormalizeCommand.self, ScoreCommand.self, FlagCommand.self, TrainCommand.self, EvalCommand.self, ScorecardCommand.self,
                      IngestCommand.self, ReviewsCommand.self, ServeCommand.self, DriversCommand.self]
    )

    /// ArgumentParser's own entry point, with one form for every error: `temper: error: …` on
    /// standard error (ArgumentParser would print `Error: …` for some and the rest would print
    /// their own), then the exit status it chose (64 for usage, 1 for a failed run).
    /// Async only for `serve`; every other command runs as it always has, synchronously.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            // What went through `print` (tables, reports) is still in C's buffer: a full disk or a
            // closed pipe shows only now, and must not end in exit status 0.
            if fflush(stdout) != 0 || ferror(stdout) != 0 { throw RunError("could not write the output") }
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help, --version: printed by ArgumentParser
            var message: String
            switch error {
            case let error as RunError: message = error.description
            case let error as InputError: message = error.description
            case is ExitCode: message = ""  // already reported
            default: message = fullMessage(for: error)
            }
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            if !message.isEmpty { printError("temper: error: " + message) }
            exit(withError: ExitCode(code.rawValue))
        }
    }
}
