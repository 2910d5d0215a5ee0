import TemperIO
import Foundation
import TemperIO

/// Why one JSONL line could not be turned into `ConversationFacts`.
struct FactsParseError: Error, Equatable, Sendable, CustomStringConvertible {
    var message: String
    /// 1-based byte column in the line, or `nil` when the problem is with the object as a whole.
    var column: Int?

    /// Positions read as in every other message: "… at column N".
    var description: String {
        column.map { "\(message) at column \($0)" } ?? message
    }
}

/// A byte-level parser for one flat JSON object of `ConversationFacts`.
///
/// Building a `JSONValue` tree per line would dominate the run time of a scorecard over millions
/// of lines; this pulls tokens from TemperIO's `JSONCursor` (the same scanner `JSONParser` uses, so
/// the same grammar, escapes and error messages) into the fields directly, allocating only the
/// strings it keeps. Unknown keys are skipped whatever their value, nested objects and arrays
/// included. Duplicate keys: the last occurrence wins.
struct FactsLineParser {
    /// Reused across lines for strings that contain escapes.
    private var scratch: [UInt8] = []
    private let keys = FactsKeyTable()
    static let maximumDepth = 64

    init() {
        scratch.reserveCapacity(256)
    }

    mutating func parse(_ line: String) throws(FactsParseError) -> ConversationFacts {
        var line = line
        let result = line.withUTF8 { bytes in
            Result { () throws(FactsParseError) in try self.parse(UnsafeRawBufferPointer(bytes)) }
        }
        return try result.get()
    }

    mutating func parse(_ line: UnsafeRawBufferPointer) throws(FactsParseError) -> ConversationFacts {
        // Facts are flat; an unknown value nested deeper than this is not worth a deep recursion
        // in the skipper on a worker thread's stack.
        var cursor = JSONCursor(line, maxDepth: Self.maximumDepth)
        swap(&cursor.scratch, &scratch)
        defer { swap(&cursor.scratch, &scratch) }
        do {
            return try parseObject(&cursor)
        } catch let error as JSONParseError {
            throw FactsParseError(error)
        } catch {
            throw error as? FactsParseError ?? FactsParseError(message: "\(error)", column: nil)
        }
    }

    /// Throws `JSONParseError` for syntax and `FactsParseError` for fields with the wrong content.
    private func parseObject(_ c: inout JSONCursor) throws -> ConversationFacts {
        var facts = ConversationFacts(id: "")
        var sawID = false
        c.skipWhitespace()
        if try c.enterObject() {
            var first = true
            repeat {
                let keyToken = try c.readKey(first: first)
                first = false
                if let key = c.withBytes(of: keyToken, { keys.lookup($0) }) {
                    if key == .id { sawID = true }
                    try readValue(for: key, into: &facts, &c)
                } else {
                    try c.skipValue()
                }
            } while try c.nextMember()
        }
        try c.finish()
        guard sawID else { throw FactsParseError(message: "missing required key \"id\"", column: nil) }
        facts.normalizeDimensions()
        if let problem = facts.validationProblem() { throw FactsParseError(message: problem, column: nil) }
        return facts
    }

    private typealias Key = ConversationFacts.CodingKeys

    private func readValue(for key: Key, into f: inout ConversationFacts, _ c: inout JSONCursor) throws {
        switch key {
        case .id:
            if c.atString {
                f.id = try c.readString()
            } else if c.atNumber {
                let start = c.position
                _ = try c.readNumber()
                f.id = c.text(from: start)  // numeric ticket ids are kept as written
            } else {
                throw FactsParseError(key, "expected a string or a number", c)
            }
        case .agent: f.agent = try optionalString(key, &c)
        case .team: f.team = try optionalString(key, &c)
        case .channel: f.channel = try optionalString(key, &c)
        case .segment: f.segment = try optionalString(key, &c)
        case .customer: f.customer = try optionalString(key, &c)
        case .startedAt: f.startedAt = try optionalDate(key, &c)
        case .endedAt: f.endedAt = try optionalDate(key, &c)
        case .firstResponseSeconds: f.firstResponseSeconds = try optionalNumber(key, &c)
        case .resolutionSeconds: f.resolutionSeconds = try optionalNumber(key, &c)
        case .handleSeconds: f.handleSeconds = try optionalNumber(key, &c)
        case .sentimentLabel: f.sentimentLabel = try optionalLabel(key, &c)
        case .sentimentMean: f.sentimentMean = try optionalNumber(key, &c)
        case .flagged: f.flagged = try optionalBool(key, &c)
        case .risk: f.risk = try optionalNumber(key, &c)
        case .reasons: f.reasons = try optionalStringArray(key, &c)
        case .escalated: f.escalated = try optionalBool(key, &c)
        case .resolved: f.resolved = try optionalBool(key, &c)
        case .firstContactResolved: f.firstContactResolved = try optionalBool(key, &c)
        case .abandoned: f.abandoned = try optionalBool(key, &c)
        case .csat: f.csat = try optionalNumber(key, &c)
        case .nps: f.nps = try optionalNumber(key, &c)
        case .ces: f.ces = try optionalNumber(key, &c)
        case .cost: f.cost = try optionalNumber(key, &c)
        case .contacts:
            guard let value = try optionalNumber(key, &c) else { f.contacts = nil; return }
            guard value == value.rounded(), abs(value) < 9.0e15 else {
                throw FactsParseError(message: "\"contacts\": expected a whole number, got \(value)", column: nil)
            }
            f.contacts = Int(value)
        case .drivers: f.drivers = try optionalDrivers(key, &c)
        }
    }

    /// `[{"id": "delay", "polarity": "negative"}, …]` or null.
    private func optionalDrivers(_ key: Key, _ c: inout JSONCursor) throws -> [DriverFact]? {
        if try c.takeNull() { return nil }
        guard c.peek == JSONByte.openBracket else { throw FactsParseError(key, "expected an array of {\"id\", \"polarity\"} objects or null", c) }
        var items: [DriverFact] = []
        guard try c.enterArray() else { return items }
        repeat {
            guard c.peek == JSONByte.openBrace else { throw FactsParseError(key, "expected an {\"id\", \"polarity\"} object in the array", c) }
            let column = c.position + 1
            var id: String?
            var polarity: SentimentLabel?
            if try c.enterObject() {
                var first = true
                repeat {
                    let name = try c.readKeyString(first: first)
                    first = false
                    switch name {
                    case "id":
                        guard c.atString else { throw FactsParseError(key, "a driver's \"id\" must be a string", c) }
                        id = try c.readString()
                    case "polarity": polarity = try optionalLabel(key, &c)
                    default: try c.skipValue()
                    }
                } while try c.nextMember()
            }
            guard let id, let polarity else {
                throw FactsParseError(message: "\"drivers\": each driver needs an \"id\" and a \"polarity\"", column: column)
            }
            items.append(DriverFact(id: id, polarity: polarity))
        } while try c.nextElement()
        return items
    }

    private func optionalString(_ key: Key, _ c: inout JSONCursor) throws -> String? {
        if try c.takeNull() { return nil }
        guard c.atString else { throw FactsParseError(key, "expected a string or null", c) }
        return try c.readString()
    }

    private func optionalNumber(_ key: Key, _ c: inout JSONCursor) throws -> Double? {
        if try c.takeNull() { return nil }
        guard c.atNumber else { throw FactsParseError(key, "expected a number or null", c) }
        return try c.readNumber()
    }

    private func optionalBool(_ key: Key, _ c: inout JSONCursor) throws -> Bool? {
        if try c.takeNull() { return nil }
        if let value = try c.takeBool() { return value }
        throw FactsParseError(key, "expected true, false or null", c)
    }

    private func optionalDate(_ key: Key, _ c: inout JSONCursor) throws -> Date? {
        if try c.takeNull() { return nil }
        guard c.atString else { throw FactsParseError(key, "expected an ISO-8601 string or null", c) }
        let column = c.position + 1
        let token = try c.scanString()
        guard let date = c.withBytes(of: token, { ISO8601Timestamp.parse($0) }) else {
            throw FactsParseError(message: "\"\(key.rawValue)\": not an ISO-8601 timestamp: \"\(c.string(of: token))\"", column: column)
        }
        return date
    }

    private func optionalLabel(_ key: Key, _ c: inout JSONCursor) throws -> SentimentLabel? {
        if try c.takeNull() { return nil }
        guard c.atString else { throw FactsParseError(key, "expected a string or null", c) }
        let column = c.position + 1
        let text = try c.readString()
        guard let label = SentimentLabel(rawValue: text) else {
            throw FactsParseError(message: "\"\(key.rawValue)\": expected negative, neutral or positive, got \"\(text)\"", column: column)
        }
        return label
    }

    private func optionalStringArray(_ key: Key, _ c: inout JSONCursor) throws -> [String]? {
        if try c.takeNull() { return nil }
        guard c.peek == JSONByte.openBracket else { throw FactsParseError(key, "expected an array of strings or null", c) }
        var items: [String] = []
        guard try c.enterArray() else { return items }
        repeat {
            guard c.atString else { throw FactsParseError(key, "expected a string in the array", c) }
            items.append(try c.readString())
        } while try c.nextElement()
        return items
    }
}

extension FactsParseError {
    /// A syntax error from the scanner, at its byte.
    init(_ error: JSONParseError) {
        self.init(message: error.message, column: error.column)
    }

    /// A value of the wrong type for `key`, at the cursor.
    fileprivate init(_ key: ConversationFacts.CodingKeys, _ problem: String, _ c: JSONCursor) {
        self.init(message: "\"\(key.rawValue)\": \(problem)", column: c.position + 1)
    }
}

/// Maps key bytes to fields without building a `String` per key: each known key is packed into
/// three little-endian words (all keys are at most 24 bytes) and compared word-wise.
struct FactsKeyTable {
    private struct Entry {
        var length: Int
        var words: (UInt64, UInt64, UInt64)
        var key: ConversationFacts.CodingKeys
    }

    private let entries: [Entry]

    init() {
        entries = ConversationFacts.CodingKeys.allCases.map { key in
            let bytes = Array(key.rawValue.utf8)
            precondition(bytes.count <= 24, "facts keys must fit the packed key table")
            return bytes.withUnsafeBytes { Entry(length: bytes.count, words: Self.pack($0)!, key: key) }
        }
    }

    /// Loads rather than copies: a `memcpy` into the tuple followed by word reads of it stalled
    /// on store forwarding, and this runs for every key of every line.
    @inline(__always)
    private static func pack(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64)? {
        let count = bytes.count
        guard count <= 24 else { return nil }
        guard let p = bytes.baseAddress else { return (0, 0, 0) }
        return (word(p, 0, count), word(p, 8, count), word(p, 16, count))
    }

    /// Bytes `offset..<offset + 8` of the key as a little-endian word, zero past its end.
    @inline(__always)
    private static func word(_ p: UnsafeRawPointer, _ offset: Int, _ count: Int) -> UInt64 {
        let n = count - offset
        if n >= 8 { return UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        var w: UInt64 = 0
        var k = 0
        while k < n {
            w |= UInt64(p.load(fromByteOffset: offset + k, as: UInt8.self)) << (8 * k)
            k += 1
        }
        return w
    }

    func lookup(_ bytes: UnsafeRawBufferPointer) -> ConversationFacts.CodingKeys? {
        guard let words = Self.pack(bytes) else { return nil }
        for entry in entries where entry.length == bytes.count
            && entry.words.0 == words.0 && entry.words.1 == words.1 && entry.words.2 == words.2 {
            return entry.key
        }
        return nil
    }
}
