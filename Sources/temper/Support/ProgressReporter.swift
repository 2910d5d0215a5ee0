import Foundation
import Dispatch
import TemperIO
import TemperPipeline
#if canImport(Glibc)
import Glibc
#endif

/// Progress on standard error: records done, rate, and ETA when the input size is known.
/// Quiet unless stderr is a terminal or `--progress` was given; updates at most once a second.
final class ProgressReporter {
    private let enabled: Bool
    private let unit: String
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastReport: UInt64
    private(set) var count = 0

    init(forced: Bool, unit: String) {
        enabled = forced || isatty(2) != 0
        self.unit = unit
        // The first report waits a second, so early rates (and ETAs) are not wild guesses.
        lastReport = start
    }

    private var bytesRead = 0

    /// Adds `records` done, with the bytes read so far of an input of `totalBytes`.
    func advance(by records: Int, bytesRead: Int, totalBytes: Int?) {
        count += records
        self.bytesRead = bytesRead
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastReport >= 1_000_000_000 else { return }
        lastReport = now
        report(now: now, bytesRead: bytesRead, totalBytes: totalBytes, final: false)
    }

    /// A library run's progress (its totals so far).
    func advance(_ progress: RunProgress) {
        advance(by: progress.records - count, bytesRead: progress.bytesRead, totalBytes: progress.totalBytes)
    }

    func finish() {
        // A reporter that saw nothing (another stage did the work) stays quiet.
        guard enabled, count > 0 else { return }
        report(now: DispatchTime.now().uptimeNanoseconds, bytesRead: bytesRead, totalBytes: nil, final: true)
    }

    private func report(now: UInt64, bytesRead: Int, totalBytes: Int?, final: Bool) {
        let seconds = max(Double(now - start) / 1e9, 1e-9)
        let rate = Double(count) / seconds
        var line = "temper: \(count) \(unit), \(Int(rate)) \(unit)/s, \(String(format: "%.1f", Double(bytesRead) / 1e6 / seconds)) MB/s"
        if let totalBytes, totalBytes > 0, bytesRead > 0, !final {
            let remaining = Double(totalBytes - bytesRead) / (Double(bytesRead) / seconds)
            line += ", \(Int(100 * Double(bytesRead) / Double(totalBytes)))%, ETA \(Int(remaining.rounded())) s"
        }
        printError(line + (final ? " (done)" : ""))
    }
}

func isStandardErrorTerminal() -> Bool { isatty(2) != 0 }
