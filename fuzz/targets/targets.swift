// Targets loader: `TargetsConfig` (YAML through Yams, JSON through TemperIO) and `TargetsValidator`.
import Foundation
@testable import TemperKPI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTargets(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    // JSON when it looks like JSON, as a file would be named; YAML otherwise.
    let firstByte = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
    let format: TargetsFormat = firstByte == UInt8(ascii: "{") || firstByte == UInt8(ascii: "[") ? .json : .yaml
    do {
        let config = try TargetsConfig.parse(Data(bytes), format: format, file: "targets")
        for target in config.targets {
            require(target.value.isFinite && target.warning.isFinite && target.warning >= 0,
                    "target \(target.kpi): value \(target.value), warning \(target.warning)")
        }
    } catch {
        require(error.file == "targets", "error names '\(error.file)'")
        if let line = error.line {
            let lines = lineCountWithCarriageReturns(bytes)
            // Yams may place a node that ends the input on the line after it.
            require(line >= 1 && line <= lines + 1, "line \(line) of \(lines): \(error)")
        }
    }
    return 0
}
