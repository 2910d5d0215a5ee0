// JSONValue.swift — the in-memory JSON tree used for input records and pass-through fields.

/// A parsed JSON document.
///
/// Numbers are stored as `Double` because every consumer in Temper does arithmetic on them;
/// integers beyond ±2^53 therefore lose precision, so identifiers that must survive exactly
/// should be carried as JSON strings.
///
/// Equality is structural and object-member order is significant (see ``JSONObject``), which is
/// what round-trip tests need. `-0.0 == 0.0` as for `Double`, and a `NaN` payload is never equal
/// to itself; the parser never produces non-finite numbers.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var double: Double? {
        if case .number(let d) = self { return d }
        return nil
    }

    /// Only numbers that are exactly integral and fit in `Int`; `2.5` or `1e300` give `nil`
    /// rather than a silently truncated or trapping conversion.
    public var int: Int? {
        if case .number(let d) = self { return Int(exactly: d) }
        return nil
    }

    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var array: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var object: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Member lookup that tolerates non-objects, so optional chains such as
    /// `record["meta"]?["lang"]?.string` need no intermediate casts.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

/// A JSON object that remembers member order.
///
/// Temper passes unknown input fields through to its output; keeping them as an ordered list
/// (rather than a `Dictionary`) makes that output byte-stable and lets diffs line up with the
/// input. Lookup is a linear scan, which is faster than hashing for the handful of keys a
/// record has.
///
/// Duplicate keys are kept in `members` so nothing is lost on a round trip; key lookup sees the
/// *last* occurrence, matching what JavaScript's `JSON.parse` and most other readers do.
public struct JSONObject: Sendable, Equatable, Sequence {
    public typealias Member = (key: String, value: JSONValue)

    public var members: [Member]

    public init() { members = [] }

    public init(_ members: [Member]) { self.members = members }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }

    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

    /// Reading returns the last member with `key`. Writing a value replaces that member in place
    /// (keeping its position) or appends a new one; writing `nil` removes every member with `key`,
    /// so that a later read cannot resurrect an earlier duplicate.
    public subscript(key: String) -> JSONValue? {
        get {
            var i = members.count
            while i > 0 {
                i -= 1
                if members[i].key == key { return members[i].value }
            }
            return nil
        }
        set {
            guard let newValue else {
                members.removeAll { $0.key == key }
                return
            }
            var i = members.count
            while i > 0 {
                i -= 1
                if members[i].key == key {
                    members[i].value = newValue
                    return
                }
            }
            members.append((key: key, value: newValue))
        }
    }

    /// Appends without looking for an existing key: the parser's path, which must preserve
    /// duplicates and cannot afford a quadratic scan on wide objects.
    public mutating func append(key: String, value: JSONValue) {
        members.append((key: key, value: value))
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for i in lhs.members.indices {
            let l = lhs.members[i], r = rhs.members[i]
            if l.key != r.key || l.value != r.value { return false }
        }
        return true
    }
}

// Literals make fixtures and hand-built output records readable; dictionary literals keep their
// written order because they become a `JSONObject`, not a `Dictionary`.
extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON, so that test failures and log lines show exactly what would be written.
    public var description: String {
        var bytes: [UInt8] = []
        serialized(into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension JSONObject: CustomStringConvertible {
    public var description: String { JSONValue.object(self).description }
}
