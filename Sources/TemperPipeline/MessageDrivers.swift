import TemperIO
import TemperSentiment
import TemperText

/// A scored message's feedback drivers, most salient first: the detector's hits with the body text
/// their evidence stands in. Each element is a `DriverMention`, made when read; output writers can
/// instead take a hit's id, offsets and evidence bytes directly (`temper score --drivers` does),
/// which spares an evidence `String` per hit.
public struct MessageDrivers: RandomAccessCollection, Sendable {
    /// Everything in one reference, nil without hits: a message without drivers is copied
    /// (it is, several times, on the way to its output) without reference counting.
    @usableFromInline
    final class Storage: Sendable {
        /// The hits, their `byteRange` in `text` (the scored body).
        @usableFromInline let hits: [DriverHit]
        @usableFromInline let text: [UInt8]
        /// Maps offsets in `text` to offsets in the message.
        @usableFromInline let offsets: BodyOffsets
        /// The taxonomy's driver ids, by index.
        @usableFromInline let ids: [String]

        init(hits: [DriverHit], text: [UInt8], offsets: BodyOffsets, ids: [String]) {
            self.hits = hits
            self.text = text
            self.offsets = offsets
            self.ids = ids
        }
    }

    @usableFromInline let storage: Storage?

    public init() {
        storage = nil
    }

    /// `hits` found in `text` (a message's body, its offsets mapped to the message's by `offsets`);
    /// `ids` are the taxonomy's driver ids.
    public init(hits: [DriverHit], text: [UInt8], offsets: BodyOffsets, ids: [String]) {
        storage = hits.isEmpty ? nil : Storage(hits: hits, text: text, offsets: offsets, ids: ids)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage?.hits.count ?? 0 }

    public subscript(position: Int) -> DriverMention {
        let range = byteRange(at: position)
        return DriverMention(id: id(at: position), polarity: polarity(at: position),
                             evidence: withEvidence(at: position) { String(decoding: $0, as: UTF8.self) },
                             start: range.lowerBound, end: range.upperBound)
    }

    /// The driver id of the hit at `position`.
    @inlinable
    public func id(at position: Int) -> String {
        let storage = storage!
        return storage.ids[storage.hits[position].driver]
    }

    /// The sentiment of the clause of the hit at `position`.
    @inlinable
    public func polarity(at position: Int) -> SentimentLabel { storage!.hits[position].polarity }

    /// The evidence of the hit at `position`, as UTF-8 byte offsets into the message.
    @inlinable
    public func byteRange(at position: Int) -> Range<Int> {
        let storage = storage!
        let range = storage.hits[position].byteRange
        return storage.offsets.isIdentity ? range : storage.offsets.original(range)
    }

    /// Calls `body` with the evidence of the hit at `position` as written (UTF-8 bytes, possibly
    /// malformed where the message was).
    @inlinable
    public func withEvidence<Result>(at position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let storage = storage!
        let range = storage.hits[position].byteRange
        return try storage.text.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}
