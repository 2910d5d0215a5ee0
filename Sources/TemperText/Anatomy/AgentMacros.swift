/// agentMacro: lines an agent repeats across their messages in one conversation — a template
/// ("Your ticket number is 4471. Our team will get back to you within 24 hours.") — which say
/// nothing new about this conversation. A line counts when it appears, digits aside, in at least
/// `minimumMessages` of the messages given, and is long enough to be a sentence rather than a
/// "Thanks!" (greetings and closings have rules of their own).
///
/// ```swift
/// let segments = AgentMacros.segments(of: agentTexts)   // one segment list per text
/// ```
public enum AgentMacros {
    public static let minimumMessages = 2
    /// Shorter lines ("Hi Olivia,", "Best,") repeat by nature, not by template.
    public static let minimumLineBytes = 24

    /// Each text's anatomy segments, with repeated template lines typed `.macro`.
    public static func segments(of texts: [String]) -> [[MessageSegment]] {
        var anatomy = MessageAnatomy()
        let bytes = texts.map { Array($0.utf8) }
        // Line key → the messages it appears in.
        var seen: [[UInt8]: Set<Int>] = [:]
        var linesOf: [[(range: Range<Int>, key: [UInt8])]] = []
        for (index, text) in bytes.enumerated() {
            var lines: [(Range<Int>, [UInt8])] = []
            var start = 0
            while start < text.count {
                var end = start
                while end < text.count, text[end] != 0x0A { end += 1 }
                let next = end < text.count ? end + 1 : end
                var key: [UInt8] = []
                for byte in text[start..<end] where !AnatomyBytes.isSpace(byte) {
                    key.append(AnatomyBytes.isDigit(byte) ? UInt8(ascii: "0") : AnatomyBytes.lower(byte))
                }
                if key.count >= minimumLineBytes {
                    seen[key, default: []].insert(index)
                    lines.append((start..<next, key))
                }
                start = next
            }
            linesOf.append(lines)
        }
        return bytes.enumerated().map { index, text in
            var segments = text.withUnsafeBufferPointer { buffer in
                var result: [MessageSegment] = []
                anatomy.parse(buffer, into: &result)
                return result
            }
            for line in linesOf[index] where (seen[line.key]?.count ?? 0) >= minimumMessages {
                segments = overriding(segments, with: line.range)
            }
            return segments
        }
    }

    /// `segments` with `range` typed `.macro` (neighbouring macro lines merge).
    static func overriding(_ segments: [MessageSegment], with range: Range<Int>) -> [MessageSegment] {
        var result: [MessageSegment] = []
        func add(_ segment: MessageSegment) {
            guard segment.start < segment.end else { return }
            if let last = result.last, last.kind == segment.kind, last.end == segment.start {
                result[result.count - 1].end = segment.end
            } else {
                result.append(segment)
            }
        }
        var placed = false
        for segment in segments {
            if segment.end <= range.lowerBound || segment.start >= range.upperBound {
                if !placed, segment.start >= range.upperBound {
                    add(MessageSegment(kind: .macro, start: range.lowerBound, end: range.upperBound, rule: .agentMacro))
                    placed = true
                }
                add(segment)
                continue
            }
            add(MessageSegment(kind: segment.kind, start: segment.start, end: range.lowerBound, rule: segment.rule))
            if !placed {
                add(MessageSegment(kind: .macro, start: range.lowerBound, end: range.upperBound, rule: .agentMacro))
                placed = true
            }
            add(MessageSegment(kind: segment.kind, start: range.upperBound, end: segment.end, rule: segment.rule))
        }
        if !placed { add(MessageSegment(kind: .macro, start: range.lowerBound, end: range.upperBound, rule: .agentMacro)) }
        return result
    }
}
