#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The project's one "file:line: problem" error: `line` is 1-based, or `nil` when the problem is
/// with the file as a whole. Printed as compilers do, so editors and CI logs can jump to it.
public struct InputError: Error, Equatable, CustomStringConvertible, Sendable {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// A batch of complete lines copied out of the input, so it can be handed to another thread.
/// Line `i` is `bytes[lineStarts[i]..<lineEnds[i]]`, without its terminator (`\n` or `\r\n`).
public struct LineBatch: Sendable {
    public var bytes: [UInt8] = []
    @usableFromInline var lineStarts: [Int] = []
    @usableFromInline var lineEnds: [Int] = []
    /// 1-based number of the first line in this batch within its file.
    public var firstLineNumber = 1

    init() {}

    public var count: Int { lineStarts.count }
    public var isEmpty: Bool { lineStarts.isEmpty }

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        lineStarts.removeAll(keepingCapacity: true)
        lineEnds.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with line `index` without copying it.
    @inlinable
    public func withLine<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[lineStarts[index]..<lineEnds[index]]))
        }
    }
}

/// Streams lines from a file or standard input with one reusable buffer: memory stays bounded by
/// the longest line, whatever the input size. Reads with `read(2)`, no Foundation bridging.
public final class LineReader {
    public let name: String
    public let sizeInBytes: Int?
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    private var lineNumber = 0
    /// Bytes consumed so far (for progress reports).
    public private(set) var bytesRead = 0
    /// The longest line accepted; longer ones are an error rather than unbounded memory.
    let maximumLineLength: Int

    /// Opens `path`, or standard input when `path` is `-`.
    public init(path: String, bufferSize: Int = 1 << 20, maximumLineLength: Int = 256 << 20) throws {
        self.maximumLineLength = maximumLineLength
        self.buffer = [UInt8](repeating: 0, count: max(bufferSize, 4096))
        if path == "-" {
            name = "<stdin>"
            descriptor = 0
            ownsDescriptor = false
            sizeInBytes = nil
        } else {
            name = path
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw InputError(file: path, message: "cannot open: \(String(cString: strerror(errno)))")
            }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw InputError(file: path, message: "is a directory, not a file")
            }
            descriptor = fd
            ownsDescriptor = true
            sizeInBytes = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        }
    }

    /// Reads lines from `bytes` already in memory (a request body, a test fixture); `name` is
    /// used in error messages. The bytes are the buffer, so no line is too long.
    public init(bytes: [UInt8], name: String = "<memory>") {
        self.name = name
        maximumLineLength = bytes.count
        buffer = bytes
        end = bytes.count
        atEOF = true
        descriptor = -1
        ownsDescriptor = false
        sizeInBytes = bytes.count
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Calls `body` with the next line (terminator removed) and its 1-based number; returns nil,
    /// without calling it, at the end of the input. For readers that pull one record at a time.
    public func withNextLine<R>(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> R) throws -> R? {
        guard let (lineStart, lineEnd) = try nextLineRange() else { return nil }
        lineNumber += 1
        return try buffer.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[lineStart..<lineEnd]), lineNumber)
        }
    }

    /// The next line (terminator removed) without consuming it, or nil at the end of the input:
    /// for telling an input's format from its first line, standard input included. With
    /// `skippingBlankLines`, blank lines before it are consumed (and counted) on the way, for
    /// formats where a blank line is no record.
    public func peekLine(skippingBlankLines: Bool = false) throws -> [UInt8]? {
        while true {
            let before = bytesRead
            guard let (lineStart, lineEnd) = try nextLineRange() else { return nil }
            if skippingBlankLines, !buffer[lineStart..<lineEnd].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) {
                lineNumber += 1
                continue
            }
            // A refill while searching keeps the line's start at `lineStart`; undo the consumption.
            start = lineStart
            bytesRead = before
            return Array(buffer[lineStart..<lineEnd])
        }
    }

    /// Calls `body` with each line (terminator removed) and its 1-based number, in order.
    /// The buffer pointer is only valid during the call.
    public func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        while let (lineStart, lineEnd) = try nextLineRange() {
            lineNumber += 1
            try buffer.withUnsafeBufferPointer { all in
                try body(UnsafeBufferPointer(rebasing: all[lineStart..<lineEnd]), lineNumber)
            }
        }
    }

    /// Fills `batch` with up to `maxLines` lines (and roughly `maxBytes`); returns false at the end.
    func readBatch(into batch: inout LineBatch, maxLines: Int = 4096, maxBytes: Int = 1 << 20) throws -> Bool {
        batch.removeAll()
        batch.firstLineNumber = lineNumber + 1
        while batch.count < maxLines, batch.bytes.count < maxBytes, let (lineStart, lineEnd) = try nextLineRange() {
            lineNumber += 1
            let offset = batch.bytes.count
            batch.bytes.append(contentsOf: buffer[lineStart..<lineEnd])
            batch.lineStarts.append(offset)
            batch.lineEnds.append(batch.bytes.count)
        }
        return !batch.isEmpty
    }

    /// Finds the next line in the buffer, refilling as needed.
    private func nextLineRange() throws -> (Int, Int)? {
        var searchFrom = start
        while true {
            if let newline = findNewline(from: searchFrom) {
                let lineStart = start
                var lineEnd = newline
                if lineEnd > lineStart, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                start = newline + 1
                bytesRead += newline + 1 - lineStart
                return (lineStart, lineEnd)
            }
            if atEOF {
                guard start < end else { return nil }
                let lineStart = start
                var lineEnd = end
                if buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                bytesRead += end - start
                start = end
                return (lineStart, lineEnd)
            }
            searchFrom = end - start
            try refill()
        }
    }

    private func findNewline(from position: Int) -> Int? {
        guard position < end else { return nil }
        return buffer.withUnsafeBufferPointer { all -> Int? in
            let base = all.baseAddress! + position
            guard let hit = memchr(base, Int32(UInt8(ascii: "\n")), end - position) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(all.baseAddress!)
        }
    }

    /// Moves the unfinished line to the front and reads more; grows the buffer for long lines.
    private func refill() throws {
        if start > 0 {
            let pending = end - start
            if pending > 0 {
                buffer.withUnsafeMutableBufferPointer { all in
                    let base = all.baseAddress!
                    _ = memmove(base, base + start, pending)
                }
            }
            start = 0
            end = pending
        }
        if end == buffer.count {
            guard buffer.count < maximumLineLength else {
                throw InputError(file: name, line: lineNumber + 1, message: "line longer than \(maximumLineLength) bytes")
            }
            buffer.append(contentsOf: repeatElement(0, count: buffer.count))
        }
        let got = buffer.withUnsafeMutableBufferPointer { all in
            read(descriptor, all.baseAddress! + end, all.count - end)
        }
        if got < 0 {
            if errno == EINTR { return }
            throw InputError(file: name, line: lineNumber + 1, message: "read failed: \(String(cString: strerror(errno)))")
        }
        if got == 0 { atEOF = true } else { end += got }
    }
}
