import Foundation
import TemperIO

/// ISO-8601 timestamps as `Date`s for the KPI model: the shared byte-level reader and writer
/// (`TemperIO.ISO8601`) with Foundation's date type at the edge.
public enum ISO8601Timestamp {
    public static func parse(_ text: String) -> Date? {
        ISO8601.parse(text).map(Date.init(timeIntervalSince1970:))
    }

    /// Parses exactly the bytes given (no surrounding whitespace allowed).
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Date? {
        ISO8601.parse(bytes).map(Date.init(timeIntervalSince1970:))
    }

    /// UTC, with milliseconds only when they are not zero, e.g. `2024-03-04T09:12:00Z`.
    public static func format(_ date: Date) -> String {
        ISO8601.format(date.timeIntervalSince1970)
    }

    static func pad(_ value: Int, _ width: Int) -> String { ISO8601.pad(value, width) }
}
