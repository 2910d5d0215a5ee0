import Testing
import TemperConversation
@testable import TemperKPI
import TemperSentiment
@testable import TemperPipeline

@Suite struct ConversationFactsAdapterTests {
    func facts(_ conversation: Conversation) throws -> ConversationFacts {
        let assessor = try ConversationAssessor(model: Fixtures.model)
        return ConversationFacts(AssessedConversation(conversation: conversation, assessment: assessor.assess(conversation)))
    }

    @Test func dimensionsTimingsSurveyAndOutcomeComeAcross() throws {
        let opened = 100.0
        let conversation = Conversation(id: "t1", agent: "Ana", team: "", messages: [
            Message(role: .customer, text: "Where is my parcel?", at: opened),
            Message(role: .agent, text: "Let me look into it", at: opened + 60),
            Message(role: .customer, text: "ok", at: opened + 300.0004),
        ], survey: Survey(csat: 2), resolved: false)
        let facts = try facts(conversation)
        #expect(facts.firstResponseSeconds == 60)
        #expect(facts.agent == "Ana" && facts.team == nil)  // blank dimensions are unknown, not a group
        #expect(facts.startedAt?.timeIntervalSince1970 == 100)
        #expect(facts.endedAt?.timeIntervalSince1970 == 400)  // to the millisecond, as the facts JSON writes it
        #expect(facts.csat == 2 && facts.resolved == false && facts.firstContactResolved == false)
        #expect(facts.validationProblem() == nil)
    }

    @Test func firstContactResolutionFromTheRepeatContactCue() throws {
        func facts(_ text: String) throws -> ConversationFacts {
            try self.facts(Conversation(id: "r", messages: [Message(role: .customer, text: text, at: 0), Message(role: .agent, text: "Done.", at: 60)], resolved: true))
        }
        #expect(try facts("Please change my delivery address").firstContactResolved == true)
        #expect(try facts("This is the third time I'm asking you to change my address").firstContactResolved == false)
    }

    @Test func theFactsJSONReadsBackToTheSameFacts() throws {
        let conversation = Conversation(id: "j", channel: "chat", messages: [
            Message(role: .customer, text: "Still waiting on my refund, this is ridiculous", at: 1_764_000_000.25),
            Message(role: .agent, text: "I'm sorry, I've escalated it.", at: 1_764_000_300),
        ], survey: Survey(nps: 3), resolved: true)
        let facts = try facts(conversation)
        var bytes: [UInt8] = []
        facts.appendJSON(to: &bytes)
        var parser = FactsLineParser()
        let parsed = try bytes.withUnsafeBytes { try parser.parse($0) }
        #expect(parsed == facts)
    }
}
