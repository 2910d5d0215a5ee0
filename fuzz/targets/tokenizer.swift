// Tokenizer and normalizer: `Tokenizer` (what `normalize` prints and every score starts from),
// on any bytes, with PII masking off and on.
import TemperText

nonisolated(unsafe) private let plain = try! Tokenizer()
nonisolated(unsafe) private let masking = try! Tokenizer(options: TokenizerOptions(maskPII: true))
nonisolated(unsafe) private var text = TokenizedText()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for tokenizer in [plain, masking] {
        tokenizer.tokenize(bytes, into: &text)
        require(text.source.elementsEqual(bytes), "source is not the input")
        require(text.replacedByteCount <= size, "\(text.replacedByteCount) replaced bytes in \(size)")
        require(String(validating: text.normalized, as: UTF8.self) != nil, "normalized forms are not UTF-8")
        var end = 0, normEnd = 0
        for token in text.tokens {
            // In order, not overlapping, inside the input; forms back to back in `normalized`.
            require(Int(token.start) >= end && token.start < token.end && Int(token.end) <= size,
                    "token \(token.byteRange) after \(end) in \(size) bytes")
            require(Int(token.normStart) >= normEnd && token.normStart <= token.normEnd && Int(token.normEnd) <= text.normalized.count,
                    "form \(token.normRange) after \(normEnd) in \(text.normalized.count) bytes")
            end = Int(token.end)
            normEnd = Int(token.normEnd)
            _ = text.originalText(of: token)
        }
        let ranges = text.scalarRanges()
        require(ranges.count == text.tokens.count, "\(ranges.count) scalar ranges for \(text.tokens.count) tokens")
        require(zip(ranges, ranges.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound }, "scalar ranges overlap")
        var line: [UInt8] = []
        text.appendNormalizedLine(to: &line)
        require(String(validating: line, as: UTF8.self) != nil, "normalized line is not UTF-8")
    }
    return 0
}
