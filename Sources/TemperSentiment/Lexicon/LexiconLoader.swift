import Foundation
import TemperIO
import TemperText

/// The formats a lexicon file can be in. Temper's own files carry a header; third-party ones are
/// recognised by shape or named with a prefix on the path (`afinn:my.txt`).
public enum LexiconFormat: String, Sendable, CaseIterable {
    /// Temper's valence format: header `term<TAB>valence`, valence on −4…+4.
    case valence
    /// Temper's modifier format: header `term<TAB>kind<TAB>weight`.
    case modifiers
    /// Headerless `word<TAB>score[<TAB>…]` as VADER-style lexicons ship (−4…+4; extra columns ignored).
    case vader
    /// Headerless `word<TAB>score` on AFINN's −5…+5 scale, rescaled to −4…+4.
    case afinn
    /// One word per line, all positive (given valence +2).
    case positive
    /// One word per line, all negative (given valence −2).
    case negative

    /// Valence given to words from plain positive/negative lists: a clear but unremarkable
    /// sentiment word ("good", "slow"), as the lists say nothing about strength.
    public static let wordListValence: Float = 2.0
    /// AFINN's scale runs to ±5; Temper's to ±4.
    public static let afinnScale: Float = 0.8
}

/// Where a lexicon comes from: a path and, optionally, its declared format.
public struct LexiconSpec: Sendable, Equatable {
    public var path: String
    public var format: LexiconFormat?

    public init(path: String, format: LexiconFormat? = nil) {
        self.path = path
        self.format = format
    }

    /// Parses `PATH` or `FORMAT:PATH` (e.g. `afinn:AFINN-111.txt`).
    public init(argument: String) {
        if let colon = argument.firstIndex(of: ":"), let format = LexiconFormat(rawValue: String(argument[..<colon])) {
            self.init(path: String(argument[argument.index(after: colon)...]), format: format)
        } else {
            self.init(path: argument)
        }
    }
}

public enum LexiconLoader {
    /// Temper's shipped lexicon files, in load order: later files override earlier ones.
    public static let defaultFiles = ["general.tsv", "domain.tsv", "idioms.tsv", "emoji.tsv", "emoticons.tsv", "modifiers.tsv"]

    /// Loads the shipped lexicons from `directory`, then each extra spec in order.
    public static func load(directory: String, extra: [LexiconSpec] = [], tokenizer: Tokenizer) throws -> Lexicon {
        var lexicon = Lexicon()
        for file in defaultFiles {
            try load(LexiconSpec(path: directory + "/" + file), into: &lexicon, tokenizer: tokenizer)
        }
        for spec in extra {
            try load(spec, into: &lexicon, tokenizer: tokenizer)
        }
        return lexicon
    }

    /// Loads one file into `lexicon`; its entries override existing ones.
    public static func load(_ spec: LexiconSpec, into lexicon: inout Lexicon, tokenizer: Tokenizer) throws {
        let contents: String
        do {
            contents = try String(contentsOfFile: spec.path, encoding: .utf8)
        } catch {
            throw InputError(file: spec.path, message: "cannot read lexicon file (missing, unreadable or not UTF-8)")
        }
        try parse(contents, name: spec.path, format: spec.format, into: &lexicon, tokenizer: tokenizer)
    }

    /// Parses lexicon text (as read from a file called `name`) into `lexicon`.
    public static func parse(_ contents: String, name: String, format declared: LexiconFormat? = nil, into lexicon: inout Lexicon, tokenizer: Tokenizer) throws {
        let spec = LexiconSpec(path: name, format: declared)
        let source = lexicon.addSource((name as NSString).lastPathComponent)
        // Rows as (line number, columns), without blank lines and comments ('#'; and ';' as in
        // Hu & Liu's word lists).
        var rows: [(Int, [String])] = []
        for (index, rawLine) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = trimmingBlanks(line)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            rows.append((index + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map { String(trimmingBlanks($0)) }))
        }
        guard let (firstLine, firstColumns) = rows.first else {
            throw InputError(file: spec.path, message: "no entries found")
        }
        var format = spec.format
        var dataRows = rows[...]
        if firstColumns.count >= 2, firstColumns[0] == "term", firstColumns[1] == "valence" {
            format = format ?? .valence
            dataRows = rows.dropFirst()
        } else if firstColumns.count >= 3, firstColumns[0] == "term", firstColumns[1] == "kind", firstColumns[2] == "weight" {
            format = format ?? .modifiers
            dataRows = rows.dropFirst()
        } else if format == .valence || format == .modifiers {
            throw InputError(file: spec.path, line: firstLine, message: "expected the header 'term<TAB>valence' or 'term<TAB>kind<TAB>weight'")
        }
        let resolved = try format ?? guessFormat(rows: dataRows, file: spec.path)
        guard !dataRows.isEmpty else { throw InputError(file: spec.path, message: "no entries found") }
        for (lineNumber, columns) in dataRows {
            try addEntry(columns, format: resolved, source: source, file: spec.path, line: lineNumber, to: &lexicon, tokenizer: tokenizer)
        }
        lexicon.compile()
    }

    /// `text` without leading and trailing tabs and spaces (Unicode's space separators, as
    /// Foundation's `.whitespaces`): Foundation's trimming bridges every field through NSString,
    /// which was most of the start-up time of a `temper score` run.
    static func trimmingBlanks(_ text: Substring) -> Substring {
        func isBlank(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }), let last = scalars.lastIndex(where: { !isBlank($0) }) else {
            return text[text.endIndex...]
        }
        return Substring(scalars[first...last])
    }

    /// Recognises third-party files by shape: `word<TAB>score` rows are VADER-style, or AFINN when
    /// every score is an integer within −5…+5 and some reach ±5; a one-word-per-line list takes
    /// its polarity from its file name.
    private static func guessFormat(rows: ArraySlice<(Int, [String])>, file: String) throws -> LexiconFormat {
        guard let (line, columns) = rows.first else { throw InputError(file: file, message: "no entries found") }
        if columns.count >= 2, Float(columns[1]) != nil {
            let scores = rows.compactMap { $0.1.count >= 2 ? Float($0.1[1]) : nil }
            let integral = scores.allSatisfy { $0 == $0.rounded() && abs($0) <= 5 }
            return integral && scores.contains { abs($0) == 5 } ? .afinn : .vader
        }
        if columns.count == 1 {
            let base = (file as NSString).lastPathComponent.lowercased()
            if base.contains("negative") { return .negative }
            if base.contains("positive") { return .positive }
            throw InputError(file: file, line: line, message: "a one-word-per-line list: say whether it is positive or negative with 'positive:\(file)' or 'negative:\(file)'")
        }
        throw InputError(file: file, line: line, message: "unrecognised lexicon format: expected a header 'term<TAB>valence' or 'word<TAB>score' rows")
    }

    private static func addEntry(_ columns: [String], format: LexiconFormat, source: UInt16, file: String, line: Int,
                                 to lexicon: inout Lexicon, tokenizer: Tokenizer) throws {
        func fail(_ message: String) -> InputError { InputError(file: file, line: line, message: message) }
        let term = columns[0]
        guard !term.isEmpty else { throw fail("empty term") }
        var valence: Float?
        var modifier: ModifierKind?
        var weight: Float = 0
        switch format {
        case .valence, .vader, .afinn:
            guard columns.count >= 2 else { throw fail("expected 2 columns (term, valence), found 1") }
            if format == .valence, columns.count > 2 { throw fail("expected 2 columns (term, valence), found \(columns.count)") }
            guard let value = Float(columns[1]), value.isFinite else { throw fail("valence '\(columns[1])' is not a number") }
            let scaled = format == .afinn ? value * LexiconFormat.afinnScale : value
            guard (-4.0...4.0).contains(scaled) else { throw fail("valence \(columns[1]) is outside −4…+4") }
            valence = scaled
        case .modifiers:
            guard columns.count == 3 else { throw fail("expected 3 columns (term, kind, weight), found \(columns.count)") }
            guard let kind = ModifierKind(name: columns[1]) else {
                throw fail("unknown modifier kind '\(columns[1])' (expected intensifier, dampener, negator or contrast)")
            }
            guard let value = Float(columns[2]), value.isFinite else { throw fail("weight '\(columns[2])' is not a number") }
            modifier = kind
            weight = value
        case .positive, .negative:
            guard columns.count == 1 else { throw fail("expected one word per line") }
            valence = format == .positive ? LexiconFormat.wordListValence : -LexiconFormat.wordListValence
        }
        let tokenized = tokenizer.tokenize(term)
        guard !tokenized.tokens.isEmpty else { throw fail("term '\(term)' has no tokens") }
        let hashes = tokenized.tokens.indices.map { tokenized.hash(ofToken: $0) }
        let text = tokenized.tokens.map { tokenized.normalizedText(of: $0) }.joined(separator: " ")
        lexicon.set(hashes: hashes, text: text, valence: valence, modifier: modifier, weight: weight, source: source)
    }
}
