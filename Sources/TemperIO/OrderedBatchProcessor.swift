import Dispatch

/// Runs batches of records through worker threads and delivers the results in input order —
/// the one ordered parallel mechanism of every run (messages, conversations, facts).
///
/// The caller's thread fills batches (reading is sequential anyway) and receives each finished
/// batch back, oldest first. Each of `2 × jobs` slots owns a batch and a worker (an analyzer and
/// its output, say); slots are used round-robin, so results come back in exactly the order the
/// batches were filled while up to `jobs` batches are processed at once. Memory is bounded by
/// the slots, `2 × jobs` batches, whatever the input size.
///
/// Not thread-safe itself: one thread feeds and receives. `process` runs on worker threads with
/// a slot's own batch and worker, never two at once for one slot.
public final class OrderedBatchProcessor<Batch, Worker> {
    /// Unchecked because the compiler cannot see the hand-over: a slot is touched by the feeding
    /// thread only while it is not busy, and by one worker only while it is, and `done` orders
    /// the two. This is the one place of the package where work crosses threads.
    private final class Slot: @unchecked Sendable {
        var batch: Batch
        var worker: Worker
        var error: Error?
        let done = DispatchSemaphore(value: 0)
        var busy = false

        init(batch: Batch, worker: Worker) {
            self.batch = batch
            self.worker = worker
        }
    }

    public let jobs: Int
    private let slots: [Slot]
    private let process: @Sendable (inout Worker, Batch) throws -> Void
    private let queue = DispatchQueue(label: "temper.workers", attributes: .concurrent)
    private let running: DispatchSemaphore

    /// `makeBatch` and `makeWorker` are called once per slot, on this thread. `process` turns a
    /// batch into results kept in the worker (called on a worker thread).
    public init(jobs: Int, makeBatch: () -> Batch, makeWorker: () throws -> Worker,
                process: @escaping @Sendable (inout Worker, Batch) throws -> Void) rethrows {
        self.jobs = max(1, jobs)
        slots = try (0..<(2 * self.jobs)).map { _ in Slot(batch: makeBatch(), worker: try makeWorker()) }
        self.process = process
        running = DispatchSemaphore(value: self.jobs)
    }

    /// One run. `feed` calls the `submit` it is given once per batch: `submit`'s `fill` fills a
    /// free batch in place (returning false when it had nothing to add, which submits nothing).
    /// `deliver` receives each processed batch's worker in input order, on this thread, to take
    /// its results.
    ///
    /// Errors end the run with everything before them delivered: when `feed` throws (a bad record
    /// in the input, say), the batches already submitted are still delivered, then its error is
    /// rethrown; when `process` or `deliver` throws, nothing after that batch is delivered.
    public func run(deliver: (inout Worker) throws -> Void,
                    feed: (_ submit: (_ fill: (inout Batch) throws -> Bool) throws -> Void) throws -> Void) throws {
        // `submit` captures `deliver` and is handed to `feed`; neither outlives this call.
        try withoutActuallyEscaping(deliver) { deliver in
            try run(escapingDeliver: deliver) { submit, _ in
                try withoutActuallyEscaping(submit) { submit in try feed(submit) }
            }
        }
    }

    /// `feed` also gets `drain`, which waits for every batch submitted so far and delivers it:
    /// for a problem found while reading that must be reported after everything before it.
    private func run(escapingDeliver deliver: @escaping (inout Worker) throws -> Void,
                     feed: (_ submit: (_ fill: (inout Batch) throws -> Bool) throws -> Void,
                            _ drain: () throws -> Void) throws -> Void) throws {
        var next = 0
        var deliveryError: Error?
        func finish(_ slot: Slot) throws {
            guard slot.busy else { return }
            slot.done.wait()
            slot.busy = false
            if let deliveryError { throw deliveryError }
            do {
                if let error = slot.error { throw error }
                try deliver(&slot.worker)
            } catch {
                deliveryError = error
                throw error
            }
        }
        func submit(_ fill: (inout Batch) throws -> Bool) throws {
            let slot = slots[next]
            try finish(slot)
            guard try fill(&slot.batch) else { return }
            slot.busy = true
            slot.error = nil
            running.wait()
            queue.async { [running, process] in
                do {
                    try process(&slot.worker, slot.batch)
                } catch {
                    slot.error = error
                }
                running.signal()
                slot.done.signal()
            }
            next = (next + 1) % slots.count
        }
        func drain() throws {
            // Oldest first; after a delivery error the rest are only waited for.
            var firstError: Error?
            for offset in 0..<slots.count {
                do {
                    try finish(slots[(next + offset) % slots.count])
                } catch {
                    firstError = firstError ?? error
                }
            }
            if let firstError { throw firstError }
        }
        do {
            try feed(submit, drain)
        } catch {
            try drain()
            throw error
        }
        try drain()
    }
}

extension OrderedBatchProcessor where Batch: RangeReplaceableCollection {
    /// For readers that push records one at a time (grouped rows, CSV): `produce` calls `push`
    /// for each record; records are submitted in batches of `batchSize`, and those pushed before
    /// an error `produce` throws are still submitted and delivered before it is rethrown.
    public func run(batchSize: Int, deliver: (inout Worker) throws -> Void,
                    produce: (_ push: (Batch.Element) throws -> Void) throws -> Void) throws {
        try run(deliver: deliver) { submit in
            // `push` captures `submit` and is handed to `produce`; neither outlives this call.
            try withoutActuallyEscaping(submit) { submit in
                var pending = Batch()
                pending.reserveCapacity(batchSize)
                func submitPending() throws {
                    try submit { batch in
                        swap(&batch, &pending)
                        pending.removeAll(keepingCapacity: true)
                        return !batch.isEmpty
                    }
                }
                do {
                    try produce { record in
                        pending.append(record)
                        if pending.count >= batchSize { try submitPending() }
                    }
                } catch {
                    try submitPending()
                    throw error
                }
                try submitPending()
            }
        }
    }
}

extension OrderedBatchProcessor where Batch == LineBatch {
    /// Lines of `reader` in batches of up to `maxLines` lines (about `maxBytes` bytes).
    public convenience init(jobs: Int, makeWorker: () throws -> Worker,
                            process: @escaping @Sendable (inout Worker, LineBatch) throws -> Void) rethrows {
        try self.init(jobs: jobs, makeBatch: { LineBatch() }, makeWorker: makeWorker, process: process)
    }

    /// Reads `reader` to the end; `deliver` as in `run(deliver:feed:)`. A line longer than the
    /// reader's limit goes to `policy` in its place: after every batch before it is delivered.
    public func run(reader: LineReader, policy: BadRecordPolicy, maxLines: Int = 2048, maxBytes: Int = 1 << 20,
                    deliver: (inout Worker) throws -> Void) throws {
        try withoutActuallyEscaping(deliver) { deliver in
            try run(escapingDeliver: deliver) { submit, drain in
                var more = true
                while more {
                    try submit { batch in
                        more = try reader.readBatch(into: &batch, maxLines: maxLines, maxBytes: maxBytes)
                        return !batch.isEmpty
                    }
                    if let skipped = reader.takeSkippedLine() {
                        try drain()
                        try policy.handle(skipped)
                    }
                }
            }
        }
    }
}

/// The number of CPU cores this process may use (the default for `--jobs`).
public var availableCores: Int {
    #if canImport(Glibc)
    let count = sysconf(Int32(_SC_NPROCESSORS_ONLN))
    return count > 0 ? count : 1
    #else
    return 1
    #endif
}

#if canImport(Glibc)
import Glibc
#endif
