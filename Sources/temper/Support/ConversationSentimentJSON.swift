import TemperConversation
import TemperIO
import TemperSentiment

/// The `temper score --per conversation` record: the customer's overall sentiment, then each
/// scored message's. The conversation's probabilities, label and compound are those of
/// `CustomerSentiment`: probabilities averaged over the customer's messages with the last counted
/// twice, the label their most probable class, compound P(positive) − P(negative).
enum ConversationSentimentJSON {
    static let decimals = 4

    static func append(_ assessment: ConversationAssessment, conversation: Conversation, to out: inout [UInt8]) {
        let sentiment = assessment.customerSentiment
        out.append(contentsOf: #"{"id":"#.utf8)
        JSONWriter.appendString(conversation.id, to: &out)
        out.append(contentsOf: #","label":"#.utf8)
        if let label = sentiment.label { JSONWriter.appendString(label.description, to: &out) } else { JSONWriter.appendNull(to: &out) }
        out.append(contentsOf: #","compound":"#.utf8)
        appendOptional(sentiment.compound, to: &out)
        out.append(contentsOf: #","probabilities":"#.utf8)
        if let probabilities = sentiment.probabilities {
            out.append(contentsOf: #"{"negative":"#.utf8)
            JSONWriter.appendNumber(probabilities[0], to: &out, decimals: decimals)
            out.append(contentsOf: #","neutral":"#.utf8)
            JSONWriter.appendNumber(probabilities[1], to: &out, decimals: decimals)
            out.append(contentsOf: #","positive":"#.utf8)
            JSONWriter.appendNumber(probabilities[2], to: &out, decimals: decimals)
            out.append(UInt8(ascii: "}"))
        } else {
            JSONWriter.appendNull(to: &out)
        }
        out.append(contentsOf: #","customer_messages":"#.utf8)
        JSONWriter.appendInt(sentiment.count, to: &out)
        out.append(contentsOf: #","customer_sentiment":"#.utf8)
        sentiment.appendJSON(to: &out)
        out.append(contentsOf: #","messages":["#.utf8)
        var first = true
        for (index, result) in assessment.messageSentiments.enumerated() {
            guard let result else { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: #"{"index":"#.utf8)
            JSONWriter.appendInt(index, to: &out)
            out.append(contentsOf: #","role":"#.utf8)
            JSONWriter.appendString(conversation.messages[index].role.rawValue, to: &out)
            out.append(contentsOf: #","label":""#.utf8)
            out.append(contentsOf: result.label.description.utf8)
            out.append(contentsOf: #"","compound":"#.utf8)
            JSONWriter.appendNumber(Double(result.compound), to: &out, decimals: decimals)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: "]}".utf8)
    }

    private static func appendOptional(_ value: Double?, to out: inout [UInt8]) {
        if let value { JSONWriter.appendNumber(value, to: &out, decimals: decimals) } else { JSONWriter.appendNull(to: &out) }
    }
}
