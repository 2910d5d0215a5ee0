/// Segment-boundary precision and recall of `MessageAnatomy` against hand-marked segments.
///
/// A boundary is where a segment of a kind starts. It counts as found when the predicted
/// segments have a segment of the same kind starting at the same byte (`exact`) or on the same
/// line (`line`: a boundary inside the right line, such as a greeting cut one space off).
public struct AnatomyEvaluation: Sendable {
    public struct Counts: Sendable, Equatable {
        public var expected = 0
        public var predicted = 0
        public var matched = 0
        /// nil with nothing predicted (no claim made, so no precision to speak of).
        public var precision: Double? { predicted > 0 ? Double(matched) / Double(predicted) : nil }
        public var recall: Double? { expected > 0 ? Double(matched) / Double(expected) : nil }
    }

    public private(set) var exact: [SegmentKind: Counts] = [:]
    public private(set) var line: [SegmentKind: Counts] = [:]
    public private(set) var messages = 0
    /// Messages whose segments were all predicted exactly.
    public private(set) var exactMessages = 0

    public init() {}

    public mutating func add(text: String, expected: [MessageSegment], predicted: [MessageSegment]) {
        messages += 1
        if expected.count == predicted.count,
           zip(expected, predicted).allSatisfy({ $0.kind == $1.kind && $0.start == $1.start && $0.end == $1.end }) {
            exactMessages += 1
        }
        let utf8 = Array(text.utf8)
        func lineOf(_ offset: Int) -> Int {
            var line = 0
            for index in 0..<min(offset, utf8.count) where utf8[index] == 0x0A { line += 1 }
            return line
        }
        Self.count(expected.map { Boundary(kind: $0.kind, at: $0.start) }, predicted.map { Boundary(kind: $0.kind, at: $0.start) }, into: &exact)
        Self.count(expected.map { Boundary(kind: $0.kind, at: lineOf($0.start)) }, predicted.map { Boundary(kind: $0.kind, at: lineOf($0.start)) },
                   into: &line)
    }

    private struct Boundary: Hashable {
        var kind: SegmentKind
        var at: Int
    }

    private static func count(_ expected: [Boundary], _ predicted: [Boundary], into counts: inout [SegmentKind: Counts]) {
        let expectedSet = Set(expected)
        for boundary in Set(predicted) {
            counts[boundary.kind, default: Counts()].predicted += 1
            if expectedSet.contains(boundary) { counts[boundary.kind, default: Counts()].matched += 1 }
        }
        for boundary in expectedSet { counts[boundary.kind, default: Counts()].expected += 1 }
    }

    /// Every kind's counts summed (micro-averaged).
    public func total(_ table: [SegmentKind: Counts]) -> Counts {
        var total = Counts()
        for counts in table.values {
            total.expected += counts.expected
            total.predicted += counts.predicted
            total.matched += counts.matched
        }
        return total
    }

    /// A Markdown table: kind, expected boundaries, then exact and line-level precision / recall.
    public func markdownTable() -> String {
        func format(_ value: Double?) -> String {
            guard let value else { return "–" }
            let scaled = Int((value * 100).rounded())
            return "\(scaled / 100).\(scaled % 100 < 10 ? "0" : "")\(scaled % 100)"
        }
        var rows = ["| kind | boundaries | exact P | exact R | line P | line R |", "|---|---:|---:|---:|---:|---:|"]
        for kind in SegmentKind.allCases where exact[kind] != nil || line[kind] != nil {
            let e = exact[kind] ?? Counts(), l = line[kind] ?? Counts()
            rows.append("| \(kind) | \(e.expected) | \(format(e.precision)) | \(format(e.recall)) | \(format(l.precision)) | \(format(l.recall)) |")
        }
        let e = total(exact), l = total(line)
        rows.append("| all | \(e.expected) | \(format(e.precision)) | \(format(e.recall)) | \(format(l.precision)) | \(format(l.recall)) |")
        rows.append("")
        rows.append("\(exactMessages) of \(messages) messages split exactly as marked.")
        return rows.joined(separator: "\n")
    }
}
