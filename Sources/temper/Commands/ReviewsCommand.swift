import ArgumentParser
import Foundation
import TemperIO
import TemperStore
#if canImport(Glibc)
import Glibc
#endif

/// `temper reviews`: the QA reviews stored in the workspace database.
struct ReviewsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reviews",
        abstract: "Work with the QA reviews in the workspace database.",
        subcommands: [ReviewsExportCommand.self]
    )
}

struct ReviewsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the QA reviews as CSV or JSON lines: the labelled data for the escalation model.",
        discussion: """
        One record per review, in the order they were made, streamed (memory stays flat \
        however many there are). By default only current reviews: an edited review appears \
        as its latest revision, whose 'revises' names the one it replaced; --history writes \
        every revision, the audit trail.

        Fields: id, conversation_id, reviewer, verdict (confirmed, false_alarm or \
        coaching_needed), score (the rubric score 0–100 at review time; null, or empty in CSV, when no \
        category was scored), scores (rubric category → points), note, session_id (for \
        calibration sessions), revises, created_at (ISO-8601, UTC).

        jsonl (the default): one JSON object per line, scores as an object.
        csv: RFC 4180 with a header row, scores as a JSON object in one column; text \
        starting with =, +, -, @ gets a leading apostrophe so spreadsheets do not run it.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl, csv
    }

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Output format: jsonl or csv.", valueName: "format"))
    var format: Format = .jsonl

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Every revision of every review, not only the current ones.")
    var history = false

    func run() throws {
        let database = try store.open(create: false)
        let destination = try ExportDestination(path: output)
        let writer = ReviewExportWriter(format: format, output: destination.buffer)
        writer.begin()
        do {
            try database.forEachReview(history: history) { writer.write($0) }
        } catch let error as StoreError {
            throw RunError("\(store.path): \(error.message)")
        }
        destination.buffer.flush()
        if destination.buffer.failed { throw RunError("\(output ?? "standard output"): could not write the export") }
        try destination.close()
    }
}

/// Standard output, or a file opened for writing (created, or truncated).
struct ExportDestination {
    let buffer: OutputBuffer
    private let descriptor: Int32?
    private let path: String?

    init(path: String?) throws {
        guard let path, path != "-" else {
            buffer = OutputBuffer()
            descriptor = nil
            self.path = nil
            return
        }
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RunError("\(path): cannot write: \(String(cString: strerror(errno)))") }
        self.descriptor = descriptor
        self.path = path
        buffer = OutputBuffer(descriptor: descriptor)
    }

    func close() throws {
        guard let descriptor, let path else { return }
        if Glibc.close(descriptor) != 0 { throw RunError("\(path): could not write the export") }
    }
}

/// Formats reviews one at a time into the output buffer.
final class ReviewExportWriter {
    static let columns = ["id", "conversation_id", "reviewer", "verdict", "score", "scores", "note", "session_id", "revises", "created_at"]

    let format: ReviewsExportCommand.Format
    let output: OutputBuffer
    private var line: [UInt8] = []

    init(format: ReviewsExportCommand.Format, output: OutputBuffer) {
        self.format = format
        self.output = output
    }

    func begin() {
        if format == .csv { output.append(Self.columns.joined(separator: ",") + "\r\n") }
    }

    func write(_ review: Review) {
        line.removeAll(keepingCapacity: true)
        let scores = review.scoresJSON
        let createdAt = ISO8601.format(review.createdAt)
        switch format {
        case .jsonl:
            line.append(contentsOf: #"{"id":"#.utf8)
            JSONWriter.appendInt(Int(review.id), to: &line)
            field("conversation_id", review.conversationID)
            field("reviewer", review.reviewer)
            field("verdict", review.verdict.rawValue)
            line.append(contentsOf: #","score":"#.utf8)
            if let score = review.score { JSONWriter.appendNumber(score, to: &line, decimals: 2) } else { JSONWriter.appendNull(to: &line) }
            line.append(contentsOf: #","scores":"#.utf8)
            line.append(contentsOf: scores.utf8)
            field("note", review.note)
            line.append(contentsOf: #","session_id":"#.utf8)
            optionalInt(review.sessionID)
            line.append(contentsOf: #","revises":"#.utf8)
            optionalInt(review.revises)
            field("created_at", createdAt)
            line.append(contentsOf: "}\n".utf8)
        case .csv:
            let fields = [
                String(review.id), CSVField.text(review.conversationID), CSVField.text(review.reviewer), review.verdict.rawValue,
                review.score.map { Self.decimal($0) } ?? "", CSVField.text(scores),
                CSVField.text(review.note), review.sessionID.map(String.init) ?? "", review.revises.map(String.init) ?? "", createdAt,
            ]
            line.append(contentsOf: (fields.joined(separator: ",") + "\r\n").utf8)
        }
        output.append(line)
    }

    private func field(_ name: String, _ value: String) {
        line.append(contentsOf: ",\"\(name)\":".utf8)
        JSONWriter.appendString(value, to: &line)
    }

    private func optionalInt(_ value: Int64?) {
        if let value { JSONWriter.appendInt(Int(value), to: &line) } else { JSONWriter.appendNull(to: &line) }
    }

    private static func decimal(_ value: Double) -> String {
        var bytes: [UInt8] = []
        JSONWriter.appendNumber(value, to: &bytes, decimals: 2)
        return String(decoding: bytes, as: UTF8.self)
    }
}
