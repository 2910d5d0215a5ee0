import TemperIO
import Foundation

/// Why one JSONL line could not be turned into `ConversationFacts`.
public struct FactsParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// 1-based byte column, or `nil` when the problem is with the object as a whole.
    public var column: Int?

    public var description: String {
        column.map { "column \($0): \(message)" } ?? message
    }
}

/// A byte-level parser for one flat JSON object of `ConversationFacts`.
///
/// `JSONDecoder` builds a full value tree per line and dominates the run time of a scorecard over
/// millions of lines; this walks the bytes once, allocating only the strings it keeps. It is a
/// strict RFC 8259 parser for the object shape (string escapes including `\uXXXX` surrogate pairs,
/// numbers, literals), and skips unknown keys whatever their value, nested objects and arrays
/// included. Duplicate keys: the last occurrence wins.
public struct FactsLineParser {
    /// Reused across lines for strings that contain escapes.
    private var scratch: [UInt8] = []
    private let keys = FactsKeyTable()

    public init() {
        scratch.reserveCapacity(256)
    }

    public mutating func parse(_ line: String) throws(FactsParseError) -> ConversationFacts {
        var line = line
        let result = line.withUTF8 { bytes in
            Result { () throws(FactsParseError) in try self.parse(UnsafeRawBufferPointer(bytes)) }
        }
        return try result.get()
    }

    public mutating func parse(_ line: UnsafeRawBufferPointer) throws(FactsParseError) -> ConversationFacts {
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw FactsParseError(message: "empty line", column: 1)
        }
        var cursor = JSONCursor(base: base, end: line.count)
        return try parseObject(&cursor)
    }

    private mutating func parseObject(_ c: inout JSONCursor) throws(FactsParseError) -> ConversationFacts {
        var facts = ConversationFacts(id: "")
        var sawID = false
        c.skipWhitespace()
        try c.expect(JSONCursor.openBrace, "expected '{' at the start of the object")
        c.skipWhitespace()
        if !c.take(JSONCursor.closeBrace) {
            while true {
                guard c.peek == JSONCursor.quote else { throw c.failure("expected a quoted key") }
                let keySlice = try c.scanString(scratch: &scratch)
                let key = keySlice.withBytes(c, scratch) { keys.lookup($0) }
                c.skipWhitespace()
                try c.expect(JSONCursor.colon, "expected ':' after key")
                c.skipWhitespace()
                if let key {
                    if key == .id { sawID = true }
                    try readValue(for: key, into: &facts, &c)
                } else {
                    try c.skipValue(depth: 0, scratch: &scratch)
                }
                c.skipWhitespace()
                if c.take(JSONCursor.comma) {
                    c.skipWhitespace()
                    continue
                }
                try c.expect(JSONCursor.closeBrace, "expected ',' or '}' after a value")
                break
            }
        }
        c.skipWhitespace()
        guard c.atEnd else { throw c.failure("unexpected characters after the object") }
        guard sawID else { throw FactsParseError(message: "missing required key \"id\"", column: nil) }
        facts.normalizeDimensions()
        if let problem = facts.validationProblem() { throw FactsParseError(message: problem, column: nil) }
        return facts
    }

    private typealias Key = ConversationFacts.CodingKeys

    private mutating func readValue(for key: Key, into f: inout ConversationFacts, _ c: inout JSONCursor) throws(FactsParseError) {
        switch key {
        case .id:
            if c.peek == JSONCursor.quote {
                f.id = try string(key, &c)
            } else if c.startsNumber {
                f.id = try c.numberText()  // numeric ticket ids are kept as written
            } else {
                throw c.failure("\"id\": expected a string or a number")
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
        }
    }

    private mutating func string(_ key: Key, _ c: inout JSONCursor) throws(FactsParseError) -> String {
        let slice = try c.scanString(scratch: &scratch)
        guard let text = slice.makeString(c, scratch) else {
            throw FactsParseError(message: "\"\(key.rawValue)\": invalid UTF-8 in string", column: nil)
        }
        return text
    }

    private mutating func optionalString(_ key: Key, _ c: inout JSONCursor) throws(FactsParseError) -> String? {
        if try c.takeNull() { return nil }
        guard c.peek == JSONCursor.quote else { throw c.failure("\"\(key.rawValue)\": expected a string or null") }
        return try string(key, &c)
    }

    private mutating func optionalNumber(_ key: Key, _ c: inout JSONCursor) throws(FactsParseError) -> Double? {
        if try c.takeNull() { return nil }
        guard c.startsNumber else { throw c.failure("\"\(key.rawValue)\": expected a number or null") }
        return try c.number()
    }

    private mutating func optionalBool(_ key: Key, _ c: inout JSONCursor) throws(FactsParseError) -> Bool? {
        if try c.takeNull() { return nil }
        if try c.takeLiteral("true") { return true }
        if try c.takeLiteral("false") { return false }
        throw c.failure("\"\(key.rawValue)\": expected true, false or null")
    }

    private mutating func optionalDate(_ key: Key, _ c: inout JSONCursor) throws(FactsParseError) -> Date? {
        if try c.takeNull() { return nil }
        let column = c.position + 1
        guard c.peek == JSONCursor.quote else { throw c.failure("\"\(key.rawValue)\": expected an ISO-8601 string or null") }
        let slice = try c.scanString(scratch: &scratch)
        guard let date = slice.withBytes(c, scratch, { ISO8601Timestamp.parse($0) }) else {
            let text = slice.makeString(c, scratch) ?? "?"
            throw FactsParseError(message: "\"\(key.rawValue)\": not an ISO-8601 timestamp: \"\(text)\"", column: column)
        }
        return date
    }

    private mutating func optionalLabel(_ key: Key, _ c: inout JSONCursor) throws(FactsParseError) -> SentimentLabel? {
        if try c.takeNull() { return nil }
        let column = c.position + 1
        guard c.peek == JSONCursor.quote else { throw c.failure("\"\(key.rawValue)\": expected a string or null") }
        let text = try string(key, &c)
        guard let label = SentimentLabel(rawValue: text) else {
            throw FactsParseError(message: "\"\(key.rawValue)\": expected negative, neutral or positive, got \"\(text)\"", column: column)
        }
        return label
    }

    private mutating func optionalStringArray(_ key: Key, _ c: inout JSONCursor) throws(FactsParseError) -> [String]? {
        if try c.takeNull() { return nil }
        try c.expect(JSONCursor.openBracket, "\"\(key.rawValue)\": expected an array of strings or null")
        var items: [String] = []
        c.skipWhitespace()
        if c.take(JSONCursor.closeBracket) { return items }
        while true {
            guard c.peek == JSONCursor.quote else { throw c.failure("\"\(key.rawValue)\": expected a string in the array") }
            items.append(try string(key, &c))
            c.skipWhitespace()
            if c.take(JSONCursor.comma) {
                c.skipWhitespace()
                continue
            }
            try c.expect(JSONCursor.closeBracket, "expected ',' or ']' in array")
            return items
        }
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

    private static func pack(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64)? {
        guard bytes.count <= 24 else { return nil }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: bytes) }
        return words
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
