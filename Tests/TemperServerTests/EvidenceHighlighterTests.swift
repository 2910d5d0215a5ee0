@testable import TemperStore
import Testing
@testable import TemperServer
import TemperText

@Suite("Evidence marked in place")
struct EvidenceHighlighterTests {
    func reason(_ code: String, _ start: Int, _ end: Int) -> StoredReason {
        StoredReason(code: code, message: 0, evidence: "", start: start, end: end)
    }

    @Test("Spans are UTF-8 byte offsets: text after multi-byte characters is cut where the bytes say")
    func byteOffsets() {
        let text = "Café ☕️ — I will cancel my account"
        let start = text.utf8.count - "cancel my account".utf8.count
        let runs = EvidenceHighlighter.runs(text, reasons: [reason("churn_threat", start, text.utf8.count)])
        #expect(runs.map(\.text) == ["Café ☕️ — I will ", "cancel my account"])
        #expect(runs.map(\.marked) == [false, true])
        #expect(runs[1].title == "churn threat")
        #expect(runs.map(\.text).joined() == text)
    }

    @Test("Overlapping spans split into runs that name every reason covering them")
    func overlaps() {
        let runs = EvidenceHighlighter.runs("abcdefgh", reasons: [reason("anger", 1, 5), reason("insult", 3, 7)])
        #expect(runs.map(\.text) == ["a", "bc", "de", "fg", "h"])
        #expect(runs.map(\.codes) == [[], ["anger"], ["anger", "insult"], ["insult"], []])
    }

    @Test("Offsets inside a character widen to the whole character; out-of-range ones are clamped; empty ones mark nothing")
    func robustOffsets() {
        // "é" is two bytes (1...2): a span starting at its second byte still marks all of it.
        let runs = EvidenceHighlighter.runs("xéy", reasons: [reason("anger", 2, 3)])
        #expect(runs.map(\.text) == ["x", "é", "y"])
        #expect(EvidenceHighlighter.runs("short", reasons: [reason("anger", 3, 999)]).map(\.text) == ["sho", "rt"])
        #expect(EvidenceHighlighter.runs("short", reasons: [reason("anger", 4, 2), reason("x", -5, -1)]).map(\.marked) == [false])
        #expect(EvidenceHighlighter.runs("", reasons: [reason("anger", 0, 3)]).isEmpty)
    }

    @Test("Anatomy segments cut runs too: evidence in the body stays marked, the signature is its own muted run")
    func segmentsCutRuns() {
        let text = "I will cancel\n--\nOlivia"
        let segments = [MessageSegment(kind: .body, start: 0, end: 14), MessageSegment(kind: .signature, start: 14, end: text.utf8.count, rule: .signatureDelimiter)]
        let runs = EvidenceHighlighter.runs(text, reasons: [reason("churn_threat", 7, 13)], segments: segments)
        #expect(runs.map(\.text) == ["I will ", "cancel", "\n", "--\nOlivia"])
        #expect(runs.map(\.aside) == [nil, nil, nil, .signature])
        #expect(runs.map(\.marked) == [false, true, false, false])
        #expect(runs[3].asideTitle == "Signature: not read for sentiment or escalation cues")
        // Segments past the end of the text (a stale store row) are ignored, not trusted.
        #expect(EvidenceHighlighter.runs("short", reasons: [], segments: [MessageSegment(kind: .quoted, start: 2, end: 99)]).map(\.aside) == [nil])
    }

    @Test("Hostile text comes out as plain text runs, for the template to escape")
    func hostileText() {
        let text = "<script>alert(1)</script>"
        let runs = EvidenceHighlighter.runs(text, reasons: [reason("anger", 8, 16)])
        #expect(runs.map(\.text) == ["<script>", "alert(1)", "</script>"])
    }
}
