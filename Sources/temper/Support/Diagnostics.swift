import ArgumentParser
import Foundation
import TemperIO

/// Reports problems on standard error and decides the exit status. Stops repeating itself after
/// `limit` messages of one kind so a bad file cannot flood the terminal, but always counts, and
/// with an error log (`--errors FILE`) keeps every bad record's report there.
final class Diagnostics {
    private(set) var invalidRecords = 0
    private(set) var warnings = 0
    let limit: Int
    /// The last bad record reported, to tell a run stopped by one (already reported) from an
    /// input that could not be read at all.
    private var lastReported: InputError?
    /// The file keeps its descriptor open for as long as the buffer writes to it.
    private let errorLog: (path: String, file: FileHandle, output: OutputBuffer)?

    /// - Throws: `RunError` when the error log cannot be created.
    init(limit: Int = 20, errorLog path: String? = nil) throws {
        self.limit = limit
        guard let path else {
            errorLog = nil
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw RunError("\(path): cannot write the error log")
        }
        errorLog = (path, handle, OutputBuffer(descriptor: handle.fileDescriptor))
    }

    func invalid(_ message: String) {
        invalidRecords += 1
        errorLog?.output.append(message + "\n")
        if invalidRecords <= limit { printError("temper: error: \(message)") }
        if invalidRecords == limit + 1 {
            if let errorLog {
                printError("temper: (further errors are counted, not shown here; every one is in \(errorLog.path))")
            } else {
                printError("temper: (further errors are counted but not shown; --errors FILE keeps every one)")
            }
        }
    }

    func warning(_ message: String) {
        warnings += 1
        if warnings <= limit { printError("temper: warning: \(message)") }
        if warnings == limit + 1 { printError("temper: (further warnings are counted but not shown)") }
    }

    /// The count of warnings, when there were any (a run with warnings still succeeds).
    func finishWarnings() {
        guard warnings > 0 else { return }
        printError("temper: \(warnings) warning(s)")
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
        if let errorLog {
            errorLog.output.flush()
            if errorLog.output.failed { throw RunError("\(errorLog.path): could not write the error log") }
        }
        guard invalidRecords > 0 else { return }
        printError("temper: \(invalidRecords) invalid record(s) \(skipped ? "skipped" : "found")" + (errorLog.map { " (all in \($0.path))" } ?? ""))
        if !skipped { throw ExitCode(1) }
    }
}

/// A failure that ends the run with status 1 after its message.
struct RunError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
