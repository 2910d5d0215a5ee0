/// Splits a message into typed segments — greeting, body, closing, signature, quoted,
/// boilerplate — so that sentiment reads what the customer says now, not "Thanks,\nOlivia" or the
/// agent's earlier reply quoted below it. Courtesy is not satisfaction.
///
/// ```swift
/// var anatomy = MessageAnatomy()
/// for segment in anatomy.segments(of: "My parcel never arrived.\n\nThanks,\nOlivia") {
///     print(segment.kind, segment.range)    // body 0..<26, closing 26..<34, signature 34..<40
/// }
/// ```
///
/// Decisions are made line by line on the UTF-8 bytes, as GitHub's email_reply_parser and
/// mailgun's talon do: a line is typed by what it starts or ends with and where it stands, never
/// by a model. Each rule is an `AnatomyRule`, recorded in the segment it typed:
///
/// - `quoteMarker`: lines starting with ">" are an earlier message (the mail convention).
/// - `replyHeader`: "On Mon, 3 Nov 2026, Acme <…> wrote:" (also wrapped onto two lines, and the
///   French, German and Spanish forms) heads a quotation. When "> " lines follow, each line is
///   typed on its own (answers between quotes stay body); otherwise everything below is quoted,
///   since Outlook and phone apps paste the earlier message without markers.
/// - `originalMessage`: "-----Original Message-----", "---------- Forwarded message ---------",
///   "Begin forwarded message:" and their translations: everything below is quoted.
/// - `headerBlock`: "From: …" followed within four lines by "Sent:", "To:", "Subject:" (or the
///   translations): an earlier message pasted with its headers; everything from it is quoted.
/// - `deviceLine`: "Sent from my iPhone", "Get Outlook for iOS", "Von meinem iPhone gesendet" at
///   the bottom of a reply — written by the app, not the customer.
/// - `legalNotice`: a last paragraph that says "confidential" with "intended"/"recipient"/…, or
///   starts "Disclaimer" / "This email and any …": company boilerplate, often longer than the
///   message.
/// - `signatureDelimiter`: the "-- " line that by convention starts a signature.
/// - `closingLine`: a sign-off ("Thanks,", "Best regards", "Cordialement", "Un saludo") near the
///   end of a reply, with at most a name after it on its line and only signature-like lines
///   under it. Genuine thanks ("Thanks so much, that fixed it!") has words after the phrase that
///   are no name, so it stays body.
/// - `signatureAfterClosing`: the name, title and contact lines under a closing.
/// - `signatureBlock`: with no closing, a last paragraph that is a full name ("Olivia Martin"),
///   a dashed name ("- Olivia"), or a name followed by contact lines (phone, e-mail, web).
/// - `greetingLine` / `greetingPrefix`: "Hi team," on the first line, alone or followed by the
///   message on the same line ("Hi, my order never came" → greeting "Hi, ", body the rest).
/// - `noBodyFallback`: a message with nothing left as body ("Thanks!", "Thanks,\nOlivia") is
///   scored as written: then the courtesy *is* the message.
///
/// A message without a line break (chat) only has its first bytes checked for a greeting: one
/// scan for a line feed and a table look-up, nothing more.
///
/// Not thread-safe: it reuses its line buffers from message to message (one per thread).
public struct MessageAnatomy {
    private struct Line {
        /// First byte of the line, first non-space byte, end of the text (before trailing
        /// spaces and "\r"), and the start of the next line (after "\n").
        var start: Int
        var contentStart: Int
        var contentEnd: Int
        var next: Int
        var isBlank: Bool { contentStart >= contentEnd }
    }

    /// How far up from the end a closing is looked for: a closing line and at most this many
    /// signature lines under it (name, title, company, phone, e-mail, web).
    static let maximumSignatureLines = 6
    /// A signature block without a closing is at most this many lines.
    static let maximumSignatureBlockLines = 6
    /// A line longer than this is text, not a signature or greeting line.
    static let maximumSignatureLineBytes = 72
    /// Header fields ("Sent:", "To:") are looked for this many lines under "From:".
    static let headerBlockReach = 4
    /// Under a "-- " delimiter, at most this many lines are a signature (more is a message that
    /// happens to contain the line).
    static let maximumDelimitedSignatureLines = 10

    private var lines: [Line] = []
    private var kinds: [SegmentKind] = []
    private var rules: [AnatomyRule?] = []

    public init() {}

    /// The segments of `text`.
    public mutating func segments(of text: String) -> [MessageSegment] {
        var copy = text
        var segments: [MessageSegment] = []
        copy.withUTF8 { parse($0, into: &segments) }
        return segments
    }

    /// Writes the segments of `text` into `segments` (emptied first; none for an empty text).
    public mutating func parse(_ text: UnsafeBufferPointer<UInt8>, into segments: inout [MessageSegment]) {
        segments.removeAll(keepingCapacity: true)
        guard !text.isEmpty else { return }
        var lineFeed = false
        for byte in text where byte == 0x0A {
            lineFeed = true
            break
        }
        guard lineFeed else {
            // One line (chat): only a greeting prefix can be split off.
            var contentStart = 0
            while contentStart < text.count, AnatomyBytes.isSpace(text[contentStart]) { contentStart += 1 }
            var contentEnd = text.count
            while contentEnd > contentStart, AnatomyBytes.isSpace(text[contentEnd - 1]) { contentEnd -= 1 }
            if let split = Self.greetingPrefix(text, from: contentStart, to: contentEnd) {
                segments.append(MessageSegment(kind: .greeting, start: 0, end: split, rule: .greetingPrefix))
                segments.append(MessageSegment(kind: .body, start: split, end: text.count))
            } else {
                segments.append(MessageSegment(kind: .body, start: 0, end: text.count))
            }
            return
        }
        splitLines(text)
        kinds.removeAll(keepingCapacity: true)
        kinds.append(contentsOf: repeatElement(.body, count: lines.count))
        rules.removeAll(keepingCapacity: true)
        rules.append(contentsOf: repeatElement(nil, count: lines.count))

        markQuotes(text)
        var greetingSplit: Int?
        var lineIndex = 0
        var firstChunk = true
        while lineIndex < lines.count {
            guard kinds[lineIndex] != .quoted else {
                lineIndex += 1
                continue
            }
            var chunkEnd = lineIndex
            while chunkEnd < lines.count, kinds[chunkEnd] != .quoted { chunkEnd += 1 }
            if firstChunk {
                greetingSplit = markGreeting(text, lineIndex..<chunkEnd)
                firstChunk = false
            }
            markTail(text, lineIndex..<chunkEnd)
            lineIndex = chunkEnd
        }
        if greetingSplit == nil, !kinds.indices.contains(where: { kinds[$0] == .body && !lines[$0].isBlank }) {
            // noBodyFallback: the courtesy is all the customer wrote, so it is the message.
            for index in kinds.indices where kinds[index] == .greeting || kinds[index] == .closing || kinds[index] == .signature {
                kinds[index] = .body
                rules[index] = .noBodyFallback
            }
        }
        emit(text, greetingSplit: greetingSplit, into: &segments)
    }

    // MARK: - Lines

    private mutating func splitLines(_ text: UnsafeBufferPointer<UInt8>) {
        lines.removeAll(keepingCapacity: true)
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count, text[end] != 0x0A { end += 1 }
            let next = end < text.count ? end + 1 : end
            var contentStart = start
            while contentStart < end, AnatomyBytes.isSpace(text[contentStart]) { contentStart += 1 }
            var contentEnd = end
            while contentEnd > contentStart, AnatomyBytes.isSpace(text[contentEnd - 1]) { contentEnd -= 1 }
            lines.append(Line(start: start, contentStart: contentStart, contentEnd: contentEnd, next: next))
            start = next
        }
    }

    /// Blank lines join the segment above (leading ones the first segment); a greeting split
    /// cuts the first content line in two.
    private func emit(_ text: UnsafeBufferPointer<UInt8>, greetingSplit: Int?, into segments: inout [MessageSegment]) {
        func add(_ kind: SegmentKind, _ start: Int, _ end: Int, _ rule: AnatomyRule?) {
            guard start < end else { return }
            if let last = segments.last, last.kind == kind {
                segments[segments.count - 1].end = end
            } else {
                segments.append(MessageSegment(kind: kind, start: start, end: end, rule: rule))
            }
        }
        var pendingBlankStart: Int?
        for index in lines.indices {
            let line = lines[index]
            if line.isBlank {
                if segments.isEmpty {
                    if pendingBlankStart == nil { pendingBlankStart = line.start }
                } else {
                    segments[segments.count - 1].end = line.next
                }
                continue
            }
            let start = pendingBlankStart ?? line.start
            pendingBlankStart = nil
            if let split = greetingSplit, split > line.start, split < line.next {
                add(.greeting, start, split, .greetingPrefix)
                add(.body, split, line.next, nil)
            } else {
                add(kinds[index], start, line.next, rules[index])
            }
        }
        if let start = pendingBlankStart {
            // Only blank lines: one body segment, the text as it is.
            segments.append(MessageSegment(kind: .body, start: start, end: text.count))
        }
    }

    // MARK: - Quotes

    private mutating func markQuotes(_ text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.isBlank {
                index += 1
                continue
            }
            if Self.isQuoteMarker(text, line) {
                kinds[index] = .quoted
                rules[index] = .quoteMarker
                index += 1
                continue
            }
            if let headerLines = replyHeaderLength(text, at: index) {
                for covered in index..<index + headerLines {
                    kinds[covered] = .quoted
                    rules[covered] = .replyHeader
                }
                var next = index + headerLines
                while next < lines.count, lines[next].isBlank { next += 1 }
                if next < lines.count, Self.isQuoteMarker(text, lines[next]) {
                    index = next
                    continue
                }
                markRestQuoted(from: next, rule: .replyHeader)
                return
            }
            if Self.isOriginalMessageMarker(text, line) {
                markRestQuoted(from: index, rule: .originalMessage)
                return
            }
            if isHeaderBlock(text, at: index) {
                // An Outlook rule of underscores just above belongs to the quotation too.
                var from = index
                var above = index - 1
                while above >= 0, lines[above].isBlank { above -= 1 }
                if above >= 0, Self.isRule(text, lines[above]) { from = above }
                markRestQuoted(from: from, rule: .headerBlock)
                return
            }
            index += 1
        }
    }

    private mutating func markRestQuoted(from index: Int, rule: AnatomyRule) {
        for covered in index..<lines.count {
            kinds[covered] = .quoted
            rules[covered] = rule
        }
    }

    /// quoteMarker: ">" followed by a space, another ">", or nothing (so ">:(" stays body).
    private static func isQuoteMarker(_ text: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        guard text[line.contentStart] == UInt8(ascii: ">") else { return false }
        let after = line.contentStart + 1
        return after >= line.contentEnd || text[after] == 32 || text[after] == 9 || text[after] == UInt8(ascii: ">")
    }

    /// replyHeader: the number of lines (1 or 2) of an "On … wrote:" header at `index`.
    private func replyHeaderLength(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let line = lines[index]
        guard line.contentEnd - line.contentStart <= 300 else { return nil }
        let startsLikeHeader = AnatomyPhrases.replyHeaderStarts.match(text, from: line.contentStart, to: line.contentEnd) != nil
        if startsLikeHeader, text[line.contentEnd - 1] == UInt8(ascii: ":"),
           AnatomyPhrases.replyHeaderVerbs.contains(where: { Self.contains(text, line.contentStart..<line.contentEnd, $0) }) {
            // German puts the sender after the verb: "Am 04.11.2026 schrieb Acme <a@b>:".
            return 1
        }
        if Self.endsWithReplyHeader(text, line) {
            // "wrote:" alone is a sentence ("my friend wrote: …" ends otherwise): it needs the
            // "On …" start or an address.
            if startsLikeHeader || Self.contains(text, line.contentStart..<line.contentEnd, AnatomyPhrases.at) { return 1 }
            return nil
        }
        if startsLikeHeader, index + 1 < lines.count, !lines[index + 1].isBlank, Self.endsWithReplyHeader(text, lines[index + 1]),
           lines[index + 1].contentEnd - lines[index + 1].contentStart <= 200 {
            return 2
        }
        return nil
    }

    private static func endsWithReplyHeader(_ text: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        guard text[line.contentEnd - 1] == UInt8(ascii: ":") else { return false }
        for ending in AnatomyPhrases.replyHeaderEndings where line.contentEnd - line.contentStart >= ending.count {
            if equalsLowercased(text, from: line.contentEnd - ending.count, ending) { return true }
        }
        return false
    }

    /// originalMessage: a dashed or plain separator naming an original or forwarded message.
    private static func isOriginalMessageMarker(_ text: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        guard line.contentEnd - line.contentStart <= 120 else { return false }
        let first = text[line.contentStart]
        let dashed = first == UInt8(ascii: "-") || first == UInt8(ascii: "_") || first == UInt8(ascii: "=")
        for marker in AnatomyPhrases.originalMessageMarkers {
            if dashed, contains(text, line.contentStart..<line.contentEnd, marker) { return true }
        }
        // "Begin forwarded message:" (Apple Mail) has no dashes.
        return equalsLowercasedLine(text, line, "begin forwarded message:")
    }

    /// headerBlock: "From:" with another header field within `headerBlockReach` lines.
    private func isHeaderBlock(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let line = lines[index]
        guard AnatomyPhrases.headerFrom.match(text, from: line.contentStart, to: line.contentEnd) != nil
                || Self.starts(text, line, with: AnatomyPhrases.headerFrom) else { return false }
        var next = index + 1
        var seen = 0
        while next < lines.count, seen < Self.headerBlockReach {
            let candidate = lines[next]
            next += 1
            if candidate.isBlank { continue }
            seen += 1
            if Self.starts(text, candidate, with: AnatomyPhrases.headerFields) { return true }
        }
        return false
    }

    /// Header phrases end in ":" (not a word byte), so they match by plain prefix.
    private static func starts(_ text: UnsafeBufferPointer<UInt8>, _ line: Line, with table: PhraseTable) -> Bool {
        table.match(text, from: line.contentStart, to: line.contentEnd) != nil
    }

    /// A line of at least 10 underscores or dashes and nothing else.
    private static func isRule(_ text: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        guard line.contentEnd - line.contentStart >= 10 else { return false }
        for index in line.contentStart..<line.contentEnd where text[index] != UInt8(ascii: "_") && text[index] != UInt8(ascii: "-") {
            return false
        }
        return true
    }

    // MARK: - Greeting

    /// greetingLine / greetingPrefix on the first content line of `chunk`; returns the split
    /// offset of a prefix greeting (the line's kind stays body for the rest).
    private mutating func markGreeting(_ text: UnsafeBufferPointer<UInt8>, _ chunk: Range<Int>) -> Int? {
        guard let index = chunk.first(where: { !lines[$0].isBlank }), kinds[index] == .body else { return nil }
        let line = lines[index]
        if Self.isGreetingLine(text, from: line.contentStart, to: line.contentEnd) {
            kinds[index] = .greeting
            rules[index] = .greetingLine
            return nil
        }
        return Self.greetingPrefix(text, from: line.contentStart, to: line.contentEnd)
    }

    /// greetingLine: a greeting phrase, at most six address words, optional punctuation, end.
    static func isGreetingLine(_ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        guard to - from <= maximumSignatureLineBytes,
              let phraseEnd = AnatomyPhrases.greetings.match(text, from: from, to: to) else { return false }
        var words = 0
        var position = phraseEnd
        while true {
            position = skipSeparators(text, position, to)
            if position >= to { return true }
            let wordEnd = endOfWord(text, position, to)
            if wordEnd == position {
                // Only closing punctuation may follow the words: "Hi team," "Hello!", "Dear Sir:".
                return isGreetingPunctuationRun(text, position, to)
            }
            guard isAddressWord(text, position, wordEnd) else { return false }
            words += 1
            if words > 6 { return false }
            position = wordEnd
        }
    }

    /// greetingPrefix: where the body starts after "Hi," / "Hello team!" / "Dear Acme Support," at
    /// the start of a line that goes on; nil when there is no such greeting.
    static func greetingPrefix(_ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let phraseEnd = AnatomyPhrases.greetings.match(text, from: from, to: to) else { return nil }
        var position = phraseEnd
        var words = 0
        while position < to, words <= 4 {
            while position < to, text[position] == 32 { position += 1 }
            guard position < to else { return nil }
            let byte = text[position]
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: ":") {
                var bodyStart = position + 1
                while bodyStart < to, text[bodyStart] == UInt8(ascii: "!") || text[bodyStart] == UInt8(ascii: ",") { bodyStart += 1 }
                guard bodyStart < to, AnatomyBytes.isSpace(text[bodyStart]) else { return nil }
                while bodyStart < to, AnatomyBytes.isSpace(text[bodyStart]) { bodyStart += 1 }
                return bodyStart < to ? bodyStart : nil
            }
            let wordEnd = endOfWord(text, position, to)
            guard wordEnd > position, isAddressWord(text, position, wordEnd) else { return nil }
            words += 1
            position = wordEnd
        }
        return nil
    }

    /// A capitalised word (a name, "Acme", "Sir") or one of the lower-case address words.
    private static func isAddressWord(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let first = text[start]
        if AnatomyBytes.isUpper(first) || first >= 0x80 || first == UInt8(ascii: "@") { return true }
        return AnatomyPhrases.addressWords.contains(lowercased(text, start, end))
    }

    private static func isGreetingPunctuationRun(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for index in start..<end {
            switch text[index] {
            case UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "-"), 32, 9: continue
            default: return false
            }
        }
        return true
    }

    // MARK: - The end of a reply

    /// Boilerplate, a delimited signature, a closing with its signature, or a signature block, in
    /// the non-quoted lines `chunk`.
    private mutating func markTail(_ text: UnsafeBufferPointer<UInt8>, _ chunk: Range<Int>) {
        // deviceLine and legalNotice, from the bottom up: the app and the company add them
        // under the message, so they are only looked for there ("Sent from the warehouse…"
        // higher up is the customer talking).
        var bottom = chunk.upperBound
        while bottom > chunk.lowerBound {
            var last = bottom - 1
            while last >= chunk.lowerBound, lines[last].isBlank { last -= 1 }
            guard last >= chunk.lowerBound else { break }
            if kinds[last] == .body, Self.isDeviceLine(text, lines[last]) {
                kinds[last] = .boilerplate
                rules[last] = .deviceLine
                bottom = last
                continue
            }
            var first = last
            while first - 1 >= chunk.lowerBound, !lines[first - 1].isBlank { first -= 1 }
            guard isLegalNotice(text, first..<last + 1) else { break }
            for covered in first...last {
                kinds[covered] = .boilerplate
                rules[covered] = .legalNotice
            }
            bottom = first
        }
        // signatureDelimiter: "-- " and what follows it.
        if let delimiter = chunk.first(where: { Self.isSignatureDelimiter(text, lines[$0]) }) {
            let after = (delimiter + 1..<chunk.upperBound).filter { !lines[$0].isBlank && kinds[$0] == .body }
            if after.count <= Self.maximumDelimitedSignatureLines {
                kinds[delimiter] = .signature
                rules[delimiter] = .signatureDelimiter
                for index in after {
                    kinds[index] = .signature
                    rules[index] = .signatureDelimiter
                }
            }
        }
        // closingLine: from the bottom, over signature-like lines only.
        var index = chunk.upperBound - 1
        var signatureLines = 0
        var closing: Int?
        while index >= chunk.lowerBound {
            defer { index -= 1 }
            if lines[index].isBlank || kinds[index] != .body { continue }
            if isClosing(text, lines[index]) {
                closing = index
                break
            }
            signatureLines += 1
            if signatureLines > Self.maximumSignatureLines || !isSignatureLike(text, lines[index]) { break }
        }
        if let closing {
            kinds[closing] = .closing
            rules[closing] = .closingLine
            for below in closing + 1..<chunk.upperBound where !lines[below].isBlank && kinds[below] == .body {
                kinds[below] = .signature
                rules[below] = .signatureAfterClosing
            }
            // Stacked sign-offs: "Thanks in advance,\n\nBest regards,".
            var above = closing - 1
            while above >= chunk.lowerBound {
                if lines[above].isBlank {
                    above -= 1
                    continue
                }
                // …but the top line stays the message when nothing stands above it ("thx!\n\nBest,\nRosa").
                let bodyAbove = (chunk.lowerBound..<above).contains { !lines[$0].isBlank && kinds[$0] == .body }
                guard bodyAbove, kinds[above] == .body, isClosing(text, lines[above]) else { break }
                kinds[above] = .closing
                rules[above] = .closingLine
                above -= 1
            }
            return
        }
        markSignatureBlock(text, chunk)
    }

    /// signatureBlock: the last paragraph of body lines, when it is a full or dashed name, or a
    /// name with contact lines — and body stands above it.
    private mutating func markSignatureBlock(_ text: UnsafeBufferPointer<UInt8>, _ chunk: Range<Int>) {
        var last = chunk.upperBound - 1
        while last >= chunk.lowerBound, lines[last].isBlank || kinds[last] != .body { last -= 1 }
        guard last >= chunk.lowerBound else { return }
        var first = last
        while first - 1 >= chunk.lowerBound, !lines[first - 1].isBlank, kinds[first - 1] == .body { first -= 1 }
        let hasBodyAbove = (chunk.lowerBound..<first).contains { !lines[$0].isBlank && kinds[$0] == .body }
        func accept(_ range: ClosedRange<Int>, afterBlank: Bool) -> Bool {
            guard range.count <= Self.maximumSignatureBlockLines,
                  range.allSatisfy({ isSignatureLike(text, lines[$0]) }) else { return false }
            let head = lines[range.lowerBound]
            let (isName, words, dashed) = Self.nameShape(text, head.contentStart, head.contentEnd)
            guard isName else { return false }
            if dashed || (range.count == 1 && words >= 2) { return true }
            // A first name alone under a blank line ("…\n\nCamille") is how chat and mail
            // customers sign; an exclamation or one-word sentence there is not a name.
            if range.count == 1, words == 1, afterBlank, Self.isLoneName(text, head.contentStart, head.contentEnd) { return true }
            return range.count >= 2 && range.dropFirst().contains { Self.isContactLike(text, lines[$0]) }
        }
        var block: ClosedRange<Int>?
        if hasBodyAbove, accept(first...last, afterBlank: true) {
            block = first...last
        } else if first < last || hasBodyAbove, accept(last...last, afterBlank: first == last) {
            // A name on the line right under the text: "Please fix this.\nOlivia Martin".
            block = last...last
        }
        guard let block else { return }
        for index in block {
            kinds[index] = .signature
            rules[index] = .signatureBlock
        }
    }

    /// One capitalised word of letters (not all capitals: "HELP" is shouting), and not one of the
    /// words a message ends on by itself.
    static func isLoneName(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start >= 2, end - start <= 20 else { return false }
        var lower = 0
        for index in start..<end {
            let byte = text[index]
            guard AnatomyBytes.isASCIILetter(byte) || byte >= 0x80 || byte == UInt8(ascii: "-") || byte == 39 else { return false }
            if byte >= 97 && byte <= 122 { lower += 1 }
        }
        guard lower > 0 else { return false }
        return !AnatomyPhrases.loneWordsThatAreNoName.contains(lowercased(text, start, end))
    }

    /// closingLine: a sign-off phrase, then only punctuation and at most a name on the line.
    private func isClosing(_ text: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        guard line.contentEnd - line.contentStart <= Self.maximumSignatureLineBytes,
              var phraseEnd = AnatomyPhrases.closings.match(text, from: line.contentStart, to: line.contentEnd) else { return false }
        if phraseEnd - line.contentStart >= 15,
           AnatomyPhrases.formulaClosings.contains(Self.lowercased(text, line.contentStart, phraseEnd)) { return true }
        // "Thanks" + "in advance for your help": the object is part of the sign-off.
        if AnatomyPhrases.thanksTable.match(text, from: line.contentStart, to: phraseEnd) == phraseEnd {
            var objectStart = phraseEnd
            while objectStart < line.contentEnd, text[objectStart] == 32 { objectStart += 1 }
            if objectStart > phraseEnd, let objectEnd = AnatomyPhrases.thanksObjects.match(text, from: objectStart, to: line.contentEnd) {
                phraseEnd = objectEnd
            }
        }
        var position = phraseEnd
        while position < line.contentEnd {
            let byte = text[position]
            if AnatomyBytes.isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "~") {
                position += 1
            } else if byte == 0xE2, position + 2 < line.contentEnd, text[position + 1] == 0x80,
                      text[position + 2] == 0x94 || text[position + 2] == 0x93 {
                position += 3  // — or –
            } else {
                break
            }
        }
        if position >= line.contentEnd { return true }
        // "Thanks, Olivia" / "Best — Camille D." / "Cheers, the Martins"? Only a capitalised name.
        let (isName, _, _) = Self.nameShape(text, position, line.contentEnd)
        return isName && Self.emojiFree(text, position, line.contentEnd)
    }

    /// (is a name, how many words, starts with a dash): one to four capitalised words (particles
    /// such as "de", "van" allowed), optionally after "-", "—" or "~", ending at most in ".".
    static func nameShape(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Bool, Int, Bool) {
        var position = start
        var dashed = false
        if position < end, text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "~") {
            dashed = true
            position += 1
        } else if position + 2 < end, text[position] == 0xE2, text[position + 1] == 0x80, text[position + 2] == 0x94 || text[position + 2] == 0x93 {
            dashed = true
            position += 3
        }
        guard end - position <= 40 else { return (false, 0, dashed) }
        var words = 0
        while position < end {
            while position < end, text[position] == 32 { position += 1 }
            guard position < end else { break }
            var wordEnd = position
            while wordEnd < end, text[wordEnd] != 32 { wordEnd += 1 }
            let first = text[position]
            let isParticle = !AnatomyBytes.isUpper(first) && wordEnd - position <= 3
                && AnatomyPhrases.nameParticles.contains(lowercased(text, position, wordEnd))
            guard AnatomyBytes.isUpper(first) || (first >= 0xC3 && first <= 0xC5) || isParticle else { return (false, words, dashed) }
            for index in position..<wordEnd {
                let byte = text[index]
                guard AnatomyBytes.isASCIILetter(byte) || byte >= 0x80 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                        || byte == 39 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "|") else { return (false, words, dashed) }
            }
            if !isParticle { words += 1 }
            position = wordEnd
        }
        return (words >= 1 && words <= 4, words, dashed)
    }

    /// Emoji and symbols (4-byte UTF-8) after a sign-off make it a message ("Thanks 🙄").
    private static func emojiFree(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        for index in start..<end where text[index] >= 0xF0 { return false }
        return true
    }

    /// A line that could sit in a signature: short, and no sentence (it does not end in "?" or
    /// "!", nor in "." after a long word), or a contact line.
    private func isSignatureLike(_ text: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        if Self.isContactLike(text, line) { return true }
        guard line.contentEnd - line.contentStart <= Self.maximumSignatureLineBytes else { return false }
        var words = 1
        for index in line.contentStart..<line.contentEnd where text[index] == 32 { words += 1 }
        guard words <= 6 else { return false }
        let last = text[line.contentEnd - 1]
        if last == UInt8(ascii: "?") || last == UInt8(ascii: "!") { return false }
        if last == UInt8(ascii: ".") {
            // "Ltd." "Inc." "D." end a signature line; "arrived." ends a sentence.
            var wordStart = line.contentEnd - 1
            while wordStart > line.contentStart, text[wordStart - 1] != 32 { wordStart -= 1 }
            return line.contentEnd - wordStart <= 4 && AnatomyBytes.isUpper(text[wordStart])
        }
        // A line that begins lower-case with several words is a sentence in chat style.
        if AnatomyBytes.isASCIILetter(text[line.contentStart]), !AnatomyBytes.isUpper(text[line.contentStart]), words > 2 { return false }
        return true
    }

    /// Phone numbers (seven digits or more), e-mail addresses, web addresses, "Tel:" labels.
    static func isContactLikeLine(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start <= 120 else { return false }
        var digits = 0
        var at = false
        for index in start..<end {
            let byte = text[index]
            if AnatomyBytes.isDigit(byte) { digits += 1 }
            if byte == UInt8(ascii: "@") { at = true }
        }
        if digits >= 7 || at { return true }
        let range = start..<end
        if AnatomyPhrases.webMarkers.contains(where: { contains(text, range, $0) }) { return true }
        if let labelEnd = AnatomyPhrases.contactLabels.match(text, from: start, to: end), labelEnd < end,
           text[labelEnd] == UInt8(ascii: ":") || text[labelEnd] == UInt8(ascii: ".") || text[labelEnd] == 32 || text[labelEnd - 1] == UInt8(ascii: ":") {
            return digits > 0 || at
        }
        return false
    }

    private static func isContactLike(_ text: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        isContactLikeLine(text, line.contentStart, line.contentEnd)
    }

    /// signatureDelimiter: "--" or "-- " alone on a line (RFC 3676's signature separator).
    private static func isSignatureDelimiter(_ text: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        line.contentEnd - line.contentStart == 2 && text[line.contentStart] == UInt8(ascii: "-") && text[line.contentStart + 1] == UInt8(ascii: "-")
    }

    /// deviceLine: a short line a mail app writes.
    private static func isDeviceLine(_ text: UnsafeBufferPointer<UInt8>, _ line: Line) -> Bool {
        line.contentEnd - line.contentStart <= 80 && AnatomyPhrases.deviceLines.match(text, from: line.contentStart, to: line.contentEnd) != nil
    }

    /// legalNotice: "confidential" with a word about recipients or disclosure, or a notice start.
    private func isLegalNotice(_ text: UnsafeBufferPointer<UInt8>, _ paragraph: Range<Int>) -> Bool {
        let first = lines[paragraph.lowerBound]
        if AnatomyPhrases.legalStarts.match(text, from: first.contentStart, to: first.contentEnd) != nil { return true }
        let bytes = first.contentStart..<lines[paragraph.upperBound - 1].contentEnd
        guard bytes.count >= 60 else { return false }
        guard AnatomyPhrases.legalKeywords.contains(where: { Self.contains(text, bytes, $0) }) else { return false }
        return AnatomyPhrases.legalContext.contains { Self.contains(text, bytes, $0) }
    }

    // MARK: - Byte helpers

    private static func skipSeparators(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var position = start
        while position < end, text[position] == 32 || text[position] == 9 { position += 1 }
        return position
    }

    /// The end of the word at `start`: letters, digits, non-ASCII, "'", "/", "." inside a word.
    private static func endOfWord(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var position = start
        while position < end {
            let byte = text[position]
            if AnatomyBytes.isWordByte(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
                || byte == UInt8(ascii: "&") {
                position += 1
            } else if byte == UInt8(ascii: "."), position + 1 < end, AnatomyBytes.isWordByte(text[position + 1]) {
                position += 1
            } else {
                break
            }
        }
        return position
    }

    static func lowercased(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - start)
        for index in start..<end { bytes.append(AnatomyBytes.lower(text[index])) }
        return bytes
    }

    static func equalsLowercased(_ text: UnsafeBufferPointer<UInt8>, from: Int, _ needle: [UInt8]) -> Bool {
        guard from >= 0, from + needle.count <= text.count else { return false }
        for index in needle.indices where AnatomyBytes.lower(text[from + index]) != needle[index] { return false }
        return true
    }

    private static func equalsLowercasedLine(_ text: UnsafeBufferPointer<UInt8>, _ line: Line, _ needle: String) -> Bool {
        let bytes = Array(needle.utf8)
        return line.contentEnd - line.contentStart == bytes.count && equalsLowercased(text, from: line.contentStart, bytes)
    }

    /// ASCII-case-insensitive search for a lower-case needle.
    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, range.count >= needle.count else { return false }
        let first = needle[0]
        var position = range.lowerBound
        while position + needle.count <= range.upperBound {
            if AnatomyBytes.lower(text[position]) == first, equalsLowercased(text, from: position, needle) { return true }
            position += 1
        }
        return false
    }
}
