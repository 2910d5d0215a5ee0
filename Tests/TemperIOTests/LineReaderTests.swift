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
