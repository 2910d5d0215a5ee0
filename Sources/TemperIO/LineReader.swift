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
/// the longest line allowed, whatever the input size. Reads with `read(2)`, no Foundation bridging.
///
/// A line longer than `maximumLineLength` is never held in memory: the reader skips to the next
/// line break, reading on in buffer-sized chunks, and hands the line to the bad-record policy as
/// "line is N bytes, longer than the limit of M". Every reader and command reads lines through
/// this type, so every one honours the bound the same way.
public final class LineReader {
    /// The longest line read by default: 1 MiB, some 200 pages of chat. A runaway line (a binary
    /// file, a missing line break) is read past instead: what a line costs while it is processed
    /// grows with it (up to ~95 MB of working memory for a line at this limit made of one token
    /// per byte), so the limit is what bounds it.
    public static let defaultMaximumLineLength = 1 << 20

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
    /// The longest line accepted, without its terminator; longer ones are bad records.
    let maximumLineLength: Int
    /// An over-long line met while peeking or while filling a batch, not yet handed to a policy.
    private var skippedLine: InputError?

    /// Opens `path`, or standard input when `path` is `-`.
    public init(path: String, bufferSize: Int = 1 << 20, maximumLineLength: Int = LineReader.defaultMaximumLineLength) throws {
        self.maximumLineLength = max(1, maximumLineLength)
        // No bigger than a line at the limit (with its CRLF) needs; it grows up to that on demand.
        self.buffer = [UInt8](repeating: 0, count: max(min(bufferSize, self.maximumLineLength + 2), 4096))
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
        maximumLineLength = Int.max
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

    /// Bytes the reader holds for lines (for tests of the bound).
    var bufferCapacity: Int { buffer.count }

    /// The problem an over-long line is, for the policy.
    private func overlong(_ length: Int, line: Int) -> InputError {
        InputError(file: name, line: line,
                   message: "line is \(length) bytes, longer than the limit of \(maximumLineLength) (--max-line-bytes)")
    }

    /// The over-long line skipped while peeking or filling a batch, if any; taking it clears it.
    /// Batch readers hand it to their policy once every line before it has been delivered.
    func takeSkippedLine() -> InputError? {
        defer { skippedLine = nil }
        return skippedLine
    }

    /// Calls `body` with the next line (terminator removed) and its 1-based number; returns nil,
    /// without calling it, at the end of the input. For readers that pull one record at a time.
    /// An over-long line goes to `policy` and is passed over (or, stopping, thrown).
    public func withNextLine<R>(policy: BadRecordPolicy = BadRecordPolicy(),
                                _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> R) throws -> R? {
        if let skipped = takeSkippedLine() { try policy.handle(skipped) }
        while let next = try nextLine() {
            lineNumber += 1
            switch next {
            case let .line(lineStart, lineEnd):
                return try buffer.withUnsafeBufferPointer { all in
                    try body(UnsafeBufferPointer(rebasing: all[lineStart..<lineEnd]), lineNumber)
                }
            case let .overlong(length):
                try policy.handle(overlong(length, line: lineNumber))
            }
        }
        return nil
    }

    /// The next line (terminator removed) without consuming it, or nil at the end of the input:
    /// for telling an input's format from its first line, standard input included. With
    /// `skippingBlankLines`, blank lines before it are consumed (and counted) on the way, for
    /// formats where a blank line is no record. An over-long line is passed over and kept for
    /// the read that follows to report, in its place.
    public func peekLine(skippingBlankLines: Bool = false) throws -> [UInt8]? {
        while true {
            let before = bytesRead
            guard let next = try nextLine() else { return nil }
            guard case let .line(lineStart, lineEnd) = next else {
                lineNumber += 1
                if skippedLine == nil { skippedLine = overlong(next.overlongLength, line: lineNumber) }
                continue
            }
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
    /// The buffer pointer is only valid during the call. An over-long line goes to `policy`.
    public func forEachLine(policy: BadRecordPolicy = BadRecordPolicy(),
                            _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        if let skipped = takeSkippedLine() { try policy.handle(skipped) }
        while let next = try nextLine() {
            lineNumber += 1
            switch next {
            case let .line(lineStart, lineEnd):
                try buffer.withUnsafeBufferPointer { all in
                    try body(UnsafeBufferPointer(rebasing: all[lineStart..<lineEnd]), lineNumber)
                }
            case let .overlong(length):
                try policy.handle(overlong(length, line: lineNumber))
            }
        }
    }

    /// Fills `batch` with up to `maxLines` lines (and roughly `maxBytes`); returns false at the
    /// end of the input. An over-long line ends the batch before it and waits in
    /// `takeSkippedLine()`, so it is reported after the lines before it.
    func readBatch(into batch: inout LineBatch, maxLines: Int = 4096, maxBytes: Int = 1 << 20) throws -> Bool {
        batch.removeAll()
        batch.firstLineNumber = lineNumber + 1
        guard skippedLine == nil else { return true }
        while batch.count < maxLines, batch.bytes.count < maxBytes, let next = try nextLine() {
            lineNumber += 1
            guard case let .line(lineStart, lineEnd) = next else {
                skippedLine = overlong(next.overlongLength, line: lineNumber)
                return true
            }
            let offset = batch.bytes.count
            batch.bytes.append(contentsOf: buffer[lineStart..<lineEnd])
            batch.lineStarts.append(offset)
            batch.lineEnds.append(batch.bytes.count)
        }
        return !batch.isEmpty
    }

    /// What comes next in the input.
    private enum Next {
        case line(start: Int, end: Int)
        /// A line longer than the limit, already skipped: its length without the terminator.
        case overlong(length: Int)

        var overlongLength: Int {
            if case let .overlong(length) = self { return length }
            return 0
        }
    }

    /// Finds the next line in the buffer, refilling as needed; skips an over-long one.
    private func nextLine() throws -> Next? {
        var searchFrom = start
        while true {
            if let newline = findNewline(from: searchFrom) {
                let lineStart = start
                var lineEnd = newline
                if lineEnd > lineStart, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                start = newline + 1
                bytesRead += newline + 1 - lineStart
                // A line that fits in a buffer bigger than the limit (in-memory input never has one).
                if lineEnd - lineStart > maximumLineLength { return .overlong(length: lineEnd - lineStart) }
                return .line(start: lineStart, end: lineEnd)
            }
            if atEOF {
                guard start < end else { return nil }
                let lineStart = start
                var lineEnd = end
                if buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                bytesRead += end - start
                start = end
                if lineEnd - lineStart > maximumLineLength { return .overlong(length: lineEnd - lineStart) }
                return .line(start: lineStart, end: lineEnd)
            }
            // No line break yet and more than a line may hold (a CR before the break aside).
            if end - start > maximumLineLength + 1 { return .overlong(length: try skipRestOfLine()) }
            searchFrom = end - start
            try refill()
        }
    }

    /// Reads past the rest of an over-long line (the buffer holds its first part), one buffer at
    /// a time, keeping none of it; returns its length without the terminator.
    private func skipRestOfLine() throws -> Int {
        var length = end - start
        var endsWithCR = end > start && buffer[end - 1] == UInt8(ascii: "\r")
        bytesRead += end - start
        start = 0
        end = 0
        while true {
            let got = buffer.withUnsafeMutableBufferPointer { all in read(descriptor, all.baseAddress!, all.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw InputError(file: name, line: lineNumber + 1, message: "read failed: \(String(cString: strerror(errno)))")
            }
            if got == 0 {
                atEOF = true
                return endsWithCR ? length - 1 : length
            }
            end = got
            if let newline = findNewline(from: 0) {
                length += newline
                if newline > 0 { endsWithCR = buffer[newline - 1] == UInt8(ascii: "\r") }
                start = newline + 1
                bytesRead += newline + 1
                return endsWithCR ? length - 1 : length
            }
            length += got
            endsWithCR = buffer[got - 1] == UInt8(ascii: "\r")
            bytesRead += got
            end = 0
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

    /// Moves the unfinished line to the front and reads more; grows the buffer for long lines,
    /// up to what a line at the limit needs.
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
            // `nextLine` skips a line before it outgrows the limit, so this always grows.
            let limit = maximumLineLength > Int.max / 2 ? Int.max / 2 : maximumLineLength + 2
            buffer.append(contentsOf: repeatElement(0, count: max(1, min(buffer.count, limit - buffer.count))))
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
