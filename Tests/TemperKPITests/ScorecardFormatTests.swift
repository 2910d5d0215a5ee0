import Foundation
import Testing
@testable import TemperKPI

@Suite struct ScorecardFormatTests {
    static let schemaURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/TemperKPI/scorecard.schema.json")

    @Test func formatNames() {
        #expect(ScorecardFormat(name: "md") == .markdown)
        #expect(ScorecardFormat(name: "HTML") == .html)
        #expect(ScorecardFormat(name: "pdf") == nil)
    }

    @Test func jsonOutputConformsToThePublishedSchema() throws {
        let schema = try ConfigNode.json(Data(contentsOf: Self.schemaURL))
        let cards = [try RendererFixtures.scorecard(),
                     try Scorecard.merge([try RendererFixtures.scorecard(), Scorecard(title: "empty", minimumSample: 0,
                                                                                       sources: ["x"], kpis: [], groups: [])])]
        for card in cards {
            let document = try ConfigNode.json(card.jsonData())
            var problems: [String] = []
            SchemaCheck(root: schema).check(document, against: schema, path: "$", problems: &problems)
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }
    }

    @Test func jsonIsWhatJSONEncoderWrote() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let cards = [try RendererFixtures.scorecard(),
                     try Scorecard.merge([try RendererFixtures.scorecard(), Scorecard(title: "empty \"x\" / \u{1}", minimumSample: 0,
                                                                                       sources: ["x"], kpis: [], groups: [])])]
        for card in cards {
            #expect(String(decoding: try card.jsonData(), as: UTF8.self) == String(decoding: try encoder.encode(card), as: UTF8.self))
        }
    }

    /// Scorecards from other tools are read by TemperIO's reader: a bad one names its line and key path.
    @Test func badScorecardNamesLineAndKeyPath() throws {
        let text = String(decoding: try RendererFixtures.scorecard().jsonData(), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.contains(#""minimum_sample" : "#) })
        lines[index] = #"  "minimum_sample" : "thirty","#
        do {
            _ = try Scorecard.load(from: Data(lines.joined(separator: "\n").utf8), name: "card.json")
            Issue.record("accepted a text minimum_sample")
        } catch {
            #expect(error.line == index + 1)
            #expect(error.message.hasPrefix("not a valid scorecard: minimum_sample: expected a number, found '\"'"), "\(error)")
        }
    }

    @Test func schemaCheckCatchesDrift() throws {
        let schema = try ConfigNode.json(Data(contentsOf: Self.schemaURL))
        let bad = try ConfigNode.json(Data(#"{"schema":"temper.scorecard/v1","title":1,"extra":true}"#.utf8))
        var problems: [String] = []
        SchemaCheck(root: schema).check(bad, against: schema, path: "$", problems: &problems)
        #expect(problems.contains("$.title: expected string"))
        #expect(problems.contains("$.extra: not allowed"))
        #expect(problems.contains("$: missing groups"))
    }
}

/// Just enough JSON Schema (type, const, enum, properties, required, additionalProperties, items,
/// $ref, minimum) to keep the published schema and the encoder honest with each other.
struct SchemaCheck {
    let root: ConfigNode

    func field(_ node: ConfigNode, _ key: String) -> ConfigNode? {
        guard case let .map(pairs) = node.kind else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    func check(_ value: ConfigNode, against schema: ConfigNode, path: String, problems: inout [String]) {
        if let ref = field(schema, "$ref")?.text {
            let name = String(ref.dropFirst("#/$defs/".count))
            check(value, against: field(field(root, "$defs")!, name)!, path: path, problems: &problems)
            return
        }
        if let constant = field(schema, "const")?.text, value.text != constant { problems.append("\(path): expected \(constant)") }
        if let options = field(schema, "enum"), case let .list(items) = options.kind, !items.contains(where: { $0.text == value.text }) {
            problems.append("\(path): \(value.text ?? "?") not in enum")
        }
        if let type = field(schema, "type")?.text {
            let ok: Bool
            switch (type, value.kind) {
            case ("object", .map), ("array", .list), ("string", .string), ("boolean", .bool), ("number", .number): ok = true
            case let ("integer", .number(n)): ok = n == n.rounded()
            default: ok = false
            }
            if !ok { problems.append("\(path): expected \(type)"); return }
        }
        if case let .number(n) = value.kind, case let .number(minimum)? = field(schema, "minimum")?.kind, n < minimum {
            problems.append("\(path): below minimum")
        }
        if case let .map(pairs) = value.kind {
            let properties = field(schema, "properties")
            if case let .list(required)? = field(schema, "required")?.kind {
                for key in required.compactMap(\.text) where !pairs.contains(where: { $0.key == key }) {
                    problems.append("\(path): missing \(key)")
                }
            }
            for (key, child) in pairs {
                if let propertySchema = properties.flatMap({ field($0, key) }) {
                    check(child, against: propertySchema, path: "\(path).\(key)", problems: &problems)
                } else if let extra = field(schema, "additionalProperties") {
                    if case .bool(false) = extra.kind { problems.append("\(path).\(key): not allowed") } else {
                        check(child, against: extra, path: "\(path).\(key)", problems: &problems)
                    }
                }
            }
        }
        if case let .list(items) = value.kind, let itemSchema = field(schema, "items") {
            for (i, item) in items.enumerated() { check(item, against: itemSchema, path: "\(path)[\(i)]", problems: &problems) }
        }
    }
}
