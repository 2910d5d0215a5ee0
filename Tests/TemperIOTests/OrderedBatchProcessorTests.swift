import Testing
@testable import TemperIO

@Suite struct OrderedBatchProcessorTests {
    final class Worker {
        var out: [Int] = []
    }

    func processor(jobs: Int, failOn: Int? = nil) throws -> OrderedBatchProcessor<[Int], Worker> {
        try OrderedBatchProcessor(jobs: jobs, makeBatch: { [Int]() }, makeWorker: { Worker() }) { worker, batch in
            if let failOn, batch.contains(failOn) { throw InputError(file: "w", message: "failed at \(failOn)") }
            // Uneven work, so later batches often finish first.
            worker.out = batch.map { value in (0..<((value % 7) * 2_000)).reduce(value) { acc, _ in acc &* 1 } }
        }
    }

    @Test func deliversInInputOrderWithAnyJobs() throws {
        for jobs in [1, 2, 5] {
            var seen: [Int] = []
            try self.processor(jobs: jobs).run(deliver: { seen += $0.out }) { submit in
                for start in stride(from: 0, to: 1000, by: 10) {
                    try submit { batch in
                        batch = Array(start..<start + 10)
                        return true
                    }
                }
            }
            #expect(seen == Array(0..<1000), "jobs \(jobs)")
        }
    }

    @Test func anErrorWhileFeedingStillDeliversWhatWasSubmitted() throws {
        var seen: [Int] = []
        #expect(throws: InputError(file: "feed", line: 31, message: "bad")) {
            try self.processor(jobs: 2).run(deliver: { seen += $0.out }) { submit in
                for start in stride(from: 0, to: 30, by: 10) {
                    try submit { batch in
                        batch = Array(start..<start + 10)
                        return true
                    }
                }
                throw InputError(file: "feed", line: 31, message: "bad")
            }
        }
        #expect(seen == Array(0..<30))
    }

    @Test func aWorkerErrorStopsDeliveryAtItsBatch() throws {
        var seen: [Int] = []
        #expect(throws: InputError(file: "w", message: "failed at 55")) {
            try self.processor(jobs: 3, failOn: 55).run(deliver: { seen += $0.out }) { submit in
                for start in stride(from: 0, to: 200, by: 10) {
                    try submit { batch in
                        batch = Array(start..<start + 10)
                        return true
                    }
                }
            }
        }
        #expect(seen == Array(0..<50))
    }
}
