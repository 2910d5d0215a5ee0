import Foundation
import Testing
import TemperIO
@testable import TemperKPI

@Suite struct FactsReaderTests {
    func readAll(_ text: String, skipInvalid: Bool = false) throws -> (facts: [ConversationFacts], reader: FactsReader, problems: [InputError]) {
        var problems: [InputError] = []
        let reader = FactsReader(data: Data(text.utf8), name: "facts.jsonl", policy: BadRecordPolicy(skipInvalid: skipInvalid) { problems.append($0) })
        var facts: [ConversationFacts] = []
        try reader.forEach { facts.append($0) }
        return (facts, reader, problems)
    }

    @Test func readsLinesSkippingBlankOnes() throws {
        let (facts, reader, _) = try readAll("{\"id\":\"a\"}\n\n   \n{\"id\":\"b\"}\n")
        #expect(facts.map(\.id) == ["a", "b"])
        #expect(reader.lineNumber == 4)
    }

    @Test func handlesCRLFAByteOrderMarkAndNoFinalNewline() throws {
        let (facts, _, _) = try readAll("\u{FEFF}{\"id\":\"a\"}\r\n{\"id\":\"b\"}\r\n{\"id\":\"c\"}")
        #expect(facts.map(\.id) == ["a", "b", "c"])
    }

    @Test func reportsFileAndLineOfTheFirstBadLine() {
        do {
            _ = try readAll("{\"id\":\"a\"}\n\n{\"id\":\"b\",\"csat\":9}\n{\"id\":\"c\"}\n")
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error.file == "facts.jsonl")
            #expect(error.line == 3)
            #expect(error.description == "facts.jsonl:3: \"csat\" must be within 1…5, got 9.0")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func skipInvalidCountsAndKeepsGoing() throws {
        let text = "{\"id\":\"a\"}\nnot json\n{\"id\":\"b\"}\n{\"id\":\"c\",\"nps\":\"high\"}\n{\"id\":\"d\"}\n"
        let (facts, _, problems) = try readAll(text, skipInvalid: true)
        #expect(facts.map(\.id) == ["a", "b", "d"])
        #expect(problems.map(\.line) == [2, 4])
        #expect(problems[0].description == "facts.jsonl:2: expected '{', found 'n' at column 1", "\(problems[0])")
    }

    @Test func linesLongerThanTheBufferAreReadWhole() throws {
        let big = String(repeating: "x", count: 3 << 20)
        let (facts, _, _) = try readAll("{\"id\":\"a\",\"blob\":\"\(big)\"}\n{\"id\":\"b\",\"team\":\"\(big.prefix(10))\"}\n")
        #expect(facts.map(\.id) == ["a", "b"])
        #expect(facts[1].team == "xxxxxxxxxx")
    }

    @Test func manyLinesAcrossBufferBoundaries() throws {
        let lines = (0..<40_000).map { "{\"id\":\"\($0)\",\"team\":\"t\($0 % 7)\",\"csat\":\($0 % 5 + 1)}" }
        let (facts, _, _) = try readAll(lines.joined(separator: "\n"))
        #expect(facts.count == 40_000)
        #expect(facts.last?.id == "39999")
        #expect(facts.map(\.id) == (0..<40_000).map(String.init))
    }

    @Test func readsFromAFilePath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("temper-kpi-\(UUID().uuidString).jsonl")
        try Data("{\"id\":\"a\"}\n{\"id\":\"b\"}\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try FactsReader(path: url.path)
        #expect(try reader.next()?.id == "a")
        #expect(try reader.next()?.id == "b")
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }

    @Test func missingFileIsAnInputError() {
        #expect(throws: InputError(file: "/nonexistent/facts.jsonl", line: nil, message: "cannot open: No such file or directory")) {
            _ = try FactsReader(path: "/nonexistent/facts.jsonl")
        }
    }
}
