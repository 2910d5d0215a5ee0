import Foundation
import Testing

/// Runs the built `temper` binary, as a user would, and captures what it prints.
/// The binary sits next to the test bundle in the build directory (SwiftPM builds the
/// executable because this test target depends on it).
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty } }
    }

    /// The repository root (this file is at Tests/temperTests/CLI.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("temper")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/temper")
    }()

    /// What a run may print on standard error.
    enum ExpectedStderr {
        /// Nothing: the default, so that a stray error or warning after correct output fails the test.
        case empty
        /// Anything; the test checks the text itself.
        case any
    }

    /// Runs `temper arguments…` from the repository root with `input` on standard input.
    /// Input and standard error go through files, so only standard output needs draining.
    ///
    /// Every run is checked for its exit status (0 unless the test says otherwise; `nil` skips the
    /// check) and, by default, for an empty standard error: a command that prints the right lines
    /// and then fails must fail its test too.
    @discardableResult
    static func run(_ arguments: [String], input: String = "", inputBytes: [UInt8]? = nil,
                    status expectedStatus: Int32? = 0, stderr expectedStderr: ExpectedStderr = .empty,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let inputPath = try temporaryFile("stdin", bytes: inputBytes ?? Array(input.utf8))
        let errorPath = inputPath + ".stderr"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = root
        let stdout = Pipe()
        process.standardInput = FileHandle(forReadingAtPath: inputPath)
        process.standardOutput = stdout
        process.standardError = FileHandle(forWritingAtPath: errorPath)
        try process.run()
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = FileManager.default.contents(atPath: errorPath) ?? Data()
        let result = Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                            stderr: String(decoding: errorData, as: UTF8.self))
        let command = (["temper"] + arguments).joined(separator: " ")
        if let expectedStatus, result.status != expectedStatus {
            Issue.record("\(command): exit status \(result.status), expected \(expectedStatus); stderr: \(result.stderr)",
                         sourceLocation: sourceLocation)
        }
        if expectedStderr == .empty, !result.stderr.isEmpty {
            Issue.record("\(command): expected nothing on standard error, got: \(result.stderr)", sourceLocation: sourceLocation)
        }
        return result
    }

    /// Runs another program (with empty standard input) and captures what it prints.
    static func runProgram(_ path: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = root
        let stdout = Pipe(), stderr = Pipe()
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        let errorData = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// A file in a fresh temporary directory holding `contents`.
    static func temporaryFile(_ name: String, _ contents: String) throws -> String {
        try temporaryFile(name, bytes: Array(contents.utf8))
    }

    static func temporaryFile(_ name: String, bytes: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("temper-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Parses each output line as a JSON object.
    static func objects(_ result: Result) throws -> [[String: Any]] {
        try result.lines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw CLIError("not a JSON object: \(line)")
            }
            return object
        }
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
