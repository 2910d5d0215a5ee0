import TemperIO

/// One output record of a conversation run, made on a worker thread: its JSON line and what
/// `--only-flagged` and `--top` decide by.
struct ConversationRecord: Sendable {
    var risk: Double
    var flagged: Bool
    var payload: [UInt8]
}

/// Where finished records go, in input order: straight out, or into a bounded top-N heap.
struct RecordSink {
    let onlyFlagged: Bool
    let output: OutputBuffer
    /// With `--top`: the riskiest so far, written at `finish`.
    private var kept: TopN<Ranked>?
    private var sequence = 0

    /// Riskier ranks higher; among equals, earlier input.
    private struct Ranked: Comparable {
        var record: ConversationRecord
        var sequence: Int

        static func < (a: Ranked, b: Ranked) -> Bool {
            a.record.risk != b.record.risk ? a.record.risk < b.record.risk : a.sequence > b.sequence
        }

        static func == (a: Ranked, b: Ranked) -> Bool { a.record.risk == b.record.risk && a.sequence == b.sequence }
    }

    init(onlyFlagged: Bool = false, top: Int? = nil, output: OutputBuffer) {
        self.onlyFlagged = onlyFlagged
        self.output = output
        kept = top.map { TopN(limit: $0) }
    }

    mutating func add(_ record: ConversationRecord) {
        if onlyFlagged && !record.flagged { return }
        sequence += 1
        if kept == nil {
            output.append(record.payload)
            output.append(Self.newline)
        } else {
            kept!.offer(Ranked(record: record, sequence: sequence))
        }
    }

    /// Writes the kept top-N, riskiest first.
    mutating func finish() {
        for best in kept?.descending ?? [] {
            output.append(best.record.payload)
            output.append(Self.newline)
        }
        kept = kept.map { TopN(limit: $0.limit) }
    }

    private static let newline: [UInt8] = [0x0A]
}
