import ArgumentParser
import TemperIO
import TemperText

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Normalize customer text and show its tokens.",
        discussion: """
        Each input line is one message. The output has one line per input line, in order: the \
        message after NFKC normalization with case folding, with controls and zero-width \
        characters removed, whitespace collapsed, elongations cut to two letters ("sooooo" → \
        "soo") and contractions in one spelling ("cant", "can’t" → "can't").

        With --tokens each output line is a JSON object listing the tokens: type (word, number, \
        emoji, emoticon, url, email, mention, hashtag, punctuation, symbol, phone, card), the \
        original text, the normalized form, UTF-8 byte offsets (start, end) and Unicode scalar \
        offsets (char_start, char_end) into the ORIGINAL line, and flags (all_caps, elongated, \
        repeated, contraction, masked, replaced_bytes).

        Invalid UTF-8 never stops the run: bad bytes read as U+FFFD, and each affected line is \
        reported on standard error with its count. A line longer than --max-line-bytes is not \
        read: it is reported as a warning and written as an empty line (text) or as \
        {"line": N, "error": "…"} (jsonl, --tokens), so output lines still match input lines.

        With --anatomy each input line is one message — a JSON object's --text-field (default \
        "text") when the line starts with "{", so messages can hold line breaks, else the line \
        itself — and each output line lists its segments, in order, covering the message:
          {"line": N, "segments": [{"kind", "start", "end", "rule", "text"}, …]}
        kind is greeting, body, closing, signature, quoted or boilerplate; start and end are \
        UTF-8 byte offsets into the message; rule names the heuristic that typed the segment \
        (null for body no rule touched). Only the body is scored by 'temper score' and 'temper \
        flag'. A line that is not valid JSON, or has no text field, is reported and written as \
        {"line": N, "error": "…"}.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, jsonl
    }

    @OptionGroup var input: InputFiles

    @Option(help: "Output format: 'text' (the normalized line) or 'jsonl' (one JSON object per line).")
    var format: Format = .text

    @Flag(help: "Print every token with its type, offsets and flags (JSON lines).")
    var tokens = false

    @Flag(help: "Print each message's segments (greeting, body, closing, signature, quoted, boilerplate) with byte offsets (JSON lines).")
    var anatomy = false

    @Option(name: .customLong("text-field"), help: ArgumentHelp("With --anatomy: the field holding the message in JSON lines.", valueName: "name"))
    var textField = "text"

    @Flag(name: .customLong("mask-pii"), help: "Replace emails, phone numbers and card-like digit runs with <EMAIL>, <PHONE> and <CARD>.")
    var maskPII = false

    func validate() throws {
        if anatomy, tokens { throw ValidationError("--anatomy and --tokens print different records: choose one") }
    }

    func run() throws {
        if anatomy { return try runAnatomy() }
        let tokenizer = try Tokenizer(options: TokenizerOptions(maskPII: maskPII))
        let output = OutputBuffer()
        let diagnostics = try Diagnostics()
        var text = TokenizedText()
        var line: [UInt8] = []
        line.reserveCapacity(1024)
        input.hintWhenReadingTerminal()
        for path in input.paths {
            let reader = try LineReader(path: path, maximumLineLength: input.maximumLineLength)
            // An over-long line keeps its place in the output, like every other line.
            let overlong = BadRecordPolicy(.skip) { [tokens, format] problem in
                diagnostics.warning(problem.description)
                line.removeAll(keepingCapacity: true)
                if tokens || format == .jsonl {
                    line.append(contentsOf: #"{"line":"#.utf8)
                    JSONWriter.appendInt(problem.line ?? 0, to: &line)
                    line.append(contentsOf: #","error":"#.utf8)
                    JSONWriter.appendString(problem.message, to: &line)
                    line.append(UInt8(ascii: "}"))
                }
                line.append(0x0A)
                output.append(line)
            }
            try reader.forEachLine(policy: overlong) { bytes, number in
                tokenizer.tokenize(bytes, into: &text)
                if text.replacedByteCount > 0 {
                    let column = (UTF8Decoder.firstInvalidOffset(in: bytes) ?? 0) + 1
                    diagnostics.warning("\(reader.name):\(number): \(text.replacedByteCount) invalid UTF-8 byte(s) read as U+FFFD, the first at column \(column)")
                }
                line.removeAll(keepingCapacity: true)
                if tokens || format == .jsonl {
                    writeJSON(text, lineNumber: number, into: &line, output: output)
                } else {
                    text.appendNormalizedLine(to: &line)
                }
                line.append(0x0A)
                output.append(line)
            }
        }
        output.flush()
        if output.failed { throw RunError("could not write the output") }
        diagnostics.finishWarnings()
    }

    /// `--anatomy`: each message's segments, one JSON line per input line.
    private func runAnatomy() throws {
        let output = OutputBuffer()
        let diagnostics = try Diagnostics()
        var parser = JSONParser()
        var messageAnatomy = MessageAnatomy()
        var segments: [MessageSegment] = []
        var line: [UInt8] = []
        input.hintWhenReadingTerminal()
        for path in input.paths {
            let reader = try LineReader(path: path, maximumLineLength: input.maximumLineLength)
            func writeError(_ number: Int, _ message: String) {
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: #"{"line":"#.utf8)
                JSONWriter.appendInt(number, to: &line)
                line.append(contentsOf: #","error":"#.utf8)
                JSONWriter.appendString(message, to: &line)
                line.append(contentsOf: "}\n".utf8)
                output.append(line)
            }
            let overlong = BadRecordPolicy(.skip) { problem in
                diagnostics.warning(problem.description)
                writeError(problem.line ?? 0, problem.message)
            }
            try reader.forEachLine(policy: overlong) { bytes, number in
                var message: [UInt8]
                if bytes.first == UInt8(ascii: "{") {
                    let value: JSONValue
                    do {
                        value = try parser.parse(bytes)
                    } catch {
                        diagnostics.warning("\(reader.name):\(number): bad JSON: \(error)")
                        return writeError(number, "bad JSON: \(error)")
                    }
                    guard let text = value[textField]?.string else {
                        diagnostics.warning("\(reader.name):\(number): no string \"\(textField)\" field (use --text-field)")
                        return writeError(number, "no string \"\(textField)\" field")
                    }
                    message = Array(text.utf8)
                } else {
                    message = Array(bytes)
                }
                message.withUnsafeBufferPointer { messageAnatomy.parse($0, into: &segments) }
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: #"{"line":"#.utf8)
                JSONWriter.appendInt(number, to: &line)
                line.append(contentsOf: #","segments":"#.utf8)
                JSONWriter.appendArray(segments, to: &line) { segment, line in
                    ScoreJSON.appendSegmentOpening(segment, to: &line)
                    line.append(contentsOf: #","rule":"#.utf8)
                    if let rule = segment.rule { JSONWriter.appendString(rule.description, to: &line) } else { JSONWriter.appendNull(to: &line) }
                    line.append(contentsOf: #","text":"#.utf8)
                    message.withUnsafeBufferPointer { JSONWriter.appendString(UnsafeBufferPointer(rebasing: $0[segment.start..<segment.end]), to: &line) }
                    line.append(UInt8(ascii: "}"))
                }
                line.append(contentsOf: "}\n".utf8)
                output.append(line)
            }
        }
        output.flush()
        if output.failed { throw RunError("could not write the output") }
        diagnostics.finishWarnings()
    }

    /// Writes the line's JSON into `line`, handing it to `output` whenever it has grown past
    /// 64 KiB: a line of a million tokens is ~130 MB of JSON, which need not all be in memory.
    private func writeJSON(_ text: TokenizedText, lineNumber: Int, into line: inout [UInt8], output: OutputBuffer) {
        line.append(contentsOf: #"{"line":"#.utf8)
        JSONWriter.appendInt(lineNumber, to: &line)
        line.append(contentsOf: #","text":"#.utf8)
        var normalized: [UInt8] = []
        text.appendNormalizedLine(to: &normalized)
        normalized.withUnsafeBufferPointer { JSONWriter.appendString($0, to: &line) }
        line.append(contentsOf: #","all_caps":"#.utf8)
        JSONWriter.appendBool(text.isAllCaps, to: &line)
        line.append(contentsOf: #","invalid_bytes":"#.utf8)
        JSONWriter.appendInt(text.replacedByteCount, to: &line)
        if tokens {
            line.append(contentsOf: #","tokens":["#.utf8)
            for (index, (token, characters)) in zip(text.tokens, text.scalarRanges()).enumerated() {
                if line.count >= 1 << 16 {
                    output.append(line)
                    line.removeAll(keepingCapacity: true)
                }
                if index > 0 { line.append(UInt8(ascii: ",")) }
                line.append(contentsOf: #"{"type":""#.utf8)
                line.append(contentsOf: token.kind.description.utf8)
                line.append(contentsOf: #"","text":"#.utf8)
                JSONWriter.appendString(text.originalText(of: token), to: &line)
                line.append(contentsOf: #","norm":"#.utf8)
                JSONWriter.appendString(text.normalizedText(of: token), to: &line)
                for (key, value) in [("start", Int(token.start)), ("end", Int(token.end)), ("char_start", characters.lowerBound), ("char_end", characters.upperBound)] {
                    line.append(contentsOf: ",\"\(key)\":".utf8)
                    JSONWriter.appendInt(value, to: &line)
                }
                line.append(contentsOf: #","flags":["#.utf8)
                for (flagIndex, name) in token.flags.names.enumerated() {
                    if flagIndex > 0 { line.append(UInt8(ascii: ",")) }
                    JSONWriter.appendString(name, to: &line)
                }
                line.append(contentsOf: "]}".utf8)
            }
            line.append(UInt8(ascii: "]"))
        }
        line.append(UInt8(ascii: "}"))
    }
}
