import Foundation
import Testing
@testable import TemperIO

@Suite struct CSVRecordReaderTests {
    func file(_ contents: String) throws -> String {
        let path = NSTemporaryDirectory() + "temper-csv-\(UUID().uuidString).csv"
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func recordsCarryTheLineTheyStartOnAndTheEndIsNoError() throws {
        let path = try file("id,text\n1,plain\n2,\"two\nlines\"\n3,\"quoted, with comma\"\n")
        let reader = try CSVRecordReader(path: path)
        var seen: [(String, Int)] = []
        try reader.forEach(policy: BadRecordPolicy()) { fields, line in seen.append((fields[0], line)) }
        #expect(reader.header == ["id", "text"])
        #expect(seen.map(\.0) == ["1", "2", "3"] && seen.map(\.1) == [2, 3, 5])
    }

    @Test func aRecordWithTheWrongFieldCountIsABadRecord() throws {
        let path = try file("id,text\n1,ok\n2,too,many\n3\n4,fine\n")
        var problems: [InputError] = [], ids: [String] = []
        try CSVRecordReader(path: path).forEach(policy: BadRecordPolicy(.skip) { problems.append($0) }) { fields, _ in ids.append(fields[0]) }
        #expect(ids == ["1", "4"])
        #expect(problems.map(\.description) == ["\(path):3: has 3 field(s), the header has 2", "\(path):4: has 1 field(s), the header has 2"])
        #expect(throws: problems[0]) {
            try CSVRecordReader(path: path).forEach(policy: BadRecordPolicy()) { _, _ in }
        }
    }

    @Test func anUnclosedQuoteIsABadRecordNotTheRestOfTheFileSwallowed() throws {
        // Issue #11: CSV.swift read ticket 8's open quote to the end of the file, silently.
        let path = try file("id,text\n7,fine\n8,\"open quote\n9,lost\n10,lost too\n")
        var problems: [InputError] = [], ids: [String] = []
        try CSVRecordReader(path: path).forEach(policy: BadRecordPolicy(.skip) { problems.append($0) }) { fields, _ in ids.append(fields[0]) }
        #expect(ids == ["7"])
        #expect(problems.map(\.description) == ["\(path):3: a quoted field is never closed: it runs to the end of the file"])
        // A closed quoted field spanning lines at the very end is fine, with or without a final line break.
        for ending in ["\"", "\"\n", "\"\r\n"] {
            var seen: [[String]] = []
            try CSVRecordReader(path: try file("id,text\n1,\"two\nlines" + ending)).forEach(policy: BadRecordPolicy()) { fields, _ in seen.append(fields) }
            #expect(seen == [["1", "two\nlines"]], "\(ending.debugDescription)")
        }
    }

    @Test func bytesInMemoryReadAsTheSameFileWould() throws {
        let text = "id,text\n1,plain\n2,\"two\nlines\"\n3,too,many\n4,\"open quote\n5,lost\n"
        func read(_ reader: CSVRecordReader) throws -> [String] {
            var seen: [String] = []
            try reader.forEach(policy: BadRecordPolicy(.skip) { seen.append("problem \($0.line ?? 0): \($0.message)") }) { fields, line in
                seen.append("\(line): \(fields)")
            }
            return seen
        }
        let fromMemory = try read(CSVRecordReader(bytes: Array(text.utf8), name: "body.csv"))
        #expect(fromMemory == (try read(CSVRecordReader(path: try file(text)))))
        #expect(fromMemory.last == "problem 6: a quoted field is never closed: it runs to the end of the file")
        #expect(throws: InputError(file: "body.csv", line: 1, message: "empty file (a header row is required)")) {
            try CSVRecordReader(bytes: [], name: "body.csv")
        }
    }

    @Test func anUnclosedQuoteIsFoundWhenTheInputEndsInAQuoteThatDoesNotCloseIt() throws {
        // Found by fuzzing: the opening quote of a field of line breaks, a doubled quote, or the
        // closing quote of a field before looked like the closing one, and the record was delivered.
        let unclosed: [(body: String, delivered: Int, line: Int)] = [
            ("1,\"\n\n\n", 0, 2), ("1,\"two\nlines \"\"", 0, 2), ("1,\"two\nlines \"\"\n", 0, 2),
            ("1,\"\"\"\n\"\"\r\n", 0, 2), ("1,\"x\"\n\"\n", 1, 3),
        ]
        for (body, delivered, line) in unclosed {
            for reader in [try CSVRecordReader(path: try file("id,text\n" + body)), try CSVRecordReader(bytes: Array(("id,text\n" + body).utf8))] {
                var problems: [InputError] = [], seen = 0
                try reader.forEach(policy: BadRecordPolicy(.skip) { problems.append($0) }) { _, _ in seen += 1 }
                #expect(seen == delivered && problems.map(\.line) == [line] && problems[0].message.contains("never closed"),
                        "\(body.debugDescription)")
            }
        }
        // The quote before the last line break closes the header's field, not the last record's.
        var problems: [InputError] = []
        try CSVRecordReader(bytes: Array("\"\n\"\n\"\n".utf8)).forEach(policy: BadRecordPolicy(.skip) { problems.append($0) }) { _, _ in
            Issue.record("an unclosed record was delivered")
        }
        #expect(problems.map(\.line) == [3])
        for closed in ["1,\"\n\n\n\"", "1,\"two\nlines \"\"\"\n", "1,\"\"\"\n\"\"\"\r\n", "1,\"a\r\nb\"\r"] {
            var seen: [[String]] = []
            try CSVRecordReader(bytes: Array(("id,text\n" + closed).utf8)).forEach(policy: BadRecordPolicy()) { fields, _ in seen.append(fields) }
            #expect(seen.count == 1, "\(closed.debugDescription)")
        }
    }

    func read(_ contents: [UInt8], limit: Int = LineReader.defaultMaximumLineLength) throws -> (records: [[String]], lines: [Int], problems: [String], path: String) {
        let path = NSTemporaryDirectory() + "temper-csv-\(UUID().uuidString).csv"
        try Data(contents).write(to: URL(fileURLWithPath: path))
        var records: [[String]] = [], lines: [Int] = [], problems: [String] = []
        try CSVRecordReader(path: path, maximumLineLength: limit).forEach(policy: BadRecordPolicy(.skip) { problems.append($0.description) }) { fields, line in
            records.append(fields)
            lines.append(line)
        }
        return (records, lines, problems.map { $0.replacingOccurrences(of: path, with: "F") }, path)
    }

    @Test func fieldsFollowRFC4180() throws {
        let text = "\u{FEFF}id,text,note\n1,\"say \"\"hi\"\"\",\n2,\"a,b\",x\"y\n3,\"multi\r\nline\",\"\"\n\n"
        let result = try read(Array(text.utf8))
        #expect(result.records == [["1", "say \"hi\"", ""], ["2", "a,b", "x\"y"], ["3", "multi\nline", ""]])
        #expect(result.lines == [2, 3, 4])
        #expect(result.problems == [])  // the empty line 6 is no record
    }

    /// A blank line holds no data: skipped wherever it stands (the one an editor leaves at the end
    /// of a file used to fail the run). A quoted empty field on a line of its own is a record.
    @Test func blankLinesAreNoRecordsButAQuotedEmptyFieldIs() throws {
        let result = try read(Array("id,text\n\n1,a\n\n\n2,b\n\n".utf8))
        #expect(result.records == [["1", "a"], ["2", "b"]])
        #expect(result.lines == [3, 6])
        #expect(result.problems == [])
        let quoted = try read(Array("text\n\"\"\n\n".utf8))
        #expect(quoted.records == [[""]])
        #expect(quoted.lines == [2])
        let wrongCount = try read(Array("id,text\n\"\"\n".utf8))
        #expect(wrongCount.problems == ["F:2: has 1 field(s), the header has 2"])
    }

    /// Issue #11: CSV.swift stopped at the first invalid byte and went on with what followed
    /// as new records, silently; text after a closing quote lost a character and ran on.
    @Test func invalidUTF8AndTextAfterAClosingQuoteAreBadRecordsWithTheirColumn() throws {
        let bytes = Array("id,text\n1,fine\n2,bad ".utf8) + [0xC3, 0x28] + Array(" here\n3,\"quoted\" tail\n4,\"two\n li".utf8) + [0xFF] + Array("nes\"\n5,ok\n".utf8)
        let result = try read(bytes)
        #expect(result.records.map(\.[0]) == ["1", "5"])
        #expect(result.problems == [
            "F:3: invalid UTF-8 at column 7",
            "F:4: text after the closing quote of a field at column 11 (a quote inside a quoted field is written \"\")",
            "F:6: invalid UTF-8 at column 4",
        ])
        #expect(result.lines == [2, 7])
    }

    @Test func aRecordLongerThanTheLimitIsABadRecordAndTheNextIsRead() throws {
        let long = String(repeating: "word ", count: 120)  // 600 bytes a line, 1,201 the record
        let result = try read(Array("id,text\n1,short\n2,\"\(long)\n\(long)\"\n3,after\n".utf8), limit: 1000)
        #expect(result.records.map(\.[0]) == ["1", "3"] && result.lines == [2, 5])
        #expect(result.problems == ["F:4: record is longer than the limit of 1000 bytes (--max-line-bytes)"])
    }

    @Test func noFileOrNoHeaderIsAnInputError() throws {
        #expect(throws: InputError(file: "/nonexistent/x.csv", message: "cannot open: No such file or directory")) { try CSVRecordReader(path: "/nonexistent/x.csv") }
        #expect(throws: InputError.self) { try CSVRecordReader(path: try file("")) }
    }
}
