import Foundation
import TemperIO
import TemperSentiment

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    static let model: SentimentModel = {
        let lexicons = root + "/lexicons"
        return try! SentimentModel.load(lexiconDirectory: lexicons, modelPath: lexicons + "/sentiment.ngram",
                                        calibrationPath: lexicons + "/sentiment.calibration.json")
    }()

    /// A file in a fresh temporary directory holding `contents`.
    static func file(_ name: String, _ contents: String) throws -> String {
        try file(name, bytes: Array(contents.utf8))
    }

    static func file(_ name: String, bytes: [UInt8]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("temper-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}

/// Seeded random inputs with bad records mixed in, for the property tests: every run of a seed
/// is the same input, so a failure reproduces.
struct RandomInput {
    /// One line of the input: a record the reader must deliver, one it must report, or a blank line.
    enum Line: Equatable {
        case good(id: String)
        case bad
        case blank
    }

    var lines: [Line] = []
    var bytes: [UInt8] = []
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    var goodIDs: [String] { lines.compactMap { if case .good(let id) = $0 { id } else { nil } } }
    var badLineNumbers: [Int] { lines.indices.filter { lines[$0] == .bad }.map { $0 + 1 } }
    var recordCount: Int { lines.filter { $0 != .blank }.count }

    private static let words = ["refund", "still", "waiting", "thanks", "great", "awful", "order", "broken", "please", "help",
                                "love", "never", "again", "fixed", "quickly", "NOT", "happy", "😡", "🙏", "café", "résumé", "!!!"]

    mutating func sentence() -> String {
        (0..<(1 + rng.next(below: 8))).map { _ in Self.words[rng.next(below: Self.words.count)] }.joined(separator: " ")
    }

    mutating func chance(_ percent: Int) -> Bool { rng.next(below: 100) < percent }

    /// `count` JSONL conversations, about `badPercent` % of them bad in one of the ways readers
    /// must report (broken JSON, unknown role, no messages, a bad timestamp, a repeated id, not an
    /// object, invalid UTF-8), with blank lines in between. The first is always good, so a
    /// repeated id repeats one that was delivered.
    static func conversations(count: Int, badPercent: Int, seed: UInt64) -> RandomInput {
        var input = RandomInput(seed: seed)
        var out: [UInt8] = []
        var clock = 1_780_000_000.0
        for index in 0..<count {
            if input.chance(5) {
                input.lines.append(.blank)
                out.append(contentsOf: Array("  \n".utf8))
            }
            let id = "c\(index)"
            var messages: [String] = []
            for turn in 0..<(1 + input.rng.next(below: 5)) {
                clock += Double(30 + input.rng.next(below: 7_200))
                let role = turn % 2 == 0 ? "customer" : (input.chance(10) ? "bot" : "agent")
                messages.append(#"{"role":"\#(role)","text":"\#(input.sentence())","at":"\#(ISO8601.format(clock))"}"#)
            }
            var line = #"{"id":"\#(id)","team":"\#(["billing", "tech"][input.rng.next(below: 2)])","messages":[\#(messages.joined(separator: ","))]"#
                + (input.chance(30) ? #","survey":{"csat":\#(1 + input.rng.next(below: 5))},"resolved":true"# : "") + "}"
            var isGood = true
            if index > 0, input.chance(badPercent) {
                isGood = false
                switch input.rng.next(below: 7) {
                case 0: line = String(line.prefix(line.count / 2))
                case 1: line = line.replacingOccurrences(of: #""role":"customer""#, with: #""role":"martian""#)
                case 2: line = #"{"id":"\#(id)","messages":[]}"#
                case 3: line = line.replacingOccurrences(of: #""at":""#, with: #""at":"yesterday "#)
                case 4: line = line.replacingOccurrences(of: #""id":"\#(id)""#, with: #""id":"c0""#)
                case 5: line = "[\(line)]"
                default:
                    out.append(contentsOf: Array(line.prefix(20).utf8) + [0xFF, 0xFE] + Array(line.dropFirst(20).utf8) + [0x0A])
                    input.lines.append(.bad)
                    continue
                }
            }
            input.lines.append(isGood ? .good(id: id) : .bad)
            out.append(contentsOf: Array(line.utf8) + [0x0A])
        }
        input.bytes = out
        return input
    }

    /// The input in a fresh temporary file.
    func file(_ name: String) throws -> String {
        try Fixtures.file(name, bytes: bytes)
    }
}
