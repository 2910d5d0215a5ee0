import HeapModule
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
    let top: Int?
    let output: OutputBuffer
    private var heap = Heap<Ranked>()
    private var sequence = 0

    /// Riskier first; among equals, earlier input first. The heap's minimum is the entry that
    /// would be dropped next.
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
        self.top = top
        self.output = output
    }

    mutating func add(_ record: ConversationRecord) {
        if onlyFlagged && !record.flagged { return }
        sequence += 1
        guard let top else {
            output.append(record.payload)
            output.append(Self.newline)
            return
        }
        let ranked = Ranked(record: record, sequence: sequence)
        if heap.count < top {
            heap.insert(ranked)
        } else if let lowest = heap.min, lowest < ranked {
            heap.replaceMin(with: ranked)
        }
    }

    /// Writes the kept top-N, riskiest first.
    mutating func finish() {
        guard top != nil else { return }
        while let best = heap.popMax() {
            output.append(best.record.payload)
            output.append(Self.newline)
        }
    }

    private static let newline: [UInt8] = [0x0A]
}
