/// Where a scored body came from in the original message, so offsets found in the body (lexicon
/// terms, escalation-cue evidence) can be given relative to the message as written.
///
/// A body in one piece is a plain shift. Body in several pieces (answers between quoted lines)
/// is scored joined by "\n", which keeps words of different pieces from running together and
/// lets no phrase span two pieces; an offset maps back through its piece.
public struct BodyOffsets: Sendable, Equatable {
    /// (offset in the joined body, offset in the message, length), in order.
    struct Piece: Sendable, Equatable {
        var bodyStart: Int
        var originalStart: Int
        var count: Int
    }

    private var shift: Int
    private var pieces: [Piece]

    /// Offsets of a body that is the text from `shift` on.
    public init(shift: Int) {
        self.shift = shift
        self.pieces = []
    }

    init(pieces: [Piece]) {
        self.shift = 0
        self.pieces = pieces
    }

    /// True when body offsets are message offsets.
    public var isIdentity: Bool { shift == 0 && pieces.isEmpty }

    /// The message offset of body offset `offset` (a separator maps to the end of the piece before it).
    public func original(_ offset: Int) -> Int {
        guard !pieces.isEmpty else { return offset + shift }
        var chosen = pieces[0]
        for piece in pieces where piece.bodyStart <= offset { chosen = piece }
        return chosen.originalStart + min(offset - chosen.bodyStart, chosen.count)
    }

    /// The message range of body range `range`; a range's end maps through its last byte, so a
    /// term at the end of a piece ends there, not in the next piece.
    public func original(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let offset = original(range.lowerBound)
            return offset..<offset
        }
        let start = original(range.lowerBound)
        return start..<max(start, original(range.upperBound - 1) + 1)
    }
}

/// The part of a message that is scored, from its segments: the body segments, or nothing.
/// Reuses its buffer from message to message (one per thread).
public struct MessageBody {
    private var joined: [UInt8] = []

    public init() {}

    /// Calls `body` with the bytes to score and how their offsets map to `text`'s. `segments`
    /// are `text`'s, from `MessageAnatomy`: a message of body only is passed through untouched;
    /// one with no body segment (only quoted text or boilerplate) scores as an empty text.
    public mutating func withBody<Result>(of text: UnsafeBufferPointer<UInt8>, segments: [MessageSegment],
                                          _ body: (UnsafeBufferPointer<UInt8>, BodyOffsets) -> Result) -> Result {
        var first: MessageSegment?
        var pieces = 0
        for segment in segments where segment.kind == .body {
            if first == nil { first = segment }
            pieces += 1
        }
        guard let first else {
            return body(UnsafeBufferPointer(rebasing: text[0..<0]), BodyOffsets(shift: 0))
        }
        if pieces == 1 {
            return body(UnsafeBufferPointer(rebasing: text[first.start..<first.end]), BodyOffsets(shift: first.start))
        }
        joined.removeAll(keepingCapacity: true)
        var map: [BodyOffsets.Piece] = []
        for segment in segments where segment.kind == .body {
            if !joined.isEmpty { joined.append(0x0A) }
            map.append(BodyOffsets.Piece(bodyStart: joined.count, originalStart: segment.start, count: segment.end - segment.start))
            joined.append(contentsOf: UnsafeBufferPointer(rebasing: text[segment.start..<segment.end]))
        }
        let offsets = BodyOffsets(pieces: map)
        return joined.withUnsafeBufferPointer { body($0, offsets) }
    }

    /// The segments that are not body: what scoring leaves out.
    public static func excluded(_ segments: [MessageSegment]) -> [MessageSegment] {
        segments.filter { $0.kind != .body }
    }
}
