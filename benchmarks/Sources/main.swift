import Foundation
import TemperIO
import TemperSentiment
import TemperText

/// Throughput benchmarks. Run with a release build:
///   swift run -c release temper-bench [tokenize|score|all] [--messages N]
///   swift run -c release temper-bench queue DATABASE     (queue page queries; benchmarks/ingest.sh)
/// Prints messages/s and MB/s on one core (this process is single-threaded).
struct Measurement {
    let name: String
    let messages: Int
    let bytes: Int
    let seconds: Double

    func report() {
        let rate = Double(messages) / seconds
        let megabytes = Double(bytes) / 1_000_000 / seconds
        print(String(format: "%-28@ %9d msgs  %6.2f s  %10.0f msgs/s  %7.1f MB/s", name as NSString, messages, seconds, rate, megabytes))
    }
}

func time(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Splits a corpus into line ranges once, outside the timed region.
func lineRanges(_ corpus: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    for (index, byte) in corpus.enumerated() where byte == 0x0A {
        ranges.append(start..<index)
        start = index + 1
    }
    return ranges
}

func benchmarkTokenize(_ corpus: [UInt8], _ ranges: [Range<Int>], repeats: Int) throws -> Measurement {
    let tokenizer = try Tokenizer()
    var text = TokenizedText()
    var tokens = 0
    var best = Double.infinity
    for _ in 0..<repeats {
        tokens = 0
        let seconds = corpus.withUnsafeBufferPointer { all in
            time {
                for range in ranges {
                    tokenizer.tokenize(UnsafeBufferPointer(rebasing: all[range]), into: &text)
                    tokens &+= text.tokens.count
                }
            }
        }
        best = min(best, seconds)
    }
    precondition(tokens > 0)
    return Measurement(name: "normalize+tokenize", messages: ranges.count, bytes: corpus.count, seconds: best)
}

/// Sentiment analysis in process (tokenize + lexicon rules + n-gram + calibration), no I/O.
func benchmarkAnalyze(_ corpus: [UInt8], _ ranges: [Range<Int>], mode: ScoringMode, repeats: Int) throws -> Measurement {
    let directory = ProcessInfo.processInfo.environment["TEMPER_LEXICONS"] ?? "lexicons"
    let model = try SentimentModel.load(lexiconDirectory: directory, modelPath: directory + "/sentiment.ngram",
                                        calibrationPath: directory + "/sentiment.calibration.json")
    let analyzer = try SentimentAnalyzer(model: model, mode: mode)
    var best = Double.infinity
    var checksum: Float = 0
    for _ in 0..<repeats {
        let seconds = corpus.withUnsafeBufferPointer { all in
            time {
                for range in ranges {
                    checksum += analyzer.analyze(UnsafeBufferPointer(rebasing: all[range])).compound
                }
            }
        }
        best = min(best, seconds)
    }
    precondition(checksum.isFinite)
    return Measurement(name: "analyze (\(mode.rawValue))", messages: ranges.count, bytes: corpus.count, seconds: best)
}

/// Sentiment analysis plus feedback drivers (`score --drivers`'s extra work), in process: the
/// same loop as `benchmarkAnalyze` with the detector run on each analyzed message.
func benchmarkDrivers(_ corpus: [UInt8], _ ranges: [Range<Int>], repeats: Int) throws -> Measurement {
    let directory = ProcessInfo.processInfo.environment["TEMPER_LEXICONS"] ?? "lexicons"
    let model = try SentimentModel.load(lexiconDirectory: directory, modelPath: directory + "/sentiment.ngram",
                                        calibrationPath: directory + "/sentiment.calibration.json")
    let analyzer = try SentimentAnalyzer(model: model)
    let detector = DriverDetector(taxonomy: try DriverTaxonomy.load(path: directory + "/drivers.yaml"), lexicon: model.lexicon)
    var hits: [DriverHit] = []
    var best = Double.infinity
    var checksum: Float = 0
    var found = 0
    for _ in 0..<repeats {
        found = 0
        let seconds = corpus.withUnsafeBufferPointer { all in
            time {
                for range in ranges {
                    checksum += analyzer.analyze(UnsafeBufferPointer(rebasing: all[range])).compound
                    detector.detect(analyzer.text, into: &hits)
                    found += hits.count
                }
            }
        }
        best = min(best, seconds)
    }
    precondition(checksum.isFinite)
    print("drivers found: \(found) in \(ranges.count) messages")
    return Measurement(name: "analyze (ensemble) + drivers", messages: ranges.count, bytes: corpus.count, seconds: best)
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "queue" {
    // temper-bench queue DATABASE: page queries over a database that benchmarks/ingest.sh made.
    guard arguments.count == 2 else {
        FileHandle.standardError.write(Data("usage: temper-bench queue DATABASE\n".utf8))
        exit(64)
    }
    try benchmarkQueue(path: arguments[1])
    exit(0)
}
var messageCount = 1_000_000
if let index = arguments.firstIndex(of: "--messages"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    messageCount = value
    arguments.removeSubrange(index...(index + 1))
}
let which = arguments.first ?? "all"
var generator = SyntheticCorpus()
let corpus = generator.lines(messageCount)
let ranges = lineRanges(corpus)
print("corpus: \(ranges.count) messages, \(corpus.count) bytes, \(String(format: "%.1f", Double(corpus.count) / Double(ranges.count))) bytes/message")
if which == "tokenize" || which == "all" {
    try benchmarkTokenize(corpus, ranges, repeats: 3).report()
}
if which == "analyze" || which == "all" {
    for mode in ScoringMode.allCases {
        try benchmarkAnalyze(corpus, ranges, mode: mode, repeats: 3).report()
    }
}
if which == "drivers" || which == "all" {
    try benchmarkAnalyze(corpus, ranges, mode: .ensemble, repeats: 3).report()
    try benchmarkDrivers(corpus, ranges, repeats: 3).report()
}
if which == "corpus" {
    // The corpus itself, after the summary line, for end-to-end CLI timing (benchmarks/score.sh).
    // print() buffers and FileHandle does not: without the flush the summary came last.
    fflush(nil)  // every stream (naming stdout is not concurrency-safe in Swift 6)
    FileHandle.standardOutput.write(Data(corpus))
}
