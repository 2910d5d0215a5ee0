import TemperIO
import TemperSentiment

/// Remembers which record ids a stream has produced, in bounded memory: 64-bit hashes of the
/// ids in one open-addressing table filled up to 7/8 before it doubles — 8 bytes a slot, 9.1 to
/// 18.3 bytes an id (Swift's `Set` of the same hashes fills only to 3/4 and took 10.7 to 21.3),
/// and while doubling the old table is held too (1.5× for a moment). 788,900 conversations (1 GB
/// of transcripts) take a table of 2^20 slots, 8.4 MB. Two different ids collide with
/// probability about n²/2⁶⁵ (10⁻⁶ at 6 million ids); a collision reports a false duplicate, it
/// never hides a real one.
public struct DuplicateIDSet: Sendable {
    /// Slot 0 means empty; a hash of 0 is stored as 1 (one more near-impossible collision).
    private var slots: [UInt64] = []
    public private(set) var count = 0

    public init() {}

    /// Bytes the table holds now.
    var bytes: Int { slots.count * MemoryLayout<UInt64>.size }

    /// False when `id` (or a colliding id) was inserted before.
    public mutating func insert(_ id: String) -> Bool {
        insert(hash: Self.hash(id))
    }

    public mutating func insert(hash: UInt64) -> Bool {
        if (count + 1) * 8 > slots.count * 7 { grow() }
        let key = hash == 0 ? 1 : hash
        let mask = slots.count - 1
        // The hash is already mixed: its low bits pick the slot, linear probing from there.
        var index = Int(truncatingIfNeeded: key) & mask
        while true {
            let slot = slots[index]
            if slot == 0 {
                slots[index] = key
                count += 1
                return true
            }
            if slot == key { return false }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: max(1024, old.count * 2))
        let mask = slots.count - 1
        for key in old where key != 0 {
            var index = Int(truncatingIfNeeded: key) & mask
            while slots[index] != 0 { index = (index + 1) & mask }
            slots[index] = key
        }
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
