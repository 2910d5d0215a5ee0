import TemperIO
import ArgumentParser

/// The input files every streaming command reads, and the longest line it reads of them.
struct InputFiles: ParsableArguments {
    @Argument(help: ArgumentHelp("Input files, read in order. '-' or none reads standard input.", valueName: "file"))
    var files: [String] = []

    @Option(name: .customLong("max-line-bytes"), help: ArgumentHelp("The longest input line (in CSV: record) read, in bytes; K, M and G multiply by 1024, 1024², 1024³. A longer line is a bad record, reported with its file and line (skipped with --skip-invalid) and never held in memory.", valueName: "bytes"))
    var maxLineBytes = ByteCount(LineReader.defaultMaximumLineLength)

    var paths: [String] { files.isEmpty ? ["-"] : files }
    var maximumLineLength: Int { maxLineBytes.value }
}

/// A size in bytes as typed: `1048576`, `1024K`, `4M`, `1G`.
struct ByteCount: ExpressibleByArgument {
    let value: Int

    init(_ value: Int) { self.value = value }

    init?(argument: String) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(argument)
        var unit = 1
        if let last = digits.last?.uppercased().first, let multiplier = units[last] {
            unit = multiplier
            digits = digits.dropLast()
        }
        guard let number = Int(digits), number >= 1, number <= Int.max / 4 / unit else { return nil }
        value = number * unit
    }

    var defaultValueDescription: String {
        value % (1 << 20) == 0 ? "\(value >> 20)M" : "\(value)"
    }
}

/// How a command treats records it cannot read.
struct ValidityOptions: ParsableArguments {
    @Flag(help: "Skip records that cannot be read (bad JSON, missing fields, invalid UTF-8) instead of stopping at the first; each is reported on standard error with its line, and the count at the end. Without it the run stops with exit status 1.")
    var skipInvalid = false

    @Option(name: .customLong("errors"), help: ArgumentHelp("Write the report of every bad record (file:line: problem, one a line) to this file; standard error shows the first 20 and the count.", valueName: "file"))
    var errorLog: String?

    /// Where this run's problems are reported.
    func diagnostics() throws -> Diagnostics {
        try Diagnostics(errorLog: errorLog)
    }
}

/// How many threads a batch command uses, and whether it reports progress.
struct ThroughputOptions: ParsableArguments {
    @Option(help: "Worker threads (default: all cores). Output order always follows input order.")
    var jobs: Int?

    @Flag(help: "Report progress (count, rate, ETA) on standard error even when it is not a terminal.")
    var progress = false

    var resolvedJobs: Int { max(1, jobs ?? availableCores) }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }
}

extension InputFiles {
    /// A command reading standard input from a terminal would otherwise wait in silence.
    func hintWhenReadingTerminal() {
        guard paths.contains("-"), isatty(0) != 0 else { return }
        printError("temper: reading standard input (type or paste lines, then Ctrl-D; or pass a file)")
    }
}

#if canImport(Glibc)
import Glibc
#endif
