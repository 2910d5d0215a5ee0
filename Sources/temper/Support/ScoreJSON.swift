import TemperIO
import TemperPipeline
import TemperSentiment
import TemperText

/// Writes the `temper score` object for one message:
/// `{"id": …, "label": …, "compound": …, "probabilities": {…}}`, plus `"explanation"` on request.
enum ScoreJSON {
    static let decimals = 4

    /// `id` is written as given: raw JSON bytes (a string or number from the input) or an integer.
    static func append(id: MessageID, result: SentimentResult, to line: inout [UInt8]) {
        line.append(contentsOf: #"{"id":"#.utf8)
        switch id {
        case .line(let number): JSONWriter.appendInt(number, to: &line)
        case .json(let value): value.serialized(into: &line)
        }
        // The rest is short and bounded (`StackLine.capacity`): assembled on the stack and
        // appended once, instead of some thirty small appends that each check the array.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: StackLine.capacity) { buffer in
            var out = StackLine(buffer: buffer)
            out.append(#","label":""#)
            for byte in result.label.description.utf8 { out.append(byte) }
            out.append(#"","compound":"#)
            appendScore(result.compound, to: &out)
            out.append(#","probabilities":{"negative":"#)
            appendScore(result.negative, to: &out)
            out.append(#","neutral":"#)
            appendScore(result.neutral, to: &out)
            out.append(#","positive":"#)
            appendScore(result.positive, to: &out)
            out.append("}}")
            line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<out.count]))
        }
    }

    /// A score in [−1, 1] with exactly four decimals (`-0.6063`, `1.0000`), rounded half away from
    /// zero. Written digit by digit: the general `JSONWriter.appendNumber(_:decimals:)` rounds any
    /// Double exactly, which this hot path does not need for Float scores of known range.
    @inline(__always)
    private static func appendScore(_ value: Float, to out: inout StackLine) {
        guard value.isFinite else {
            out.append("null")
            return
        }
        let scaled = Int((Double(value.magnitude) * 10_000).rounded())
        if value < 0 && scaled != 0 { out.append(UInt8(ascii: "-")) }
        out.appendDecimal(scaled / 10_000)
        let fraction = scaled % 10_000
        out.append(UInt8(ascii: "."))
        out.append(UInt8(ascii: "0") + UInt8(fraction / 1000))
        out.append(UInt8(ascii: "0") + UInt8(fraction / 100 % 10))
        out.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        out.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// A small write cursor over stack memory. 256 bytes hold the longest possible tail: 86 fixed
    /// bytes plus four scores of at most 25 (sign, 19 integer digits, point, 4 decimals); every
    /// write is still checked.
    private struct StackLine {
        static let capacity = 256
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            precondition(count < buffer.count, "score line longer than its buffer")
            buffer[count] = byte
            count += 1
        }

        @inline(__always)
        mutating func append(_ text: StaticString) {
            text.withUTF8Buffer { for byte in $0 { append(byte) } }
        }

        /// A non-negative integer in decimal.
        mutating func appendDecimal(_ value: Int) {
            if value < 10 {
                append(UInt8(ascii: "0") + UInt8(value))
                return
            }
            appendDecimal(value / 10)
            append(UInt8(ascii: "0") + UInt8(value % 10))
        }
    }

    /// The `"explanation"` member, when the result carries one (`analyze(_:explain: true)`): which
    /// terms and rules moved the score, with byte offsets into the original text, and what each
    /// part of the ensemble said.
    static func appendExplanation(result: SentimentResult, to line: inout [UInt8]) {
        guard let explanation = result.explanation else { return }
        line.append(contentsOf: #","explanation":{"lexicon_compound":"#.utf8)
        JSONWriter.appendNumber(Double(explanation.lexiconCompound), to: &line, decimals: decimals)
        line.append(contentsOf: #","ngram_logit":"#.utf8)
        JSONWriter.appendNumber(Double(explanation.ngramLogit), to: &line, decimals: decimals)
        line.append(contentsOf: #","rules":["#.utf8)
        appendNames(explanation.rules.names, to: &line)
        line.append(contentsOf: #"],"terms":["#.utf8)
        for (index, term) in explanation.terms.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            line.append(contentsOf: #"{"term":"#.utf8)
            JSONWriter.appendString(term.term, to: &line)
            line.append(contentsOf: #","text":"#.utf8)
            JSONWriter.appendString(term.text, to: &line)
            line.append(contentsOf: #","start":"#.utf8)
            JSONWriter.appendInt(term.byteRange.lowerBound, to: &line)
            line.append(contentsOf: #","end":"#.utf8)
            JSONWriter.appendInt(term.byteRange.upperBound, to: &line)
            line.append(contentsOf: #","valence":"#.utf8)
            JSONWriter.appendNumber(Double(term.baseValence), to: &line, decimals: 3)
            line.append(contentsOf: #","contribution":"#.utf8)
            JSONWriter.appendNumber(Double(term.valence), to: &line, decimals: 3)
            line.append(contentsOf: #","rules":["#.utf8)
            appendNames(term.rules.names, to: &line)
            line.append(contentsOf: "]}".utf8)
        }
        line.append(contentsOf: "]}".utf8)
    }

    /// The `"excluded"` member: what anatomy left out of the score, as
    /// `[{"kind","start","end"}]` with byte offsets into the original text. Nothing for a
    /// message that is all body, so such lines stay as they were.
    static func appendExcluded(_ excluded: [MessageSegment], to line: inout [UInt8]) {
        guard !excluded.isEmpty else { return }
        line.append(contentsOf: #","excluded":"#.utf8)
        JSONWriter.appendArray(excluded, to: &line) { segment, line in
            appendSegmentOpening(segment, to: &line)
            line.append(UInt8(ascii: "}"))
        }
    }

    /// `{"kind":…,"start":…,"end":…` of an anatomy segment, left open for more members (the
    /// one shape `score --explain` and `normalize --anatomy` share).
    static func appendSegmentOpening(_ segment: MessageSegment, to line: inout [UInt8]) {
        line.append(contentsOf: #"{"kind":""#.utf8)
        line.append(contentsOf: segment.kind.description.utf8)
        line.append(contentsOf: #"","start":"#.utf8)
        JSONWriter.appendInt(segment.start, to: &line)
        line.append(contentsOf: #","end":"#.utf8)
        JSONWriter.appendInt(segment.end, to: &line)
    }

    private static func appendNames(_ names: [String], to line: inout [UInt8]) {
        for (index, name) in names.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(name, to: &line)
        }
    }
}

extension ScoreJSON {
    /// `"drivers":[{"id","polarity","evidence","start","end"},…]`, a member appended inside an
    /// open object (the caller has removed its closing brace).
    static func appendDrivers(_ drivers: MessageDrivers, to line: inout [UInt8]) {
        appendLiteral(#","drivers":"#, to: &line)
        JSONWriter.appendArray(drivers.indices, to: &line) { position, line in
            appendLiteral(#"{"id":"#, to: &line)
            JSONWriter.appendString(drivers.id(at: position), to: &line)
            switch drivers.polarity(at: position) {
            case .negative: appendLiteral(#","polarity":"negative","evidence":"#, to: &line)
            case .neutral: appendLiteral(#","polarity":"neutral","evidence":"#, to: &line)
            case .positive: appendLiteral(#","polarity":"positive","evidence":"#, to: &line)
            }
            // Straight from the message's bytes (malformed UTF-8 written as U+FFFD, as a String would).
            drivers.withEvidence(at: position) { JSONWriter.appendString($0, to: &line) }
            let range = drivers.byteRange(at: position)
            appendLiteral(#","start":"#, to: &line)
            JSONWriter.appendInt(range.lowerBound, to: &line)
            appendLiteral(#","end":"#, to: &line)
            JSONWriter.appendInt(range.upperBound, to: &line)
            line.append(UInt8(ascii: "}"))
        }
    }

    /// A literal's bytes in one copy (appending a `String`'s UTF-8 view goes element by element).
    @inline(__always)
    private static func appendLiteral(_ text: StaticString, to line: inout [UInt8]) {
        text.withUTF8Buffer { line.append(contentsOf: $0) }
    }
}
