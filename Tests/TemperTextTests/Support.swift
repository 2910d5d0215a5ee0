import TemperText

/// One tokenizer per test process is enough: tests here do not run it concurrently per instance.
func tokenize(_ text: String, maskPII: Bool = false) -> TokenizedText {
    let tokenizer = try! Tokenizer(options: TokenizerOptions(maskPII: maskPII))
    return tokenizer.tokenize(text)
}

extension TokenizedText {
    var norms: [String] { tokens.map { normalizedText(of: $0) } }
    var originals: [String] { tokens.map { originalText(of: $0) } }
    var kinds: [TokenKind] { tokens.map(\.kind) }

    func token(_ norm: String) -> Token? { tokens.first { normalizedText(of: $0) == norm } }

    /// The parts of hashtag token `index`.
    func hashtagParts(ofToken index: Int) -> [HashtagPart] { hashtagParts.filter { Int($0.token) == index } }
}
