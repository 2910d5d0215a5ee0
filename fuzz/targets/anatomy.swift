// Message anatomy: `MessageAnatomy` (what `score` and `flag` read the body through, and
// `normalize --anatomy` prints) on any bytes, and `MessageBody`'s offset map back.
import TemperText

nonisolated(unsafe) private var anatomy = MessageAnatomy()
nonisolated(unsafe) private var segments: [MessageSegment] = []
nonisolated(unsafe) private var body = MessageBody()

/// An offset not inside a multi-byte character: a continuation byte may follow it only as a
/// stray one, after an ASCII byte (invalid input).
private func onBoundary(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
    offset == 0 || offset == bytes.count || bytes[offset] & 0xC0 != 0x80 || bytes[offset - 1] < 0x80
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnatomy(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    anatomy.parse(bytes, into: &segments)
    // In order, back to back, covering the input, no empty segment, neighbours of different kinds.
    require(size == 0 ? segments.isEmpty : segments.first?.start == 0 && segments.last?.end == size,
            "segments \(segments) do not cover \(size) bytes")
    for (index, segment) in segments.enumerated() {
        require(segment.start < segment.end, "empty segment \(segment)")
        require(onBoundary(bytes, segment.start) && onBoundary(bytes, segment.end), "segment \(segment) cuts a character")
        if index > 0 {
            require(segments[index - 1].end == segment.start, "gap or overlap before \(segment)")
            require(segments[index - 1].kind != segment.kind, "two \(segment.kind) segments in a row")
        }
    }
    // Courtesy alone is the message: a text with segments has a body unless it is all quoted
    // text or boilerplate.
    if !segments.isEmpty, !segments.contains(where: { $0.kind == .body }) {
        require(segments.allSatisfy { $0.kind == .quoted || $0.kind == .boilerplate },
                "no body, but \(segments)")
    }
    // The scored body maps back: each body byte's offset lands on the same byte of the input
    // (line feeds excepted: pieces of a body are joined by one).
    body.withBody(of: bytes, segments: segments) { scored, offsets in
        for offset in scored.indices {
            let original = offsets.original(offset)
            require(original <= size, "body offset \(offset) maps past the input, to \(original)")
            if scored[offset] != 0x0A {
                require(original < size && bytes[original] == scored[offset], "body byte \(offset) maps to \(original)")
            }
        }
    }
    return 0
}
