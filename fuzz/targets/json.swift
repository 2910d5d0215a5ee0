// JSON reader: `JSONParser` (every JSONL reader) and `JSONCursor` (the facts reader, configs).
@testable import TemperIO

/// Shallow, so the fuzzer reaches the depth limit with short inputs.
private let depth = 16

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var parser = JSONParser(maxDepth: depth)
    let parsed: Result<JSONValue, JSONParseError>
    do throws(JSONParseError) { parsed = .success(try parser.parse(bytes)) } catch { parsed = .failure(error) }

    // The cursor's skipper, which readers use for members they do not know, accepts exactly
    // the documents the parser accepts.
    var cursor = JSONCursor(bytes, maxDepth: depth)
    let skipped: Result<Void, JSONParseError>
    do throws(JSONParseError) {
        cursor.skipByteOrderMark()
        cursor.skipWhitespace()
        try cursor.skipValue()
        try cursor.finish()
        skipped = .success(())
    } catch { skipped = .failure(error) }

    switch (parsed, skipped) {
    case (.failure(let error), .failure(let skipError)):
        require(error.offset >= 0 && error.offset <= size, "offset \(error.offset) outside 0...\(size)")
        require(error.kind == skipError.kind && error.offset == skipError.offset,
                "parser says '\(error)', skipper says '\(skipError)'")
    case (.success, .failure(let error)), (.failure(let error), .success):
        fatalError("parser and skipper disagree: \(error)")
    case (.success(let value), .success):
        // What the writer writes reads back as the same value, and writing is stable.
        let written = value.serialized()
        guard let again = try? JSONValue(parsing: written, maxDepth: depth) else {
            fatalError("written JSON does not parse: \(String(decoding: written, as: UTF8.self))")
        }
        require(again == value, "round trip changed \(value) into \(again)")
        require(again.serialized() == written, "writing twice differs")
    }
    return 0
}
