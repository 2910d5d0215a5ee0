import Foundation
import TemperIO
import Yams

/// A parsed YAML or JSON configuration document with source lines, so validation errors can point
/// at the offending line and both formats go through one validator.
///
/// YAML plain scalars are typed with YAML 1.2 core-schema rules (`true`/`false`, `null`/`~`,
/// numbers), not YAML 1.1's, so `owner: no` stays the text "no" instead of becoming `false`.
struct ConfigNode {
    enum Kind {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case list([ConfigNode])
        case map([(key: String, value: ConfigNode)])
    }

    var kind: Kind
    var line: Int?
    /// The scalar as written (YAML plain scalars only), for keys that want text.
    var plainText: String?

    var typeName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "text"
        case .list: return "a list"
        case .map: return "a mapping"
        }
    }

    /// Text content: strings, and YAML plain scalars of any type.
    var text: String? {
        if case let .string(s) = kind { return s }
        return plainText
    }

    static func yaml(_ text: String) throws -> ConfigNode? {
        do {
            return try Yams.compose(yaml: text).map(convert)
        } catch let error as YamlError {
            throw ConfigSyntaxError(error, in: text) ?? error
        }
    }

    private static func convert(_ node: Node) throws -> ConfigNode {
        let line = node.mark?.line
        switch node {
        case let .scalar(scalar):
            guard scalar.style == .plain else { return ConfigNode(kind: .string(scalar.string), line: line) }
            return ConfigNode(kind: plainKind(scalar.string), line: line, plainText: scalar.string)
        case let .sequence(sequence):
            return ConfigNode(kind: .list(try sequence.map(convert)), line: line)
        case let .mapping(mapping):
            var pairs: [(key: String, value: ConfigNode)] = []
            for (key, value) in mapping {
                guard case let .scalar(keyScalar) = key else {
                    throw ConfigSyntaxError(line: key.mark?.line, message: "mapping keys must be plain text")
                }
                if pairs.contains(where: { $0.key == keyScalar.string }) {
                    throw ConfigSyntaxError(line: key.mark?.line, message: "duplicate key '\(keyScalar.string)'")
                }
                pairs.append((keyScalar.string, try convert(value)))
            }
            return ConfigNode(kind: .map(pairs), line: line)
        case .alias:
            throw ConfigSyntaxError(line: line, message: "YAML aliases are not supported in this file")
        }
    }

    private static func plainKind(_ text: String) -> Kind {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default:
            if let number = Double(text), number.isFinite, text.first != "+" || text.count > 1 { return .number(number) }
            return .string(text)
        }
    }

    /// Reads a JSON document with the line of every value, pulled from TemperIO's `JSONCursor`
    /// (a `JSONValue` tree keeps no positions). Keys keep the file's order, and a duplicate key
    /// is an error as in YAML: the reader would otherwise have to pick one of the two silently.
    static func json(_ data: Data) throws(ConfigSyntaxError) -> ConfigNode {
        let outcome = data.withUnsafeBytes { bytes -> Result<ConfigNode, ConfigSyntaxError> in
            var reader = JSONConfigReader(cursor: JSONCursor(bytes))
            return Result { () throws(ConfigSyntaxError) in try reader.document() }
        }
        return try outcome.get()
    }
}

/// Builds `ConfigNode`s from JSON, counting lines as it goes: the cursor only moves forward, so
/// each value's line costs the newlines since the previous one.
private struct JSONConfigReader {
    var cursor: JSONCursor
    private var counted = 0
    private var line = 1

    init(cursor: JSONCursor) {
        self.cursor = cursor
    }

    mutating func document() throws(ConfigSyntaxError) -> ConfigNode {
        do {
            cursor.skipByteOrderMark()
            cursor.skipWhitespace()
            let root = try value(depth: 0)
            try cursor.finish()
            return root
        } catch let error as JSONParseError {
            throw ConfigSyntaxError(line: lineHere(error.offset), message: "invalid JSON: \(error)")
        } catch let error as ConfigSyntaxError {
            throw error
        } catch {
            throw ConfigSyntaxError(line: nil, message: "invalid JSON: \(error)")
        }
    }

    private mutating func lineHere(_ offset: Int) -> Int {
        if offset < counted {  // an error offset behind the last value
            counted = 0
            line = 1
        }
        line += cursor.newlines(in: counted..<offset)
        counted = offset
        return line
    }

    /// Recursive: nesting is bounded by the cursor's `maxDepth`, and targets files are shallow.
    /// Throws `JSONParseError` for syntax, `ConfigSyntaxError` for a duplicate key.
    private mutating func value(depth: Int) throws -> ConfigNode {
        let line = lineHere(cursor.position)
        switch cursor.peek {
        case JSONByte.openBrace?:
            try checkDepth(depth)
            var pairs: [(key: String, value: ConfigNode)] = []
            guard try cursor.enterObject() else { return ConfigNode(kind: .map(pairs), line: line) }
            var first = true
            repeat {
                let keyLine = lineHere(cursor.position)
                let key = try cursor.readKeyString(first: first)
                first = false
                if pairs.contains(where: { $0.key == key }) {
                    throw ConfigSyntaxError(line: keyLine, message: "duplicate key '\(key)'")
                }
                pairs.append((key, try value(depth: depth + 1)))
            } while try cursor.nextMember()
            return ConfigNode(kind: .map(pairs), line: line)
        case JSONByte.openBracket?:
            try checkDepth(depth)
            var items: [ConfigNode] = []
            guard try cursor.enterArray() else { return ConfigNode(kind: .list(items), line: line) }
            repeat { items.append(try value(depth: depth + 1)) } while try cursor.nextElement()
            return ConfigNode(kind: .list(items), line: line)
        case JSONByte.quote?:
            return ConfigNode(kind: .string(try cursor.readString()), line: line)
        default:
            if try cursor.takeNull() { return ConfigNode(kind: .null, line: line) }
            if let flag = try cursor.takeBool() { return ConfigNode(kind: .bool(flag), line: line) }
            guard cursor.atNumber else { throw cursor.expected("a JSON value") }
            return ConfigNode(kind: .number(try cursor.readNumber()), line: line)
        }
    }

    private func checkDepth(_ depth: Int) throws(JSONParseError) {
        if depth >= cursor.maxDepth {
            throw cursor.fail(.depthLimitExceeded, "nesting deeper than \(cursor.maxDepth) levels", at: cursor.position)
        }
    }
}

/// A syntax-level problem found while building the tree.
struct ConfigSyntaxError: Error {
    var line: Int?
    var message: String
}

extension ConfigSyntaxError {
    /// A YAML syntax error in Temper's form: its line, and "at column N" counted in bytes from
    /// the line's start like every other message (libYAML counts Unicode scalars, and its own
    /// description spans several lines with a snippet).
    init?(_ error: YamlError, in text: String) {
        let context: YamlError.Context?
        let problem: String
        let mark: Mark
        switch error {
        case let .scanner(c, p, m, _), let .parser(c, p, m, _), let .composer(c, p, m, _):
            (context, problem, mark) = (c, p, m)
        default:
            return nil
        }
        var column = mark.column
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if mark.line >= 1, mark.line <= lines.count {
            column = lines[mark.line - 1].unicodeScalars.prefix(max(0, mark.column - 1)).reduce(0) { $0 + UTF8.width($1) } + 1
        }
        let what = context.map { "\($0.text): \(problem)" } ?? problem
        self.init(line: mark.line, message: "invalid YAML: \(what) at column \(column)")
    }
}
