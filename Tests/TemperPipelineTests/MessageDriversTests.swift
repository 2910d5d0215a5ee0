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
}
