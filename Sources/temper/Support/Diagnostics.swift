import ArgumentParser
import TemperIO

/// Reports problems on standard error and decides the exit status. Stops repeating itself after
/// `limit` messages of one kind so a bad file cannot flood the terminal, but always counts.
final class Diagnostics {
    private(set) var invalidRecords = 0
    private(set) var warnings = 0
    let limit: Int
    /// The last bad record reported, to tell a run stopped by one (already reported) from an
    /// input that could not be read at all.
    private var lastReported: InputError?

    init(limit: Int = 20) {
        self.limit = limit
    }

    func invalid(_ message: String) {
        invalidRecords += 1
        if invalidRecords <= limit { printError("temper: error: \(message)") }
        if invalidRecords == limit + 1 { printError("temper: (further errors are counted but not shown)") }
    }

    func warning(_ message: String) {
        warnings += 1
        if warnings <= limit { printError("temper: warning: \(message)") }
        if warnings == limit + 1 { printError("temper: (further warnings are counted but not shown)") }
    }

    /// The bad-record policy of `--skip-invalid`, reporting here.
    func policy(skipInvalid: Bool) -> BadRecordPolicy {
        BadRecordPolicy(skipInvalid: skipInvalid) { [self] problem in
            invalid(problem.description)
            lastReported = problem
        }
    }

    /// Runs `body`; a stop at a bad record it reported through `policy` ends `body` quietly (the
    /// summary in `finish` gives the exit status), anything else goes up to be printed.
    func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as InputError where error == lastReported {
            return
        }
    }

    /// Prints the summary and turns it into the exit status: 1 when invalid records stopped the
    /// run; 0 when the user chose to skip them (the count is still printed).
    func finish(skipped: Bool) throws {
        guard invalidRecords > 0 else { return }
        printError("temper: \(invalidRecords) invalid record(s) \(skipped ? "skipped" : "found")")
        if !skipped { throw ExitCode(1) }
    }
}

/// A failure that ends the run with status 1 after its message.
struct RunError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
