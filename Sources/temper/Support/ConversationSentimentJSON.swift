import TemperConversation
import TemperIO
import TemperSentiment

/// The `temper score --per conversation` record: the customer's overall sentiment, then each
/// scored message's. Probabilities are the mean over the customer's messages; the label is the
/// conversation's customer-sentiment label (see `CustomerSentiment`).
enum ConversationSentimentJSON {
    static let decimals = 4

    static func append(_ assessment: ConversationAssessment, conversation: Conversation, to out: inout [UInt8]) {
        var sums: (Float, Float, Float) = (0, 0, 0)
        var scored = 0
        for case let result? in assessment.messageSentiments.indices.map({ conversation.messages[$0].role == .customer ? assessment.messageSentiments[$0] : nil }) {
            sums = (sums.0 + result.negative, sums.1 + result.neutral, sums.2 + result.positive)
            scored += 1
        }
        let count = Float(max(scored, 1))
        let sentiment = assessment.customerSentiment
        out.append(contentsOf: #"{"id":"#.utf8)
        JSONWriter.appendString(conversation.id, to: &out)
        out.append(contentsOf: #","label":"#.utf8)
        if let label = sentiment.label { JSONWriter.appendString(label.description, to: &out) } else { JSONWriter.appendNull(to: &out) }
        out.append(contentsOf: #","compound":"#.utf8)
        appendOptional(sentiment.mean, to: &out)
        out.append(contentsOf: #","probabilities":"#.utf8)
        if scored == 0 {
            JSONWriter.appendNull(to: &out)
        } else {
            out.append(contentsOf: #"{"negative":"#.utf8)
            JSONWriter.appendNumber(Double(sums.0 / count), to: &out, decimals: decimals)
            out.append(contentsOf: #","neutral":"#.utf8)
            JSONWriter.appendNumber(Double(sums.1 / count), to: &out, decimals: decimals)
            out.append(contentsOf: #","positive":"#.utf8)
            JSONWriter.appendNumber(Double(sums.2 / count), to: &out, decimals: decimals)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #","customer_messages":"#.utf8)
        JSONWriter.appendInt(scored, to: &out)
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
