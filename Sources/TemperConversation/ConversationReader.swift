import TemperIO
import TemperSentiment

/// Remembers which conversation ids a stream has produced, in bounded memory: a set of 64-bit
/// hashes, 8 bytes of payload per conversation (about 16–20 bytes with the set's load factor),
/// so 100 million conversations cost about 2 GB less than keeping the ids themselves would and
/// a 2 GB input (a few million conversations) costs tens of MB. Two different ids collide with
/// probability about n²/2⁶⁵ (10⁻⁶ at 6 million ids); a collision reports a false duplicate,
/// it never hides a real one.
public struct DuplicateIDSet: Sendable {
    private var seen = Set<UInt64>()

    public init() {}

    public var count: Int { seen.count }

    /// False when `id` (or a colliding id) was inserted before.
    public mutating func insert(_ id: String) -> Bool {
        seen.insert(Self.hash(id)).inserted
    }

    public mutating func insert(hash: UInt64) -> Bool {
        seen.insert(hash).inserted
    }

    public static func hash(_ id: String) -> UInt64 {
        HashSplit.hash(of: id)
    }

    /// The one report of a second record with an id, for every reader: `what` names the record
    /// ("conversation", "message", "thread").
    public static func duplicate(_ id: String, of what: String) -> String {
        "duplicate \(what) id '\(id)'"
    }
}

/// What a record's id may be, for every reader (conversations, messages, facts written from
/// them): a non-empty string, or a number (kept as its text, so `7` and `"7"` are one id).
public enum RecordID {
    /// The id given in `value` (the record's `field`), as text.
    /// - Throws: `RecordError` for an empty string or a value of another kind: an id that cannot
    ///   be echoed must not quietly become something else.
    public static func text(of value: JSONValue, field: String = "id") throws(RecordError) -> String {
        let text: String? = switch value {
        case .string(let string): string
        case .number: value.int.map(String.init) ?? value.double.map { String($0) }
        default: nil
        }
        guard let text, !text.isEmpty else {
            let found = value.string != nil ? "empty" : value.kindDescription
            throw RecordError("\"\(field)\" is \(found), not a non-empty string or a number")
        }
        return text
    }
}

/// Reads JSONL conversations, one JSON object per line (see `Conversation.init(json:line:)`).
/// Blank lines are not records and are passed over.
public final class ConversationReader {
    public let name: String
    private let reader: LineReader
    public var policy: BadRecordPolicy
    /// Reject a second conversation with an id already seen in this reader.
    var rejectDuplicates = true
    private var ids = DuplicateIDSet()

    convenience init(path: String, policy: BadRecordPolicy = BadRecordPolicy(),
                     maximumLineLength: Int = LineReader.defaultMaximumLineLength) throws {
        self.init(lines: try LineReader(path: path, maximumLineLength: maximumLineLength), policy: policy)
    }

    init(lines: LineReader, policy: BadRecordPolicy = BadRecordPolicy()) {
        reader = lines
        name = lines.name
        self.policy = policy
    }

    public var bytesRead: Int { reader.bytesRead }
    public var sizeInBytes: Int? { reader.sizeInBytes }

    public func forEach(_ body: (Conversation) throws -> Void) throws {
        try reader.forEachLine(policy: policy) { bytes, number in
            guard !ConversationReader.isBlank(bytes) else { return }
            let conversation: Conversation
            do throws(RecordError) {
                conversation = try ConversationReader.parse(bytes, line: number)
                if rejectDuplicates, !ids.insert(conversation.id) {
                    throw RecordError(DuplicateIDSet.duplicate(conversation.id, of: "conversation"))
                }
            } catch {
                try policy.handle(InputError(file: name, line: number, message: error.message))
                return
            }
            try body(conversation)
        }
    }

    /// Parses one line; safe to call from any thread.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int = 0) throws(RecordError) -> Conversation {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes)
        } catch {
            throw RecordError("broken JSON: \(error)")
        }
        return try Conversation(json: json, line: line)
    }

    public static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        return true
    }
}
