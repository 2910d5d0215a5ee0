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

    /// These drivers as the view writers take (`MessageScorer.run(…, formatWithDrivers:…)` hands
    /// one over without making a `MessageDrivers`); valid only inside `body`.
    @inlinable
    public func withView<Result>(_ body: (MessageDriversView) throws -> Result) rethrows -> Result {
        guard let storage else { return try body(MessageDriversView()) }
        return try storage.hits.withUnsafeBufferPointer { hits in
            try storage.text.withUnsafeBufferPointer { text in
                try withUnsafePointer(to: storage.offsets) { offsets in
                    try storage.ids.withUnsafeBufferPointer { ids in
                        try body(MessageDriversView(hits: hits, text: text, offsets: offsets, ids: ids))
                    }
                }
            }
        }
    }

    /// The drivers `view` shows, kept (copied out of the buffers it borrows).
    public init(_ view: MessageDriversView) {
        self.init(hits: Array(view.hits), text: Array(view.text), offsets: view.offsets?.pointee ?? BodyOffsets(shift: 0), ids: Array(view.ids))
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

/// A message's drivers where they were found — the detector's hits, the scored body, its offsets
/// and the taxonomy's ids, borrowed — with `MessageDrivers`'s accessors: writing them this way takes
/// no copy, allocation or reference (a message with drivers cost two allocations and some ten
/// reference-count operations when its drivers were kept).
///
/// A view is valid only inside the call that hands it over (`MessageScorer.run(…,
/// formatWithDrivers:…)`, `MessageDrivers.withView`), like the pointer of
/// `withUnsafeBufferPointer`; `MessageDrivers(view)` keeps what it shows.
public struct MessageDriversView {
    /// The hits, their `byteRange` in `text`.
    @usableFromInline let hits: UnsafeBufferPointer<DriverHit>
    /// The scored body.
    @usableFromInline let text: UnsafeBufferPointer<UInt8>
    /// Maps offsets in `text` to offsets in the message; nil when they are the same.
    @usableFromInline let offsets: UnsafePointer<BodyOffsets>?
    /// The taxonomy's driver ids, by index.
    @usableFromInline let ids: UnsafeBufferPointer<String>

    /// No drivers.
    public init() {
        self.init(hits: UnsafeBufferPointer(start: nil, count: 0), text: UnsafeBufferPointer(start: nil, count: 0),
                  offsets: nil, ids: UnsafeBufferPointer(start: nil, count: 0))
    }

    /// `hits` found in `text` (a message's body, its offsets mapped to the message's by `offsets`,
    /// nil for the identity); `ids` are the taxonomy's driver ids. The caller keeps all four
    /// alive and unchanged while the view is used.
    @usableFromInline
    init(hits: UnsafeBufferPointer<DriverHit>, text: UnsafeBufferPointer<UInt8>, offsets: UnsafePointer<BodyOffsets>?,
         ids: UnsafeBufferPointer<String>) {
        self.hits = hits
        self.text = text
        self.offsets = offsets.flatMap { $0.pointee.isIdentity ? nil : $0 }
        self.ids = ids
    }

    public var count: Int { hits.count }
    public var isEmpty: Bool { hits.isEmpty }

    /// The driver id of the hit at `position`.
    @inlinable
    public func id(at position: Int) -> String { ids[hits[position].driver] }

    /// The driver of the hit at `position`, as its index in the taxonomy's `drivers`.
    @inlinable
    public func driver(at position: Int) -> Int { hits[position].driver }

    /// The sentiment of the clause of the hit at `position`.
    @inlinable
    public func polarity(at position: Int) -> SentimentLabel { hits[position].polarity }

    /// The evidence of the hit at `position`, as UTF-8 byte offsets into the message.
    @inlinable
    public func byteRange(at position: Int) -> Range<Int> {
        let range = hits[position].byteRange
        guard let offsets else { return range }
        return offsets.pointee.original(range)
    }

    /// The evidence of the hit at `position` as written (UTF-8 bytes, possibly malformed where the
    /// message was), valid as long as the view.
    @inlinable
    public func evidence(at position: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[hits[position].byteRange])
    }
}
