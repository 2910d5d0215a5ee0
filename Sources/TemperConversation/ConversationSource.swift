import TemperIO

/// The ways conversations arrive.
public enum ConversationFormat: String, Sendable, CaseIterable {
    /// By the file name: `rows-csv` for `*.csv`, `conversations` otherwise.
    case auto
    /// JSONL, one conversation per line (see `Conversation.init(json:line:)`).
    case conversations
    /// One message per row, grouped by a conversation column (helpdesk exports).
    case rowsCSV = "rows-csv"
    case rowsJSONL = "rows-jsonl"
    /// Reply-threaded tweets rebuilt into conversations.
    case tweets

    /// The concrete format for `path`.
    public func resolved(for path: String) -> ConversationFormat {
        guard self == .auto else { return self }
        return path.lowercased().hasSuffix(".csv") ? .rowsCSV : .conversations
    }
}

/// Where a reader's records come from: a file (`-` is standard input) or bytes already in memory
/// (a request body, a fuzzer's input), read by the same code.
enum RecordSource {
    case path(String)
    case bytes([UInt8], name: String)

    /// Name used in messages: the path, `<stdin>`, or the name given with the bytes.
    var name: String {
        switch self {
        case .path(let path): path == "-" ? "<stdin>" : path
        case .bytes(_, let name): name
        }
    }

    func lines(maximumLineLength: Int = LineReader.defaultMaximumLineLength) throws -> LineReader {
        switch self {
        case .path(let path): try LineReader(path: path, maximumLineLength: maximumLineLength)
        case .bytes(let bytes, let name): LineReader(bytes: bytes, name: name)
        }
    }

    func csv(maximumLineLength: Int = LineReader.defaultMaximumLineLength) throws(InputError) -> CSVRecordReader {
        switch self {
        case .path(let path): try CSVRecordReader(path: path, maximumLineLength: maximumLineLength)
        case .bytes(let bytes, let name): try CSVRecordReader(bytes: bytes, name: name)
        }
    }
}

/// How to read conversations: the format and, for grouped formats, which columns mean what and
/// how long a conversation stays open.
public struct ConversationInput: Sendable {
    public var format: ConversationFormat
    public var columns: ColumnMapping
    /// Row and tweet formats: a conversation is complete once its id has not appeared for this many rows.
    public var groupWindow: Int
    /// The longest line (for CSV: record) read; a longer one is a bad record, never held in memory.
    public var maximumLineLength: Int

    public init(format: ConversationFormat = .auto, columns: ColumnMapping = ColumnMapping(), groupWindow: Int = 1000,
                maximumLineLength: Int = LineReader.defaultMaximumLineLength) {
        self.format = format
        self.columns = columns
        self.groupWindow = groupWindow
        self.maximumLineLength = maximumLineLength
    }

    /// Reads the grouped formats (rows and tweets) of `path` in order, reporting bad records
    /// through `policy`. JSONL conversations are read in parallel batches by the run engine
    /// instead; here they are read sequentially, for callers that want one conversation at a time.
    public func forEach(path: String, policy: BadRecordPolicy, _ body: (Conversation) throws -> Void) throws {
        switch format.resolved(for: path) {
        case .conversations, .auto:
            try ConversationReader(path: path, policy: policy, maximumLineLength: maximumLineLength).forEach(body)
        case .tweets:
            let reader = TweetThreadReader(path: path, window: groupWindow, policy: policy)
            reader.maximumLineLength = maximumLineLength
            try reader.forEach(body)
        case .rowsCSV, .rowsJSONL:
            let format: MessageRowReader.Format = format.resolved(for: path) == .rowsJSONL ? .jsonl : .csv
            let reader = MessageRowReader(path: path, format: format, mapping: columns, window: groupWindow, policy: policy)
            reader.maximumLineLength = maximumLineLength
            try reader.forEach(body)
        }
    }
}
