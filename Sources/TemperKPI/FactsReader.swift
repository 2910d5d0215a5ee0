import Foundation
import TemperIO

/// Streams `ConversationFacts` from JSONL, one line at a time, in bounded memory.
///
/// Lines come from TemperIO's `LineReader` (a reusable buffer, so memory does not grow with the
/// input; a single line may grow it up to `maximumLineBytes`). Blank lines are ignored. In
/// `skipInvalid` mode bad lines are counted (and the first few kept for a report) instead of
/// stopping the run, because one corrupt row in a month of exports should not block a scorecard.
public final class FactsReader {
    /// Name used in error messages: the path, or `<stdin>`.
    public var name: String { lines.name }
    public let skipInvalid: Bool
    /// Lines read so far (including blank and skipped ones).
    public private(set) var lineNumber = 0
    /// Lines rejected in `skipInvalid` mode.
    public private(set) var skippedCount = 0
    /// The first `keptErrorLimit` rejected lines, for a summary to the user.
    public private(set) var skippedErrors: [InputError] = []
    public static let keptErrorLimit = 20
    public static let maximumLineBytes = 64 << 20

    private let lines: LineReader
    private var parser = FactsLineParser()

    /// Opens `path` for reading; `nil` or `"-"` reads standard input.
    public convenience init(path: String?, skipInvalid: Bool = false) throws(InputError) {
        let lines: LineReader
        do {
            lines = try LineReader(path: path ?? "-", maximumLineLength: Self.maximumLineBytes)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: path ?? "<stdin>", message: "cannot open: \(error)")
        }
        self.init(lines: lines, skipInvalid: skipInvalid)
    }

    /// Reads facts from memory, e.g. a request body or a test fixture.
    public convenience init(data: Data, name: String = "<memory>", skipInvalid: Bool = false) {
        self.init(lines: LineReader(bytes: [UInt8](data), name: name), skipInvalid: skipInvalid)
    }

    private init(lines: LineReader, skipInvalid: Bool) {
        self.lines = lines
        self.skipInvalid = skipInvalid
    }

    /// The next valid facts, or `nil` at the end of the input.
    /// - Throws: `InputError` for the first invalid line unless `skipInvalid` is set, and for I/O errors.
    public func next() throws(InputError) -> ConversationFacts? {
        while true {
            let outcome: Result<ConversationFacts, InputError>??
            do {
                outcome = try lines.withNextLine { bytes, number in parse(UnsafeRawBufferPointer(bytes), number) }
            } catch let error as InputError {
                throw error
            } catch {
                throw InputError(file: name, line: lineNumber + 1, message: "\(error)")
            }
            guard let outcome else { return nil }  // end of input
            switch outcome {
            case .none:
                continue  // blank line
            case .success(let facts)?:
                return facts
            case .failure(let failure)?:
                guard skipInvalid else { throw failure }
                skippedCount += 1
                if skippedErrors.count < Self.keptErrorLimit { skippedErrors.append(failure) }
            }
        }
    }

    /// Calls `body` with every valid facts record in order.
    public func forEach(_ body: (ConversationFacts) throws -> Void) throws {
        while let facts = try next() { try body(facts) }
    }

    /// One line: nil when blank, else its facts or the problem with it.
    private func parse(_ bytes: UnsafeRawBufferPointer, _ number: Int) -> Result<ConversationFacts, InputError>? {
        lineNumber = number
        var line = bytes
        if number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) {
            line = UnsafeRawBufferPointer(rebasing: line[3...])  // UTF-8 byte-order mark
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        do {
            return .success(try parser.parse(line))
        } catch {
            return .failure(InputError(file: name, line: number, message: error.description))
        }
    }
}
