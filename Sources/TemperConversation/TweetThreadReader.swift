import TemperIO

/// Rebuilds support conversations from reply-threaded tweets, one JSON object per line:
/// `{"tweet_id", "author_id", "inbound", "created_at", "text", "in_response_to_tweet_id"}`.
///
/// A thread is the root tweet (no parent, or a parent not in the input, as happens with
/// partial crawls) and every reply below it; its id is the root's tweet id. `inbound` tweets
/// are the customer's, the others the brand's (role agent). Threads stay open until no tweet
/// has joined them for `window` tweets, or the input ends, so memory is bounded by the recent
/// threads (plus an 8-byte entry per tweet of those threads for the parent lookup).
final class TweetThreadReader {
    let name: String
    var policy: BadRecordPolicy
    var window: Int
    var maximumLineLength = LineReader.defaultMaximumLineLength
    private let source: RecordSource

    private struct Pending {
        var conversation: Conversation
        var firstTweet: Int
        var lastTweet: Int
        var tweetIDs: [String]
    }

    private var open: [String: Pending] = [:]
    /// tweet id → root id, for open threads only.
    private var rootOf: [String: String] = [:]
    private var ids = DuplicateIDSet()

    convenience init(path: String, window: Int = 1000, policy: BadRecordPolicy = BadRecordPolicy()) {
        self.init(source: .path(path), window: window, policy: policy)
    }

    init(source: RecordSource, window: Int = 1000, policy: BadRecordPolicy = BadRecordPolicy()) {
        self.source = source
        self.name = source.name
        self.window = max(1, window)
        self.policy = policy
    }

    func forEach(_ body: (Conversation) throws -> Void) throws {
        let reader = try source.lines(maximumLineLength: maximumLineLength)
        var index = 0
        try reader.forEachLine(policy: policy) { bytes, number in
            guard !ConversationReader.isBlank(bytes) else { return }
            index += 1
            do throws(RecordError) {
                try add(bytes, line: number, index: index)
            } catch {
                try policy.handle(InputError(file: name, line: number, message: error.message))
            }
            if open.count > 1 {
                let expired = open.values.filter { index - $0.lastTweet > window }.sorted { $0.firstTweet < $1.firstTweet }
                for pending in expired { try emit(pending, body) }
            }
        }
        for pending in open.values.sorted(by: { $0.firstTweet < $1.firstTweet }) { try emit(pending, body) }
        open.removeAll()
        rootOf.removeAll()
    }

    private func emit(_ pending: Pending, _ body: (Conversation) throws -> Void) throws {
        open[pending.conversation.id] = nil
        for tweet in pending.tweetIDs { rootOf[tweet] = nil }
        guard ids.insert(pending.conversation.id) else {
            try policy.handle(InputError(file: name, line: pending.conversation.line,
                                         message: DuplicateIDSet.duplicate(pending.conversation.id, of: "thread")))
            return
        }
        try body(pending.conversation)
    }

    private func add(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, index: Int) throws(RecordError) {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes)
        } catch {
            throw RecordError("broken JSON: \(error)")
        }
        guard let tweet = json.object else { throw RecordError("a tweet must be a JSON object") }
        guard let rawID = tweet["tweet_id"] else { throw RecordError("missing \"tweet_id\"") }
        // One rule for ids in every reader: an empty one would become a conversation id that
        // cannot be echoed or read back.
        let id = try RecordID.text(of: rawID, field: "tweet_id")
        guard let text = tweet["text"]?.string, !text.isEmpty else { throw RecordError("tweet \(id): missing or empty \"text\"") }
        guard let inbound = tweet["inbound"]?.bool else { throw RecordError("tweet \(id): missing \"inbound\" (true for the customer, false for the brand)") }
        var at: Double?
        if let created = tweet["created_at"], !created.isNull {
            guard let seconds = ISO8601.timestamp(created) else {
                throw RecordError("tweet \(id): unparsable timestamp \(created) (expected \(ISO8601.expectedForm))")
            }
            at = seconds
        }
        guard rootOf[id] == nil else { throw RecordError("duplicate tweet id \(id)") }
        let author = tweet["author_id"].flatMap(Conversation.identifier)
        let message = Message(role: inbound ? .customer : .agent, text: text, at: at)
        let parent = tweet["in_response_to_tweet_id"].flatMap(Conversation.identifier)
        if let parent, let root = rootOf[parent], var pending = open[root] {
            pending.conversation.messages.append(message)
            pending.lastTweet = index
            pending.tweetIDs.append(id)
            if !inbound, pending.conversation.agent == nil { pending.conversation.agent = author }
            open[root] = pending
            rootOf[id] = root
        } else {
            let conversation = Conversation(id: id, channel: "twitter", agent: inbound ? nil : author,
                                            customer: inbound ? author : nil, messages: [message], line: line)
            open[id] = Pending(conversation: conversation, firstTweet: index, lastTweet: index, tweetIDs: [id])
            rootOf[id] = id
        }
    }
}
