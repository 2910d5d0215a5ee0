import ArgumentParser
import TemperIO

/// Reports problems on standard error and decides the exit status. Stops repeating itself after
/// `limit` messages of one kind so a bad file cannot flood the terminal, but always counts.
final class Diagnostics {
    private(set) var invalidRecords = 0
    private(set) var warnings = 0
    let limit: Int

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
