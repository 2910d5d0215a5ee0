import Foundation
import TemperConversation
import TemperSentiment
import TemperText

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let sharedData = root + "/../shared/data"
    static var hasSharedData: Bool { FileManager.default.fileExists(atPath: sharedData + "/dialogue-satisfaction/MWOZ.txt") }

    /// The shipped model when it is there; otherwise the lexicons with an untrained n-gram model
    /// and a hand-made calibration that reads the lexicon compound, so cue tests never depend on
    /// a model file being present.
    static let model: SentimentModel = {
        let lexicons = root + "/lexicons"
        if let model = try? SentimentModel.load(lexiconDirectory: lexicons, modelPath: lexicons + "/sentiment.ngram",
                                               calibrationPath: lexicons + "/sentiment.calibration.json") {
            return model
        }
        let lexicon = try! LexiconLoader.load(directory: lexicons, tokenizer: try! Tokenizer())
        let width = EnsembleFeatures.count
        var row = [Float](repeating: 0, count: 3 * width)
        row[0 * width + 1] = -4  // negative ← low lexicon compound
        row[1 * width + 0] = 1   // neutral bias
        row[2 * width + 1] = 4   // positive ← high lexicon compound
        let weights = Dictionary(uniqueKeysWithValues: ScoringMode.allCases.map { ($0.rawValue, row) })
        return SentimentModel(lexicon: lexicon, ngram: NGramModel(hasher: FeatureHasher()),
                              calibrator: Calibrator(weights: weights, provenance: "test"))
    }()

    static func assessor(_ riskModel: RiskModel? = nil) -> ConversationAssessor {
        try! ConversationAssessor(model: model, riskModel: riskModel)
    }

    static func customer(_ texts: String...) -> Conversation {
        Conversation(id: "t", messages: texts.map { Message(role: .customer, text: $0) })
    }

    static func temporaryFile(_ contents: String, suffix: String = ".jsonl") -> String {
        let path = NSTemporaryDirectory() + "temper-conv-\(UUID().uuidString)\(suffix)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(contents.utf8))
        return path
    }
}
