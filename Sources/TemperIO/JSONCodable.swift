// JSONCodable.swift — Codable through JSONWriter and JSONCursor, for documents Temper writes itself.

/// Encodes `Encodable` values as compact JSON, object keys in byte order, through ``JSONWriter``.
///
/// Foundation's `JSONEncoder` first builds a tree with a boxed node per scalar and a dictionary per
/// object, then serializes it; on a KPI partial of 10,400 cells (tens of MB, millions of integers)
/// that took 9.5 s and 348 MB. Here scalars go straight into byte buffers, and only keyed
/// containers hold their members back, so that they can be sorted once the value is complete.
///
/// The output is byte-identical to `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`
/// (plus `.prettyPrinted` when asked: two-space indent, `"key" : value`) for what Temper encodes — structs, arrays, optionals, strings, integers and finite doubles — so
/// files written before compare equal (tested). Two deliberate differences: `Date`, `Data` and
/// `URL` encode through their own `Encodable` conformances (Foundation's encoding strategies are
/// not reproduced; TemperIO does not import Foundation), and a key encoded twice in one container
/// is written once, with its last value.
public struct JSONWriterEncoder: Sendable {
    public let prettyPrinted: Bool

    public init(prettyPrinted: Bool = false) {
        self.prettyPrinted = prettyPrinted
    }

    public func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        var out: [UInt8] = []
        try encode(value, into: &out)
        return out
    }

    /// Appends to `out`, for callers that reuse or extend one buffer.
    public func encode<T: Encodable>(_ value: T, into out: inout [UInt8]) throws {
        try EncodingNode.render(value, codingPath: [], pretty: prettyPrinted, into: &out)
    }
}

// MARK: - Encoding

/// What one value's `encode(to:)` produced. A class because the containers it hands out write
/// into it until that call returns, and nested containers even after.
private final class EncodingNode: Encoder {
    enum Content {
        case empty
        case scalar([UInt8])
        case object(ObjectBuffer)
        case array(ArrayBuffer)
    }

    let codingPath: [CodingKey]
    /// Indented output; the depth of a value is the length of its coding path.
    let pretty: Bool
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var content = Content.empty

    init(codingPath: [CodingKey], pretty: Bool) {
        self.codingPath = codingPath
        self.pretty = pretty
    }

    /// Appends `value` to `out`: scalars directly, anything else through its own `encode(to:)`.
    static func render<T: Encodable>(_ value: T, codingPath: @autoclosure () -> [CodingKey], pretty: Bool, into out: inout [UInt8]) throws {
        if try appendScalar(value, to: &out, codingPath) { return }
        try encoded(value, codingPath: codingPath(), pretty: pretty).finish(into: &out)
    }

    static func encoded<T: Encodable>(_ value: T, codingPath: [CodingKey], pretty: Bool) throws -> EncodingNode {
        let node = EncodingNode(codingPath: codingPath, pretty: pretty)
        try value.encode(to: node)
        return node
    }

    /// Worth writing only once, at the end: it holds a large buffer or a member kept for that reason.
    var isLarge: Bool {
        let large = 1 << 16
        switch content {
        case .empty: return false
        case .scalar(let bytes): return bytes.count >= large
        case .object(let object): return object.bytes.count >= large || object.members.contains { $0.node != nil }
        case .array(let array): return array.bytes.count >= large || !array.nested.isEmpty
        }
    }

    func finish(into out: inout [UInt8]) {
        switch content {
        case .empty:
            // A value that asked for no container; JSONEncoder writes an empty object too.
            ObjectBuffer(pretty: pretty, depth: codingPath.count).finish(into: &out)
        case .scalar(let bytes):
            out.append(contentsOf: bytes)
        case .object(let object):
            object.finish(into: &out)
        case .array(let array):
            array.finish(into: &out)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // A second request (a subclass encoding into its superclass's container) shares the first.
        if case .object(let object) = content { return KeyedEncodingContainer(ObjectWriter<Key>(buffer: object, codingPath: codingPath)) }
        let object = ObjectBuffer(pretty: pretty, depth: codingPath.count)
        content = .object(object)
        return KeyedEncodingContainer(ObjectWriter<Key>(buffer: object, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if case .array(let array) = content { return ArrayWriter(buffer: array, codingPath: codingPath) }
        let array = ArrayBuffer(pretty: pretty, depth: codingPath.count)
        content = .array(array)
        return ArrayWriter(buffer: array, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleValueWriter(node: self)
    }
}

/// Writes `value` if it is a JSON scalar and returns true; false for types that encode themselves.
/// Compares metatypes instead of casting: arrays of integers call this once per element.
private func appendScalar<T: Encodable>(_ value: T, to out: inout [UInt8], _ codingPath: () -> [CodingKey]) throws -> Bool {
    let type = T.self
    if type == String.self {
        JSONWriter.appendString(unsafeBitCast(value, to: String.self), to: &out)
    } else if type == Int.self {
        JSONWriter.appendInt(unsafeBitCast(value, to: Int.self), to: &out)
    } else if type == UInt64.self {
        JSONWriter.appendUnsigned(unsafeBitCast(value, to: UInt64.self), to: &out)
    } else if type == UInt32.self {
        JSONWriter.appendUnsigned(UInt64(unsafeBitCast(value, to: UInt32.self)), to: &out)
    } else if type == Double.self {
        let number = unsafeBitCast(value, to: Double.self)
        guard number.isFinite else { throw nonFinite(number, codingPath()) }
        JSONWriter.appendNumber(number, to: &out)
        // JSONWriter keeps Swift's ".0" on integral values from 2^53 to 1e16; JSONEncoder drops it.
        if out.count >= 2 && out[out.count - 2] == JSONByte.dot && out[out.count - 1] == JSONByte.zero { out.removeLast(2) }
    } else if type == Bool.self {
        JSONWriter.appendBool(unsafeBitCast(value, to: Bool.self), to: &out)
    } else if type == Float.self {
        let number = unsafeBitCast(value, to: Float.self)
        guard number.isFinite else { throw nonFinite(number, codingPath()) }
        // Float's own shortest digits ("0.1", not Double's "0.10000000149011612"), as JSONEncoder.
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    } else if let integer = value as? any FixedWidthInteger {
        try appendInteger(integer, to: &out, codingPath)
    } else {
        return false
    }
    return true
}

private func appendInteger<I: FixedWidthInteger>(_ value: I, to out: inout [UInt8], _ codingPath: () -> [CodingKey]) throws {
    if let small = Int(exactly: value) {
        JSONWriter.appendInt(small, to: &out)
    } else if let large = UInt64(exactly: value) {
        JSONWriter.appendUnsigned(large, to: &out)
    } else {
        throw EncodingError.invalidValue(value, EncodingError.Context(codingPath: codingPath(), debugDescription: "\(value) is beyond 64 bits"))
    }
}

private func nonFinite(_ value: Any, _ codingPath: [CodingKey]) -> EncodingError {
    EncodingError.invalidValue(value, EncodingError.Context(codingPath: codingPath, debugDescription: "\(value) cannot be written as JSON"))
}

/// An object's members as they were encoded, written into one shared buffer — except large
/// ones (a partial's cells), kept as their node and written straight into the final output once
/// the keys are sorted, so that they are not copied once per level of nesting. Small ones are
/// written at once so that their nodes do not pile up (a scorecard has thousands).
private final class ObjectBuffer {
    struct Member {
        var key: String
        var range: Range<Int>
        var node: EncodingNode?
    }

    let pretty: Bool
    let depth: Int
    var bytes: [UInt8] = []
    var members: [Member] = []

    init(pretty: Bool, depth: Int) {
        self.pretty = pretty
        self.depth = depth
    }

    func finish(into out: inout [UInt8]) {
        out.append(JSONByte.openBrace)
        // Stable, so that of a key encoded twice the later value is the one kept below.
        let order = members.indices.sorted { a, b in
            let (x, y) = (members[a].key, members[b].key)
            return x == y ? a < b : x.utf8.lexicographicallyPrecedes(y.utf8)
        }
        var first = true
        for (k, index) in order.enumerated() {
            let member = members[index]
            if k + 1 < order.count && members[order[k + 1]].key == member.key { continue }
            if !first { out.append(JSONByte.comma) }
            first = false
            if pretty { appendNewline(indent: depth + 1, to: &out) }
            JSONWriter.appendString(member.key, to: &out)
            if pretty { out.append(0x20) }
            out.append(JSONByte.colon)
            if pretty { out.append(0x20) }
            if let node = member.node {
                node.finish(into: &out)
            } else {
                out.append(contentsOf: bytes[member.range])
            }
        }
        if pretty { closeIndented(empty: first, depth: depth, to: &out) }
        out.append(JSONByte.closeBrace)
    }
}

/// An array's elements, written in order into one buffer; nested containers are rendered at
/// their place when the array is finished.
private final class ArrayBuffer {
    let pretty: Bool
    let depth: Int
    var bytes: [UInt8] = []
    var count = 0
    var nested: [(offset: Int, node: EncodingNode)] = []

    init(pretty: Bool, depth: Int) {
        self.pretty = pretty
        self.depth = depth
    }

    func startElement() {
        if count > 0 { bytes.append(JSONByte.comma) }
        if pretty { appendNewline(indent: depth + 1, to: &bytes) }
        count += 1
    }

    func finish(into out: inout [UInt8]) {
        out.append(JSONByte.openBracket)
        var copied = 0
        for (offset, node) in nested {
            out.append(contentsOf: bytes[copied..<offset])
            node.finish(into: &out)
            copied = offset
        }
        out.append(contentsOf: bytes[copied...])
        if pretty { closeIndented(empty: count == 0, depth: depth, to: &out) }
        out.append(JSONByte.closeBracket)
    }
}

private func appendNewline(indent: Int, to out: inout [UInt8]) {
    out.append(0x0A)
    out.append(contentsOf: repeatElement(0x20, count: 2 * indent))
}

/// Before a closing bracket: JSONEncoder leaves an empty line inside an empty container.
private func closeIndented(empty: Bool, depth: Int, to out: inout [UInt8]) {
    if empty { out.append(0x0A) }
    appendNewline(indent: depth, to: &out)
}

/// A coding key for array positions and `super`.
private struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

private struct ObjectWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let buffer: ObjectBuffer
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        let start = buffer.bytes.count
        JSONWriter.appendNull(to: &buffer.bytes)
        buffer.members.append(.init(key: key.stringValue, range: start..<buffer.bytes.count))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let start = buffer.bytes.count
        if try appendScalar(value, to: &buffer.bytes, { codingPath + [key] }) {
            buffer.members.append(.init(key: key.stringValue, range: start..<buffer.bytes.count))
        } else {
            let node = try EncodingNode.encoded(value, codingPath: codingPath + [key], pretty: buffer.pretty)
            if node.isLarge {
                buffer.members.append(.init(key: key.stringValue, range: start..<start, node: node))
            } else {
                node.finish(into: &buffer.bytes)
                buffer.members.append(.init(key: key.stringValue, range: start..<buffer.bytes.count))
            }
        }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        nestedNode(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        nestedNode(key).unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        nestedNode(IndexKey(stringValue: "super"))
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        nestedNode(key)
    }

    private func nestedNode(_ key: CodingKey) -> EncodingNode {
        let node = EncodingNode(codingPath: codingPath + [key], pretty: buffer.pretty)
        buffer.members.append(.init(key: key.stringValue, range: 0..<0, node: node))
        return node
    }
}

private struct ArrayWriter: UnkeyedEncodingContainer {
    let buffer: ArrayBuffer
    let codingPath: [CodingKey]
    var count: Int { buffer.count }

    mutating func encodeNil() throws {
        buffer.startElement()
        JSONWriter.appendNull(to: &buffer.bytes)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = buffer.count
        buffer.startElement()
        try EncodingNode.render(value, codingPath: codingPath + [IndexKey(intValue: index)], pretty: buffer.pretty, into: &buffer.bytes)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        nestedNode().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        nestedNode().unkeyedContainer()
    }

    mutating func superEncoder() -> Encoder {
        nestedNode()
    }

    private func nestedNode() -> EncodingNode {
        let node = EncodingNode(codingPath: codingPath + [IndexKey(intValue: buffer.count)], pretty: buffer.pretty)
        buffer.startElement()
        buffer.nested.append((buffer.bytes.count, node))
        return node
    }
}

private struct SingleValueWriter: SingleValueEncodingContainer {
    let node: EncodingNode
    var codingPath: [CodingKey] { node.codingPath }

    mutating func encodeNil() throws {
        var bytes: [UInt8] = []
        JSONWriter.appendNull(to: &bytes)
        node.content = .scalar(bytes)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        var bytes: [UInt8] = []
        try EncodingNode.render(value, codingPath: node.codingPath, pretty: node.pretty, into: &bytes)
        node.content = .scalar(bytes)
    }
}

// MARK: - Decoding

/// Decodes `Decodable` values from JSON through ``JSONCursor``, without a ``JSONValue`` tree in
/// between: a tree stores numbers as `Double`, and 64-bit hashes and the halves of 128-bit sums
/// must come back exactly. Containers read the bytes in place; an object is indexed (key → offset)
/// once when its container is made.
///
/// Syntax errors and type mismatches are thrown as ``JSONDecodingError`` with the byte offset and
/// line; errors that a type's own `init(from:)` throws pass through unchanged, except
/// `DecodingError`s, which become ``JSONDecodingError`` without a position.
public struct JSONCursorDecoder: Sendable {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws -> T {
        let document = Document(cursor: JSONCursor(bytes))
        var cursor = document.cursor
        cursor.skipByteOrderMark()
        cursor.skipWhitespace()
        do {
            var end = 0
            let value = try document.read(type, at: cursor.position, end: &end, codingPath: [])
            cursor.position = end
            do throws(JSONParseError) { try cursor.finish() } catch { throw document.failure(error, codingPath: []) }
            return value
        } catch let error as DecodingError {
            throw JSONDecodingError(error, in: document)
        }
    }

    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try bytes.withUnsafeBytes { try decode(type, from: $0) }
    }
}

/// Why a document could not be decoded: where (line and column, when known, and the coding path)
/// and what.
public struct JSONDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// 1-based line of the offending value, when the decoder knew it.
    public let line: Int?
    /// 1-based byte column of the offending value within that line.
    public let column: Int?
    /// 0-based byte offset of the offending value in the document.
    public let offset: Int?
    /// E.g. `cells[3].accumulator.conversations`; empty at the top level.
    public let path: String
    public let message: String

    init(line: Int?, column: Int?, offset: Int?, path: String, message: String) {
        self.line = line
        self.column = column
        self.offset = offset
        self.path = path
        self.message = message
    }

    /// `path: message at column N` — the line is left to the caller's `file:line:` prefix.
    public var description: String {
        let located = column.map { "\(message) at column \($0)" } ?? message
        return path.isEmpty ? located : "\(path): \(located)"
    }

    fileprivate init(_ error: DecodingError, in document: Document) {
        let context: DecodingError.Context
        var message: String
        switch error {
        case let .typeMismatch(_, c), let .valueNotFound(_, c), let .dataCorrupted(c):
            context = c
            message = c.debugDescription
        case let .keyNotFound(key, c):
            context = c
            message = "missing key '\(key.stringValue)'"
        @unknown default:
            self.init(line: nil, column: nil, offset: nil, path: "", message: "\(error)")
            return
        }
        var offset: Int?
        var column: Int?
        if let syntax = context.underlyingError as? JSONParseError {
            offset = syntax.offset
            column = syntax.column
            message = syntax.message
        }
        self.init(line: offset.map { document.cursor.line(at: $0) }, column: column, offset: offset,
                  path: Self.path(context.codingPath), message: message)
    }

    private static func path(_ keys: [CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        return text
    }
}

/// The bytes being decoded, shared by every container.
private final class Document {
    /// At offset 0; each read copies it and moves the copy.
    let cursor: JSONCursor

    init(cursor: JSONCursor) {
        self.cursor = cursor
    }

    func cursor(at offset: Int) -> JSONCursor {
        var c = cursor
        c.position = offset
        return c
    }

    func failure(_ error: JSONParseError, codingPath: [CodingKey]) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: error.description, underlyingError: error))
    }

    /// Reads the value starting at `offset`; `end` becomes the offset just after it. Returns `T`
    /// itself (no optional or tuple of it): in this unspecialized generic code each would cost a
    /// runtime metadata lookup, per element of an array of integers.
    func read<T: Decodable>(_ type: T.Type, at offset: Int, end: inout Int, codingPath: @autoclosure () -> [CodingKey]) throws -> T {
        var c = cursor(at: offset)
        if let scalar = Scalar(type) {
            do throws(JSONParseError) {
                let value: T = try readScalar(scalar, &c)
                end = c.position
                return value
            } catch {
                throw failure(error, codingPath: codingPath())
            }
        }
        let decoder = ValueDecoder(document: self, offset: offset, codingPath: codingPath())
        let value = try T(from: decoder)
        if let known = decoder.end {
            end = known
        } else {
            do throws(JSONParseError) { try c.skipValue() } catch { throw failure(error, codingPath: codingPath()) }
            end = c.position
        }
        return value
    }

    private func readScalar<T>(_ scalar: Scalar, _ c: inout JSONCursor) throws(JSONParseError) -> T {
        switch scalar {
        case .string:
            guard c.atString else { throw c.expected("a string") }
            return unsafeBitCast(try c.readString(), to: T.self)
        case .int:
            return unsafeBitCast(try readInteger(Int.self, &c), to: T.self)
        case .uint64:
            return unsafeBitCast(try readInteger(UInt64.self, &c), to: T.self)
        case .uint32:
            return unsafeBitCast(try readInteger(UInt32.self, &c), to: T.self)
        case .double:
            guard c.atNumber else { throw c.expected("a number") }
            return unsafeBitCast(try c.readNumber(), to: T.self)
        case .bool:
            guard let flag = try c.takeBool() else { throw c.expected("true or false") }
            return unsafeBitCast(flag, to: T.self)
        case .float:
            guard c.atNumber else { throw c.expected("a number") }
            return unsafeBitCast(Float(try c.readNumber()), to: T.self)
        case .integer(let integer):
            return try readInteger(integer, &c) as! T  // `Scalar` matched T to this very type
        }
    }

    /// Exact digits as written; like `JSONDecoder`, also `30.0` or `3e1` when the value is whole
    /// (other tools write integral numbers that way), through `Double` since that is what they are.
    private func readInteger<I: FixedWidthInteger>(_ type: I.Type, _ c: inout JSONCursor) throws(JSONParseError) -> I {
        let start = c.position
        do {
            return try c.readInteger(I.self)
        } catch where error.kind == .invalidNumber {
            c.position = start
            let value = try c.readNumber()
            guard let exact = I(exactly: value) else {
                throw c.fail(.invalidNumber, "expected an integer that fits in \(I.self), found \(c.text(from: start))", at: start)
            }
            return exact
        }
    }
}

/// The types the decoder reads itself rather than through their `init(from:)`. Found by
/// metatype comparison, as in the encoder: arrays of integers come through here per element.
private enum Scalar {
    case string, int, uint64, uint32, double, bool, float
    case integer(any FixedWidthInteger.Type)

    init?(_ type: Any.Type) {
        if type == String.self {
            self = .string
        } else if type == Int.self {
            self = .int
        } else if type == UInt64.self {
            self = .uint64
        } else if type == UInt32.self {
            self = .uint32
        } else if type == Double.self {
            self = .double
        } else if type == Bool.self {
            self = .bool
        } else if type == Float.self {
            self = .float
        } else if let integer = type as? any FixedWidthInteger.Type {
            self = .integer(integer)
        } else {
            return nil
        }
    }
}

/// The decoder for one value; `end` is set once a container has found where the value ends.
private final class ValueDecoder: Decoder {
    let document: Document
    let offset: Int
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    var end: Int?

    init(document: Document, offset: Int, codingPath: [CodingKey]) {
        self.document = document
        self.offset = offset
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        var c = document.cursor(at: offset)
        guard c.peek == JSONByte.openBrace else {
            throw DecodingError.typeMismatch([String: Any].self, context("expected an object, found \(c.describe(offset))", at: offset))
        }
        var members: [(key: String, offset: Int)] = []
        do throws(JSONParseError) {
            if try c.enterObject() {
                var first = true
                repeat {
                    let key = try c.readKeyString(first: first)
                    first = false
                    members.append((key, c.position))
                    try c.skipValue()
                } while try c.nextMember()
            }
        } catch {
            throw document.failure(error, codingPath: codingPath)
        }
        end = c.position
        return KeyedDecodingContainer(ObjectReader<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        var c = document.cursor(at: offset)
        guard c.peek == JSONByte.openBracket else {
            throw DecodingError.typeMismatch([Any].self, context("expected an array, found \(c.describe(offset))", at: offset))
        }
        let empty: Bool
        do throws(JSONParseError) { empty = try !c.enterArray() } catch { throw document.failure(error, codingPath: codingPath) }
        return ArrayReader(decoder: self, position: c.position, isAtEnd: empty)
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer {
        SingleValueReader(decoder: self)
    }

    func context(_ message: String, at offset: Int, path: [CodingKey]? = nil) -> DecodingError.Context {
        let error = document.cursor.fail(.unexpectedCharacter, message, at: offset)
        return DecodingError.Context(codingPath: path ?? codingPath, debugDescription: error.description, underlyingError: error)
    }
}

private struct ObjectReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    let members: [(key: String, offset: Int)]
    var codingPath: [CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        var seen = Set<String>()
        return members.compactMap { seen.insert($0.key).inserted ? Key(stringValue: $0.key) : nil }
    }

    /// The last occurrence wins, as in ``JSONObject``.
    private func offset(of key: Key) -> Int? {
        members.last { $0.key == key.stringValue }?.offset
    }

    private func require(_ key: Key) throws -> Int {
        guard let offset = offset(of: key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(
                codingPath: codingPath, debugDescription: "missing key '\(key.stringValue)'",
                underlyingError: decoder.document.cursor.fail(.unexpectedCharacter, "missing key '\(key.stringValue)'", at: decoder.offset)))
        }
        return offset
    }

    func contains(_ key: Key) -> Bool { offset(of: key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        var c = decoder.document.cursor(at: try require(key))
        do throws(JSONParseError) { return try c.takeNull() } catch { throw decoder.document.failure(error, codingPath: codingPath + [key]) }
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        var end = 0
        return try decoder.document.read(type, at: try require(key), end: &end, codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(document: decoder.document, offset: try require(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try ValueDecoder(document: decoder.document, offset: try require(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder {
        guard let key = Key(stringValue: "super") else {
            throw DecodingError.keyNotFound(IndexKey(stringValue: "super"), .init(codingPath: codingPath, debugDescription: "missing key 'super'"))
        }
        return try superDecoder(forKey: key)
    }

    func superDecoder(forKey key: Key) throws -> Decoder {
        ValueDecoder(document: decoder.document, offset: try require(key), codingPath: codingPath + [key])
    }
}

private struct ArrayReader: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    /// Offset of the next element, or just past `]` once at the end.
    var position: Int
    var isAtEnd: Bool
    var currentIndex = 0
    /// Unknown without a scan ahead, which the protocol allows; `isAtEnd` is what decoders use.
    var count: Int? { nil }
    var codingPath: [CodingKey] { decoder.codingPath }

    init(decoder: ValueDecoder, position: Int, isAtEnd: Bool) {
        self.decoder = decoder
        self.position = position
        self.isAtEnd = isAtEnd
        if isAtEnd { decoder.end = position }
    }

    private var elementPath: [CodingKey] { codingPath + [IndexKey(intValue: currentIndex)] }

    private func checkNotAtEnd<T>(_ type: T.Type) throws {
        if isAtEnd {
            throw DecodingError.valueNotFound(type, decoder.context("no more elements in the array", at: position, path: elementPath))
        }
    }

    /// Moves past the element that ended at `end` and its separator.
    private mutating func advance(from end: Int) throws {
        var c = decoder.document.cursor(at: end)
        do throws(JSONParseError) { isAtEnd = try !c.nextElement() } catch { throw decoder.document.failure(error, codingPath: codingPath) }
        position = c.position
        currentIndex += 1
        if isAtEnd { decoder.end = position }
    }

    mutating func decodeNil() throws -> Bool {
        try checkNotAtEnd(Any?.self)
        var c = decoder.document.cursor(at: position)
        let isNull: Bool
        do throws(JSONParseError) { isNull = try c.takeNull() } catch { throw decoder.document.failure(error, codingPath: elementPath) }
        if isNull { try advance(from: c.position) }
        return isNull
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try checkNotAtEnd(type)
        var end = 0
        let value = try decoder.document.read(type, at: position, end: &end, codingPath: elementPath)
        try advance(from: end)
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let nested = try nestedDecoder()
        let container = try nested.container(keyedBy: type)
        try advance(from: nested.end!)  // set by `container(keyedBy:)`
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer {
        let nested = try nestedDecoder()
        let container = try nested.unkeyedContainer()
        try skipElement()
        return container
    }

    mutating func superDecoder() throws -> Decoder {
        let nested = try nestedDecoder()
        try skipElement()
        return nested
    }

    private func nestedDecoder() throws -> ValueDecoder {
        try checkNotAtEnd(Any.self)
        return ValueDecoder(document: decoder.document, offset: position, codingPath: elementPath)
    }

    private mutating func skipElement() throws {
        var c = decoder.document.cursor(at: position)
        do throws(JSONParseError) { try c.skipValue() } catch { throw decoder.document.failure(error, codingPath: elementPath) }
        try advance(from: c.position)
    }
}

private struct SingleValueReader: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        var c = decoder.document.cursor(at: decoder.offset)
        guard (try? c.takeNull()) == true else { return false }
        decoder.end = c.position
        return true
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        var end = 0
        let value = try decoder.document.read(type, at: decoder.offset, end: &end, codingPath: codingPath)
        decoder.end = end
        return value
    }
}
