import Foundation
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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("temper-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }
}
