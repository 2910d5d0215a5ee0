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

    @Test func textThatIsNotUTF8EndsTheReadAtItsRecordWhichIsNotDeliveredCutShort() throws {
        // Issue #11 (fuzzing work): CSV.swift returned "2,caf" for "2,café" in Latin-1, and it was delivered.
        let latin1 = Array("id,text\n1,ok\n2,caf".utf8) + [0xE9] + Array("\n3,ok\n".utf8)
        var delivered: [String] = []
        #expect(throws: InputError(file: "body.csv", line: 3, message: "malformed CSV: not UTF-8 text")) {
            try CSVRecordReader(bytes: latin1, name: "body.csv").forEach(policy: BadRecordPolicy(.skip)) { fields, _ in delivered.append(fields[0]) }
        }
        #expect(delivered == ["1"])
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

    @Test func noFileOrNoHeaderIsAnInputError() throws {
        #expect(throws: InputError(file: "/nonexistent/x.csv", message: "cannot open: No such file or directory")) { try CSVRecordReader(path: "/nonexistent/x.csv") }
        #expect(throws: InputError.self) { try CSVRecordReader(path: try file("")) }
    }
}
