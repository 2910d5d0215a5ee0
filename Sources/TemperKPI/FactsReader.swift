import Foundation
import TemperIO

/// Streams `ConversationFacts` from JSONL, one line at a time, in bounded memory.
///
/// Lines come from TemperIO's `LineReader` (a reusable buffer, so memory does not grow with the
/// input; a single line may grow it up to `maximumLineBytes`). Blank lines are ignored. Bad lines
/// go through the `BadRecordPolicy`: reported, then the read stops (the default) or goes on —
/// one corrupt row in a month of exports need not block a scorecard. For all cores at once,
/// see `FactsIngest`.
final class FactsReader {
    /// Name used in error messages: the path, or `<stdin>`.
    var name: String { lines.name }
    let policy: BadRecordPolicy
    /// Lines read so far (including blank and bad ones).
    private(set) var lineNumber = 0

    private let lines: LineReader
    private var parser = FactsLineParser()

    /// Opens `path` for reading; `nil` or `"-"` reads standard input.
    convenience init(path: String?, policy: BadRecordPolicy = BadRecordPolicy()) throws(InputError) {
        let lines: LineReader
        do {
            lines = try LineReader(path: path ?? "-")
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: path ?? "<stdin>", message: "cannot open: \(error)")
        }
        self.init(lines: lines, policy: policy)
    }

    /// Reads facts from memory, e.g. a request body or a test fixture.
    convenience init(data: Data, name: String = "<memory>", policy: BadRecordPolicy = BadRecordPolicy()) {
        self.init(lines: LineReader(bytes: [UInt8](data), name: name), policy: policy)
    }

    private init(lines: LineReader, policy: BadRecordPolicy) {
        self.lines = lines
        self.policy = policy
    }

    /// The next valid facts, or `nil` at the end of the input.
    /// - Throws: `InputError` for a bad line the policy stops at (already reported), and for I/O errors.
    func next() throws -> ConversationFacts? {
        while true {
            let outcome: Result<ConversationFacts, InputError>??
            do {
                outcome = try lines.withNextLine(policy: policy) { bytes, number in
                    lineNumber = number
                    do throws(FactsParseError) {
                        return try FactsLine.parse(bytes, number: number, with: &parser).map { .success($0) }
                    } catch {
                        return .failure(InputError(file: name, line: number, message: error.description))
                    }
                }
            } catch let error as InputError {
                throw error
            } catch {
                throw InputError(file: name, line: lineNumber + 1, message: "\(error)")
            }
            switch outcome {
            case nil: return nil  // end of input
            case .some(nil): continue  // blank line
            case .success(let facts)??: return facts
            case .failure(let problem)??: try policy.handle(problem)
            }
        }
    }

    /// Calls `body` with every valid facts record in order.
    func forEach(_ body: (ConversationFacts) throws -> Void) throws {
        while let facts = try next() { try body(facts) }
    }
}

/// One facts line as every facts reader takes it: a UTF-8 byte-order mark on the first line is
/// dropped, a blank line is no record (nil), anything else must parse.
enum FactsLine {
    static func parse(_ line: UnsafeBufferPointer<UInt8>, number: Int, with parser: inout FactsLineParser) throws(FactsParseError) -> ConversationFacts? {
        var bytes = UnsafeRawBufferPointer(line)
        if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        return try parser.parse(bytes)
    }
}
