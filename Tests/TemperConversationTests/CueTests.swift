import Testing
@testable import TemperConversation

@Suite struct CueTests {
    /// (customer message, cue that must fire)
    static let firing: [(String, CueCode)] = [
        ("I am FURIOUS about this.", .anger),
        ("I'm so fed up with this company", .anger),
        ("WHY IS NOTHING WORKING AGAIN", .anger),
        ("You people are useless.", .insult),
        ("This is a scam", .insult),
        ("I'm cancelling my subscription today.", .churnThreat),
        ("That's it, I'm switching to Globex.", .churnThreat),
        ("Please close my account.", .churnThreat),
        ("not renewing. never again.", .churnThreat),
        ("I'm going to talk to my lawyer about this.", .legalThreat),
        ("I'll be reporting this to the FTC.", .legalThreat),
        ("See you in small claims court", .legalThreat),
        ("Enjoy the 1 star review I'm leaving everywhere.", .publicShaming),
        ("I'm posting this whole conversation on twitter.", .publicShaming),
        ("I want to speak to a manager.", .managerDemand),
        ("Get me your supervisor please.", .managerDemand),
        ("This is the third time I'm contacting you about this.", .repeatContact),
        ("Still not fixed.", .repeatContact),
        ("Following up AGAIN on my ticket.", .repeatContact),
        ("I already told you my order number", .repeatContact),
        ("I've been on hold for an hour", .longWait),
        ("That's not what I asked.", .taskFailure),
        ("You already said that, I need the postcode", .taskFailure),
        ("never mind, I'll find it myself", .taskFailure),
        ("That doesn't help at all", .taskFailure),
        ("No, I said Tuesday, not Thursday", .taskFailure),
        ("wrong answer again", .taskFailure),
    ]

    /// (customer message, cue that must NOT fire): negations, look-alikes, polite text.
    static let silent: [(String, CueCode)] = [
        ("Don't worry, I would never cancel, you've been great to me over the years.", .churnThreat),
        ("I'm not switching to anyone, your service is still the best around.", .churnThreat),
        ("Not cancelling, don't panic, just want to understand what happened.", .churnThreat),
        ("I won't be calling a lawyer over this lol", .legalThreat),
        ("I'm not going to leave a bad review or anything, just wanted to flag it.", .publicShaming),
        ("No need for a manager, you've been very helpful.", .managerDemand),
        ("No need to escalate, this is fine.", .managerDemand),
        ("Not angry at all, just curious why it happened.", .anger),
        ("Thanks again, that worked!", .repeatContact),
        ("That is exactly what I needed, thank you.", .taskFailure),
        ("your service is still the best", .repeatContact),
        ("Hi, can you tell me where my order is?", .churnThreat),
        ("I ordered the ASAP kit from the USA", .anger),
        ("I'm moving to Berlin next month, how do I change my address?", .churnThreat),
    ]

    @Test(arguments: firing)
    func cueFires(_ text: String, _ code: CueCode) {
        let assessment = Fixtures.assessor().assess(Fixtures.customer(text))
        #expect(assessment.reasons.contains { $0.code == code }, "\(code) should fire on: \(text) — got \(assessment.reasonCodes)")
    }

    @Test(arguments: silent)
    func cueStaysSilent(_ text: String, _ code: CueCode) {
        let assessment = Fixtures.assessor().assess(Fixtures.customer(text))
        #expect(!assessment.reasons.contains { $0.code == code }, "\(code) should not fire on: \(text) — got \(assessment.reasons)")
    }

    @Test func negatedThreatIsLowRisk() {
        let assessment = Fixtures.assessor().assess(Fixtures.customer("I would never cancel, you've been great"))
        #expect(assessment.reasons.isEmpty)
        #expect(assessment.level == .low)
    }

    @Test func evidenceIsTheOriginalSpan() {
        let text = "Honestly… I’m CANCELLING my subscription, this is ridiculous"
        let assessment = Fixtures.assessor().assess(Fixtures.customer(text))
        let bytes = Array(text.utf8)
        #expect(!assessment.reasons.isEmpty)
        for reason in assessment.reasons {
            #expect(String(decoding: bytes[reason.start..<reason.end], as: UTF8.self) == reason.evidence)
        }
        #expect(assessment.reasons.contains { $0.code == .churnThreat && $0.evidence == "CANCELLING" })
    }

    @Test func agentFailureFiresOnAgentMessagesOnly() {
        let failing = Conversation(id: "a", messages: [
            Message(role: .customer, text: "My refund never arrived."),
            Message(role: .agent, text: "I'm sorry, but I can't help with that."),
        ])
        let helpful = Conversation(id: "b", messages: [
            Message(role: .customer, text: "I can't help wondering where my refund is."),
            Message(role: .agent, text: "I've issued the refund, it will arrive in 3 days."),
        ])
        let assessor = Fixtures.assessor()
        let reasons = assessor.assess(failing).reasons
        #expect(reasons.contains { $0.code == .agentFailure && $0.message == 1 && $0.evidence == "can't help" })
        #expect(!assessor.assess(helpful).reasons.contains { $0.code == .agentFailure })
    }

    @Test func longWaitFromTimestamps() {
        func conversation(replyAfter seconds: Double, channel: String) -> Conversation {
            Conversation(id: "w", channel: channel, messages: [
                Message(role: .customer, text: "Hello, my parcel is late.", at: 1_000_000),
                Message(role: .agent, text: "Let me check that for you.", at: 1_000_000 + seconds),
            ])
        }
        let assessor = Fixtures.assessor()
        let slow = assessor.assess(conversation(replyAfter: 45 * 60, channel: "chat"))
        #expect(slow.reasons.contains { $0.code == .longWait && $0.message == 0 && $0.detail != nil })
        #expect(abs((slow.timing.firstResponseSeconds ?? 0) - 2700) < 1e-6)
        #expect(!assessor.assess(conversation(replyAfter: 5 * 60, channel: "chat")).reasons.contains { $0.code == .longWait })
        // Two hours is a normal email reply.
        #expect(!assessor.assess(conversation(replyAfter: 2 * 3600, channel: "email")).reasons.contains { $0.code == .longWait })
    }

    @Test func sentimentDropFiresWhenItFallsAndStays() {
        let assessor = Fixtures.assessor()
        let souring = assessor.assess(Fixtures.customer(
            "Hi! Thanks so much, you've been wonderful and really helpful.",
            "Hmm, it is still not working.",
            "This is terrible, awful, horrible service. I hate this.",
            "Disgusting. The worst, most awful experience ever. Terrible."))
        #expect(souring.reasons.contains { $0.code == .sentimentDrop && $0.message == 2 })
        let recovering = assessor.assess(Fixtures.customer(
            "Hi! Thanks so much, you've been wonderful.",
            "This is terrible, awful, horrible service.",
            "Oh great, it works now, thank you so much, wonderful!"))
        #expect(!recovering.reasons.contains { $0.code == .sentimentDrop })
    }

    @Test func unansweredAndAbandoned() {
        let abandoned = Conversation(id: "x", messages: [
            Message(role: .customer, text: "hello?", at: 0),
            Message(role: .customer, text: "anyone there??", at: 600),
            Message(role: .system, text: "Visitor disconnected (timeout)", at: 900),
        ])
        let assessment = Fixtures.assessor().assess(abandoned)
        #expect(assessment.timing.abandoned)
        #expect(assessment.reasons.contains { $0.code == .unanswered && $0.message == 1 })
        let selfServe = Conversation(id: "y", messages: [
            Message(role: .bot, text: "Hi! How can I help?"),
            Message(role: .customer, text: "forgot password"),
            Message(role: .bot, text: "Here's how to reset it."),
        ])
        #expect(!Fixtures.assessor().assess(selfServe).timing.abandoned)
    }

    @Test func singleMessageConversation() {
        let assessment = Fixtures.assessor().assess(Fixtures.customer("Thanks, all sorted!"))
        #expect(assessment.customerSentiment.count == 1)
        #expect(assessment.customerSentiment.trend == nil)
        #expect(assessment.risk >= 0 && assessment.risk <= 1)
        #expect(assessment.level == .low)
    }

    @Test func threatsOutrankCalmConversations() {
        let calmText = Fixtures.customer("Where do I download my invoice?", "Got it, thanks!")
        let threatText = Fixtures.customer("Where is my refund?", "This is ridiculous. I'm cancelling and reporting you to the BBB.")
        // The shipped (fitted) model: the threat ranks above the calm conversation and names its reasons.
        let shipped = Fixtures.assessor()
        let threat = shipped.assess(threatText), calm = shipped.assess(calmText)
        #expect(threat.risk > calm.risk)
        #expect(Set(threat.reasonCodes).isSuperset(of: [.churnThreat, .legalThreat]))
        #expect(calm.level == .low && !calm.flagged)
        // With the rule weights, a threat alone is high risk and flagged.
        let rules = Fixtures.assessor(.rules)
        #expect(rules.assess(threatText).level == .high && rules.assess(threatText).flagged)
        #expect(rules.assess(calmText).level == .low && !rules.assess(calmText).flagged)
    }

    @Test func aThreatFlagsWhateverTheRisk() {
        // Calm words, one manager demand: the shipped risk stays low, the threat flags it anyway.
        let text = Fixtures.customer("Could you change the delivery address on my order?", "Thanks. I'd also like to speak to a manager about it.")
        let assessment = Fixtures.assessor().assess(text)
        #expect(assessment.reasonCodes.contains(.managerDemand))
        #expect(assessment.risk < 0.5 && assessment.flagged, "risk \(assessment.risk)")
        // Without a threat the same risk is not flagged.
        let plain = Fixtures.assessor().assess(Fixtures.customer("Could you change the delivery address on my order?", "Thanks."))
        #expect(plain.reasonCodes.allSatisfy { !$0.isThreat } && !plain.flagged)
    }
}

/// The request features: repeated requests and a conversation that ends on an unanswered one.
@Suite struct RequestSignalTests {
    func features(_ messages: [(MessageRole, String)]) -> RiskFeatures {
        Fixtures.assessor(.rules).assess(Conversation(id: "r", messages: messages.map { Message(role: $0.0, text: $0.1) })).features
    }

    @Test func aRequestAskedAgainIsARepeat() {
        let repeated = features([(.customer, "Can you book a table for four at the Italian place tonight?"), (.agent, "Which area?"),
                                 (.customer, "Any area. Please book a table for four at the Italian place tonight."), (.agent, "Done.")])
        #expect(repeated["repeated_requests"] == 1)
        let fresh = features([(.customer, "Can you book a table for four at the Italian place tonight?"), (.agent, "Done."),
                              (.customer, "Great, and a taxi from the hotel to the restaurant at seven?"), (.agent, "Booked.")])
        #expect(fresh["repeated_requests"] == 0)
    }

    @Test func endingOnAnUnansweredRequest() {
        #expect(features([(.customer, "I need a hotel"), (.agent, "Which area?"), (.customer, "Can you confirm the price?")])["unanswered_request"] == 1)
        #expect(features([(.customer, "I need a hotel"), (.agent, "Booked."), (.customer, "That is all, thank you.")])["unanswered_request"] == 0)
        // A lone message is not a conversation anyone left unanswered.
        #expect(features([(.customer, "Can I return this online?")])["unanswered_request"] == 0)
    }

    @Test func negationShareCountsTheCustomersMessagesThatSayNo() {
        // Turned down twice in four customer messages; the agent's "not" does not count.
        let turnedDown = features([(.customer, "Any good westerns?"), (.agent, "Not many, but try Titanic."), (.customer, "No, not at all."),
                                   (.agent, "Call Me by Your Name?"), (.customer, "I haven't seen it and don't want to."), (.customer, "Bye")])
        #expect(turnedDown["negation_share"] == 0.5)
        #expect(features([(.customer, "Nope"), (.agent, "OK")])["negation_share"] == 1)
        #expect(features([(.customer, "I can't log in"), (.agent, "Try again")])["negation_share"] == 1)
        #expect(features([(.customer, "Book the Italian place"), (.agent, "No problem, booked."), (.customer, "Thanks!")])["negation_share"] == 0)
        // "nothing" and "none" say no; "know" and "note" only start like it.
        #expect(features([(.customer, "nothing works")])["negation_share"] == 1)
        #expect(features([(.customer, "I know, please note it")])["negation_share"] == 0)
    }

    @Test func taskFailureIsAReasonWithEvidence() {
        let assessment = Fixtures.assessor(.rules).assess(Conversation(id: "t", messages: [
            Message(role: .customer, text: "Find me a cheap hotel"), Message(role: .agent, text: "The Grand is expensive."),
            Message(role: .customer, text: "Ugh, that's not what I asked for."),
        ]))
        let reason = assessment.reasons.first { $0.code == .taskFailure }
        #expect(reason?.message == 2 && reason?.evidence == "that's not what", "\(assessment.reasons)")
        #expect(assessment.features["task_failure"] == 1)
    }
}
