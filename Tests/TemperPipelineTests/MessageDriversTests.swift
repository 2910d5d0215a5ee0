import Foundation
import Testing
import TemperIO
import TemperSentiment
@testable import TemperPipeline

@Suite struct MessageDriversTests {
    /// The scorer's drivers read as mentions: ids, polarities, the evidence as written and its
    /// offsets in the whole message — also when anatomy scored only the body, so body offsets
    /// had to be mapped back.
    @Test func aScoredMessagesDriversPointIntoTheMessage() throws {
        let text = "Hi team,\n\nThe agent was lovely but my refund still hasn't come.\n\nThanks,\nAnna"
        let scorer = MessageScorer(model: Fixtures.model, options: RunOptions(jobs: 1))
        scorer.drivers = try DriverTaxonomy.shipped
        var scored: [ScoredMessage] = []
        let jsonl = #"{"id":"m1","text":"# + "\"" + text.replacingOccurrences(of: "\n", with: "\\n") + "\"}\n"
        try scorer.run(paths: [try Fixtures.file("in.jsonl", jsonl)]) { scored.append($0) }
        let drivers = try #require(scored.first?.drivers)
        #expect(drivers.map(\.id).sorted() == ["billing", "staff"])
        let bytes = Array(text.utf8)
        for mention in drivers {
            #expect(String(decoding: bytes[mention.start..<mention.end], as: UTF8.self) == mention.evidence)
            #expect(mention.polarity == (mention.id == "staff" ? .positive : .negative), "\(mention.id)")
        }
        #expect(MessageDrivers().isEmpty)
    }

    /// `run(…, formatWithDrivers:…)` hands each message's drivers over as a view of the worker's
    /// buffers: what it shows is what `scored.drivers` holds on the other path — ids,
    /// polarities, offsets mapped back from a body, the evidence as written — on one worker and
    /// on two, and `MessageDrivers(view)` keeps exactly that.
    @Test func theWritersViewShowsWhatScoredMessagesKeep() throws {
        let messages = [
            "Hi team,\n\nThe agent was lovely but my refund still hasn't come.\n\nThanks,\nAnna",
            "my order never arrived and nobody answers the phone",
            "no delay at all, great service",
            "the app keeps crashing \u{FF}\u{FE} and I was charged twice",
            "",
            String(repeating: "the flight was delayed and the refund is late, ", count: 30),
        ]
        let jsonl = messages.enumerated().map { index, text in
            let escaped = text.replacingOccurrences(of: "\n", with: "\\n")
            return #"{"id":"m\#(index)","text":""# + escaped + "\"}\n"
        }.joined()
        // The text input's first line has a malformed byte: a bad record, skipped on both paths.
        var text = Array((messages.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n").utf8)
        text[try #require(text.firstIndex(of: UInt8(ascii: "c")))] = 0xFF
        let paths = [try Fixtures.file("in.jsonl", jsonl), try Fixtures.file("in.txt", bytes: text)]
        for path in paths {
            for jobs in [1, 2] {
                let scorer = MessageScorer(model: Fixtures.model, options: RunOptions(jobs: jobs, batchLines: 2))
                scorer.drivers = try DriverTaxonomy.shipped
                var kept: [Int: MessageDrivers] = [:]
                try scorer.run(paths: [path], policy: BadRecordPolicy(skipInvalid: true)) { kept[$0.line] = $0.drivers }
                let viewed = Viewed()
                try scorer.run(paths: [path], policy: BadRecordPolicy(skipInvalid: true), formatWithDrivers: { scored, view, output in
                    #expect(scored.drivers.isEmpty)
                    viewed.keep(view, line: scored.line)
                    output.append(0x0A)
                }, deliver: { _ in })
                let shown = viewed.byLine
                #expect(shown.keys.sorted() == kept.keys.sorted(), "\(path)")
                #expect(kept.values.contains { $0.count > 1 })
                for (line, drivers) in kept {
                    #expect(Self.records(try #require(shown[line])) == Self.records(drivers), "line \(line) of \(path)")
                    drivers.withView { #expect(Self.records(MessageDrivers($0)) == Self.records(drivers)) }
                }
            }
        }
        #expect(MessageDriversView().isEmpty)
        #expect(MessageDrivers(MessageDriversView()).isEmpty)
    }

    /// What a writer reads of each driver.
    private struct Record: Equatable {
        var id: String
        var polarity: SentimentLabel
        var range: Range<Int>
        var evidence: [UInt8]
    }

    private static func records(_ drivers: MessageDrivers) -> [Record] {
        drivers.indices.map { position in
            Record(id: drivers.id(at: position), polarity: drivers.polarity(at: position), range: drivers.byteRange(at: position),
                   evidence: drivers.withEvidence(at: position) { Array($0) })
        }
    }

    private static func records(_ drivers: MessageDriversView) -> [Record] {
        (0..<drivers.count).map { position in
            Record(id: drivers.id(at: position), polarity: drivers.polarity(at: position), range: drivers.byteRange(at: position),
                   evidence: Array(drivers.evidence(at: position)))
        }
    }

    /// The views' drivers, kept by the format closure (on worker threads) by line.
    private final class Viewed: @unchecked Sendable {
        private let lock = NSLock()
        private var kept: [Int: MessageDrivers] = [:]
        func keep(_ view: MessageDriversView, line: Int) {
            let drivers = MessageDrivers(view)
            lock.lock()
            kept[line] = drivers
            lock.unlock()
        }
        var byLine: [Int: MessageDrivers] {
            lock.lock()
            defer { lock.unlock() }
            return kept
        }
    }
}
