// JSONParser.swift — strict RFC 8259 reader working directly on UTF-8 bytes.

/// Why a document was rejected, and where.
///
/// `offset` is the 0-based byte offset into the bytes handed to the parser (data, for callers
/// that slice the input); `column` is what a person is shown: the 1-based byte column within
/// the offending byte's line, as compilers count (for a JSONL line, `offset + 1`; for a
/// document that spans lines, counted from its last line break). Every error message of Temper
/// that points inside a line says "column N" counted this way.
public struct JSONParseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Coarse classes, so callers and tests can branch without matching message text.
    public enum Kind: Sendable, Equatable {
        case unexpectedEndOfInput
        case unexpectedCharacter
        case invalidLiteral
        case invalidNumber
        case numberOutOfRange
        case unterminatedString
        case controlCharacterInString
        case invalidEscape
        case invalidUnicodeEscape
        case invalidUTF8
        case depthLimitExceeded
        case trailingData
    }

    public let kind: Kind
    /// 0-based byte offset of the offending byte (or the input length when input ended too early).
    public let offset: Int
    /// 1-based byte column of `offset` within its line.
    public let column: Int
    /// What was wrong, without the position, e.g. "expected ',' or '}' after object member, found ']'".
    public let message: String

    init(kind: Kind, offset: Int, column: Int, message: String) {
        self.kind = kind
        self.offset = offset
        self.column = column
        self.message = message
    }

    public var description: String { "\(message) at column \(column)" }
}

/// Parses one JSON document per call (one JSONL line, one config file).
///
/// The parser is a value that owns scratch storage (the stack of open containers and their
/// pending children, and the buffer used to unescape strings); `parse` is `mutating` so that a
/// loop over millions of lines reuses that storage instead of reallocating it per line. Use one
/// parser per thread. A typical record then costs one allocation per container and per string
/// longer than 15 UTF-8 bytes (shorter ones are stored inline by `String`), and nothing else.
///
/// Decisions beyond RFC 8259's grammar, which the parser otherwise follows strictly:
/// - Lone UTF-16 surrogates in `\u` escapes become U+FFFD: Swift strings cannot hold them, and
///   rejecting the whole record over one broken emoji escape from a chat export would lose data.
/// - Raw bytes that are not valid UTF-8 are an error, not repaired: unlike an escape, they mean the
///   file is in the wrong encoding, and silently replacing text would skew every text statistic.
/// - A UTF-8 byte-order mark at offset 0 is skipped (RFC 8259 §8.1 permits this); Windows tools add one.
/// - Numbers that overflow `Double` are rejected rather than stored as infinity, which could not be
///   written back as JSON; numbers that underflow become (signed) zero.
/// - Nesting deeper than `maxDepth` is rejected. The parser itself uses an explicit stack and
///   cannot overflow, but comparing, serializing and even deallocating a `JSONValue` are recursive,
///   so an unbounded tree from hostile input could still crash the process later.
public struct JSONParser: Sendable {
    public static let defaultMaxDepth = 512

    public let maxDepth: Int

    private var storage = Storage()

    public init(maxDepth: Int = JSONParser.defaultMaxDepth) {
        precondition(maxDepth >= 0, "maxDepth must not be negative")
        self.maxDepth = maxDepth
    }

    public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        let outcome = bytes.withMemoryRebound(to: UInt8.self) { p -> Result<JSONValue, JSONParseError> in
            do throws(JSONParseError) { return .success(try parse(p)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        // Move the reusable storage into the reader and back, so appends never see a shared
        // (copy-on-write) buffer.
        var reader = Reader(cursor: JSONCursor(bytes, maxDepth: maxDepth))
        swap(&reader.storage, &storage)
        swap(&reader.cursor.scratch, &reader.storage.unescaped)
        defer {
            swap(&reader.cursor.scratch, &reader.storage.unescaped)
            reader.storage.reset()
            swap(&reader.storage, &storage)
        }
        return try reader.parseDocument()
    }

    public mutating func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try JSONParser.withBuffer(bytes) { (p: UnsafeBufferPointer<UInt8>) throws(JSONParseError) in try parse(p) }
    }

    /// Offsets are relative to `bytes.startIndex`.
    public mutating func parse(_ bytes: ArraySlice<UInt8>) throws(JSONParseError) -> JSONValue {
        try JSONParser.withBuffer(bytes) { (p: UnsafeBufferPointer<UInt8>) throws(JSONParseError) in try parse(p) }
    }

    /// Offsets are UTF-8 byte offsets, not `Character` counts.
    public mutating func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        var text = text
        text.makeContiguousUTF8()
        return try JSONParser.withBuffer(text.utf8) { (p: UnsafeBufferPointer<UInt8>) throws(JSONParseError) in try parse(p) }
    }

    /// Offsets are UTF-8 byte offsets from the start of the substring.
    public mutating func parse(_ text: Substring) throws(JSONParseError) -> JSONValue {
        try JSONParser.withBuffer(text.utf8) { (p: UnsafeBufferPointer<UInt8>) throws(JSONParseError) in try parse(p) }
    }

    /// `withContiguousStorageIfAvailable` only rethrows untyped errors; this keeps the typed error.
    private static func withBuffer<C: Collection<UInt8>>(
        _ bytes: C, _ body: (UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue
    ) throws(JSONParseError) -> JSONValue {
        typealias Outcome = Result<JSONValue, JSONParseError>
        func run(_ p: UnsafeBufferPointer<UInt8>) -> Outcome {
            do throws(JSONParseError) { return .success(try body(p)) } catch { return .failure(error) }
        }
        if let outcome = bytes.withContiguousStorageIfAvailable(run) { return try outcome.get() }
        return try Array(bytes).withUnsafeBufferPointer(run).get()
    }
}

extension JSONValue {
    /// One-off parse; loops over many documents should keep a ``JSONParser`` to reuse its storage.
    public init(parsing text: String, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        var parser = JSONParser(maxDepth: maxDepth)
        self = try parser.parse(text)
    }

    public init(parsing bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        var parser = JSONParser(maxDepth: maxDepth)
        self = try parser.parse(bytes)
    }

    public init(parsing bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = JSONParser.defaultMaxDepth) throws(JSONParseError) {
        var parser = JSONParser(maxDepth: maxDepth)
        self = try parser.parse(bytes)
    }
}

// MARK: - Implementation

/// One open container; its finished children wait on the shared `values`/`keys` stacks from
/// `valueStart`/`keyStart` on.
private struct Frame: Sendable {
    var isObject: Bool
    var valueStart: Int
    var keyStart: Int
}

/// Buffers reused from document to document. Children are collected on flat stacks and copied
/// into an exactly sized array when their container closes, which costs one allocation per
/// container instead of one per doubling of a growing array.
private struct Storage: Sendable {
    var frames: [Frame] = []
    var values: [JSONValue] = []
    var keys: [String] = []
    /// Unescaped bytes of the string being parsed (lent to the cursor as its `scratch`).
    var unescaped: [UInt8] = []

    /// After an error the stacks still hold partial containers.
    mutating func reset() {
        frames.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
    }
}

/// The tree builder: tokens come from ``JSONCursor``; this only keeps track of open containers.
private struct Reader {
    var cursor: JSONCursor
    var storage = Storage()

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        cursor.skipByteOrderMark()
        cursor.skipWhitespace()
        let value = try parseValue()
        try cursor.finish()
        return value
    }

    /// Iterative so that input nesting cannot exhaust the call stack; `storage.frames` holds the open
    /// containers and each completed value is handed to the innermost one.
    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        nextValue: while true {
            // Here the cursor is at the first byte of a value (whitespace already skipped).
            var value: JSONValue
            guard let b = cursor.peek else { throw cursor.expected("a JSON value") }
            switch b {
            case JSONByte.openBrace:
                try checkDepth()
                if try cursor.enterObject() {
                    storage.frames.append(Frame(isObject: true, valueStart: storage.values.count, keyStart: storage.keys.count))
                    storage.keys.append(try cursor.readKeyString(first: true))
                    continue nextValue
                }
                value = .object(JSONObject())
            case JSONByte.openBracket:
                try checkDepth()
                if try cursor.enterArray() {
                    storage.frames.append(Frame(isObject: false, valueStart: storage.values.count, keyStart: storage.keys.count))
                    continue nextValue
                }
                value = .array([])
            case JSONByte.quote:
                value = .string(try cursor.readString())
            case UInt8(ascii: "t"):
                try cursor.readLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try cursor.readLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try cursor.readLiteral("null")
                value = .null
            case JSONByte.minus, JSONByte.zero...JSONByte.nine:
                value = .number(try cursor.readNumber())
            default:
                throw cursor.expected("a JSON value")
            }

            // Hand `value` to enclosing containers, closing as many as the input closes.
            while true {
                guard let frame = storage.frames.last else { return value }
                storage.values.append(value)
                if frame.isObject {
                    if try cursor.nextMember() {
                        storage.keys.append(try cursor.readKeyString(first: false))
                        continue nextValue
                    }
                    value = .object(JSONObject(closeObject(frame)))
                } else {
                    if try cursor.nextElement() { continue nextValue }
                    value = .array(Array(storage.values[frame.valueStart...]))
                    storage.values.removeSubrange(frame.valueStart...)
                    storage.frames.removeLast()
                }
            }
        }
    }

    mutating func closeObject(_ frame: Frame) -> [JSONObject.Member] {
        let count = storage.values.count - frame.valueStart
        var members: [JSONObject.Member] = []
        members.reserveCapacity(count)
        for k in 0..<count {
            members.append((key: storage.keys[frame.keyStart + k], value: storage.values[frame.valueStart + k]))
        }
        storage.values.removeSubrange(frame.valueStart...)
        storage.keys.removeSubrange(frame.keyStart...)
        storage.frames.removeLast()
        return members
    }

    func checkDepth() throws(JSONParseError) {
        if storage.frames.count >= cursor.maxDepth {
            throw cursor.fail(.depthLimitExceeded, "nesting deeper than \(cursor.maxDepth) levels", at: cursor.position)
        }
    }
}
