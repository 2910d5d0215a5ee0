import Dispatch

/// Runs line batches through worker threads and hands the results back in input order.
///
/// The reader stays on the calling thread; each of `2 × jobs` slots owns a batch, an output buffer
/// and a per-worker state (an analyzer, say), and slots are used round-robin, so results are written
/// in exactly the order the lines were read while up to `jobs` batches are processed at once.
/// Memory is bounded by the slots: `2 × jobs × batch size`, whatever the input size.
public final class OrderedBatchProcessor<State> {
    private final class Slot: @unchecked Sendable {
        var batch = LineBatch()
        var output: [UInt8] = []
        var state: State
        var error: Error?
        let done = DispatchSemaphore(value: 0)
        var busy = false

        init(state: State) {
            self.state = state
        }
    }

    public let jobs: Int
    private let slots: [Slot]
    private let queue = DispatchQueue(label: "temper.workers", attributes: .concurrent)
    private let running: DispatchSemaphore

    /// `makeState` is called once per slot, on this thread.
    public init(jobs: Int, makeState: () throws -> State) rethrows {
        self.jobs = max(1, jobs)
        slots = try (0..<(2 * self.jobs)).map { _ in Slot(state: try makeState()) }
        running = DispatchSemaphore(value: self.jobs)
    }

    /// Reads `reader` to the end. `process` turns a batch into output bytes (called on a worker,
    /// with that slot's state); `write` receives outputs in input order on this thread, with the
    /// slot's state (to collect what `process` noted, such as invalid records).
    /// An error thrown by `process` or `write` stops the run after the batches before it were written.
    public func run(reader: LineReader, maxLines: Int = 2048, maxBytes: Int = 1 << 20,
                    process: @escaping @Sendable (inout State, LineBatch, inout [UInt8]) throws -> Void,
                    write: ([UInt8], inout State) throws -> Void) throws {
        var next = 0
        func finish(_ slot: Slot) throws {
            guard slot.busy else { return }
            slot.done.wait()
            slot.busy = false
            if let error = slot.error { throw error }
            try write(slot.output, &slot.state)
        }
        while true {
            let slot = slots[next]
            try finish(slot)
            guard try reader.readBatch(into: &slot.batch, maxLines: maxLines, maxBytes: maxBytes) else { break }
            slot.busy = true
            slot.error = nil
            running.wait()
            queue.async { [running] in
                slot.output.removeAll(keepingCapacity: true)
                do {
                    try process(&slot.state, slot.batch, &slot.output)
                } catch {
                    slot.error = error
                }
                running.signal()
                slot.done.signal()
            }
            next = (next + 1) % slots.count
        }
        // Drain the slots still in flight, oldest first.
        for offset in 0..<slots.count {
            try finish(slots[(next + offset) % slots.count])
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
