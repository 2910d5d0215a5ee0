import TemperIO
import TemperSentiment
import TemperText

/// Writes the `temper score` object for one message:
/// `{"id": …, "label": …, "compound": …, "probabilities": {…}}`, plus `"explanation"` on request.
enum ScoreJSON {
    static let decimals = 4

    /// `id` is written as given: raw JSON bytes (a string or number from the input) or an integer.
    static func append(id: ScoreID, result: SentimentResult, to line: inout [UInt8]) {
        line.append(contentsOf: #"{"id":"#.utf8)
        switch id {
        case .line(let number): JSONWriter.appendInt(number, to: &line)
        case .json(let value): value.serialized(into: &line)
        }
        line.append(contentsOf: #","label":""#.utf8)
        line.append(contentsOf: result.label.description.utf8)
        line.append(contentsOf: #"","compound":"#.utf8)
        appendScore(result.compound, to: &line)
        line.append(contentsOf: #","probabilities":{"negative":"#.utf8)
        appendScore(result.negative, to: &line)
        line.append(contentsOf: #","neutral":"#.utf8)
        appendScore(result.neutral, to: &line)
        line.append(contentsOf: #","positive":"#.utf8)
        appendScore(result.positive, to: &line)
        line.append(contentsOf: "}}".utf8)
    }

    /// A score in [−1, 1] with exactly four decimals (`-0.6063`, `1.0000`), rounded half away from
    /// zero. Written digit by digit: the general `JSONWriter.appendNumber(_:decimals:)` rounds any
    /// Double exactly, which this hot path does not need for Float scores of known range.
    @inline(__always)
    static func appendScore(_ value: Float, to line: inout [UInt8]) {
        guard value.isFinite else {
            JSONWriter.appendNull(to: &line)
            return
        }
        let scaled = Int((Double(value.magnitude) * 10_000).rounded())
        if value < 0 && scaled != 0 { line.append(UInt8(ascii: "-")) }
        JSONWriter.appendInt(scaled / 10_000, to: &line)
        let fraction = scaled % 10_000
        line.append(UInt8(ascii: "."))
        line.append(UInt8(ascii: "0") + UInt8(fraction / 1000))
        line.append(UInt8(ascii: "0") + UInt8(fraction / 100 % 10))
        line.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        line.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// The `"explanation"` member: which terms and rules moved the score, with offsets into the
    /// original text, and what each part of the ensemble said.
    static func appendExplanation(result: SentimentResult, analyzer: SentimentAnalyzer, to line: inout [UInt8]) {
        let text = analyzer.text
        let contributions = analyzer.engine.contributions
        line.append(contentsOf: #","explanation":{"lexicon_compound":"#.utf8)
        JSONWriter.appendNumber(Double(result.lexicon.compound), to: &line, decimals: decimals)
        line.append(contentsOf: #","ngram_logit":"#.utf8)
        JSONWriter.appendNumber(Double(result.ngramLogit), to: &line, decimals: decimals)
        line.append(contentsOf: #","rules":["#.utf8)
        appendNames(result.lexicon.rules.names, to: &line)
        line.append(contentsOf: #"],"terms":["#.utf8)
        for (index, contribution) in contributions.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            let first = text.tokens[contribution.tokens.lowerBound]
            let last = text.tokens[contribution.tokens.upperBound - 1]
            line.append(contentsOf: #"{"term":"#.utf8)
            JSONWriter.appendString(analyzer.engine.termText(contribution, in: text), to: &line)
            line.append(contentsOf: #","text":"#.utf8)
            text.source.withUnsafeBufferPointer { source in
                JSONWriter.appendString(UnsafeBufferPointer(rebasing: source[Int(first.start)..<Int(last.end)]), to: &line)
            }
            line.append(contentsOf: #","start":"#.utf8)
            JSONWriter.appendInt(Int(first.start), to: &line)
            line.append(contentsOf: #","end":"#.utf8)
            JSONWriter.appendInt(Int(last.end), to: &line)
            line.append(contentsOf: #","valence":"#.utf8)
            JSONWriter.appendNumber(Double(contribution.baseValence), to: &line, decimals: 3)
            line.append(contentsOf: #","contribution":"#.utf8)
            JSONWriter.appendNumber(Double(contribution.valence), to: &line, decimals: 3)
            line.append(contentsOf: #","rules":["#.utf8)
            appendNames(contribution.rules.names, to: &line)
            line.append(contentsOf: "]}".utf8)
        }
        line.append(contentsOf: "]}".utf8)
    }

    private static func appendNames(_ names: [String], to line: inout [UInt8]) {
        for (index, name) in names.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(name, to: &line)
        }
    }
}

/// A record's id in the output: its line number, or the input's own id value.
enum ScoreID {
    case line(Int)
    case json(JSONValue)
}
