import Foundation
import Yams

/// A QA rubric, read from YAML (`corpora/qa-rubric.yaml` is the shipped one).
///
/// ```yaml
/// name: Support QA
/// categories:
///   - id: empathy
///     label: Empathy
///     description: Acknowledged the customer's feelings.
///     scale: [0, 1, 2, 3, 4]      # allowed points, ascending
///     weight: 2
///   - id: compliance
///     label: Compliance
///     scale: [0, 1]
///     weight: 1
///     critical: true              # its lowest point zeroes the whole score
/// ```
///
/// `label` defaults to the id, `weight` to 1 and `critical` to false; `description` is
/// optional. Unknown keys are errors, so a misspelt `critcal:` cannot pass unnoticed.
public struct Rubric: Sendable, Equatable {
    public struct Category: Sendable, Equatable {
        public var id: String
        public var label: String
        public var description: String?
        /// The allowed points, strictly ascending, at least two.
        public var scale: [Int]
        public var weight: Double
        public var critical: Bool

        public init(id: String, label: String, description: String? = nil, scale: [Int], weight: Double = 1, critical: Bool = false) {
            self.id = id
            self.label = label
            self.description = description
            self.scale = scale
            self.weight = weight
            self.critical = critical
        }
    }

    public var name: String
    public var categories: [Category]

    /// A rubric built in code, validated like one read from a file.
    public init(name: String, categories: [Category]) throws(RubricError) {
        self.name = name
        self.categories = categories
        try Rubric.validate(categories)
    }

    /// Parses and validates (unique ids, non-empty ascending scales, positive weights).
    /// Errors name the file, line and problem.
    public init(yaml: String, path: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw RubricError(file: path, line: error.line, message: "invalid YAML: \(error.problem)")
        }
        self = try RubricReader(file: path).rubric(from: root)
    }

    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RubricError(file: path, line: nil, message: "cannot read the rubric: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RubricError(file: path, line: nil, message: "not UTF-8 text")
        }
        try self.init(yaml: text, path: path)
    }

    public func category(id: String) -> Category? {
        categories.first { $0.id == id }
    }

    /// Checks points against the rubric without scoring: known categories, points on the scale.
    public func validate(_ points: [String: Int]) throws(RubricError) {
        for id in points.keys.sorted() {
            guard let category = category(id: id) else {
                throw RubricError(file: nil, line: nil, message: "unknown rubric category '\(id)' (rubric '\(name)' has \(categories.map(\.id).joined(separator: ", ")))")
            }
            let point = points[id]!
            guard category.scale.contains(point) else {
                throw RubricError(file: nil, line: nil, message: "\(point) is not on the scale of '\(id)' (\(category.scale.map(String.init).joined(separator: ", ")))")
            }
        }
    }

    /// Weighted score 0–100: each category's points placed on its scale (lowest 0, highest 1;
    /// for a scale starting at 0 that is points over maximum), weighted; a critical category at
    /// its lowest point makes the score 0. Missing categories are left out of the weighting.
    /// Throws for unknown categories, points off the scale, or no points at all (there is
    /// nothing to score, and 0 or 100 would both be a lie).
    public func score(_ points: [String: Int]) throws -> Double {
        try validate(points)
        guard !points.isEmpty else { throw RubricError(file: nil, line: nil, message: "no rubric category scored") }
        var weighted = 0.0
        var weights = 0.0
        for category in categories {
            guard let point = points[category.id] else { continue }
            let lowest = category.scale.first!, highest = category.scale.last!
            if category.critical && point == lowest { return 0 }
            weighted += category.weight * Double(point - lowest) / Double(highest - lowest)
            weights += category.weight
        }
        return 100 * weighted / weights
    }

    /// The dimension id calibration reports use for the verdict, so no category may take it.
    static let reservedID = "verdict"

    private static func validate(_ categories: [Category]) throws(RubricError) {
        guard !categories.isEmpty else { throw RubricError(file: nil, line: nil, message: "a rubric needs at least one category") }
        var seen: Set<String> = []
        for category in categories {
            if let problem = category.problem() { throw RubricError(file: nil, line: nil, message: problem.message) }
            guard seen.insert(category.id).inserted else {
                throw RubricError(file: nil, line: nil, message: "category '\(category.id)': duplicate category id")
            }
        }
    }
}

extension Rubric.Category {
    /// What is wrong with this category on its own, and in which field.
    fileprivate func problem() -> (field: String, message: String)? {
        func problem(_ field: String, _ text: String) -> (field: String, message: String) {
            (field, id.isEmpty ? text : "category '\(id)': \(text)")
        }
        guard !id.isEmpty else { return problem("id", "a category needs a non-empty 'id'") }
        guard id != Rubric.reservedID else { return problem("id", "'\(Rubric.reservedID)' is reserved for the verdict") }
        guard scale.count >= 2 else { return problem("scale", "a scale needs at least two points") }
        guard zip(scale, scale.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return problem("scale", "the scale must be strictly ascending")
        }
        guard weight > 0, weight.isFinite else { return problem("weight", "weight must be a positive number") }
        return nil
    }
}

/// A rubric problem: where it is (file and line when it came from one) and what is wrong.
public struct RubricError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String?
    public var line: Int?
    public var message: String

    public init(file: String?, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): return "\(file):\(line): \(message)"
        case let (file?, nil): return "\(file): \(message)"
        default: return message
        }
    }
}

extension YamlError {
    fileprivate var line: Int? {
        switch self {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): return mark.line
        default: return nil
        }
    }

    fileprivate var problem: String {
        switch self {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _): return problem
        default: return "\(self)"
        }
    }
}

/// Walks the YAML node tree, keeping each node's line for error messages.
private struct RubricReader {
    let file: String

    func error(_ node: Node?, _ message: String) -> RubricError {
        RubricError(file: file, line: node?.mark?.line, message: message)
    }

    func mapping(_ node: Node, what: String, allowed: Set<String>) throws(RubricError) -> [String: Node] {
        guard case let .mapping(mapping) = node else { throw error(node, "\(what) must be a mapping") }
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key else { throw error(key, "keys must be plain text") }
            guard allowed.contains(scalar.string) else {
                throw error(key, "unknown key '\(scalar.string)' in \(what) (expected \(allowed.sorted().joined(separator: ", ")))")
            }
            result[scalar.string] = value
        }
        return result
    }

    func text(_ node: Node?, _ what: String) throws(RubricError) -> String? {
        guard let node else { return nil }
        guard case let .scalar(scalar) = node else { throw error(node, "\(what) must be text") }
        return scalar.string
    }

    func integer(_ node: Node, _ what: String) throws(RubricError) -> Int {
        guard case let .scalar(scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
            throw error(node, "\(what) must be a whole number")
        }
        return value
    }

    func rubric(from root: Node?) throws(RubricError) -> Rubric {
        guard let root else { throw RubricError(file: file, line: nil, message: "the rubric is empty") }
        let top = try mapping(root, what: "the rubric", allowed: ["name", "categories"])
        guard let name = try text(top["name"], "name"), !name.isEmpty else { throw error(root, "the rubric needs a 'name'") }
        guard let list = top["categories"] else { throw error(root, "the rubric needs 'categories'") }
        guard case let .sequence(sequence) = list else { throw error(list, "'categories' must be a list") }
        var categories: [Category] = []
        for node in sequence {
            let category = try self.category(node)
            // A duplicate is reported at its second occurrence, where the reader will look.
            if categories.contains(where: { $0.id == category.id }) {
                throw error(node, "category '\(category.id)': duplicate category id")
            }
            categories.append(category)
        }
        guard !categories.isEmpty else { throw error(list, "a rubric needs at least one category") }
        return Rubric(validatedName: name, categories: categories)
    }

    typealias Category = Rubric.Category

    func category(_ node: Node) throws(RubricError) -> Category {
        let fields = try mapping(node, what: "a category", allowed: ["id", "label", "description", "scale", "weight", "critical"])
        guard let id = try text(fields["id"], "id") else { throw error(node, "a category needs an 'id'") }
        func fail(_ at: Node?, _ message: String) -> RubricError { error(at ?? node, "category '\(id)': \(message)") }
        guard let scaleNode = fields["scale"] else { throw fail(node, "needs a 'scale' (the allowed points, ascending)") }
        guard case let .sequence(points) = scaleNode else { throw fail(scaleNode, "'scale' must be a list of whole numbers") }
        var scale: [Int] = []
        for point in points { scale.append(try integer(point, "category '\(id)': a scale point")) }
        var weight = 1.0
        if let weightNode = fields["weight"] {
            guard case let .scalar(scalar) = weightNode, scalar.style == .plain, let value = Double(scalar.string) else {
                throw fail(weightNode, "weight must be a positive number")
            }
            weight = value
        }
        var critical = false
        if let criticalNode = fields["critical"] {
            guard case let .scalar(scalar) = criticalNode, scalar.style == .plain, ["true", "false"].contains(scalar.string.lowercased()) else {
                throw fail(criticalNode, "critical must be true or false")
            }
            critical = scalar.string.lowercased() == "true"
        }
        let category = Category(id: id, label: try text(fields["label"], "label") ?? id,
                                description: try text(fields["description"], "description"),
                                scale: scale, weight: weight, critical: critical)
        // Each category is checked where it stands, so the error carries the line of the field.
        if let problem = category.problem() {
            throw error(fields[problem.field] ?? node, problem.message)
        }
        return category
    }
}

extension Rubric {
    fileprivate init(validatedName name: String, categories: [Category]) {
        self.name = name
        self.categories = categories
    }
}
