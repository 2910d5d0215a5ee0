/// A growable array of plain values (numbers, `Token`) in memory that its owner allocates once and
/// frees explicitly with `deallocate()`.
///
/// The tokenizer builds each message's tokens and normalized bytes here and copies them into the
/// caller's `TokenizedText` at the end. Unlike `Array`, appending needs no copy-on-write uniqueness
/// check (a runtime call per append), and a word can be written through a pointer after reserving
/// room for it once. Every operation that moves `count` checks it against `capacity`, so memory
/// safety never depends on the caller's arithmetic.
///
/// Elements are copied as bytes and never deinitialized: only trivial types belong here (`init`
/// checks; `BitwiseCopyable` would say it statically, but the public `Token` does not declare it).
struct ScratchBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int
    /// What the buffer shrinks back to after an unusually large message.
    private let initialCapacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        precondition(_isPOD(Element.self), "ScratchBuffer holds only trivial values")
        self.capacity = capacity
        initialCapacity = capacity
        base = .allocate(capacity: capacity)
    }

    /// Frees the storage; the buffer must not be used afterwards.
    func deallocate() {
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    var last: Element? { count > 0 ? base[count - 1] : nil }

    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "ScratchBuffer index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "ScratchBuffer index out of range")
            base[index] = newValue
        }
    }

    /// The elements from `start` to the end.
    func suffix(from start: Int) -> UnsafeBufferPointer<Element> {
        precondition(start >= 0 && start <= count, "ScratchBuffer index out of range")
        return UnsafeBufferPointer(start: base + start, count: count - start)
    }

    /// The elements in `range`.
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<Element> {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "ScratchBuffer range out of bounds")
        return UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(toAtLeast: count + 1) }
        (base + count).initialize(to: element)
        count += 1
    }

    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress else { return }
        let destination = reserve(elements.count)
        destination.initialize(from: source, count: elements.count)
        count += elements.count
    }

    /// Makes room for `extra` more elements and returns where the first of them goes. Write at most
    /// `extra` elements there, then `commit` how many were written.
    @inline(__always)
    mutating func reserve(_ extra: Int) -> UnsafeMutablePointer<Element> {
        precondition(extra >= 0)
        if capacity - count < extra { grow(toAtLeast: count + extra) }
        return base + count
    }

    /// Adds the `written` elements just stored at the pointer `reserve` returned.
    @inline(__always)
    mutating func commit(_ written: Int) {
        precondition(written >= 0 && written <= capacity - count, "ScratchBuffer commit past capacity")
        count += written
    }

    /// Drops the elements from `newCount` on.
    mutating func removeSuffix(from newCount: Int) {
        precondition(newCount >= 0 && newCount <= count, "ScratchBuffer index out of range")
        count = newCount
    }

    mutating func removeLast() {
        precondition(count > 0, "ScratchBuffer is empty")
        count -= 1
    }

    /// Empties the buffer, keeping its storage unless a huge message left it much larger than usual
    /// (so one 10 MB line does not pin its memory for the rest of the run).
    mutating func removeAll() {
        count = 0
        if capacity > 64 * initialCapacity {
            base.deallocate()
            base = .allocate(capacity: initialCapacity)
            capacity = initialCapacity
        }
    }

    private mutating func grow(toAtLeast minimum: Int) {
        let newCapacity = Swift.max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
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
