import Foundation
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
        try Yams.compose(yaml: text).map(convert)
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

    static func json(_ data: Data) throws -> ConfigNode {
        try JSONDecoder().decode(JSONNode.self, from: data).node
    }
}

/// A syntax-level problem found while building the tree.
struct ConfigSyntaxError: Error {
    var line: Int?
    var message: String
}

/// Decodes arbitrary JSON into a `ConfigNode` (JSON carries no line numbers through `JSONDecoder`).
private struct JSONNode: Decodable {
    var node: ConfigNode

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            let pairs = try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                (key: $0.stringValue, value: try object.decode(JSONNode.self, forKey: $0).node)
            }
            node = ConfigNode(kind: .map(pairs))
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [ConfigNode] = []
            while !array.isAtEnd { items.append(try array.decode(JSONNode.self).node) }
            node = ConfigNode(kind: .list(items))
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() {
                node = ConfigNode(kind: .null)
            } else if let bool = try? value.decode(Bool.self) {
                node = ConfigNode(kind: .bool(bool))
            } else if let number = try? value.decode(Double.self) {
                node = ConfigNode(kind: .number(number))
            } else {
                node = ConfigNode(kind: .string(try value.decode(String.self)))
            }
        }
    }
}
