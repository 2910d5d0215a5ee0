import ArgumentParser
import Foundation
import TemperConversation
import TemperIO
import TemperKPI
import TemperSentiment

/// Reads facts JSONL on all cores: batches of lines are parsed on worker threads and added to one
/// of `jobs` partial aggregations (a worker takes a free one from a pool for each batch), which are
/// merged at the end — exactly, see `KPIAggregation.merge`. Memory is `jobs` aggregations, however
/// long the input. Problems are reported in input order, each as `file:line: problem`.
final class FactsIngest {
    let skipInvalid: Bool
    let jobs: Int
    let diagnostics: Diagnostics
    let progress: ProgressReporter
    private(set) var bytesRead = 0

    init(skipInvalid: Bool, jobs: Int, diagnostics: Diagnostics, progress: ProgressReporter) {
        self.skipInvalid = skipInvalid
        self.jobs = jobs
        self.diagnostics = diagnostics
        self.progress = progress
    }

    /// One slot's state: its own parser, and what its last batch noted.
    final class Shard: @unchecked Sendable {
        var parser = FactsLineParser()
        var problems: [String] = []
        var added = 0

        /// Parses and adds one line; returns false at a bad line when not skipping.
        func add(_ line: UnsafeBufferPointer<UInt8>, number: Int, file: String, skipInvalid: Bool,
                 to aggregation: inout KPIAggregation) -> Bool {
            var bytes = UnsafeRawBufferPointer(line)
            if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                bytes = UnsafeRawBufferPointer(rebasing: bytes[3...])  // UTF-8 byte-order mark
            }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return true }
            do {
                aggregation.add(try parser.parse(bytes))
                added += 1
                return true
            } catch {
                problems.append("\(file):\(number): \(error.description)")
                return skipInvalid
            }
        }
    }

    /// Partial aggregations not in use by a worker. At most `jobs` batches are processed at once,
    /// so `jobs` of them are enough; taking one moves it out, so it is never copied.
    final class Pool: @unchecked Sendable {
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

    func read(path: String, prefix: ScorecardBuildCommand.PeekedPrefix, into aggregation: inout KPIAggregation) throws {
        let reader: LineReader
        do {
            reader = try LineReader(path: path)
        } catch {
            throw RunError("\(error)")
        }
        let spec = aggregation.spec
        let file = reader.name
        let skip = skipInvalid
        // Lines taken from standard input to detect its kind.
        if !prefix.bytes.isEmpty {
            let shard = Shard()
            var number = 0
            var start = 0
            while start < prefix.bytes.count {
                let end = prefix.bytes[start...].firstIndex(of: 0x0A) ?? prefix.bytes.count
                number += 1
                var lineEnd = end
                if lineEnd > start, prefix.bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                _ = prefix.bytes.withUnsafeBufferPointer { all in
                    shard.add(UnsafeBufferPointer(rebasing: all[start..<lineEnd]), number: number, file: file,
                              skipInvalid: skip, to: &aggregation)
                }
                start = end + 1
            }
            try report(shard)
        }
        // The aggregation so far joins the pool (moved, not copied), so no extra copy is kept.
        var seed = [aggregation]
        aggregation = try KPIAggregation(spec: spec)
        for _ in 1..<jobs { seed.append(try KPIAggregation(spec: spec)) }
        let pool = Pool(seed, spec: spec)
        seed = []
        let offset = prefix.lines
        let processor = OrderedBatchProcessor(jobs: jobs) { Shard() }
        do {
            try processor.run(reader: reader, process: { shard, batch, _ in
                shard.problems.removeAll(keepingCapacity: true)
                shard.added = 0
                var partial = try pool.take()
                defer { pool.give(partial) }
                for index in 0..<batch.count {
                    let ok = batch.withLine(index) { line in
                        shard.add(line, number: batch.firstLineNumber + index + offset, file: file, skipInvalid: skip,
                                  to: &partial)
                    }
                    if !ok { return }
                }
            }, write: { _, shard in
                try self.report(shard)
                self.progress.advance(by: shard.added, bytesRead: self.bytesRead + reader.bytesRead, totalBytes: reader.sizeInBytes)
            })
        } catch let error as InputError {
            throw RunError(error.description)
        }
        bytesRead += reader.bytesRead
        do {
            aggregation = try pool.drain()
        } catch {
            throw RunError("internal error merging shards: \(error)")
        }
    }

    private func report(_ shard: Shard) throws {
        for problem in shard.problems { diagnostics.invalid(problem) }
        if !shard.problems.isEmpty, !skipInvalid { throw ExitCode(1) }
        shard.problems.removeAll(keepingCapacity: true)
    }
}
