import Foundation
import TemperIO
import TemperText
import Yams

/// One feedback driver of a taxonomy: what customers are unhappy (or happy) about.
public struct DriverDefinition: Sendable, Equatable {
    /// Stable key (`[a-z0-9_]+`) that facts, JSON and the scorecard use.
    public var id: String
    /// What people read.
    public var label: String
    public var description: String
    /// Patterns that are a complaint on their own ("never arrived").
    public var complaints: [String]
    /// Patterns that only name the subject ("refund"); their clause says how it went.
    public var mentions: [String]

    public init(id: String, label: String, description: String = "", complaints: [String] = [], mentions: [String] = []) {
        self.id = id
        self.label = label
        self.description = description
        self.complaints = complaints
        self.mentions = mentions
    }
}

/// A taxonomy of feedback drivers, compiled for matching over tokens (`DriverDetector`).
///
/// Read from a YAML file (`lexicons/drivers.yaml` ships with Temper and documents the format);
/// patterns are tokenized by the same tokenizer that reads messages, so they match what it
/// produces. Compiling expands in-word alternatives ("deliver{y,ies}") only; alternatives of whole
/// words stay sets, so a pattern with many choices per position costs no combinatorial blow-up.
public struct DriverTaxonomy: Sendable {
    public private(set) var drivers: [DriverDefinition]
    /// Words that make a clause without sentiment words read negative ("still", "again").
    public private(set) var problemCues: [String]

    /// Compiled patterns, grouped by the hash of a first token they can start with.
    var patterns: [DriverPattern] = []
    var starts = TermTable<PatternRun>(capacity: 1024)
    /// (pattern, first-position alternative) pairs: a probe lands on the one spelling that can match.
    var startList: [(pattern: Int32, alternative: Int32)] = []
    var cueHashes: Set<UInt64> = []
    /// Words that end a clause for polarity ("but", "however").
    var contrastHashes: Set<UInt64> = []
    /// Negators beyond the sentiment lexicon's, for the negation of complaints ("nobody was rude").
    var negatorHashes: Set<UInt64> = []
    /// Words that end the look-back for a negator ("never arrived and nobody replies").
    var conjunctionHashes: Set<UInt64> = []
    /// The four sets above in one probe-once table (bits: 1 cue, 2 contrast, 4 negator,
    /// 8 conjunction): the detector asks about every token of a hit's clause, and a `Set`
    /// hashes each key with SipHash.
    var wordClasses = TermTable<UInt8>(capacity: 256)

    @inline(__always)
    func wordClass(_ hash: UInt64) -> UInt8 { wordClasses.value(for: hash) ?? 0 }

    /// The file name of the shipped taxonomy in the lexicon resources.
    public static let shippedFileName = "drivers.yaml"

    /// The taxonomy that ships with Temper, read once from the package resources.
    public static var shipped: DriverTaxonomy {
        get throws { try shippedLoad.get() }
    }

    private static let shippedLoad = Result {
        try DriverTaxonomy.load(path: try SentimentModel.shippedDirectory + "/" + shippedFileName)
    }

    /// Reads and compiles a taxonomy file; a problem is an `InputError` naming the file and line.
    public static func load(path: String) throws -> DriverTaxonomy {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw InputError(file: path, message: "cannot read the drivers file: \(error.localizedDescription)")
        }
        return try parse(yaml: text, name: path)
    }

    /// Parses and compiles a taxonomy given as YAML text; `name` is used in error messages.
    public static func parse(yaml: String, name: String) throws -> DriverTaxonomy {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw InputError(file: name, line: 1, message: "empty drivers file (expected a mapping with a 'drivers' list)")
            }
            root = node
        } catch let error as YamlError {
            throw InputError(file: name, line: Self.line(of: error), message: "invalid YAML: \(Self.summary(of: error))")
        }
        func fail(_ node: Node?, _ message: String) -> InputError {
            InputError(file: name, line: node?.mark?.line, message: message)
        }
        guard let top = root.mapping else { throw fail(root, "expected a mapping with a 'drivers' list at the top") }
        for (key, _) in top {
            guard let keyName = key.string, ["version", "problem_cues", "drivers"].contains(keyName) else {
                throw fail(key, "unknown key '\(key.string ?? "?")' (expected version, problem_cues, drivers)")
            }
        }
        if let version = top["version"], version.int != 1 {
            throw fail(version, "unsupported version '\(version.string ?? "?")' (this Temper reads version 1)")
        }
        func strings(_ node: Node, _ what: String) throws -> [String] {
            guard let sequence = node.sequence else { throw fail(node, "\(what) must be a list of strings") }
            return try sequence.map { item in
                guard let scalar = item.scalar, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw fail(item, "\(what) must hold non-empty strings")
                }
                return scalar.string
            }
        }
        let cueNode = top["problem_cues"]
        let cues = try cueNode.map { try strings($0, "problem_cues") } ?? []
        guard let driverNode = top["drivers"] else { throw fail(root, "no 'drivers' list") }
        guard let list = driverNode.sequence else { throw fail(driverNode, "'drivers' must be a list of drivers") }
        var definitions: [DriverDefinition] = []
        var lines: [Int?] = []
        for item in list {
            guard let map = item.mapping else { throw fail(item, "each driver must be a mapping with id, label and patterns") }
            for (key, _) in map {
                guard let keyName = key.string, ["id", "label", "description", "complaints", "mentions"].contains(keyName) else {
                    throw fail(key, "unknown driver key '\(key.string ?? "?")' (expected id, label, description, complaints, mentions)")
                }
            }
            guard let idNode = map["id"], let id = idNode.string else { throw fail(item, "a driver has no id") }
            guard !id.isEmpty, id.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
                throw fail(idNode, "driver id '\(id)' must be lower-case letters, digits and '_'")
            }
            if definitions.contains(where: { $0.id == id }) { throw fail(idNode, "duplicate driver id '\(id)'") }
            let complaints = try map["complaints"].map { try strings($0, "complaints of '\(id)'") } ?? []
            let mentions = try map["mentions"].map { try strings($0, "mentions of '\(id)'") } ?? []
            if complaints.isEmpty && mentions.isEmpty { throw fail(item, "driver '\(id)' has no complaints and no mentions") }
            definitions.append(DriverDefinition(id: id, label: map["label"]?.string ?? id, description: map["description"]?.string ?? "",
                                                complaints: complaints, mentions: mentions))
            lines.append(item.mark?.line)
        }
        if definitions.isEmpty { throw fail(driverNode, "'drivers' is empty") }
        // Pattern lines: Yams gives each list item its own mark, so an error points at the pattern.
        var patternLines: [[Int?]] = []
        for item in list {
            let map = item.mapping!
            patternLines.append(((map["complaints"]?.sequence.map(Array.init) ?? []) + (map["mentions"]?.sequence.map(Array.init) ?? [])).map { $0.mark?.line })
        }
        return try DriverTaxonomy(drivers: definitions, problemCues: cues, name: name, lines: patternLines,
                                  cueLine: cueNode?.mark?.line)
    }

    /// A taxonomy from definitions in memory (errors name `name`).
    public init(drivers: [DriverDefinition], problemCues: [String], name: String = "<drivers>") throws {
        try self.init(drivers: drivers, problemCues: problemCues, name: name, lines: nil, cueLine: nil)
    }

    private init(drivers: [DriverDefinition], problemCues: [String], name: String, lines: [[Int?]]?, cueLine: Int?) throws {
        self.drivers = drivers
        self.problemCues = problemCues
        let tokenizer = try Tokenizer()
        func hashes(_ text: String) -> [UInt64] {
            tokenizer.tokenize(text).tokens.map(\.hash)
        }
        for cue in problemCues {
            let words = hashes(cue)
            guard words.count == 1 else {
                throw InputError(file: name, line: cueLine, message: "problem cue '\(cue)' must be one word")
            }
            cueHashes.insert(words[0])
        }
        for word in ["but", "however", "although", "though", "whereas", "except", "otherwise"] {
            contrastHashes.insert(hashes(word)[0])
        }
        for word in ["nobody", "noone", "nothing", "none", "never", "no"] { negatorHashes.insert(hashes(word)[0]) }
        for word in ["and", "or", "so", "because", "then", "while", "when"] { conjunctionHashes.insert(hashes(word)[0]) }
        for (set, bit) in [(cueHashes, UInt8(1)), (contrastHashes, 2), (negatorHashes, 4), (conjunctionHashes, 8)] {
            for hash in set { wordClasses[hash] = (wordClasses[hash] ?? 0) | bit }
        }
        var byStart: [UInt64: [(pattern: Int32, alternative: Int32)]] = [:]
        for (driverIndex, driver) in drivers.enumerated() {
            let all = driver.complaints.map { ($0, true) } + driver.mentions.map { ($0, false) }
            for (patternIndex, (text, isComplaint)) in all.enumerated() {
                let line = lines?[driverIndex][patternIndex] ?? nil
                let pattern: DriverPattern
                do {
                    pattern = try DriverPattern(text, driver: Int32(driverIndex), isComplaint: isComplaint, hashes: hashes)
                } catch let problem as PatternProblem {
                    throw InputError(file: name, line: line, message: "driver '\(driver.id)': pattern '\(text)': \(problem.message)")
                }
                let index = Int32(patterns.count)
                patterns.append(pattern)
                guard case .words(let alternatives) = pattern.elements[0] else { continue }
                for (alternative, words) in alternatives.enumerated() {
                    byStart[words[0], default: []].append((index, Int32(alternative)))
                }
            }
        }
        starts = TermTable<PatternRun>(capacity: max(16, byStart.count * 2))
        for (hash, list) in byStart {
            starts[hash] = PatternRun(start: Int32(startList.count), count: Int32(list.count))
            startList.append(contentsOf: list)
        }
    }

    /// The index of the driver with `id`.
    public func index(of id: String) -> Int? { drivers.firstIndex { $0.id == id } }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "\(problem) at column \(mark.column)"
        default:
            return "\(error)"
        }
    }
}

/// Where a first-token hash's patterns sit in `startList`.
struct PatternRun: Sendable {
    var start: Int32
    var count: Int32
}

struct PatternProblem: Error {
    var message: String
}

/// One compiled pattern: a sequence of positions, each a set of alternative token sequences
/// (one alternative may be empty: an optional position), with at most one gap.
struct DriverPattern: Sendable {
    enum Element: Sendable {
        case words([[UInt64]])
        case gap
    }

    var driver: Int32
    var isComplaint: Bool
    var elements: [Element]

    /// The first token hashes a match can start with.
    var firstHashes: [UInt64] {
        guard case .words(let alternatives) = elements[0] else { return [] }
        return alternatives.compactMap(\.first)
    }

    /// The most words a gap may skip.
    static let gapLength = 4

    init(_ text: String, driver: Int32, isComplaint: Bool, hashes: (String) -> [UInt64]) throws {
        self.driver = driver
        self.isComplaint = isComplaint
        elements = []
        for piece in Self.positions(text) {
            if piece == "..." {
                if elements.contains(where: { if case .gap = $0 { true } else { false } }) {
                    throw PatternProblem(message: "at most one '...' per pattern")
                }
                elements.append(.gap)
                continue
            }
            var optional = false
            var body = Substring(piece)
            if body.hasSuffix("}?") {
                optional = true
                body = body.dropLast()
            }
            var alternatives: [[UInt64]] = []
            if body == "*" {
                alternatives = [[Self.anyWord]]
            } else {
                for spelling in try Self.expand(String(body)) {
                    let words = hashes(spelling)
                    if words.isEmpty { throw PatternProblem(message: "'\(spelling)' holds no word") }
                    if !alternatives.contains(words) { alternatives.append(words) }
                }
            }
            if optional { alternatives.append([]) }
            elements.append(.words(alternatives))
        }
        guard let first = elements.first, case .words(let alternatives) = first, !alternatives.contains([]),
              !alternatives.contains([Self.anyWord]) else {
            throw PatternProblem(message: "must start with a word (not '*', '...' or an optional choice)")
        }
        if case .gap = elements[elements.count - 1] { throw PatternProblem(message: "cannot end with '...'") }
    }

    /// The hash standing for '*' (no real token hashes to it in practice; matching checks it first).
    static let anyWord: UInt64 = 0x2A2A_2A2A_2A2A_2A2A

    /// Splits a pattern into positions: words, `{…}` groups (which may hold spaces) and `...`.
    static func positions(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if character == " " && depth == 0 {
                if !current.isEmpty { result.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Every spelling of one position: "deliver{y,ies}" → ["delivery", "deliveries"].
    static func expand(_ word: String) throws -> [String] {
        guard let open = word.firstIndex(of: "{") else {
            if word.contains("}") { throw PatternProblem(message: "'}' without '{'") }
            return [word]
        }
        guard let close = word[open...].firstIndex(of: "}") else { throw PatternProblem(message: "'{' without '}'") }
        let prefix = String(word[..<open])
        let options = word[word.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
        if options.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw PatternProblem(message: "an empty choice in '{…}' (use '{…}?' for an optional word)")
        }
        let rest = try expand(String(word[word.index(after: close)...]))
        return options.flatMap { option in rest.map { prefix + option.trimmingCharacters(in: .whitespaces) + $0 } }
    }
}
