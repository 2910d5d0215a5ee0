import Foundation
import Testing
@testable import TemperIO

@Suite("LineReader")
struct LineReaderTests {
    func withFile(_ contents: [UInt8], _ body: (String) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "temper-linereader-\(UUID().uuidString).txt"
        _ = FileManager.default.createFile(atPath: path, contents: Data(contents))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    func lines(of path: String, bufferSize: Int = 4096) throws -> [(String, Int)] {
        let reader = try LineReader(path: path, bufferSize: bufferSize)
        var lines: [(String, Int)] = []
        try reader.forEachLine { bytes, number in lines.append((String(decoding: bytes, as: UTF8.self), number)) }
        return lines
    }

    @Test("Lines come back in order, numbered, without terminators (LF, CRLF, none at the end)")
    func basic() throws {
        try withFile(Array("one\ntwo\r\n\nfour".utf8)) { path in
            let result = try lines(of: path)
            #expect(result.map(\.0) == ["one", "two", "", "four"])
            #expect(result.map(\.1) == [1, 2, 3, 4])
        }
    }

    @Test("Peeking leaves the line to be read; skipping blank lines consumes and counts them")
    func peek() throws {
        let long = String(repeating: "x", count: 10_000)
        try withFile(Array("\n  \n\(long)\nnext\n".utf8)) { path in
            let plain = try LineReader(path: path, bufferSize: 16)
            #expect(try plain.peekLine() == [])
            let reader = try LineReader(path: path, bufferSize: 16)  // the long line needs refills while peeking
            #expect(try reader.peekLine(skippingBlankLines: true) == Array(long.utf8))
            var rest: [(String, Int)] = []
            try reader.forEachLine { bytes, number in rest.append((String(decoding: bytes, as: UTF8.self), number)) }
            #expect(rest.map(\.0) == [long, "next"] && rest.map(\.1) == [3, 4])
            #expect(reader.bytesRead == 10_010)
        }
    }

    @Test("Many lines across buffer refills are read exactly")
    func refills() throws {
        let expected = (0..<5000).map { "line \($0) " + String(repeating: "x", count: $0 % 97) }
        try withFile(Array(expected.joined(separator: "\n").utf8) + [0x0A]) { path in
            let result = try lines(of: path, bufferSize: 4096)
            #expect(result.map(\.0) == expected)
        }
    }

    @Test("A line longer than the buffer grows it")
    func longLine() throws {
        let long = String(repeating: "a", count: 100_000)
        try withFile(Array("short\n\(long)\nend\n".utf8)) { path in
            let result = try lines(of: path, bufferSize: 4096)
            #expect(result.map(\.0) == ["short", long, "end"])
        }
    }

    @Test("Lines pulled one at a time, from a file and from memory, read the same")
    func pulledLines() throws {
        let contents = Array("one\ntwo\r\n\nfour".utf8)
        func pull(_ reader: LineReader) throws -> [String] {
            var seen: [String] = []
            while let line = try reader.withNextLine({ bytes, number in "\(number):" + String(decoding: bytes, as: UTF8.self) }) {
                seen.append(line)
            }
            let pastTheEnd = try reader.withNextLine { _, _ in "past the end" }
            #expect(pastTheEnd == nil)
            return seen
        }
        let expected = ["1:one", "2:two", "3:", "4:four"]
        try withFile(contents) { path in
            let fromFile = try pull(LineReader(path: path, bufferSize: 4096))
            #expect(fromFile == expected)
        }
        let memory = LineReader(bytes: contents, name: "fixture")
        #expect(memory.name == "fixture")
        let fromMemory = try pull(memory)
        #expect(fromMemory == expected)
        let empty = try pull(LineReader(bytes: []))
        #expect(empty.isEmpty)
    }

    @Test("Batches hold complete lines and continue the numbering")
    func batches() throws {
        try withFile(Array((1...10).map { "l\($0)" }.joined(separator: "\n").utf8)) { path in
            let reader = try LineReader(path: path)
            var batch = LineBatch()
            var seen: [String] = []
            var firsts: [Int] = []
            while try reader.readBatch(into: &batch, maxLines: 4) {
                firsts.append(batch.firstLineNumber)
                for index in 0..<batch.count { seen.append(batch.withLine(index) { String(decoding: $0, as: UTF8.self) }) }
            }
            #expect(seen == (1...10).map { "l\($0)" })
            #expect(firsts == [1, 5, 9])
        }
    }

    /// Reads every line of `path` with a skipping policy; returns the lines and the reports.
    func linesSkippingLong(_ path: String, bufferSize: Int, limit: Int) throws -> (lines: [(String, Int)], problems: [InputError], reader: LineReader) {
        let reader = try LineReader(path: path, bufferSize: bufferSize, maximumLineLength: limit)
        var problems: [InputError] = []
        var lines: [(String, Int)] = []
        try reader.forEachLine(policy: BadRecordPolicy(.skip) { problems.append($0) }) { bytes, number in
            lines.append((String(decoding: bytes, as: UTF8.self), number))
        }
        return (lines, problems, reader)
    }

    @Test("A line longer than the limit is skipped to its line break, reported with its line and length, never held")
    func overlongLinesAreSkipped() throws {
        let huge = String(repeating: "z", count: 300_000)
        let atLimit = String(repeating: "y", count: 10_000)
        let contents = Array("first\n\(huge)\r\nsecond\n\(atLimit)\r\n\(huge)x\nthird\n\(huge)".utf8)
        try withFile(contents) { path in
            let (lines, problems, reader) = try linesSkippingLong(path, bufferSize: 4096, limit: 10_000)
            #expect(lines.map(\.0) == ["first", "second", atLimit, "third"])
            #expect(lines.map(\.1) == [1, 3, 4, 6])
            #expect(problems.map(\.description) == [
                "\(path):2: line is 300000 bytes, longer than the limit of 10000 (--max-line-bytes)",
                "\(path):5: line is 300001 bytes, longer than the limit of 10000 (--max-line-bytes)",
                "\(path):7: line is 300000 bytes, longer than the limit of 10000 (--max-line-bytes)",
            ])
            #expect(reader.bytesRead == contents.count)
            #expect(reader.bufferCapacity <= 10_002)  // a line at the limit and its CRLF, no more
        }
    }

    @Test("Without skipping, an over-long line stops the read with file:line; pulled and peeked lines honour the limit too")
    func overlongLinesStopOrWait() throws {
        let contents = Array("ok\n\(String(repeating: "a", count: 50_000))\nlast\n".utf8)
        try withFile(contents) { path in
            let reader = try LineReader(path: path, bufferSize: 4096, maximumLineLength: 1000)
            var seen: [String] = []
            #expect(throws: InputError(file: path, line: 2, message: "line is 50000 bytes, longer than the limit of 1000 (--max-line-bytes)")) {
                try reader.forEachLine { bytes, _ in seen.append(String(decoding: bytes, as: UTF8.self)) }
            }
            #expect(seen == ["ok"])

            let pulling = try LineReader(path: path, bufferSize: 4096, maximumLineLength: 1000)
            var reports: [Int?] = []
            let policy = BadRecordPolicy(.skip) { reports.append($0.line) }
            var pulled: [String] = []
            while let line = try pulling.withNextLine(policy: policy, { bytes, number in "\(number):" + String(decoding: bytes, as: UTF8.self) }) {
                pulled.append(line)
            }
            #expect(pulled == ["1:ok", "3:last"] && reports == [2])
        }
        // An over-long first line met while peeking is reported by the read that follows, in its place.
        try withFile(Array("\(String(repeating: "b", count: 9000))\n{\"a\":1}\n".utf8)) { path in
            let reader = try LineReader(path: path, bufferSize: 4096, maximumLineLength: 100)
            #expect(try reader.peekLine() == Array(#"{"a":1}"#.utf8))
            var events: [String] = []
            try reader.forEachLine(policy: BadRecordPolicy(.skip) { events.append("bad \($0.line!)") }) { bytes, number in
                events.append("\(number): " + String(decoding: bytes, as: UTF8.self))
            }
            #expect(events == ["bad 1", #"2: {"a":1}"#])
        }
    }

    @Test("In batch runs an over-long line is reported after every line before it is delivered")
    func overlongLinesInBatchesKeepTheirPlace() throws {
        var text = ""
        for index in 1...40 { text += index % 7 == 0 ? String(repeating: "q", count: 20_000) + "\n" : "line \(index)\n" }
        try withFile(Array(text.utf8)) { path in
            for jobs in [1, 2, 3] {
                let reader = try LineReader(path: path, bufferSize: 4096, maximumLineLength: 5000)
                var events: [String] = []
                let processor = OrderedBatchProcessor<LineBatch, [String]>(jobs: jobs, makeWorker: { [] }) { worker, batch in
                    worker = (0..<batch.count).map { index in batch.withLine(index) { String(decoding: $0, as: UTF8.self) } }
                }
                try processor.run(reader: reader, policy: BadRecordPolicy(.skip) { events.append("too long: \($0.line!)") }, maxLines: 3) { worker in
                    events += worker
                }
                let expected = (1...40).map { $0 % 7 == 0 ? "too long: \($0)" : "line \($0)" }
                #expect(events == expected, "jobs \(jobs)")
            }
        }
    }

    @Test("A missing file is an error naming it")
    func missing() {
        #expect(throws: InputError.self) { try LineReader(path: "/nonexistent/temper.txt") }
        do {
            _ = try LineReader(path: "/nonexistent/temper.txt")
        } catch {
            #expect("\(error)".hasPrefix("/nonexistent/temper.txt: cannot open"))
        }
    }
}
