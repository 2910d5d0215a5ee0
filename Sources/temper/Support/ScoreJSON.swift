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
        append(id: id, result: result, closing: "}}", to: &line)
    }

    /// The object with an empty `"drivers"` member (`score --drivers` on a message without
    /// drivers, most support messages): the same bytes as `append(id:result:to:)` and then
    /// `appendDrivers` of no drivers, but written with the rest of the line, without
    /// `appendDrivers`' own buffer and two more appends to the line.
    static func appendWithoutDrivers(id: MessageID, result: SentimentResult, to line: inout [UInt8]) {
        append(id: id, result: result, closing: #"},"drivers":[]}"#, to: &line)
    }

    /// `closing` ends the probabilities' object and the message's (with what comes between).
    @inline(__always)
    private static func append(id: MessageID, result: SentimentResult, closing: StaticString, to line: inout [UInt8]) {
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
            out.append(closing)
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
    /// bytes plus four scores of at most 25 (sign, 19 integer digits, point, 4 decimals), and an
    /// empty drivers member; every write is still checked.
    struct StackLine {
        static let capacity = 256
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            precondition(count < buffer.count, "score line longer than its buffer")
            buffer[count] = byte
            count += 1
        }

        /// A literal in one copy (byte by byte it was a check and a store per byte).
        @inline(__always)
        mutating func append(_ text: StaticString) {
            text.withUTF8Buffer { append($0) }
        }

        @inline(__always)
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            precondition(bytes.count <= buffer.count - count, "score line longer than its buffer")
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
            (buffer.baseAddress! + count).update(from: source, count: bytes.count)
            count += bytes.count
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
    ///
    /// Assembled on the stack and appended to `line` in one copy (some twenty small appends per
    /// driver, each checking the array, were a third of what `--drivers` adds). An id or evidence
    /// that needs escaping or does not fit goes through `JSONWriter.appendString`, so the bytes
    /// are the same either way.
    /// `ids` are the taxonomy's driver ids, encoded once for the run.
    static func appendDrivers(_ drivers: MessageDrivers, ids: DriverIDs, to line: inout [UInt8]) {
        drivers.withView { appendDrivers($0, ids: ids, to: &line) }
    }

    /// The same member from the scorer's view of the drivers (`MessageScorer.run(…,
    /// formatWithDrivers:…)`): no `MessageDrivers` is made.
    static func appendDrivers(_ drivers: MessageDriversView, ids: DriverIDs, to line: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: StackLine.driversCapacity) { buffer in
            var out = StackLine(buffer: buffer)
            out.append(#","drivers":["#)
            for position in 0..<drivers.count {
                out.makeRoom(StackLine.driverFixedBytes, flushingInto: &line)
                out.append(position == 0 ? #"{"id":"# : #",{"id":"#)
                ids.withEncoded(drivers.driver(at: position)) { id in
                    if id.count + StackLine.driverFixedBytes <= buffer.count {
                        out.makeRoom(id.count, flushingInto: &line)
                        out.append(id)
                    } else {
                        out.flush(into: &line)
                        line.append(contentsOf: id)
                    }
                }
                out.makeRoom(StackLine.driverFixedBytes, flushingInto: &line)
                switch drivers.polarity(at: position) {
                case .negative: out.append(#","polarity":"negative","evidence":"#)
                case .neutral: out.append(#","polarity":"neutral","evidence":"#)
                case .positive: out.append(#","polarity":"positive","evidence":"#)
                }
                // Straight from the message's bytes (malformed UTF-8 written as U+FFFD, as a String would).
                let evidence = drivers.evidence(at: position)
                if !out.appendPlainString(evidence, flushingInto: &line) {
                    out.flush(into: &line)
                    JSONWriter.appendString(evidence, to: &line)
                }
                out.makeRoom(StackLine.driverFixedBytes, flushingInto: &line)
                let range = drivers.byteRange(at: position)
                out.append(#","start":"#)
                out.appendOffset(range.lowerBound)
                out.append(#","end":"#)
                out.appendOffset(range.upperBound)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
            out.flush(into: &line)
        }
    }
}

extension ScoreJSON {
    /// A taxonomy's driver ids as the drivers member writes them — JSON strings, quoted and
    /// escaped by `JSONWriter.appendString` — encoded once per run instead of once per hit.
    struct DriverIDs: Sendable {
        private let bytes: [UInt8]
        private let bounds: [Range<Int>]

        init(_ ids: [String]) {
            var bytes: [UInt8] = []
            var bounds: [Range<Int>] = []
            for id in ids {
                let start = bytes.count
                JSONWriter.appendString(id, to: &bytes)
                bounds.append(start..<bytes.count)
            }
            self.bytes = bytes
            self.bounds = bounds
        }

        /// Calls `body` with the JSON string of driver `driver` (an index into the ids).
        @inline(__always)
        func withEncoded<Result>(_ driver: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            let range = bounds[driver]
            return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
    }
}

extension ScoreJSON.StackLine {
    /// The drivers member's buffer: a few drivers with their evidence fit; more is flushed.
    static let driversCapacity = 1024
    /// Room for any fixed part of one driver's record: the longest literal (35 bytes), or the
    /// two offsets with their keys and the closing brace (at most 55).
    static let driverFixedBytes = 64

    /// Moves what is written into `line`, emptying the buffer.
    @inline(__always)
    mutating func flush(into line: inout [UInt8]) {
        line.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        count = 0
    }

    /// Flushes first unless `bytes` more fit.
    @inline(__always)
    mutating func makeRoom(_ bytes: Int, flushingInto line: inout [UInt8]) {
        if count + bytes > buffer.count { flush(into: &line) }
    }

    /// Writes `text` quoted when it is JSON string content as it stands (printable ASCII other
    /// than `"` and `\`) and fits, flushing first if it must; false, writing nothing, when not.
    mutating func appendPlainString(_ text: UnsafeBufferPointer<UInt8>, flushingInto line: inout [UInt8]) -> Bool {
        guard text.count + Self.driverFixedBytes <= buffer.count, Self.isPlainJSONStringContent(text) else { return false }
        makeRoom(text.count + 2, flushingInto: &line)
        append(UInt8(ascii: "\""))
        append(text)
        append(UInt8(ascii: "\""))
        return true
    }

    /// Every byte is printable ASCII other than `"` and `\`: what a JSON string holds unescaped,
    /// and what `JSONWriter.appendString` would copy as it is. Eight bytes at a time.
    static func isPlainJSONStringContent(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= text.count {
            if !isPlain(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) { return false }
            offset += 8
        }
        while offset < text.count {
            let byte = text[offset]
            if byte < 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            offset += 1
        }
        return true
    }

    /// Eight bytes, none of them below 0x20, at or above 0x7F, `"` or `\` (bit tricks: a byte
    /// below `n` sets its high bit in `word - n·0x01…01` while its own high bit is clear).
    @inline(__always)
    static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        if word & highs != 0 { return false }  // non-ASCII
        if (word &- ones &* 0x20) & ~word & highs != 0 { return false }  // a control character
        return !hasZeroByte(word ^ (ones &* 0x7F)) && !hasZeroByte(word ^ (ones &* 0x22)) && !hasZeroByte(word ^ (ones &* 0x5C))
    }

    /// A byte offset (never negative) in decimal.
    @inline(__always)
    mutating func appendOffset(_ value: Int) {
        precondition(value >= 0, "negative byte offset")
        appendDecimal(value)
    }
}
