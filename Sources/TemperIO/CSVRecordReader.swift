/// Reads CSV with a header row, record by record, with the line each record starts on — the one
/// CSV reader of every command.
///
/// RFC 4180 on top of `LineReader`, so CSV shares every line reader's guarantees: file and line
/// in every report, the `--max-line-bytes` bound (for a record, over all its lines), and
/// standard input read once. Fields are separated by commas; a field that starts with `"` is
/// quoted: commas and line breaks inside it are text, `""` is one quote, and after its closing
/// quote only a comma or the end of the record may follow. A quote inside an unquoted field is
/// text. A UTF-8 byte-order mark before the header is skipped; a line break inside a quoted field
/// reads as `\n`. Bad records go to the policy: a field count other than the header's, invalid
/// UTF-8, text after a closing quote, a quoted field still open at the end of the input (it
/// would swallow every record after it), a record over the length limit.
public final class CSVRecordReader {
    /// Name used in messages: the path, or `<stdin>`.
    public let name: String
    public let header: [String]
    private let lines: LineReader
    private let maximumRecordLength: Int

    /// Opens `path` (`-` is standard input) and reads its header row.
    /// - Throws: `InputError` when the file cannot be opened or has no usable header row.
    public convenience init(path: String, maximumLineLength: Int = LineReader.defaultMaximumLineLength) throws(InputError) {
        let lines: LineReader
        do {
            lines = try LineReader(path: path, maximumLineLength: maximumLineLength)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: path, message: "cannot open: \(error)")
        }
        try self.init(lines: lines)
    }

    /// Reads CSV held in memory (a request body, a fuzzer's input) exactly as a file.
    public convenience init(bytes: [UInt8], name: String = "<memory>") throws(InputError) {
        try self.init(lines: LineReader(bytes: bytes, name: name))
    }

    /// Reads the header row from `lines`; records are bounded by its line limit.
    public init(lines: LineReader) throws(InputError) {
        self.lines = lines
        name = lines.name
        maximumRecordLength = lines.maximumLineLength
        var parser = CSVRecordParser(atInputStart: true)
        var header: [String]?
        var problem: InputError?
        do {
            _ = try Self.nextRecord(lines, &parser, limit: maximumRecordLength, policy: BadRecordPolicy(.stop) { problem = $0 }) { fields, _ in
                header = fields
            }
        } catch {
            let reason = problem.map { "\($0.line.map { "line \($0): " } ?? "")\($0.message)" } ?? "\(error)"
            throw InputError(file: name, line: 1, message: "cannot read the CSV header: \(reason)")
        }
        guard let header, header != [""] else {
            throw InputError(file: name, line: 1, message: "empty file (a header row is required)")
        }
        self.header = header
    }

    /// Calls `body` with each record's fields and the line it starts on, in order. A record
    /// whose field count differs from the header's is a bad record (a shifted column would put
    /// the wrong value under every name after it), as is any record that cannot be read; both
    /// are handled by `policy`. An empty line (outside a quoted field) is no record: RFC 4180
    /// would read it as one empty field, a bad record under any header of two or more columns,
    /// but it holds no data, and the blank line an editor leaves at the end of a file should not
    /// fail a run (Python's `csv.DictReader` skips it too). A quoted empty field `""` is a record.
    /// - Throws: what `policy` or `body` throws, and `InputError` for an input that cannot be read.
    public func forEach(policy: BadRecordPolicy, _ body: (_ fields: [String], _ line: Int) throws -> Void) throws {
        var parser = CSVRecordParser()
        let columns = header.count
        while try Self.nextRecord(lines, &parser, limit: maximumRecordLength, policy: policy, skippingBlankLines: true, { fields, line in
            guard fields.count == columns else {
                try policy.handle(InputError(file: name, line: line, message: "has \(fields.count) field(s), the header has \(columns)"))
                return
            }
            try body(fields, line)
        }) {}
    }

    /// Reads the next record (handing it to `body`, or a problem with it to `policy`); false at
    /// the end of the input.
    private static func nextRecord(_ lines: LineReader, _ parser: inout CSVRecordParser, limit: Int, policy: BadRecordPolicy,
                                   skippingBlankLines: Bool = false, _ body: ([String], Int) throws -> Void) throws -> Bool {
        parser.start()
        var startLine = 0
        var problem: InputError?
        while true {
            let more = try lines.withNextLine(policy: policy) { bytes, number -> Bool in
                if startLine == 0 { startLine = number }
                if let message = parser.add(bytes, lineNumber: number, limit: limit), problem == nil {
                    problem = InputError(file: lines.name, line: number, message: message)
                }
                return parser.isOpen
            }
            guard let more else {
                // The end of the input: inside a quoted field it swallowed everything after it.
                guard startLine > 0 else { return false }
                if parser.isOpen, problem == nil {
                    problem = InputError(file: lines.name, line: startLine,
                                         message: "a quoted field is never closed: it runs to the end of the file")
                }
                break
            }
            if !more { break }
        }
        if let problem {
            try policy.handle(problem)
        } else if !(skippingBlankLines && parser.wasBlankLine) {
            try body(parser.fields, startLine)
        }
        return true
    }
}

/// The state of one CSV record being read line by line.
struct CSVRecordParser {
    private(set) var fields: [String] = []
    /// Inside a quoted field at the end of the last line added: the record goes on.
    private(set) var isOpen = false
    private var field: [UInt8] = []
    private var length = 0
    /// Something was wrong: the rest of the record is read past (quotes still followed, so the
    /// next record starts where it should), not kept.
    private var failed = false
    /// The next line is the input's first: a byte-order mark there is no text.
    private var atInputStart: Bool
    /// The record read was an empty line (nothing between its line breaks, not even `""`).
    private(set) var wasBlankLine = false

    init(atInputStart: Bool = false) {
        self.atInputStart = atInputStart
    }

    mutating func start() {
        fields.removeAll(keepingCapacity: true)
        field.removeAll(keepingCapacity: true)
        isOpen = false
        length = 0
        failed = false
        wasBlankLine = false
    }

    /// Adds one line of the record; returns what is wrong with it, if anything (the first problem
    /// only: the record is bad either way).
    mutating func add(_ line: UnsafeBufferPointer<UInt8>, lineNumber: Int, limit: Int) -> String? {
        var problem: String?
        func fail(_ message: String) {
            guard !failed else { return }
            failed = true
            problem = message
        }
        var position = 0
        if atInputStart {
            atInputStart = false
            if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF { position = 3 }
        }
        length += line.count + (isOpen ? 1 : 0)
        if length > limit { fail("record is longer than the limit of \(limit) bytes (--max-line-bytes)") }
        if let bad = Self.firstInvalidUTF8(line) { fail("invalid UTF-8 at column \(bad + 1)") }
        let count = line.count
        if isOpen {
            if !failed { field.append(0x0A) }  // the line break inside the quoted field
        } else if position == count {  // an empty line: one empty field to RFC 4180, no record to `forEach`
            if !failed { fields.append("") }
            wasBlankLine = fields.count == 1
            return problem
        }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        while true {
            // One field from its start, or a quoted field from where it goes on.
            if !isOpen, position < count, line[position] == quote {
                isOpen = true
                position += 1
            }
            if isOpen {
                while true {
                    while position < count, line[position] != quote {
                        if !failed { field.append(line[position]) }
                        position += 1
                    }
                    if position == count { return problem }  // it goes on on the next line
                    position += 1
                    guard position < count, line[position] == quote else { break }
                    if !failed { field.append(quote) }  // "" is one quote
                    position += 1
                }
                isOpen = false
                if position < count, line[position] != comma {
                    fail("text after the closing quote of a field at column \(position + 1) (a quote inside a quoted field is written \"\")")
                }
            }
            while position < count, line[position] != comma {
                if !failed { field.append(line[position]) }
                position += 1
            }
            if !failed { fields.append(String(decoding: field, as: UTF8.self)) }
            field.removeAll(keepingCapacity: true)
            if position == count { return problem }
            position += 1  // the comma
            if position == count {  // a trailing comma: one more, empty field
                if !failed { fields.append("") }
                return problem
            }
        }
    }

    /// The offset of the first byte of `line` that does not start a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = line.baseAddress else { return nil }
        var position = 0
        while position < line.count {
            if line[position] < 0x80 {
                position += 1
                continue
            }
            let length = jsonUTF8SequenceLength(base, position, line.count)
            if length <= 0 { return position }
            position += length
        }
        return nil
    }
}
