import Foundation
import TemperIO

/// A gold label. `notNegative` only appears in negative-vs-rest sets (e.g. complaints).
public enum GoldLabel: String, Sendable, Codable, CaseIterable, Equatable {
    case negative
    case neutral
    case positive
    case notNegative = "not-negative"
}

/// One labelled row. `label` is nil for rows that only carry a numeric gold `score`.
public struct LabelledExample: Sendable, Equatable {
    public var label: GoldLabel?
    /// The numeric value of the label column when it is a number (a score, a star rating, 0/1…).
    public var score: Double?
    public var text: String
    /// The column(s) between label and text in files with three or more columns, or JSON "domain".
    public var domain: String?
    /// 1-based line number in the file.
    public var line: Int

    public init(label: GoldLabel?, score: Double? = nil, text: String, domain: String? = nil, line: Int = 0) {
        self.label = label
        self.score = score
        self.text = text
        self.domain = domain
        self.line = line
    }
}

/// How the label column is read.
public enum LabelMapping: Sendable, Equatable {
    /// Binary or named sentiment: `0` → negative, `1` → positive, `-1` → negative, and the words
    /// `negative/neutral/positive` or `neg/neu/pos`. Any other number (`0.75`, `3`) is a gold score
    /// only (label nil). `score` is set for every numeric label.
    ///
    /// Use `.ternaryNumeric` for `-1/0/1` files where `0` means neutral.
    case sentiment
    /// `-1/0/1` → negative/neutral/positive (words as in `.sentiment`).
    case ternaryNumeric
    /// A binary flag that marks negatives: `1`/`true`/`yes` → negative, `0`/`false`/`no` → not-negative.
    /// For "negative-vs-rest" sets such as complaints (1 = complaint).
    case negativeFlag
    /// Sentiment labels (as `.sentiment`) collapsed to negative vs not-negative.
    case negativeVsRest
    /// Star ratings: `≤ negativeAtMost` → negative, `≥ positiveAtLeast` → positive, between → neutral.
    case stars(negativeAtMost: Double, positiveAtLeast: Double)
    /// The label column is a numeric gold score only (label nil).
    case score
}

/// Streams labelled examples from a TSV or JSONL file.
///
/// TSV: `label \t text`, or `label \t domain… \t text` (three or more columns: the text is the LAST
/// column unless `textFromColumn` says otherwise). A first line whose label field is a column name
/// (`label`, `sentiment`, `score`, `stars`, `rating`, `polarity`, `class`, `gold`) is a header and skipped.
/// Blank lines are skipped.
///
/// JSONL: one object per line with `"text"` and `"label"` (string, number or bool) or `"score"`,
/// optionally `"domain"`.
public struct LabelledCorpusReader {
    public enum Format: String, Sendable { case auto, tsv, jsonl }

    public struct Options: Sendable {
        public var format: Format = .auto
        public var labelMapping: LabelMapping = .sentiment
        /// TSV only: when set (0-based, ≥ 1), the text is the columns from this one to the last,
        /// joined as sentences (e.g. 1 for `stars \t summary \t text`). Default: last column only.
        public var textFromColumn: Int?
        /// Drop rows whose label maps to neutral (e.g. 3★ reviews in a binary evaluation).
        public var dropNeutral = false

        public init() {}
    }

    public let path: String
    public let options: Options
    /// What happens to a row that cannot be read: reported, then the read stops or goes on.
    public let policy: BadRecordPolicy
    /// Rows skipped by `dropNeutral`.
    public private(set) var droppedNeutralCount = 0

    public init(path: String, options: Options = Options(), policy: BadRecordPolicy = BadRecordPolicy()) {
        self.path = path
        self.options = options
        self.policy = policy
    }

    /// Calls `body` with each example in file order. `path` `-` reads standard input.
    public mutating func forEach(_ body: (LabelledExample) throws -> Void) throws {
        var format = options.format
        if format == .auto {
            let lower = path.lowercased()
            if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") { format = .jsonl }
        }
        var sawContent = false
        var parser = JSONParser()
        try LineReader(path: path).forEachLine(policy: policy) { bytes, lineNumber in
            // Skip blank lines (only whitespace).
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0d }) else { return }
            let first = !sawContent
            sawContent = true
            if format == .auto {
                let firstByte = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0xef && $0 != 0xbb && $0 != 0xbf })
                format = firstByte == UInt8(ascii: "{") ? .jsonl : .tsv
            }
            let example: LabelledExample?
            do {
                if format == .jsonl {
                    example = try parseJSONLine(bytes, line: lineNumber, parser: &parser)
                } else {
                    example = try parseTSVLine(bytes, line: lineNumber, mayBeHeader: first)
                }
            } catch let error as InputError {
                try policy.handle(error)
                return
            }
            guard let example else { return }
            if options.dropNeutral && example.label == .neutral {
                droppedNeutralCount += 1
                return
            }
            try body(example)
        }
    }

    /// Reads the whole file.
    public mutating func readAll() throws -> [LabelledExample] {
        var examples: [LabelledExample] = []
        try forEach { examples.append($0) }
        return examples
    }

    /// Convenience: reads all examples of `path`.
    public static func read(path: String, options: Options = Options()) throws -> [LabelledExample] {
        var reader = LabelledCorpusReader(path: path, options: options)
        return try reader.readAll()
    }

    // MARK: - TSV

    private static let headerNames: Set<String> = ["label", "labels", "sentiment", "polarity", "score", "stars", "rating", "gold", "class"]

    private func parseTSVLine(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, mayBeHeader: Bool) throws -> LabelledExample? {
        var fields: [String] = []
        var fieldStart = 0
        for index in 0...bytes.count {
            if index == bytes.count || bytes[index] == 0x09 {
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<index]), as: UTF8.self))
                fieldStart = index + 1
            }
        }
        var labelField = fields[0].trimmingCharacters(in: .whitespaces)
        if labelField.hasPrefix("\u{FEFF}") { labelField.removeFirst() }
        if mayBeHeader && LabelledCorpusReader.headerNames.contains(labelField.lowercased()) { return nil }
        guard fields.count >= 2 else {
            throw InputError(file: path, line: line, message: "expected `label<TAB>text`, found no tab")
        }
        let text: String
        var domain: String?
        if let from = options.textFromColumn, from >= 1 {
            guard from < fields.count else {
                throw InputError(file: path, line: line, message: "expected at least \(from + 1) columns, found \(fields.count)")
            }
            text = LabelledCorpusReader.joinSentences(fields[from...])
            if from >= 2 { domain = fields[1..<from].joined(separator: "\t") }
        } else {
            text = fields[fields.count - 1]
            if fields.count >= 3 { domain = fields[1..<(fields.count - 1)].joined(separator: "\t") }
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw InputError(file: path, line: line, message: "empty text")
        }
        let (label, score) = try mapLabel(labelField, line: line)
        return LabelledExample(label: label, score: score, text: text, domain: domain, line: line)
    }

    /// Joins columns as sentences: "Great taste" + "I loved it" → "Great taste. I loved it".
    static func joinSentences(_ parts: ArraySlice<String>) -> String {
        var result = ""
        for part in parts {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            if !result.isEmpty {
                if let last = result.last, !".!?".contains(last) { result.append(".") }
                result.append(" ")
            }
            result.append(trimmed)
        }
        return result
    }

    // MARK: - JSONL

    private func parseJSONLine(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, parser: inout JSONParser) throws -> LabelledExample? {
        let value: JSONValue
        do {
            value = try parser.parse(bytes)
        } catch {
            throw InputError(file: path, line: line, message: "invalid JSON: \(error)")
        }
        guard case .object(let object) = value else {
            throw InputError(file: path, line: line, message: "expected a JSON object per line")
        }
        guard let text = object["text"]?.string else {
            throw InputError(file: path, line: line, message: "missing string field \"text\"")
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw InputError(file: path, line: line, message: "empty text")
        }
        let labelField: String
        switch object["label"] ?? object["score"] {
        case .string(let string)?:
            labelField = string
        case .number(let number)?:
            // As written for integers ("1", not "1.0"), so 0/1 flags and -1/0/1 labels map by name.
            labelField = Int(exactly: number).map(String.init) ?? "\(number)"
        case .bool(let flag)?:
            // true/false count as 1/0, the way a 0/1 label column reads them.
            labelField = flag ? "1" : "0"
        case nil:
            throw InputError(file: path, line: line, message: "missing field \"label\" (or \"score\")")
        default:
            throw InputError(file: path, line: line, message: "field \"label\" must be a string or a number")
        }
        let (label, score) = try mapLabel(labelField, line: line)
        return LabelledExample(label: label, score: score, text: text, domain: object["domain"]?.string, line: line)
    }

    // MARK: - Labels

    private func mapLabel(_ field: String, line: Int) throws -> (GoldLabel?, Double?) {
        let raw = field.trimmingCharacters(in: .whitespaces)
        let lower = raw.lowercased()
        let number = Double(raw).flatMap { $0.isFinite ? $0 : nil }
        func bad(_ expected: String) -> InputError {
            InputError(file: path, line: line, message: "bad label \"\(raw)\" (expected \(expected))")
        }
        let named: GoldLabel? = switch lower {
        case "negative", "neg": .negative
        case "neutral", "neu": .neutral
        case "positive", "pos": .positive
        default: nil
        }
        switch options.labelMapping {
        case .sentiment, .negativeVsRest, .ternaryNumeric:
            var label = named
            if label == nil, let number {
                switch number {
                case -1: label = .negative
                case 0: label = options.labelMapping == .ternaryNumeric ? .neutral : .negative
                case 1: label = .positive
                default: label = nil
                }
                if options.labelMapping != .sentiment && label == nil {
                    throw bad("-1/0/1 or negative/neutral/positive")
                }
                if label == nil { return (nil, number) }  // a numeric gold score
            }
            guard var result = label else {
                throw bad(options.labelMapping == .ternaryNumeric
                    ? "-1/0/1 or negative/neutral/positive"
                    : "0/1, -1, negative/neutral/positive, neg/neu/pos or a numeric score")
            }
            if options.labelMapping == .negativeVsRest, result != .negative { result = .notNegative }
            return (result, number)
        case .negativeFlag:
            switch lower {
            case "1", "1.0", "true", "yes", "negative", "neg": return (.negative, 1)
            case "0", "0.0", "false", "no": return (.notNegative, 0)
            default: throw bad("1/0, true/false or yes/no")
            }
        case let .stars(negativeAtMost, positiveAtLeast):
            guard let number else { throw bad("a numeric star rating") }
            if number <= negativeAtMost { return (.negative, number) }
            if number >= positiveAtLeast { return (.positive, number) }
            return (.neutral, number)
        case .score:
            guard let number else { throw bad("a numeric score") }
            return (nil, number)
        }
    }
}

/// The deterministic 50/50 split used by training and evaluation, so `temper train` and
/// `temper eval` never mix up the halves of a file that has no official split (e.g. UCI sentences).
///
/// Rule: take the 64-bit FNV-1a hash of the example text's UTF-8 bytes (exactly the text as read,
/// no normalization), pass it through the murmur3 `fmix64` finalizer, and compare the result, read
/// as a fraction of 2^64, with `trainFraction` (0.5): below → train, otherwise → test. Identical
/// texts always land in the same half, so duplicates cannot leak from train into test.
public enum HashSplit {
    public enum Half: String, Sendable, Codable { case train, test }

    public static func hash(of text: String) -> UInt64 {
        var copy = text
        let raw = copy.withUTF8 { FeatureHasher.fnv1a($0) }
        return FeatureHasher.mix(raw)
    }

    public static func half(of text: String, trainFraction: Double = 0.5) -> Half {
        let scaled = max(0, trainFraction) * 18_446_744_073_709_551_616.0
        let threshold = scaled >= 18_446_744_073_709_551_615.0 ? UInt64.max : UInt64(scaled)
        return hash(of: text) < threshold ? .train : .test
    }

    public static func isTrain(_ text: String, trainFraction: Double = 0.5) -> Bool {
        half(of: text, trainFraction: trainFraction) == .train
    }

    /// The examples of one half.
    static func select(_ examples: [LabelledExample], half: Half, trainFraction: Double = 0.5) -> [LabelledExample] {
        examples.filter { self.half(of: $0.text, trainFraction: trainFraction) == half }
    }
}
