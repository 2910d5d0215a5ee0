// Lexicon loader: `LexiconLoader.parse` (`--lexicon FILE`), for every format, declared or guessed
// (a one-word list takes its polarity from its file name).
import TemperIO
import TemperSentiment
import TemperText

nonisolated(unsafe) private let tokenizer = try! Tokenizer()
private let names = ["extra.tsv", "positive-words.txt", "negative-words.txt", "words.txt"]
private let formats: [LexiconFormat?] = [nil] + LexiconFormat.allCases

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLexicon(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    // `load` reads the file as UTF-8 text, so anything else never gets here.
    guard let contents = String(validating: bytes, as: UTF8.self) else { return 0 }
    // The name and declared format come from the length, so the text itself stays a lexicon.
    let name = names[size % names.count]
    let format = formats[(size / names.count) % formats.count]
    var lexicon = Lexicon()
    do {
        try LexiconLoader.parse(contents, name: name, format: format, into: &lexicon, tokenizer: tokenizer)
    } catch let error as InputError {
        require(error.file == name, "error names '\(error.file)', not '\(name)'")
        if let line = error.line {
            require(line >= 1 && line <= lineCount(bytes), "line \(line) of \(lineCount(bytes)): \(error)")
        }
    } catch {
        fatalError("not an InputError: \(error)")
    }
    return 0
}
