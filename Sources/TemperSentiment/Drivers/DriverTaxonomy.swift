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
public struct DriverTaxonomy: Sendable, Equatable {
    public private(set) var drivers: [DriverDefinition]
    /// Words that make a clause without sentiment words read negative ("still", "again").
    public private(set) var problemCues: [String]

    /// Compiled patterns, grouped by the hash of a first token they can start with.
    var patterns: [DriverPattern] = []
    /// (pattern, first-position alternative) pairs: a probe lands on the one spelling that can match.
    var startList: [(pattern: Int32, alternative: Int32)] = []
    /// `patterns` and `startList` flattened for the detector's matching loop.
    var program = DriverProgram(patterns: [], startList: [])
    var cueHashes: Set<UInt64> = []
    /// Words that end a clause for polarity ("but", "however").
    var contrastHashes: Set<UInt64> = []
    /// Negators beyond the sentiment lexicon's, for the negation of complaints ("nobody was rude").
    var negatorHashes: Set<UInt64> = []
    /// Words that end the look-back for a negator ("never arrived and nobody replies").
    var conjunctionHashes: Set<UInt64> = []
    /// Every word the detector must know about, in one table probed once per token: the
    /// patterns it starts (a run of `startList`) and its classes, the four sets above as bits
    /// (1 cue, 2 contrast, 4 negator, 8 conjunction; a `Set` would hash each key with SipHash).
    var words = TermTable<DriverWord>(capacity: 1024)

    /// Two taxonomies are equal when their definitions are: everything compiled derives from them.
    public static func == (lhs: DriverTaxonomy, rhs: DriverTaxonomy) -> Bool {
        lhs.drivers == rhs.drivers && lhs.problemCues == rhs.problemCues
    }

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
                guard let scalar = item.scalar, !DriverPattern.trimmingSpaces(Substring(scalar.string)).isEmpty else {
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
        var wordClasses: [UInt64: UInt8] = [:]
        for (set, bit) in [(cueHashes, UInt8(1)), (contrastHashes, 2), (negatorHashes, 4), (conjunctionHashes, 8)] {
            for hash in set { wordClasses[hash, default: 0] |= bit }
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
        // Capacity for the words (the table keeps itself at most half full): probed for every token,
        // it had better stay small enough to stay in cache.
        words = TermTable<DriverWord>(capacity: max(16, byStart.count + wordClasses.count))
        var runs: [(hash: UInt64, run: PatternRun)] = []
        for (hash, list) in byStart {
            runs.append((hash, PatternRun(start: Int32(startList.count), count: Int32(list.count))))
            startList.append(contentsOf: list)
        }
        program = DriverProgram(patterns: patterns, startList: startList)
        for (hash, run) in runs {
            var word = program.word(of: run, patterns: patterns)
            word.classes = wordClasses[hash] ?? 0
            words[hash] = word
        }
        for (hash, classes) in wordClasses where byStart[hash] == nil {
            words[hash] = DriverWord(run: PatternRun(start: 0, count: 0), followers: 0, classes: classes)
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

/// What the detector knows about a word: the patterns it starts (none: `run.count` 0) and its
/// classes (`TokenClass` bits).
struct DriverWord: Sendable {
    var run: PatternRun
    /// The `followBit`s of the tokens that can follow the word in a match of the run's starts
    /// whose second token is known (0 when none is): a token whose next token is outside it starts
    /// none of those. Most of the pattern-starting words of support messages are common ones
    /// ("is", "it", "on", "was").
    var followers: UInt64
    /// For the run's other starts (a gap, an optional position or '*' second, or a pattern of one
    /// position): the `followBit`s of the words one of which must stand within `reach` tokens
    /// after the word (`anyFollower`: no such word), and that reach (0: no such starts). "you"
    /// opens staff complaints ("you {clearly,just}? don't care") and is followed by "don't",
    /// "didn't", "have" or "has" within two tokens in every match.
    var later: UInt64 = DriverProgram.anyFollower
    var reach: UInt8 = 0
    var classes: UInt8

    /// Whether a match of the run can start at `position` (false: drop the run).
    @inline(__always)
    func mayStart(at position: Int, in tokens: UnsafeBufferPointer<Token>, end: Int) -> Bool {
        let next = position + 1
        if next < end, followers & DriverProgram.followBit(tokens[next].hash) != 0 { return true }
        guard reach > 0 else { return false }
        if later == DriverProgram.anyFollower { return true }
        var cursor = next
        let last = min(end - 1, position + Int(reach))
        while cursor <= last {
            if later & DriverProgram.followBit(tokens[cursor].hash) != 0 { return true }
            cursor += 1
        }
        return false
    }
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

    /// The first position after the first that every match fills with a word of its own (no empty
    /// choice, no '*'): its first words as `followBit`s, and how many tokens after a one-word
    /// first position it can begin at most (the positions between may take their longest choice,
    /// a gap `gapLength` words). Nil when there is none.
    func firstRequiredPosition() -> (firstWords: UInt64, reach: Int)? {
        var reach = 1
        for element in elements.dropFirst() {
            switch element {
            case .gap:
                reach += Self.gapLength
            case .words(let alternatives):
                let firstWords = DriverProgram.firstWords(of: element)
                if !alternatives.contains([]), firstWords != DriverProgram.anyFollower { return (firstWords, reach) }
                reach += alternatives.map(\.count).max() ?? 0
            }
        }
        return nil
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
        if options.contains(where: { trimmingSpaces($0).isEmpty }) {
            throw PatternProblem(message: "an empty choice in '{…}' (use '{…}?' for an optional word)")
        }
        let rest = try expand(String(word[word.index(after: close)...]))
        return options.flatMap { option in rest.map { prefix + trimmingSpaces(option) + $0 } }
    }

    /// `text` without the spaces at its ends: what Foundation's `trimmingCharacters(in:
    /// .whitespaces)` gives (general category Zs, the tab and, in swift-corelibs-foundation, the
    /// zero width space), without bridging to `NSString` — that was most of the time `temper
    /// score --drivers` spent compiling the shipped taxonomy at start-up.
    static func trimmingSpaces(_ text: Substring) -> Substring {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            default: false
            }
        }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return Substring(scalars[start..<end])
    }
}

/// The compiled patterns as one flat code array the matching loop reads through a raw pointer:
/// no nested arrays or enum payloads (each of which costs a retain and a release per access), and
/// a pattern's words sit together, so checking one touches a cache line or two, not one per table.
///
/// A pattern is its elements in order. An element is a header word (the number of alternatives
/// in the low 32 bits, none for a gap; the element's length in code words in the high 32), the
/// `followBit`s of the words its alternatives start with (`anyFollower` for a gap, an optional
/// position or '*': a token outside the set ends the match without trying each alternative);
/// then, for a word position of n alternatives, their n first words (`emptyAlternative` for the
/// optional position's empty choice) and their n offsets from the header, so that matching
/// compares one token with a dense run of words and walks into only the alternatives that start
/// with it; then each alternative as its word count followed by its word hashes (a count of 0 is
/// the empty choice). Immutable after `init`, which is what makes sharing it safe.
final class DriverProgram: @unchecked Sendable {
    /// Where a pattern that a token can start is checked from.
    struct Start {
        var pattern: Int32
        /// The offset of the first position's alternative (its word count) in `code`.
        var firstWords: Int32
        /// The offset of the second element's header, and how many elements follow the first.
        var next: Int32
        var remaining: Int32
        /// The word count of the first position's alternative: the token after it is where the
        /// second element must start.
        var firstLength: Int32
        /// The tokens the second element can start with, as `followBit`s (`anyFollower` when it
        /// may start with any token or with none: a gap, an optional position, '*', or no second
        /// element). Most starts fail on the very next token ("not" opens 26 patterns, and one
        /// message's "not" is followed by one word), and this rejects them without reading `code`.
        var followers: UInt64
        /// `followers` again with `secondFollowBit`: a token must be in both (a two-hash Bloom
        /// filter). "not" opens 26 patterns, many of whose second positions list a dozen words:
        /// one bit in 64 per word let one start in five through to matching for nothing.
        var secondFollowers: UInt64
    }

    /// A token hash's bit in `Start.secondFollowers` (other bits of the hash than `followBit`'s).
    @inline(__always)
    static func secondFollowBit(_ hash: UInt64) -> UInt64 {
        1 &<< ((hash &* 0xC2B2_AE3D_27D4_EB4F) >> 58)
    }

    /// No constraint on the token after a start's first alternative.
    static let anyFollower = UInt64.max

    /// The first word listed for an optional position's empty choice: it passes the first-word
    /// comparison whatever the token (a real token hashing to it only costs a full check).
    static let emptyAlternative: UInt64 = 0x3F3F_3F3F_3F3F_3F3F

    /// A token hash's bit in a `Start.followers` set (one bit of 64 chosen by the top bits of the
    /// hash mixed again, as FNV's high bits are weak): a one-hash Bloom filter, which may let a
    /// non-follower through (matching then decides) but never rejects a follower.
    @inline(__always)
    static func followBit(_ hash: UInt64) -> UInt64 {
        1 &<< ((hash &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }

    /// The `followers` set of a pattern's second element.
    static func followers(of pattern: DriverPattern) -> UInt64 {
        pattern.elements.count > 1 ? firstWords(of: pattern.elements[1]) : anyFollower
    }

    /// The tokens an element's match can start with, as `followBit`s (`anyFollower`: any token,
    /// or none).
    static func firstWords(of element: DriverPattern.Element, bit: (UInt64) -> UInt64 = followBit) -> UInt64 {
        guard case .words(let alternatives) = element else { return anyFollower }
        var set: UInt64 = 0
        for words in alternatives {
            guard let first = words.first, first != DriverPattern.anyWord else { return anyFollower }
            set |= bit(first)
        }
        return set
    }

    /// The `DriverWord` (classes left out) of a word whose patterns are the starts of `run`: its
    /// `followers`, the tokens that can come right after the word in a match of a start whose
    /// second token is known (the start's `followers`, or the second word of its first
    /// alternative: "is" in "{it is,it's} gone"); and its `later` words and `reach`, from the others.
    func word(of run: PatternRun, patterns: [DriverPattern]) -> DriverWord {
        var word = DriverWord(run: run, followers: 0, classes: 0)
        var later: UInt64 = 0
        var reach = 0
        for slot in Int(run.start)..<Int(run.start + run.count) {
            let start = starts[slot]
            if start.firstLength == 1 {
                if start.followers != Self.anyFollower {
                    word.followers |= start.followers
                    continue
                }
            } else {
                let second = code[Int(start.firstWords) + 2]
                if second != DriverPattern.anyWord {
                    word.followers |= Self.followBit(second)
                    continue
                }
            }
            // A '*' second word leaves nothing known; otherwise the second position is open.
            let required = start.firstLength == 1 ? patterns[Int(start.pattern)].firstRequiredPosition() : nil
            if let required, required.reach <= Int(UInt8.max) {
                if later != Self.anyFollower { later |= required.firstWords }
                reach = max(reach, required.reach)
            } else {
                later = Self.anyFollower
                reach = max(reach, 1)
            }
        }
        word.later = reach > 0 ? later : Self.anyFollower
        word.reach = UInt8(reach)
        return word
    }

    let code: UnsafeMutableBufferPointer<UInt64>
    let starts: UnsafeMutableBufferPointer<Start>
    let driver: UnsafeMutableBufferPointer<Int32>
    let isComplaint: UnsafeMutableBufferPointer<Bool>

    init(patterns: [DriverPattern], startList: [(pattern: Int32, alternative: Int32)]) {
        var code: [UInt64] = []
        /// Per pattern: the offset of each alternative of its first element, and of its second element.
        var firstAlternatives: [[Int32]] = []
        var secondElement: [Int32] = []
        for pattern in patterns {
            var alternativesOfFirst: [Int32] = []
            for (elementIndex, element) in pattern.elements.enumerated() {
                if elementIndex == 1 { secondElement.append(Int32(code.count)) }
                let header = code.count
                code.append(0)
                code.append(Self.firstWords(of: element))
                var alternativeCount = 0
                if case .words(let alternatives) = element {
                    alternativeCount = alternatives.count
                    for words in alternatives { code.append(words.first ?? Self.emptyAlternative) }
                    let offsets = code.count
                    code.append(contentsOf: repeatElement(0, count: alternatives.count))
                    for (slot, words) in alternatives.enumerated() {
                        if elementIndex == 0 { alternativesOfFirst.append(Int32(code.count)) }
                        code[offsets + slot] = UInt64(code.count - header)
                        code.append(UInt64(words.count))
                        code.append(contentsOf: words)
                    }
                }
                code[header] = UInt64(alternativeCount) | UInt64(code.count - header) << 32
            }
            if pattern.elements.count == 1 { secondElement.append(Int32(code.count)) }
            firstAlternatives.append(alternativesOfFirst)
        }
        func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = buffer.initialize(from: array)
            return buffer
        }
        self.code = copy(code)
        starts = copy(startList.map { entry in
            let pattern = Int(entry.pattern)
            let firstWords = firstAlternatives[pattern][Int(entry.alternative)]
            return Start(pattern: entry.pattern, firstWords: firstWords,
                         next: secondElement[pattern], remaining: Int32(patterns[pattern].elements.count - 1),
                         firstLength: Int32(code[Int(firstWords)]), followers: Self.followers(of: patterns[pattern]),
                         secondFollowers: patterns[pattern].elements.count > 1
                            ? Self.firstWords(of: patterns[pattern].elements[1], bit: Self.secondFollowBit) : Self.anyFollower)
        })
        driver = copy(patterns.map(\.driver))
        isComplaint = copy(patterns.map(\.isComplaint))
    }

    deinit {
        code.deallocate()
        starts.deallocate()
        driver.deallocate()
        isComplaint.deallocate()
    }
}
