/// A growable array of plain values (numbers, `Token`, a detector's hits) in memory that its owner
/// allocates once, reuses message after message and frees explicitly with `deallocate()`.
///
/// The tokenizer builds each message's tokens and normalized bytes here and copies them into the
/// caller's `TokenizedText` at the end; the driver detector keeps its per-message buffers here.
/// Unlike `Array`, appending needs no copy-on-write uniqueness check (a runtime call per append),
/// reading and writing no reference counting or exclusivity check, and a run of elements can be
/// written through a pointer after reserving room for it once. Every operation that moves `count`
/// checks it against `capacity`, so memory safety never depends on the caller's arithmetic.
/// Public and inlinable so that other modules' hot loops get it specialised, as this one's do.
///
/// Elements are copied as bytes and never deinitialized: only trivial types belong here (`init`
/// checks; `BitwiseCopyable` would say it statically, but the public `Token` does not declare it).
/// One owner uses it from one thread at a time.
public struct ScratchBuffer<Element> {
    @usableFromInline var storage: UnsafeMutablePointer<Element>
    @usableFromInline var used = 0
    @usableFromInline var allocated: Int
    /// What the buffer shrinks back to after an unusually large message.
    @usableFromInline let initialCapacity: Int

    @inlinable
    public init(capacity: Int) {
        precondition(capacity > 0)
        precondition(_isPOD(Element.self), "ScratchBuffer holds only trivial values")
        allocated = capacity
        initialCapacity = capacity
        storage = .allocate(capacity: capacity)
    }

    /// Frees the storage; the buffer must not be used afterwards.
    @inlinable
    public func deallocate() {
        storage.deallocate()
    }

    /// Where the elements start (valid until the buffer grows or shrinks).
    @inlinable public var base: UnsafeMutablePointer<Element> { storage }
    @inlinable public var count: Int { used }
    @inlinable public var capacity: Int { allocated }
    @inlinable public var isEmpty: Bool { used == 0 }
    @inlinable public var last: Element? { used > 0 ? storage[used - 1] : nil }

    @inlinable
    public subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < used, "ScratchBuffer index out of range")
            return storage[index]
        }
        set {
            precondition(index >= 0 && index < used, "ScratchBuffer index out of range")
            storage[index] = newValue
        }
    }

    /// The elements from `start` to the end.
    @inlinable
    public func suffix(from start: Int) -> UnsafeBufferPointer<Element> {
        precondition(start >= 0 && start <= used, "ScratchBuffer index out of range")
        return UnsafeBufferPointer(start: storage + start, count: used - start)
    }

    /// The elements in `range`.
    @inlinable
    public func slice(_ range: Range<Int>) -> UnsafeBufferPointer<Element> {
        precondition(range.lowerBound >= 0 && range.upperBound <= used, "ScratchBuffer range out of bounds")
        return UnsafeBufferPointer(start: storage + range.lowerBound, count: range.count)
    }

    @inlinable
    public var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: storage, count: used) }

    /// The elements, to rewrite in place (valid until the buffer grows or shrinks).
    @inlinable
    public var mutableElements: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: storage, count: used) }

    @inlinable @inline(__always)
    public mutating func append(_ element: Element) {
        if used == allocated { grow(toAtLeast: used + 1) }
        (storage + used).initialize(to: element)
        used += 1
    }

    @inlinable
    public mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress else { return }
        let destination = reserve(elements.count)
        destination.initialize(from: source, count: elements.count)
        used += elements.count
    }

    /// Makes room for `extra` more elements and returns where the first of them goes. Write at most
    /// `extra` elements there, then `commit` how many were written.
    @inlinable @inline(__always)
    public mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<Element> {
        precondition(extra >= 0)
        if allocated - used < extra { grow(toAtLeast: used + extra) }
        return storage + used
    }

    /// Adds the `written` elements just stored at the pointer `reserve` returned.
    @inlinable @inline(__always)
    public mutating func commit(_ written: Int) {
        precondition(written >= 0 && written <= allocated - used, "ScratchBuffer commit past capacity")
        used += written
    }

    /// Empties the buffer and returns `count` elements of room to write in place (`count` of them
    /// become the buffer's elements): for buffers indexed by token that every message overwrites.
    /// They hold what the last message left, and room the buffer grew for holds nothing yet:
    /// write each element before reading it.
    @inlinable
    public mutating func reset(count: Int) -> UnsafeMutableBufferPointer<Element> {
        removeAll()
        let start = reserve(count)
        commit(count)
        return UnsafeMutableBufferPointer(start: start, count: count)
    }

    /// Drops the elements from `newCount` on.
    @inlinable
    public mutating func removeSuffix(from newCount: Int) {
        precondition(newCount >= 0 && newCount <= used, "ScratchBuffer index out of range")
        used = newCount
    }

    @inlinable
    public mutating func removeLast() {
        precondition(used > 0, "ScratchBuffer is empty")
        used -= 1
    }

    /// Empties the buffer, keeping its storage unless a huge message left it much larger than usual
    /// (so one 10 MB line does not pin its memory for the rest of the run).
    @inlinable
    public mutating func removeAll() {
        used = 0
        if allocated > 64 * initialCapacity {
            storage.deallocate()
            storage = .allocate(capacity: initialCapacity)
            allocated = initialCapacity
        }
    }

    /// Not inlinable: it runs when a longer message than any before comes, and other modules
    /// reach it through its generic entry point.
    @usableFromInline
    mutating func grow(toAtLeast minimum: Int) {
        let newCapacity = Swift.max(minimum, allocated * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: storage, count: used)
        storage.deallocate()
        storage = newBase
        allocated = newCapacity
    }
}

extension ScratchBuffer where Element == UInt8 {
    /// Appends the UTF-8 encoding of `scalar`.
    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            append(UInt8(scalar))
        case 0x80..<0x800:
            append(UInt8(0xC0 | (scalar >> 6)))
            append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            append(UInt8(0xE0 | (scalar >> 12)))
            append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            append(UInt8(0xF0 | (scalar >> 18)))
            append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}
