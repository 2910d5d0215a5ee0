import Foundation
import TemperIO

/// Reads facts JSONL on all cores into one aggregation: batches of lines are parsed on worker
/// threads and added to one of `jobs` partial aggregations (a worker takes a free one from a
/// pool for each batch), which are merged at the end — exactly, see `KPIAggregation.merge`.
/// Memory is `jobs` aggregations, however long the input. Bad lines go through the
/// `BadRecordPolicy` in input order, each as `file:line: problem`.
public struct FactsIngest {
    public var jobs: Int
    public var policy: BadRecordPolicy
    /// Called after each batch with the lines added so far and the bytes read of this input.
    public var progress: ((_ added: Int, _ bytesRead: Int, _ totalBytes: Int?) -> Void)?

    public init(jobs: Int = availableCores, policy: BadRecordPolicy = BadRecordPolicy(),
                progress: ((_ added: Int, _ bytesRead: Int, _ totalBytes: Int?) -> Void)? = nil) {
        self.jobs = max(1, jobs)
        self.policy = policy
        self.progress = progress
    }

    /// One worker's parser, and what its last batch noted.
    private final class Shard {
        var parser = FactsLineParser()
        var problems: [InputError] = []
        var added = 0

        /// Parses and adds one line; returns false at a bad line.
        func add(_ line: UnsafeBufferPointer<UInt8>, number: Int, file: String, to aggregation: inout KPIAggregation) -> Bool {
            do throws(FactsParseError) {
                guard let facts = try FactsLine.parse(line, number: number, with: &parser) else { return true }
                aggregation.add(facts)
                added += 1
                return true
            } catch {
                problems.append(InputError(file: file, line: number, message: error.description))
                return false
            }
        }
    }

    /// Partial aggregations not in use by a worker. At most `jobs` batches are processed at once,
    /// so `jobs` of them are enough; taking one moves it out, so it is never copied. Unchecked:
    /// every access to `free` holds `lock`.
    private final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        private var free: [KPIAggregation]
        let spec: AggregationSpec

        init(_ aggregations: [KPIAggregation], spec: AggregationSpec) {
            free = aggregations
            self.spec = spec
        }

        func take() throws -> KPIAggregation {
            lock.lock()
            defer { lock.unlock() }
            return try free.popLast() ?? KPIAggregation(spec: spec)
        }

        func give(_ aggregation: consuming KPIAggregation) {
            lock.lock()
            defer { lock.unlock() }
            free.append(aggregation)
        }

        /// Everything, merged; call when no worker is running.
        func drain() throws -> KPIAggregation {
            lock.lock()
            defer { lock.unlock() }
            var all = free
            free = []
            var result = try all.popLast() ?? KPIAggregation(spec: spec)
            while let next = all.popLast() { try result.merge(next) }
            return result
        }
    }

    /// Adds every facts line of `reader` (from where it stands) to `aggregation`.
    public func read(_ reader: LineReader, into aggregation: inout KPIAggregation) throws {
        let spec = aggregation.spec
        let file = reader.name
        let stopAtProblem = !policy.skipsInvalid
        // The aggregation so far joins the pool (moved, not copied), so no extra copy is kept.
        var seed = [aggregation]
        aggregation = try KPIAggregation(spec: spec)
        for _ in 1..<jobs { seed.append(try KPIAggregation(spec: spec)) }
        let pool = Pool(seed, spec: spec)
        seed = []
        var added = 0
        let processor = try OrderedBatchProcessor(jobs: jobs, makeWorker: { Shard() }) { shard, batch in
            shard.problems.removeAll(keepingCapacity: true)
            shard.added = 0
            var partial = try pool.take()
            defer { pool.give(partial) }
            for index in 0..<batch.count {
                let ok = batch.withLine(index) { line in
                    shard.add(line, number: batch.firstLineNumber + index, file: file, to: &partial)
                }
                if !ok, stopAtProblem { return }
            }
        }
        do {
            try processor.run(reader: reader, policy: policy) { shard in
                for problem in shard.problems { try policy.handle(problem) }
                added += shard.added
                progress?(added, reader.bytesRead, reader.sizeInBytes)
            }
        } catch {
            // Keep what was added before the problem: the caller reports the run as stopped.
            aggregation = (try? pool.drain()) ?? aggregation
            throw error
        }
        aggregation = try pool.drain()
    }
}
