// Message rows in CSV: `CSVRecordReader` (every CSV input) checked against a reference reading of
// well-formed CSV, then `MessageRowReader` grouping the rows into conversations.
import Foundation
@testable import TemperConversation
import TemperIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRowsCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    checkRecords(bytes)

    let problems = Problems()
    // A small window, so conversations expire (and split ids are reported) within short inputs.
    let reader = MessageRowReader(source: .bytes(bytes, name: "rows.csv"), format: .csv, window: 3, policy: problems.policy)
    var conversations: [Conversation] = []
    do {
        try reader.forEach { conversations.append($0) }
    } catch let error as InputError {
        // Only the input as a whole may stop a skipping read: no header, no usable columns, not CSV.
        require(error.file == "rows.csv" && (error.line ?? 1) <= lineCountWithCarriageReturns(bytes) + 1, "\(error)")
        return 0
    } catch {
        fatalError("a skipping read threw \(error)")
    }
    let messages = conversations.reduce(0) { $0 + $1.messages.count }
    if problems.all.isEmpty, let records = referenceCSV(bytes), !records.isEmpty {
        let rows = records.dropFirst().filter { !$0.isBlankLine }.count
        require(messages == rows, "\(rows) rows, \(messages) messages, nothing reported")
    }
    checkDelivered(conversations)
    return 0
}

/// What `CSVRecordReader` does with well-formed CSV, record by record: each record is delivered
/// with its fields and first line, or reported at that line (wrong field count, unclosed quote).
private func checkRecords(_ bytes: [UInt8]) {
    guard let records = referenceCSV(bytes) else {
        // Not well-formed: anything but a crash or a silent stop goes.
        if let reader = try? CSVRecordReader(bytes: bytes, name: "rows.csv") {
            _ = try? reader.forEach(policy: Problems().policy) { _, _ in }
        }
        return
    }
    let reader: CSVRecordReader
    do {
        reader = try CSVRecordReader(bytes: bytes, name: "rows.csv")
    } catch {
        // A header row is required: none, an empty first line or a header whose quote never
        // closes stops the read as a whole.
        require(records.isEmpty || records[0].fields == [""] || records[0].isUnterminated, "\(records.count) records, but: \(error)")
        return
    }
    guard let header = records.first else { fatalError("no records, yet a header \(reader.header)") }
    require(reader.header == header.fields, "header \(reader.header), expected \(header.fields)")
    enum Event: Equatable { case record([String], Int), problem(Int) }
    var events: [Event] = []
    do {
        try reader.forEach(policy: BadRecordPolicy(.skip) { events.append(.problem($0.line ?? -1)) }) { fields, line in
            events.append(.record(fields, line))
        }
    } catch {
        fatalError("a skipping read of well-formed CSV threw \(error)")
    }
    var expected: [Event] = []
    for record in records.dropFirst() where !record.isBlankLine {  // an empty line is no record
        expected.append(record.fields.count == header.fields.count ? .record(record.fields, record.line) : .problem(record.line))
    }
    if let last = records.last, last.isUnterminated, records.count > 1 {
        // An unclosed quote runs to the end. Spanning lines, it must be reported; on one line it
        // may pass as it reads (nothing after it is lost).
        let spansLines = last.fields.last?.contains("\n") ?? false
        if spansLines || events.last == .problem(last.line) { expected[expected.count - 1] = .problem(last.line) }
    }
    require(events == expected, "CSV read as \(events), expected \(expected)")
}

struct ReferenceRecord {
    var fields: [String]
    var line: Int
    var isUnterminated = false
    /// Nothing between two line breaks: one empty field to RFC 4180, no record to `CSVRecordReader`.
    var isBlankLine = false
}

/// RFC 4180 records of `bytes`, or nil when it is not well-formed CSV in the strict sense checked
/// here: valid UTF-8 (after an optional byte-order mark), carriage returns only before line
/// feeds, quotes only around whole fields.
/// A CRLF inside a quoted field reads as "\n", as `CSVRecordReader` reads it.
/// An unclosed quote at the end is well-formed here (the last record is marked), so the reader's
/// handling of it is checked too.
func referenceCSV(_ input: [UInt8]) -> [ReferenceRecord]? {
    guard String(validating: input, as: UTF8.self) != nil else { return nil }
    // A byte-order mark is no part of the first header name.
    let bytes = input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input
    let n = bytes.count
    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(0x0A), cr = UInt8(0x0D)
    for (i, b) in bytes.enumerated() where b == cr && (i + 1 == n || bytes[i + 1] != lf) { return nil }
    var records: [ReferenceRecord] = []
    var i = 0, line = 1
    func text(_ field: [UInt8]) -> String { String(decoding: field, as: UTF8.self) }
    while i < n {
        var record = ReferenceRecord(fields: [], line: line, isBlankLine: bytes[i] == lf || bytes[i] == cr)
        fields: while true {
            var field: [UInt8] = []
            if i < n, bytes[i] == quote {
                i += 1
                while true {
                    if i == n {
                        record.fields.append(text(field))
                        record.isUnterminated = true
                        records.append(record)
                        return records
                    }
                    if bytes[i] == quote {
                        if i + 1 < n, bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if bytes[i] == lf { line += 1 }
                    // A line break inside a quoted field reads as "\n", whether written LF or CRLF.
                    if bytes[i] == cr, i + 1 < n, bytes[i + 1] == lf {
                        i += 1
                        continue
                    }
                    field.append(bytes[i])
                    i += 1
                }
                guard i == n || bytes[i] == comma || bytes[i] == lf || bytes[i] == cr else { return nil }
            } else {
                while i < n, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                    if bytes[i] == quote { return nil }
                    field.append(bytes[i])
                    i += 1
                }
            }
            record.fields.append(text(field))
            if i == n { break fields }
            switch bytes[i] {
            case comma:
                i += 1
                if i == n {
                    record.fields.append("")
                    break fields
                }
            case cr:
                i += 2
                line += 1
                break fields
            default:
                i += 1
                line += 1
                break fields
            }
        }
        records.append(record)
    }
    return records
}
