import TemperStore
import TemperText

/// Cuts a message's text into the runs a page shows, marking the runs that are evidence for a
/// reason and the runs that are not the writer's current words (a signature, a quoted reply, an
/// agent's template: `MessageAnatomy`). Evidence spans and segments are UTF-8 byte offsets (what
/// the assessor and the anatomy report), so the text is sliced by bytes, never by characters;
/// every run is plain text for the template to escape.
enum EvidenceHighlighter {
    struct Run: Sendable, Equatable {
        var text: String
        /// Codes of the reasons whose evidence covers this run; empty for ordinary text.
        var codes: [String]
        /// The segment kind when the run is not body (greeting, closing, signature, quoted,
        /// boilerplate, macro): shown muted, because sentiment and cues did not read it.
        var aside: SegmentKind? = nil
        var marked: Bool { !codes.isEmpty }
        var title: String { codes.map(Display.code).joined(separator: ", ") }
        var isAside: Bool { aside != nil }
        var asideTitle: String {
            guard let aside else { return "" }
            return "\(Display.segment(aside)): not read for sentiment or escalation cues"
        }
    }

    /// - Parameter reasons: the reasons with evidence in this message. Spans are clamped to the
    ///   text and widened to whole Unicode scalars, so an offset that falls inside a scalar
    ///   still marks it rather than splitting it into replacement characters; an empty span
    ///   marks nothing (the reason is still listed beside the conversation).
    ///   `segments` are the message's anatomy (empty: all body); a cut is made wherever a
    ///   segment of another kind starts, so evidence never spills into a signature's run.
    static func runs(_ text: String, reasons: [StoredReason], segments: [MessageSegment] = []) -> [Run] {
        let bytes = Array(text.utf8)
        var spans: [(start: Int, end: Int, code: String)] = []
        for reason in reasons {
            var start = min(max(reason.start, 0), bytes.count)
            var end = min(max(reason.end, 0), bytes.count)
            while start > 0, start < bytes.count, isContinuation(bytes[start]) { start -= 1 }
            while end < bytes.count, end > 0, isContinuation(bytes[end]) { end += 1 }
            if start < end { spans.append((start, end, reason.code)) }
        }
        let asides = segments.filter { $0.kind != .body && $0.start < $0.end && $0.end <= bytes.count }
        guard !spans.isEmpty || !asides.isEmpty else { return bytes.isEmpty ? [] : [Run(text: text, codes: [])] }

        let bounds = spans.flatMap { [$0.start, $0.end] } + asides.flatMap { [$0.start, $0.end] }
        let cuts = Set(bounds + [0, bytes.count]).sorted()
        var runs: [Run] = []
        for (from, to) in zip(cuts, cuts.dropFirst()) where from < to {
            var codes: [String] = []
            for span in spans where span.start <= from && to <= span.end && !codes.contains(span.code) {
                codes.append(span.code)
            }
            let aside = asides.first { $0.start <= from && to <= $0.end }?.kind
            if var last = runs.last, last.codes == codes, last.aside == aside {
                last.text += String(decoding: bytes[from..<to], as: UTF8.self)
                runs[runs.count - 1] = last
            } else {
                runs.append(Run(text: String(decoding: bytes[from..<to], as: UTF8.self), codes: codes, aside: aside))
            }
        }
        return runs
    }

    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
