import Foundation
import TemperIO

/// Which input columns hold what. `nil` means "find it": the first header that matches one of
/// the usual names (case-insensitive) is used, so exports from the common helpdesks load as
/// they are. Naming a column that is missing is an error, not a silent fallback.
public struct ColumnMapping: Sendable, Equatable {
    public var conversation: String?
    public var text: String?
    public var role: String?
    public var time: String?
    public var agent: String?
    public var team: String?
    public var channel: String?
    public var customer: String?

    public init(conversation: String? = nil, text: String? = nil, role: String? = nil, time: String? = nil,
                agent: String? = nil, team: String? = nil, channel: String? = nil, customer: String? = nil) {
        self.conversation = conversation
        self.text = text
        self.role = role
        self.time = time
        self.agent = agent
        self.team = team
        self.channel = channel
        self.customer = customer
    }

    static let conversationNames = ["conversation_id", "ticket_id", "thread_id", "case_id", "chat_id", "conversation", "ticket", "case", "thread"]
    static let textNames = ["text", "body", "message", "content", "comment", "plain_body", "description"]
    static let roleNames = ["role", "author_type", "author_role", "sender_type", "sender_role", "from_type", "actor", "author"]
    static let timeNames = ["at", "created_at", "timestamp", "time", "date", "sent_at", "created"]
    static let agentNames = ["agent", "agent_name", "assignee", "assignee_name"]
    static let teamNames = ["team", "group", "group_name", "queue"]
    static let channelNames = ["channel", "via", "source"]
    static let customerNames = ["customer", "customer_id", "requester", "requester_id", "user_id"]

    /// Column indices for a header; throws naming what could not be found.
    func resolve(header: [String]) throws(RecordError) -> ResolvedColumns {
        let lowered = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func find(_ explicit: String?, _ names: [String], required: String?) throws(RecordError) -> Int? {
            if let explicit {
                guard let index = lowered.firstIndex(of: explicit.lowercased()) else {
                    throw RecordError("no column '\(explicit)' in the header (\(header.joined(separator: ", ")))")
                }
                return index
            }
            for name in names {
                if let index = lowered.firstIndex(of: name) { return index }
            }
            if let required {
                throw RecordError("no \(required) column found (tried \(names.joined(separator: ", "))); name it with --\(required)-column")
            }
            return nil
        }
        return ResolvedColumns(
            conversation: try find(conversation, Self.conversationNames, required: "conversation")!,
            text: try find(text, Self.textNames, required: "text")!,
            role: try find(role, Self.roleNames, required: "role")!,
            time: try find(time, Self.timeNames, required: nil),
            agent: try find(agent, Self.agentNames, required: nil),
            team: try find(team, Self.teamNames, required: nil),
            channel: try find(channel, Self.channelNames, required: nil),
            customer: try find(customer, Self.customerNames, required: nil))
    }
}

struct ResolvedColumns {
    var conversation: Int
    var text: Int
    var role: Int
    var time: Int?
    var agent: Int?
    var team: Int?
    var channel: Int?
    var customer: Int?
}

/// Groups message rows (CSV with a header, or JSONL objects) into conversations.
///
/// Exports are usually sorted by conversation but not always: rows of neighbouring tickets get
/// interleaved. A conversation is therefore kept open until its id has not appeared for
/// `window` rows (or the input ends), then emitted with its messages in time order (input
/// order when a row has no time). Memory is bounded by the rows of at most `window`
/// recently seen conversations. Rows of an id that come back after it was emitted start a new
/// conversation with the same id, which the duplicate check reports: a file sorted so badly
/// needs a larger window, and you are told so rather than given a split conversation quietly.
final class MessageRowReader {
    enum Format: String, Sendable, CaseIterable { case csv, jsonl }

    let name: String
    let format: Format
    var mapping: ColumnMapping
    var policy: BadRecordPolicy
    var window: Int
    var rejectDuplicates = true
    var maximumLineLength = LineReader.defaultMaximumLineLength
    private let source: RecordSource

    private struct Pending {
        var conversation: Conversation
        var firstRow: Int
        var lastRow: Int
    }

    private var open: [String: Pending] = [:]
    private var ids = DuplicateIDSet()
    private var columns: ResolvedColumns?

    convenience init(path: String, format: Format, mapping: ColumnMapping = ColumnMapping(), window: Int = 1000,
                     policy: BadRecordPolicy = BadRecordPolicy()) {
        self.init(source: .path(path), format: format, mapping: mapping, window: window, policy: policy)
    }

    init(source: RecordSource, format: Format, mapping: ColumnMapping = ColumnMapping(), window: Int = 1000,
         policy: BadRecordPolicy = BadRecordPolicy()) {
        self.source = source
        self.name = source.name
        self.format = format
        self.mapping = mapping
        self.window = max(1, window)
        self.policy = policy
    }

    func forEach(_ body: (Conversation) throws -> Void) throws {
        var rowIndex = 0
        func handleRow(_ fields: [String], _ line: Int) throws {
            rowIndex += 1
            do throws(RecordError) {
                try add(fields: fields, line: line, row: rowIndex)
            } catch {
                try policy.handle(InputError(file: name, line: line, message: error.message))
            }
            // Only more than one open conversation can hold an expired one (the current row's is fresh).
            guard open.count > 1 else { return }
            let expired = open.values.filter { rowIndex - $0.lastRow > window }.sorted { $0.firstRow < $1.firstRow }
            for pending in expired {
                open[pending.conversation.id] = nil
                try emit(pending, body)
            }
        }
        switch format {
        case .csv: try readCSV(handleRow)
        case .jsonl: try readJSONL(handleRow)
        }
        for pending in open.values.sorted(by: { $0.firstRow < $1.firstRow }) {
            try emit(pending, body)
        }
        open.removeAll()
    }

    private func emit(_ pending: Pending, _ body: (Conversation) throws -> Void) throws {
        var conversation = pending.conversation
        if rejectDuplicates, !ids.insert(conversation.id) {
            try policy.handle(InputError(
                file: name, line: conversation.line,
                message: DuplicateIDSet.duplicate(conversation.id, of: "conversation") + " (its rows are more than \(window) rows apart; raise the grouping window)"))
            return
        }
        if conversation.messages.allSatisfy({ $0.at != nil }) {
            // Stable: equal times keep input order.
            conversation.messages = conversation.messages.enumerated()
                .sorted { ($0.element.at!, $0.offset) < ($1.element.at!, $1.offset) }
                .map(\.element)
        }
        try body(conversation)
    }

    private func add(fields: [String], line: Int, row: Int) throws(RecordError) {
        guard let columns else { throw RecordError("no header") }
        func field(_ index: Int?) -> String? {
            guard let index, index < fields.count else { return nil }
            let value = fields[index]
            return value.isEmpty ? nil : value
        }
        guard let id = field(columns.conversation) else { throw RecordError("empty conversation id") }
        guard let roleName = field(columns.role) else { throw RecordError("conversation '\(id)': empty role") }
        guard let role = MessageRole(name: roleName) else {
            throw RecordError("conversation '\(id)': unknown role '\(roleName)' (expected customer/end-user/user, agent, bot or system)")
        }
        guard let text = field(columns.text), !text.allSatisfy(\.isWhitespace) else {
            throw RecordError("conversation '\(id)': empty message text")
        }
        var at: Double?
        if let time = field(columns.time) {
            guard let seconds = ISO8601.timestamp(text: time) else {
                throw RecordError("conversation '\(id)': unparsable timestamp '\(time)' (expected \(ISO8601.expectedForm))")
            }
            at = seconds
        }
        let message = Message(role: role, text: text, at: at)
        if var pending = open[id] {
            pending.conversation.messages.append(message)
            pending.lastRow = row
            if pending.conversation.agent == nil, role == .agent { pending.conversation.agent = field(columns.agent) }
            open[id] = pending
        } else {
            let conversation = Conversation(
                id: id, channel: field(columns.channel), agent: role == .agent ? field(columns.agent) : nil,
                team: field(columns.team), customer: field(columns.customer), messages: [message], line: line)
            open[id] = Pending(conversation: conversation, firstRow: row, lastRow: row)
        }
    }

    private func readCSV(_ handleRow: ([String], Int) throws -> Void) throws {
        let reader = try source.csv(maximumLineLength: maximumLineLength)
        do throws(RecordError) {
            columns = try mapping.resolve(header: reader.header)
        } catch {
            throw InputError(file: name, line: 1, message: error.message)
        }
        try reader.forEach(policy: policy, handleRow)
    }

    private func readJSONL(_ handleRow: ([String], Int) throws -> Void) throws {
        let reader = try source.lines(maximumLineLength: maximumLineLength)
        var header: [String] = []
        try reader.forEachLine(policy: policy) { bytes, number in
            guard !ConversationReader.isBlank(bytes) else { return }
            let object: JSONObject
            do {
                guard let parsed = try JSONValue(parsing: bytes).object else {
                    try policy.handle(InputError(file: name, line: number, message: "a message row must be a JSON object"))
                    return
                }
                object = parsed
            } catch let error as JSONParseError {
                try policy.handle(InputError(file: name, line: number, message: "broken JSON: \(error)"))
                return
            }
            if columns == nil {
                // The first row's keys serve as the header; later rows are looked up by name.
                header = object.members.map(\.key)
                do throws(RecordError) {
                    columns = try mapping.resolve(header: header)
                } catch {
                    throw InputError(file: name, line: number, message: error.message)
                }
            }
            let fields = header.map { key -> String in
                switch object[key] {
                case .string(let s)?: s
                case .number(let d)?: Int(exactly: d).map(String.init) ?? String(d)
                case .bool(let b)?: b ? "true" : "false"
                default: ""
                }
            }
            try handleRow(fields, number)
        }
    }
}
