import TemperIO
import TemperSentiment

extension ConversationAssessment {
    /// Decimals for risk and sentiment values: four is finer than any model here can resolve
    /// and keeps lines short and diff-stable.
    public static let decimals = 4

    /// The `temper flag` record:
    /// `{"id","risk","level","flagged","reasons":[{"code","message","evidence","start","end"[,"detail"]}],
    /// "customer_sentiment":{"mean","min","last","trend"}}`. `message` is the 0-based index into
    /// the conversation's messages; `start`/`end` are UTF-8 byte offsets into that message's
    /// original text and `evidence` is exactly those bytes. Sentiment values are null when the
    /// customer wrote nothing (trend also with a single message).
    public func appendJSON(to out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        JSONWriter.appendString(id, to: &out)
        out.append(contentsOf: #","risk":"#.utf8)
        JSONWriter.appendNumber(risk, to: &out, decimals: Self.decimals)
        out.append(contentsOf: #","level":""#.utf8)
        out.append(contentsOf: level.rawValue.utf8)
        out.append(contentsOf: #"","flagged":"#.utf8)
        JSONWriter.appendBool(flagged, to: &out)
        out.append(contentsOf: #","reasons":["#.utf8)
        for (index, reason) in reasons.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"code":""#.utf8)
            out.append(contentsOf: reason.code.rawValue.utf8)
            out.append(contentsOf: #"","message":"#.utf8)
            JSONWriter.appendInt(reason.message, to: &out)
            out.append(contentsOf: #","evidence":"#.utf8)
            JSONWriter.appendString(reason.evidence, to: &out)
            out.append(contentsOf: #","start":"#.utf8)
            JSONWriter.appendInt(reason.start, to: &out)
            out.append(contentsOf: #","end":"#.utf8)
            JSONWriter.appendInt(reason.end, to: &out)
            if let detail = reason.detail {
                out.append(contentsOf: #","detail":"#.utf8)
                JSONWriter.appendString(detail, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #"],"customer_sentiment":"#.utf8)
        customerSentiment.appendJSON(to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// One line of KPI facts (the `ConversationFacts` JSON that `temper scorecard` reads):
    /// dimensions from the conversation, timings and outcome fields, and this assessment's
    /// sentiment, flag, risk and reason codes.
    public func appendFactsJSON(for conversation: Conversation, to out: inout [UInt8]) {
        var object = JSONObject()
        object.append(key: "id", value: .string(id))
        for (key, value) in [("agent", conversation.agent), ("team", conversation.team), ("channel", conversation.channel),
                             ("segment", conversation.segment), ("customer", conversation.customer)] {
            if let value { object.append(key: key, value: .string(value)) }
        }
        if let start = timing.startedAt { object.append(key: "started_at", value: .string(ISO8601.format(start))) }
        if let end = timing.endedAt { object.append(key: "ended_at", value: .string(ISO8601.format(end))) }
        if let value = timing.firstResponseSeconds { object.append(key: "first_response_seconds", value: .number(value)) }
        if let value = timing.resolutionSeconds { object.append(key: "resolution_seconds", value: .number(value)) }
        // Handle time only as the source recorded it; the open duration is ended_at − started_at.
        if let value = conversation.extra["handle_seconds"]?.double { object.append(key: "handle_seconds", value: .number(value)) }
        if let label = customerSentiment.label { object.append(key: "sentiment_label", value: .string(label.description)) }
        if let mean = customerSentiment.mean { object.append(key: "sentiment_mean", value: .number((mean * 10_000).rounded() / 10_000)) }
        object.append(key: "flagged", value: .bool(flagged))
        object.append(key: "risk", value: .number((risk * 10_000).rounded() / 10_000))
        object.append(key: "reasons", value: .array(reasonCodes.map { .string($0.rawValue) }))
        if let escalated = conversation.escalated { object.append(key: "escalated", value: .bool(escalated)) }
        if let resolved = conversation.resolved {
            object.append(key: "resolved", value: .bool(resolved))
            // First-contact resolution: resolved, and nothing says this was a repeat contact
            // ("third time I'm asking", "still not fixed"). An explicit field in the input wins.
            let given = conversation.extra["first_contact_resolved"]?.bool
            object.append(key: "first_contact_resolved", value: .bool(given ?? (resolved && !reasonCodes.contains(.repeatContact))))
        }
        object.append(key: "abandoned", value: .bool(timing.abandoned))
        if let survey = conversation.survey {
            if let csat = survey.csat { object.append(key: "csat", value: .number(csat)) }
            if let nps = survey.nps { object.append(key: "nps", value: .number(nps)) }
            if let ces = survey.ces { object.append(key: "ces", value: .number(ces)) }
        }
        if let cost = conversation.cost { object.append(key: "cost", value: .number(cost)) }
        JSONValue.object(object).serialized(into: &out)
    }

}

extension CustomerSentiment {
    /// `{"mean","min","last","trend"}`, null where the customer wrote too little to tell.
    public func appendJSON(to out: inout [UInt8]) {
        out.append(contentsOf: #"{"mean":"#.utf8)
        appendOptional(mean, to: &out)
        out.append(contentsOf: #","min":"#.utf8)
        appendOptional(min, to: &out)
        out.append(contentsOf: #","last":"#.utf8)
        appendOptional(last, to: &out)
        out.append(contentsOf: #","trend":"#.utf8)
        appendOptional(trend, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    private func appendOptional(_ value: Double?, to out: inout [UInt8]) {
        if let value {
            JSONWriter.appendNumber(value, to: &out, decimals: ConversationAssessment.decimals)
        } else {
            JSONWriter.appendNull(to: &out)
        }
    }
}
