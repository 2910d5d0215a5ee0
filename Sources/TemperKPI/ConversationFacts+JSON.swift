import Foundation
import TemperIO

extension ConversationFacts {
    /// The facts as one JSON object (the line `temper scorecard` reads), through TemperIO's
    /// writer: keys in schema order, absent values left out, timestamps ISO-8601 in UTC.
    ///
    /// Written by hand rather than through the `Encodable` conformance and `JSONWriterEncoder`:
    /// that took `flag --facts` from 0.7 to 0.9–1.1 s on 20,580 conversations, and this is the
    /// line every cluster partition writes. A test holds the two to the same JSON.
    public func appendJSON(to out: inout [UInt8]) {
        var object = JSONObject()
        object.append(key: "id", value: .string(id))
        for (key, value) in [("agent", agent), ("team", team), ("channel", channel), ("segment", segment), ("customer", customer)] {
            if let value { object.append(key: key, value: .string(value)) }
        }
        if let startedAt { object.append(key: "started_at", value: .string(ISO8601.format(startedAt.timeIntervalSince1970))) }
        if let endedAt { object.append(key: "ended_at", value: .string(ISO8601.format(endedAt.timeIntervalSince1970))) }
        for (key, value) in [("first_response_seconds", firstResponseSeconds), ("resolution_seconds", resolutionSeconds),
                             ("handle_seconds", handleSeconds)] {
            if let value { object.append(key: key, value: .number(value)) }
        }
        if let sentimentLabel { object.append(key: "sentiment_label", value: .string(sentimentLabel.rawValue)) }
        if let sentimentMean { object.append(key: "sentiment_mean", value: .number(sentimentMean)) }
        if let flagged { object.append(key: "flagged", value: .bool(flagged)) }
        if let risk { object.append(key: "risk", value: .number(risk)) }
        if let reasons { object.append(key: "reasons", value: .array(reasons.map { .string($0) })) }
        if let escalated { object.append(key: "escalated", value: .bool(escalated)) }
        if let resolved { object.append(key: "resolved", value: .bool(resolved)) }
        if let firstContactResolved { object.append(key: "first_contact_resolved", value: .bool(firstContactResolved)) }
        if let abandoned { object.append(key: "abandoned", value: .bool(abandoned)) }
        for (key, value) in [("csat", csat), ("nps", nps), ("ces", ces), ("cost", cost)] {
            if let value { object.append(key: key, value: .number(value)) }
        }
        if let contacts { object.append(key: "contacts", value: .number(Double(contacts))) }
        if let drivers {
            object.append(key: "drivers", value: .array(drivers.map { driver in
                var item = JSONObject()
                item.append(key: "id", value: .string(driver.id))
                item.append(key: "polarity", value: .string(driver.polarity.rawValue))
                return .object(item)
            }))
        }
        JSONValue.object(object).serialized(into: &out)
    }
}
