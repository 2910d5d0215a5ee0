import Foundation

/// One CSV field as RFC 4180 writes it, for every CSV Temper writes (scorecards, review exports).
public enum CSVField {
    /// Quotes when needed, and defuses spreadsheet formulas: text starting with `=`, `+`, `-`,
    /// `@`, tab or CR gets a leading apostrophe, since names and notes come from outside.
    public static func text(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
