import Foundation
import TemperConversation
import TemperIO
import TemperKPI

extension ConversationFacts {
    /// The KPI facts of an assessed conversation — the one place that knows both the conversation
    /// model and the KPI model, so neither module depends on the other and no JSON is written
    /// and read back in between. Dimensions, outcomes and surveys come from the conversation;
    /// timings, sentiment, flag, risk and reasons from the assessment.
    ///
    /// Values are rounded as the facts JSON writes them (timestamps to the millisecond, sentiment
    /// mean and risk to four decimals), so a scorecard from conversations equals one from the
    /// facts `temper flag --facts` prints.
    public init(_ assessed: AssessedConversation) {
        let conversation = assessed.conversation, assessment = assessed.assessment, timing = assessment.timing
        func milliseconds(_ seconds: Double?) -> Date? {
            seconds.map { Date(timeIntervalSince1970: ($0 * 1000).rounded() / 1000) }
        }
        func fourDecimals(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
        let reasons = assessment.reasonCodes
        self.init(
            id: assessment.id, agent: conversation.agent, team: conversation.team, channel: conversation.channel,
            segment: conversation.segment, customer: conversation.customer,
            startedAt: milliseconds(timing.startedAt), endedAt: milliseconds(timing.endedAt),
            firstResponseSeconds: timing.firstResponseSeconds, resolutionSeconds: timing.resolutionSeconds,
            // Handle time only as the source recorded it; the conversation's own span is
            // ended_at − started_at (the conversation duration KPI).
            handleSeconds: conversation.extra["handle_seconds"]?.double,
            sentimentLabel: assessment.customerSentiment.label,
            sentimentMean: assessment.customerSentiment.mean.map(fourDecimals),
            flagged: assessment.flagged, risk: fourDecimals(assessment.risk), reasons: reasons.map(\.rawValue),
            escalated: conversation.escalated, resolved: conversation.resolved,
            firstContactResolved: conversation.resolved.map { resolved in
                conversation.extra["first_contact_resolved"]?.bool
                    ?? ConversationFacts.firstContactResolved(resolved: resolved, repeatContact: reasons.contains(.repeatContact))
            },
            abandoned: timing.abandoned, csat: conversation.survey?.csat, nps: conversation.survey?.nps,
            ces: conversation.survey?.ces, cost: conversation.cost)
        // Drivers only where they were detected: facts without them read as "not measured".
        drivers = assessment.driversDetected ? assessment.drivers.map { DriverFact(id: $0.id, polarity: $0.polarity) } : nil
        normalizeDimensions()
    }

    /// The facts of `assessed`, or the reason they cannot be aggregated (a negative
    /// `handle_seconds` in the record, a survey answer out of range): the same validation as
    /// for facts read from a file, so a conversation is a bad record where it is read.
    @Sendable public static func validated(_ assessed: AssessedConversation) throws(RecordError) -> ConversationFacts {
        let facts = ConversationFacts(assessed)
        if let problem = facts.validationProblem() { throw RecordError(problem) }
        return facts
    }
}
