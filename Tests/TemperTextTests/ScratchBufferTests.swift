import Testing
import TemperText

/// The owned buffer the tokenizer builds tokens in and the driver detector keeps its
/// per-message state in: growing keeps what it holds, reused room is kept for shorter messages,
/// and a huge message's room is given back.
@Suite struct ScratchBufferTests {
    @Test func growingKeepsItsContents() {
        // 16 grows to 1,024 at most: not past 64 times its first size, so nothing is given back.
        var buffer = ScratchBuffer<Int>(capacity: 16)
        defer { buffer.deallocate() }
        for count in [1, 5, 16, 17, 100, 3, 1_000] {
            buffer.removeAll()
            for index in 0..<count { buffer.append(index * 7) }
            #expect(buffer.count == count && buffer.capacity >= count)
            #expect(Array(buffer.elements) == (0..<count).map { $0 * 7 }, "\(count)")
        }
        buffer.removeAll()
        let capacity = buffer.capacity
        for index in 0..<10 { buffer.append(index) }
        #expect(buffer.capacity == capacity, "a shorter message keeps the room")
    }

    /// `reset(count:)` hands out `count` elements of room to overwrite in place, growing as needed
    /// and keeping what the room held: written there, they are the buffer's elements.
    @Test func resetHandsOutRoomToWriteInPlace() {
        var buffer = ScratchBuffer<UInt8>(capacity: 2)
        defer { buffer.deallocate() }
        for count in [0, 1, 3, 40, 7] {
            let room = buffer.reset(count: count)
            #expect(room.count == count && buffer.count == count && buffer.capacity >= count)
            for index in 0..<count { room[index] = UInt8(index) }
            #expect(Array(buffer.elements) == (0..<count).map { UInt8($0) }, "\(count)")
        }
        let room = buffer.reset(count: 3)
        #expect(Array(room) == [0, 1, 2], "reused room holds what the last message left")
    }

    @Test func mutableElementsRewriteInPlace() {
        var buffer = ScratchBuffer<Int>(capacity: 4)
        defer { buffer.deallocate() }
        for value in [3, 1, 2] { buffer.append(value) }
        var elements = buffer.mutableElements
        elements.sort()
        #expect(Array(buffer.elements) == [1, 2, 3])
    }

    @Test func aHugeMessagesRoomIsGivenBack() {
        var buffer = ScratchBuffer<Int>(capacity: 4)
        defer { buffer.deallocate() }
        _ = buffer.reset(count: 10_000)
        #expect(buffer.capacity >= 10_000)
        buffer.removeAll()
        #expect(buffer.capacity == 4 && buffer.isEmpty)
    }
}
