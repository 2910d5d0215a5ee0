import Foundation
import Testing
import TemperIO
@testable import TemperKPI

@Suite struct ConversationFactsTests {
    @Test func codableUsesSnakeCaseAndISODates() throws {
        let facts = ConversationFacts(id: "T-1", team: "billing", startedAt: date("2024-03-04T09:12:00Z"),
                                      firstResponseSeconds: 42, sentimentLabel: .positive, firstContactResolved: true, contacts: 2)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(facts), as: UTF8.self)
        #expect(json == #"{"contacts":2,"first_contact_resolved":true,"first_response_seconds":42,"id":"T-1","sentiment_label":"positive","started_at":"2024-03-04T09:12:00Z","team":"billing"}"#)
        #expect(try JSONDecoder().decode(ConversationFacts.self, from: Data(json.utf8)) == facts)
    }

    @Test func durationsBeyondTheSumsRangeAreRejected() {
        let old = ConversationFacts(id: "x", startedAt: date("1900-01-01T00:00:00Z"), endedAt: date("2026-01-01T00:00:00Z"))
        #expect(old.validationProblem() == "\"ended_at\" is more than 1000000000 seconds after \"started_at\"")
        #expect(ConversationFacts(id: "y", startedAt: date("2026-01-01T00:00:00Z"), endedAt: date("2026-01-02T00:00:00Z"))
            .validationProblem() == nil)
    }

    @Test func decoderValidatesLikeTheFastParser() throws {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ConversationFacts.self, from: Data(#"{"id":"x","csat":9}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ConversationFacts.self, from: Data(#"{"id":"x","started_at":"soon"}"#.utf8))
        }
        let numeric = try JSONDecoder().decode(ConversationFacts.self, from: Data(#"{"id":77,"team":""}"#.utf8))
        #expect(numeric == ConversationFacts(id: "77"))
    }

    @Test func periodDateFallsBackToTheEnd() {
        #expect(ConversationFacts(id: "x", endedAt: date("2024-01-01")).periodDate == date("2024-01-01"))
        #expect(ConversationFacts(id: "x").periodDate == nil)
    }
}

@Suite struct ConversationFactsJSONTests {
    @Test func theHandWrittenLineIsTheCodableEncodingAsJSON() throws {
        // appendJSON is written by hand for speed; it must say exactly what the Encodable
        // conformance says (key order aside), so the schema has one meaning.
        var rng = SplitMix64(seed: 11)
        for facts in randomFacts(count: 300, using: &rng) {
            var line: [UInt8] = []
            facts.appendJSON(to: &line)
            let fast = try JSONSerialization.jsonObject(with: Data(line)) as? NSDictionary
            let codable = try JSONSerialization.jsonObject(with: JSONEncoder().encode(facts)) as? NSDictionary
            #expect(fast == codable, "\(String(decoding: line, as: UTF8.self))")
        }
    }
}
