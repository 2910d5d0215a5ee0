import CSV
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads CSV with a header row, record by record, with the line each record starts on — the one
/// CSV reader of every command. Parsing (quotes, escaped quotes, fields spanning lines) is
/// CSV.swift's; this type adds what errors need: file and line, and a clean end of stream
/// (CSV.swift signals the end as an error, `cannotReadFile`).
public final class CSVRecordReader {
    /// Name used in messages: the path, or `<stdin>`.
    public let name: String
    public let header: [String]
    private let source: Source
    private let reader: CSVReader
    /// The line the next record starts on.
    private var line: Int

    /// Where the CSV comes from; decides how its last bytes can be looked at again.
    private enum Source {
        case file(String)
        case standardInput
        case memory([UInt8])
    }

    /// Opens `path` (`-` is standard input) and reads its header row.
    /// - Throws: `InputError` when the file cannot be opened or has no header row.
    public convenience init(path: String) throws(InputError) {
        let name = path == "-" ? "<stdin>" : path
        if path != "-" {
            // InputStream opens anything and fails later with a bare "cannotOpenFile": ask first,
            // so the error says why, as every other reader's does.
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw InputError(file: name, message: "cannot open: \(String(cString: strerror(errno)))") }
            close(descriptor)
        }
        guard let stream = InputStream(fileAtPath: path == "-" ? "/dev/stdin" : path) else {
            throw InputError(file: name, message: "cannot open")
        }
        try self.init(stream: stream, name: name, source: path == "-" ? .standardInput : .file(path))
    }

    /// Reads CSV already in memory (a request body, a fuzzer's input); `name` is used in messages.
    public convenience init(bytes: [UInt8], name: String = "<memory>") throws(InputError) {
        try self.init(stream: InputStream(data: Data(bytes)), name: name, source: .memory(bytes))
    }

    private init(stream: InputStream, name: String, source: Source) throws(InputError) {
        self.name = name
        self.source = source
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true)
        } catch CSVError.cannotReadHeaderRow {
            // CSV.swift's word for an input without a single line.
            throw InputError(file: name, line: 1, message: "empty file (a header row is required)")
        } catch {
            throw InputError(file: name, line: 1, message: "cannot read the CSV header: \(Self.describe(error))")
        }
        guard let header = reader.headerRow else {
            throw InputError(file: name, line: 1, message: "empty file (a header row is required)")
        }
        self.header = header
        line = 2 + Self.newlines(in: header)
    }

    /// Calls `body` with each record's fields and the line it starts on, in order. A record
    /// whose field count differs from the header's is a bad record (a shifted column would put
    /// the wrong value under every name after it), handled by `policy`.
    /// - Throws: `InputError` for malformed CSV (with the line it was found on), and whatever `body` throws.
    public func forEach(policy: BadRecordPolicy, _ body: (_ fields: [String], _ line: Int) throws -> Void) throws {
        // CSV.swift does not report line numbers; a record starts one line after the previous
        // record's last line, and a quoted field spans as many extra lines as it has newlines.
        // Each record is held back until the next is read: only the last can hide an unterminated
        // quote (see `endsInsideQuotes`), and it must be checked before it is delivered.
        var pending: (fields: [String], line: Int)?
        func deliver(_ record: (fields: [String], line: Int)) throws {
            guard record.fields.count == header.count else {
                try policy.handle(InputError(file: name, line: record.line,
                                             message: "has \(record.fields.count) field(s), the header has \(header.count)"))
                return
            }
            try body(record.fields, record.line)
        }
        func failure() -> Error? {
            guard let error = reader.error, !(error is CSVError && "\(error)" == "cannotReadFile") else { return nil }
            return error
        }
        while let fields = reader.next() {
            // Undecodable text ends CSV.swift's input in the middle of a record, which it returns
            // cut short: that is no record.
            if failure() != nil { break }
            if let pending { try deliver(pending) }
            pending = (fields, line)
            line += 1 + Self.newlines(in: fields)
        }
        if let error = failure() {
            // The record before the bad one is complete (it was followed by more), so it is delivered.
            if let pending { try deliver(pending) }
            throw InputError(file: name, line: line, message: "malformed CSV: \(Self.describe(error))")
        }
        guard let last = pending else { return }
        if endsInsideQuotes(last.fields) {
            try policy.handle(InputError(file: name, line: last.line,
                                         message: "a quoted field is never closed: it runs to the end of the file"))
            return
        }
        try deliver(last)
    }

    /// CSV.swift reads an unclosed quote to the end of the input and says nothing, so the rest
    /// of the file would vanish into one field. That can only happen to the last record, and
    /// only when its last field spans lines (so it was quoted). Then the input is scanned again
    /// with CSV.swift's own quoting rules to see whether it ends inside quotes: looking at its
    /// last bytes is not enough, as a quote there may open the field, or close one before it
    /// (found by fuzzing). Files and bytes in memory are checked that way; standard input
    /// cannot be re-read, so there an unclosed quote is not detected.
    private func endsInsideQuotes(_ fields: [String]) -> Bool {
        guard let last = fields.last, last.utf8.contains(0x0A) else { return false }
        var scanner = CSVQuoteScanner()
        switch source {
        case .standardInput:
            return false
        case .memory(let bytes):
            bytes.withUnsafeBufferPointer { scanner.scan($0) }
        case .file(let path):
            guard let file = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? file.close() }
            while let chunk = try? file.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { scanner.scan($0.bindMemory(to: UInt8.self)) }
            }
        }
        return scanner.isInsideQuotes
    }

    /// CSV.swift's errors in words; only undecodable text reaches this from an open stream.
    private static func describe(_ error: Error) -> String {
        if case CSVError.unicodeDecoding? = error as? CSVError { return "not UTF-8 text" }
        return "\(error)"
    }

    static func newlines(in fields: [String]) -> Int {
        var count = 0
        for field in fields {
            for byte in field.utf8 where byte == 0x0A { count += 1 }
        }
        return count
    }
}

/// CSV.swift's quoting rules on raw bytes, to tell whether an input ends inside a quoted field.
/// Mirrors `CSVReader.readRow`/`readField` (comma delimiter, no trimming): a field that starts
/// with `"` is quoted; inside, `""` is a quote, and `"` followed by a comma, a line break or the
/// end closes it; `"` followed by anything else is kept and so is what follows. A UTF-8
/// byte-order mark at the start is skipped, as CSV.swift does. Every byte that matters is
/// ASCII, so UTF-8 needs no decoding.
struct CSVQuoteScanner {
    private enum State {
        /// At the start of a field (`"` would open quotes).
        case fieldStart
        case unquoted
        case quoted
        /// Just after a `"` inside quotes.
        case quoteInQuoted
    }

    private var state = State.fieldStart
    private var offset = 0

    /// True when the bytes so far end inside a quoted field.
    var isInsideQuotes: Bool { state == .quoted }

    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var index = 0
        if offset == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        offset += bytes.count
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch state {
            case .fieldStart, .unquoted:
                if state == .fieldStart, byte == quote {
                    state = .quoted
                } else {
                    // A comma or a line break (a CR LF pair included) starts the next field.
                    state = byte == comma || byte == lf || byte == cr ? .fieldStart : .unquoted
                }
            case .quoted:
                if byte == quote { state = .quoteInQuoted }
            case .quoteInQuoted:
                // `""` is a quote; `"` then a comma or line break closes the field; `"` then
                // anything else is kept, that byte with it, and the field stays quoted.
                state = byte == comma || byte == lf || byte == cr ? .fieldStart : .quoted
            }
        }
    }
}
