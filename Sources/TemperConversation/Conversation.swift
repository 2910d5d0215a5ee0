import Foundation
import TemperIO

/// Who wrote a message. Only the customer's words count towards customer sentiment and the
/// customer-side cues; agents are scanned for failure phrases; bots and system events only
/// matter for timing and abandonment.
public enum MessageRole: String, Sendable, CaseIterable, Equatable {
    case customer, agent, bot, system

    /// Accepts the spellings helpdesk exports use, so files load without a mapping step.
    /// Anything else is rejected rather than guessed: a wrong role silently moves a message in
    /// or out of the customer's sentiment.
    public init?(name: String) {
        switch name.lowercased() {
        case "customer", "user", "end-user", "end_user", "enduser", "client", "requester", "visitor", "caller", "contact":
            self = .customer
        case "agent", "staff", "support", "human", "human_agent", "operator", "admin", "representative", "rep", "supervisor":
            self = .agent
        case "bot", "assistant", "virtual_agent", "chatbot", "automation":
            self = .bot
        case "system", "event", "note", "internal":
            self = .system
        default:
            return nil
        }
    }
}

public struct Message: Sendable, Equatable {
    public var role: MessageRole
    public var text: String
    /// Seconds since 1970-01-01T00:00:00Z. Kept as a number rather than `Date` so the hot path
    /// does plain arithmetic; `date` converts when a caller wants one.
    public var at: Double?

    public init(role: MessageRole, text: String, at: Double? = nil) {
        self.role = role
        self.text = text
        self.at = at
    }

    public var date: Date? { at.map { Date(timeIntervalSince1970: $0) } }
}

public struct Survey: Sendable, Equatable {
    /// 1–5.
    public var csat: Double?
    /// 0–10.
    public var nps: Double?
    /// Customer effort, as given by the source (scales differ between tools; passed through).
    public var ces: Double?

    public init(csat: Double? = nil, nps: Double? = nil, ces: Double? = nil) {
        self.csat = csat
        self.nps = nps
        self.ces = ces
    }
}

/// One support conversation as read from any of the input formats.
public struct Conversation: Sendable, Equatable {
    public var id: String
    public var channel: String?
    public var agent: String?
    public var team: String?
    public var customer: String?
    public var segment: String?
    public var messages: [Message]
    public var survey: Survey?
    public var resolved: Bool?
    public var escalated: Bool?
    public var cost: Double?
    /// Fields this model does not know (`tags`, `lang`, `duration_s`, …) in input order, so a
    /// later stage can pass them through untouched.
    public var extra: JSONObject
    /// Where the conversation started in its input (1-based line), for messages about it.
    public var line: Int

    public init(id: String, channel: String? = nil, agent: String? = nil, team: String? = nil, customer: String? = nil,
                segment: String? = nil, messages: [Message], survey: Survey? = nil, resolved: Bool? = nil,
                escalated: Bool? = nil, cost: Double? = nil, extra: JSONObject = JSONObject(), line: Int = 0) {
        self.id = id
        self.channel = channel
        self.agent = agent
        self.team = team
        self.customer = customer
        self.segment = segment
        self.messages = messages
        self.survey = survey
        self.resolved = resolved
        self.escalated = escalated
        self.cost = cost
        self.extra = extra
        self.line = line
    }
}

/// The reason a record is invalid, before the reader adds file and line.
public struct RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Conversation {
    static let knownKeys: Set<String> = [
        "id", "channel", "agent", "team", "customer", "segment", "messages", "survey", "resolved", "escalated", "cost",
    ]

    /// Builds a conversation from one parsed JSONL record.
    ///
    /// Strict where a mistake would change a score (unknown role, unparsable timestamp, no
    /// messages) and lenient where it would not (ids may be numbers; unknown fields are kept).
    public init(json: JSONValue, line: Int = 0) throws(RecordError) {
        guard let object = json.object else { throw RecordError("a conversation must be a JSON object") }
        guard let idValue = object["id"], !idValue.isNull else {
            throw RecordError("missing \"id\" (a non-empty string or a number)")
        }
        let id = try RecordID.text(of: idValue)
        guard let messageValues = object["messages"]?.array else {
            throw RecordError("conversation '\(id)': missing \"messages\" array")
        }
        guard !messageValues.isEmpty else { throw RecordError("conversation '\(id)': \"messages\" is empty") }
        var messages: [Message] = []
        messages.reserveCapacity(messageValues.count)
        for (index, value) in messageValues.enumerated() {
            guard let message = value.object else { throw RecordError("conversation '\(id)': message \(index) is not an object") }
            guard let roleName = message["role"]?.string else {
                throw RecordError("conversation '\(id)': message \(index) has no \"role\"")
            }
            guard let role = MessageRole(name: roleName) else {
                throw RecordError("conversation '\(id)': message \(index) has unknown role '\(roleName)' (expected customer, agent, bot or system)")
            }
            guard let text = message["text"]?.string else {
                throw RecordError("conversation '\(id)': message \(index) has no \"text\" string")
            }
            var at: Double?
            if let atValue = message["at"], !atValue.isNull {
                guard let seconds = ISO8601.timestamp(atValue) else {
                    throw RecordError("conversation '\(id)': message \(index) has an unparsable timestamp \(atValue) (expected \(ISO8601.expectedForm))")
                }
                at = seconds
            }
            messages.append(Message(role: role, text: text, at: at))
        }
        var survey: Survey?
        if let surveyObject = object["survey"]?.object {
            survey = Survey(csat: surveyObject["csat"]?.double, nps: surveyObject["nps"]?.double, ces: surveyObject["ces"]?.double)
        }
        var extra = JSONObject()
        for member in object where !Conversation.knownKeys.contains(member.key) {
            extra.append(key: member.key, value: member.value)
        }
        self.init(id: id, channel: object["channel"]?.string, agent: object["agent"]?.string, team: object["team"]?.string,
                  customer: object["customer"].flatMap(Conversation.identifier), segment: object["segment"]?.string,
                  messages: messages, survey: survey, resolved: object["resolved"]?.bool,
                  escalated: object["escalated"]?.bool, cost: object["cost"]?.double, extra: extra, line: line)
    }

    /// Ids arrive as strings or as numbers (tweet ids, ticket numbers); both become the same text.
    /// A customer reference as text: a string as given, a number as its text, else none.
    static func identifier(_ value: JSONValue) -> String? {
        if let string = value.string { return string }
        if let number = value.int { return String(number) }
        if let number = value.double { return String(number) }
        return nil
    }

    /// The conversation back as a JSONL record (known fields first, then `extra`), so converted
    /// inputs (CSV rows, tweet threads) can be saved in the native format.
    public func json() -> JSONValue {
        var object = JSONObject()
        object.append(key: "id", value: .string(id))
        for (key, value) in [("channel", channel), ("agent", agent), ("team", team), ("customer", customer), ("segment", segment)] {
            if let value { object.append(key: key, value: .string(value)) }
        }
        object.append(key: "messages", value: .array(messages.map { message in
            var m: JSONObject = ["role": .string(message.role.rawValue), "text": .string(message.text)]
            if let at = message.at { m.append(key: "at", value: .string(ISO8601.format(at))) }
            return .object(m)
        }))
        if let survey {
            var s = JSONObject()
            if let csat = survey.csat { s.append(key: "csat", value: .number(csat)) }
            if let nps = survey.nps { s.append(key: "nps", value: .number(nps)) }
            if let ces = survey.ces { s.append(key: "ces", value: .number(ces)) }
            object.append(key: "survey", value: .object(s))
        }
        if let resolved { object.append(key: "resolved", value: .bool(resolved)) }
        if let escalated { object.append(key: "escalated", value: .bool(escalated)) }
        if let cost { object.append(key: "cost", value: .number(cost)) }
        for member in extra { object.append(key: member.key, value: member.value) }
        return .object(object)
    }
}
