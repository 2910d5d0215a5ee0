import TemperStore

/// Cuts a message's text into the runs a page shows, marking the runs that are evidence for a
/// reason. Evidence spans are UTF-8 byte offsets (what the assessor reports), so the text is
/// sliced by bytes, never by characters; every run is plain text for the template to escape.
enum EvidenceHighlighter {
    struct Run: Sendable, Equatable {
        var text: String
        /// Codes of the reasons whose evidence covers this run; empty for ordinary text.
        var codes: [String]
        var marked: Bool { !codes.isEmpty }
        var title: String { codes.map(Display.code).joined(separator: ", ") }
    }

    /// - Parameter reasons: the reasons with evidence in this message. Spans are clamped to the
    ///   text and widened to whole Unicode scalars, so an offset that falls inside a scalar
    ///   still marks it rather than splitting it into replacement characters; an empty span
    ///   marks nothing (the reason is still listed beside the conversation).
    static func runs(_ text: String, reasons: [StoredReason]) -> [Run] {
        let bytes = Array(text.utf8)
        var spans: [(start: Int, end: Int, code: String)] = []
        for reason in reasons {
            var start = min(max(reason.start, 0), bytes.count)
            var end = min(max(reason.end, 0), bytes.count)
            while start > 0, start < bytes.count, isContinuation(bytes[start]) { start -= 1 }
            while end < bytes.count, end > 0, isContinuation(bytes[end]) { end += 1 }
            if start < end { spans.append((start, end, reason.code)) }
        }
        guard !spans.isEmpty else { return bytes.isEmpty ? [] : [Run(text: text, codes: [])] }

        let cuts = Set(spans.flatMap { [$0.start, $0.end] } + [0, bytes.count]).sorted()
        var runs: [Run] = []
        for (from, to) in zip(cuts, cuts.dropFirst()) where from < to {
            var codes: [String] = []
            for span in spans where span.start <= from && to <= span.end && !codes.contains(span.code) {
                codes.append(span.code)
            }
            if var last = runs.last, last.codes == codes {
                last.text += String(decoding: bytes[from..<to], as: UTF8.self)
                runs[runs.count - 1] = last
            } else {
                runs.append(Run(text: String(decoding: bytes[from..<to], as: UTF8.self), codes: codes))
            }
        }
        return runs
    }

    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
