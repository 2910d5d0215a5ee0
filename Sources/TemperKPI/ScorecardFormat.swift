import Foundation
import TemperIO

/// Output formats for a scorecard.
public enum ScorecardFormat: String, CaseIterable, Sendable {
    /// The versioned `temper.scorecard/v1` document, for tools.
    case json
    /// One row per group × KPI, for spreadsheets.
    case csv
    /// Tables per group, for tickets, wikis and chat.
    case markdown
    /// A single self-contained page to forward to managers.
    case html

    /// Accepts the raw names plus the common aliases `md` and `htm`.
    public init?(name: String) {
        switch name.lowercased() {
        case "json": self = .json
        case "csv": self = .csv
        case "markdown", "md": self = .markdown
        case "html", "htm": self = .html
        default: return nil
        }
    }
}

extension Scorecard {
    /// The scorecard in `format`, as UTF-8 text.
    public func rendered(as format: ScorecardFormat) throws -> String {
        switch format {
        case .json: return String(decoding: try jsonBytes(), as: UTF8.self)
        case .csv: return CSVRenderer.render(self)
        case .markdown: return MarkdownRenderer.render(self)
        case .html: return HTMLRenderer.render(self)
        }
    }

    /// Pretty-printed JSON with sorted keys, so equal scorecards are byte-identical: TemperIO's
    /// writer, byte for byte what `JSONEncoder` wrote before, without its tree of boxed values
    /// (≈ 50 MB for a 9 MB document).
    public func jsonData() throws -> Data {
        Data(try jsonBytes())
    }

    /// Text output takes the bytes as they are, without a `Data` copy of a many-MB document.
    func jsonBytes() throws -> [UInt8] {
        try JSONWriterEncoder(prettyPrinted: true).encode(self)
    }

    /// Reads a scorecard written by `jsonData()` or another `temper.scorecard/v1` producer, through
    /// TemperIO's reader like every other JSON input, so a bad document names its line and key path.
    public static func load(from data: Data, name: String) throws(InputError) -> Scorecard {
        let card: Scorecard
        do {
            card = try data.withUnsafeBytes { try JSONCursorDecoder().decode(Scorecard.self, from: $0) }
        } catch let error as JSONDecodingError {
            throw InputError(file: name, line: error.line, message: "not a valid scorecard: \(error)")
        } catch {
            throw InputError(file: name, message: "not a valid scorecard: \(error)")
        }
        guard card.schema == schemaIdentifier else {
            throw InputError(file: name, message: "unsupported schema '\(card.schema)' (expected '\(schemaIdentifier)')")
        }
        return card
    }
}
