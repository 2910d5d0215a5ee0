#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to a file descriptor (standard output by default). Callers build each output
/// line in a reusable `[UInt8]` and append it here; one `write(2)` per 256 KiB.
public final class OutputBuffer {
    private var pending: [UInt8] = []
    private let descriptor: Int32
    private let flushThreshold: Int
    /// Set once a write fails (for example a closed pipe); later writes are dropped.
    public private(set) var failed = false

    public init(descriptor: Int32 = 1, flushThreshold: Int = 256 << 10) {
        self.descriptor = descriptor
        self.flushThreshold = flushThreshold
        pending.reserveCapacity(flushThreshold + 4096)
    }

    deinit { flush() }

    @inlinable
    public func write(_ bytes: [UInt8]) {
        append(bytes)
    }

    public func append(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
        if pending.count >= flushThreshold { flush() }
    }

    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        pending.append(contentsOf: bytes)
        if pending.count >= flushThreshold { flush() }
    }

    public func append(_ string: String) {
        pending.append(contentsOf: string.utf8)
        if pending.count >= flushThreshold { flush() }
    }

    public func flush() {
        guard !pending.isEmpty else { return }
        if !failed {
            pending.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let wrote = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if wrote < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        return
                    }
                    offset += wrote
                }
            }
        }
        if pending.capacity > 4 * flushThreshold {
            // One huge line (a long line's tokens, say) must not pin its size for the whole run.
            pending = []
            pending.reserveCapacity(flushThreshold + 4096)
        } else {
            pending.removeAll(keepingCapacity: true)
        }
    }
}

/// Writes a line to standard error right away (diagnostics must not wait behind output).
public func printError(_ message: String) {
    var line = message
    line.append("\n")
    var bytes = Array(line.utf8)
    bytes.withUnsafeMutableBytes { raw in
        _ = Glibc.write(2, raw.baseAddress!, raw.count)
    }
}
