// Shared by every fuzz target (compiled into each by scripts/fuzz.sh).
import TemperIO

/// A broken invariant is a crash, so libFuzzer keeps the input that caused it, like a trap.
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError("invariant broken: \(message())", file: file, line: line) }
}

/// Every bad record a reader reported, with the `.skip` policy, so a run reads to the end.
final class Problems {
    var all: [InputError] = []
    var policy: BadRecordPolicy { BadRecordPolicy(.skip) { self.all.append($0) } }

    /// Each problem names the input and a line inside it, and lines only go forward.
    func requireWellFormed(name: String, lineCount: Int, ordered: Bool = true) {
        var previous = 0
        for problem in all {
            require(problem.file == name, "problem names '\(problem.file)', not '\(name)': \(problem)")
            guard let line = problem.line else { continue }
            require(line >= 1 && line <= max(lineCount, 1), "line \(line) outside 1...\(lineCount): \(problem)")
            if ordered {
                require(line >= previous, "problem lines go back from \(previous) to \(line): \(problem)")
            }
            previous = line
        }
    }
}

/// Lines as `LineReader` counts them: `\n`-terminated, plus a last line without a terminator.
func lineCount(_ bytes: some BidirectionalCollection<UInt8>) -> Int {
    let newlines = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    return newlines + (bytes.last.map { $0 != 0x0A } ?? false ? 1 : 0)
}

/// Lines that hold a record: not blank (spaces, tabs and carriage returns only).
func recordLineCount(_ bytes: some Collection<UInt8>) -> Int {
    var count = 0, blank = true
    for byte in bytes {
        if byte == 0x0A {
            if !blank { count += 1 }
            blank = true
        } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
            blank = false
        }
    }
    return count + (blank ? 0 : 1)
}

/// Lines as CSV.swift and YAML count them: a carriage return alone also ends one.
func lineCountWithCarriageReturns(_ bytes: some Collection<UInt8>) -> Int {
    var count = 1, previous: UInt8 = 0
    for byte in bytes {
        // A line feed ends a line; so does a carriage return not followed by one.
        if byte == 0x0A || previous == 0x0D { count += 1 }
        previous = byte
    }
    return count
}
