import ArgumentParser

/// The input files every streaming command reads.
struct InputFiles: ParsableArguments {
    @Argument(help: ArgumentHelp("Input files, read in order. '-' or none reads standard input.", valueName: "file"))
    var files: [String] = []

    var paths: [String] { files.isEmpty ? ["-"] : files }
}

/// How a command treats records it cannot read.
struct ValidityOptions: ParsableArguments {
    @Flag(help: "Skip records that cannot be read (bad JSON, missing fields, invalid UTF-8 where it matters) instead of stopping; each is reported on standard error and counted, and the run still exits 1 if any were skipped.")
    var skipInvalid = false
}
