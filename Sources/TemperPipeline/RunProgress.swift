/// How far a run has got, reported after each delivered batch (on the caller's thread).
public struct RunProgress: Sendable {
    /// Records delivered so far (messages, conversations or facts lines), across all inputs.
    public var records = 0
    /// Bytes read so far across all inputs (0 where a reader cannot tell).
    public var bytesRead = 0
    /// The size of the current input when known (a regular file), for an ETA.
    public var totalBytes: Int?

    init() {}
}

/// What the engines share about a run: threads and batch sizes.
public struct RunOptions: Sendable {
    /// Worker threads; output order never depends on it.
    public var jobs: Int
    /// Lines per batch handed to a worker (JSONL and text inputs).
    public var batchLines: Int
    /// Records per batch for inputs read record by record (CSV, grouped rows, tweets).
    public var batchRecords: Int

    public init(jobs: Int = availableCores, batchLines: Int = 2048, batchRecords: Int = 256) {
        self.jobs = max(1, jobs)
        self.batchLines = max(1, batchLines)
        self.batchRecords = max(1, batchRecords)
    }
}

import TemperIO
