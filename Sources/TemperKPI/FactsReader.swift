import Foundation
import TemperIO

/// Streams `ConversationFacts` from JSONL, one line at a time, in bounded memory.
///
/// Reads through a reusable 1 MiB buffer with `fread`, so memory does not grow with the input;
/// a single line may grow the buffer up to `maximumLineBytes`. Blank lines are ignored. In
/// `skipInvalid` mode bad lines are counted (and the first few kept for a report) instead of
/// stopping the run, because one corrupt row in a month of exports should not block a scorecard.
public final class FactsReader {
    /// Name used in error messages: the path, or `<stdin>`.
    public let name: String
    public let skipInvalid: Bool
    /// Lines read so far (including blank and skipped ones).
    public private(set) var lineNumber = 0
    /// Lines rejected in `skipInvalid` mode.
    public private(set) var skippedCount = 0
    /// The first `keptErrorLimit` rejected lines, for a summary to the user.
    public private(set) var skippedErrors: [InputError] = []
    public static let keptErrorLimit = 20
    public static let maximumLineBytes = 64 << 20

    private let source: ChunkSource
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var sourceExhausted = false
    private var parser = FactsLineParser()

    /// Opens `path` for reading; `nil` or `"-"` reads standard input.
    public convenience init(path: String?, skipInvalid: Bool = false) throws(InputError) {
        if path == nil || path == "-" {
            // A private FILE over descriptor 0, never closed, so standard input stays usable.
            guard let input = fdopen(STDIN_FILENO, "rb") else {
                throw InputError(file: "<stdin>", message: "cannot read standard input")
            }
            self.init(source: .file(input, owned: false), name: "<stdin>", skipInvalid: skipInvalid)
            return
        }
        let path = path!
        guard let file = fopen(path, "rb") else {
            let reason = String(cString: strerror(errno))
            throw InputError(file: path, message: "cannot open: \(reason)")
        }
        self.init(source: .file(file, owned: true), name: path, skipInvalid: skipInvalid)
    }

    /// Reads facts from memory, e.g. a request body or a test fixture.
    public convenience init(data: Data, name: String = "<memory>", skipInvalid: Bool = false) {
        self.init(source: .memory(data, offset: 0), name: name, skipInvalid: skipInvalid)
    }

    private init(source: ChunkSource, name: String, skipInvalid: Bool) {
        self.source = source
        self.name = name
        self.skipInvalid = skipInvalid
        self.buffer = .allocate(byteCount: 1 << 20, alignment: 8)
    }

    deinit {
        buffer.deallocate()
        source.close()
    }

    /// The next valid facts, or `nil` at the end of the input.
    /// - Throws: `InputError` for the first invalid line unless `skipInvalid` is set, and for I/O errors.
    public func next() throws(InputError) -> ConversationFacts? {
        while let range = try nextLine() {
            lineNumber += 1
            var line = UnsafeRawBufferPointer(rebasing: buffer[range])
            if lineNumber == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) {
                line = UnsafeRawBufferPointer(rebasing: line[3...])  // UTF-8 byte-order mark
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            do {
                return try parser.parse(line)
            } catch {
                let failure = InputError(file: name, line: lineNumber, message: error.description)
                guard skipInvalid else { throw failure }
                skippedCount += 1
                if skippedErrors.count < Self.keptErrorLimit { skippedErrors.append(failure) }
            }
        }
        return nil
    }

    /// Calls `body` with every valid facts record in order.
    public func forEach(_ body: (ConversationFacts) throws -> Void) throws {
        while let facts = try next() { try body(facts) }
    }

    /// The byte range of the next line inside `buffer` (without its `\n` or `\r\n`), or `nil` at EOF.
    private func nextLine() throws(InputError) -> Range<Int>? {
        while true {
            if start < end, let base = buffer.baseAddress,
               let newline = memchr(base + start, 0x0A, end - start) {
                let lineEnd = base.distance(to: UnsafeMutableRawPointer(newline))
                let range = start..<trimCarriageReturn(start, lineEnd)
                start = lineEnd + 1
                return range
            }
            if sourceExhausted {
                guard start < end else { return nil }
                let range = start..<trimCarriageReturn(start, end)
                start = end
                return range
            }
            try refill()
        }
    }

    private func trimCarriageReturn(_ from: Int, _ to: Int) -> Int {
        to > from && buffer[to - 1] == 0x0D ? to - 1 : to
    }

    /// Moves the partial line to the front, grows the buffer if one line fills it, and reads more.
    private func refill() throws(InputError) {
        let pending = end - start
        if start > 0, pending > 0, let base = buffer.baseAddress {
            memmove(base, base + start, pending)
        }
        start = 0
        end = pending
        if end == buffer.count {
            guard buffer.count < Self.maximumLineBytes else {
                throw InputError(file: name, line: lineNumber + 1,
                                 message: "line longer than \(Self.maximumLineBytes >> 20) MiB")
            }
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 8)
            larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
            buffer.deallocate()
            buffer = larger
        }
        let target = UnsafeMutableRawBufferPointer(rebasing: buffer[end...])
        let count = try source.read(into: target, name: name, line: lineNumber + 1)
        if count == 0 { sourceExhausted = true }
        end += count
    }
}

/// Where the reader's bytes come from.
private final class ChunkSource {
    enum Kind {
        case file(UnsafeMutablePointer<FILE>, owned: Bool)
        case memory(Data, offset: Int)
    }

    private var kind: Kind

    static func file(_ file: UnsafeMutablePointer<FILE>, owned: Bool) -> ChunkSource {
        ChunkSource(kind: .file(file, owned: owned))
    }

    static func memory(_ data: Data, offset: Int) -> ChunkSource {
        ChunkSource(kind: .memory(data, offset: offset))
    }

    private init(kind: Kind) {
        self.kind = kind
    }

    /// Fills as much of `target` as available; 0 means end of input.
    func read(into target: UnsafeMutableRawBufferPointer, name: String, line: Int) throws(InputError) -> Int {
        switch kind {
        case let .file(file, _):
            let count = fread(target.baseAddress!, 1, target.count, file)
            if count == 0, ferror(file) != 0 {
                throw InputError(file: name, line: line, message: "read error: \(String(cString: strerror(errno)))")
            }
            return count
        case let .memory(data, offset):
            let count = min(target.count, data.count - offset)
            if count > 0 {
                data.withUnsafeBytes { bytes in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
                }
            }
            kind = .memory(data, offset: offset + count)
            return count
        }
    }

    func close() {
        if case let .file(file, owned) = kind, owned { fclose(file) }
    }
}
