import TemperIO
import TemperSentiment

extension ConversationAssessment {
    /// Decimals for risk and sentiment values: four is finer than any model here can resolve
    /// and keeps lines short and diff-stable.
    static let decimals = 4

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
        if driversDetected { appendDrivers(to: &out) }
        out.append(UInt8(ascii: "}"))
    }

    /// `,"drivers":[{"id","polarity","messages","message","evidence","start","end"}]`: the
    /// conversation's feedback drivers over its customer messages, most salient first; `message`
    /// and the offsets locate the evidence as for reasons.
    public func appendDrivers(to out: inout [UInt8]) {
        out.append(contentsOf: #","drivers":"#.utf8)
        JSONWriter.appendArray(drivers, to: &out) { driver, out in
            out.append(contentsOf: #"{"id":"#.utf8)
            JSONWriter.appendString(driver.id, to: &out)
            out.append(contentsOf: #","polarity":""#.utf8)
            out.append(contentsOf: driver.polarity.rawValue.utf8)
            out.append(contentsOf: #"","messages":"#.utf8)
            JSONWriter.appendInt(driver.messages, to: &out)
            out.append(contentsOf: #","message":"#.utf8)
            JSONWriter.appendInt(driver.message, to: &out)
            out.append(contentsOf: #","evidence":"#.utf8)
            JSONWriter.appendString(driver.evidence, to: &out)
            out.append(contentsOf: #","start":"#.utf8)
            JSONWriter.appendInt(driver.start, to: &out)
            out.append(contentsOf: #","end":"#.utf8)
            JSONWriter.appendInt(driver.end, to: &out)
            out.append(UInt8(ascii: "}"))
        }
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
