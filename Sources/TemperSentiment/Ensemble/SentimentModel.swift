import Foundation
import TemperIO
import TemperText

/// Everything a score needs that is loaded once: the lexicons, the n-gram model and the
/// calibration of the ensemble.
///
/// Most code wants ``shipped``, the lexicons and model that come with Temper as package
/// resources. ``shipped(extraLexicons:)`` adds your own lexicons on top of them, and
/// ``load(lexiconDirectory:extraLexicons:modelPath:calibrationPath:)`` reads a complete set of
/// files, e.g. a model you trained with `temper train`.
///
/// ## Thread safety
///
/// A model is an immutable value and `Sendable`: load it once and share it between all threads
/// and tasks. Each thread scores with its own ``SentimentAnalyzer`` made from it (creating one
/// reads no files).
public struct SentimentModel: Sendable {
    public let lexicon: Lexicon
    public let ngram: NGramModel
    public let calibrator: Calibrator

    public init(lexicon: Lexicon, ngram: NGramModel, calibrator: Calibrator) {
        self.lexicon = lexicon
        self.ngram = ngram
        self.calibrator = calibrator
    }

    /// The file names of the model and calibration inside a lexicon directory.
    public static let ngramFileName = "sentiment.ngram"
    public static let calibrationFileName = "sentiment.calibration.json"

    /// Loads the lexicons in `lexiconDirectory` (Temper's file set, `LexiconLoader.defaultFiles`)
    /// plus `extraLexicons`, later ones overriding earlier ones, the n-gram model and its
    /// calibration. Errors name the file and, for lexicons, the line.
    public static func load(lexiconDirectory: String, extraLexicons: [LexiconSpec] = [], modelPath: String, calibrationPath: String) throws -> SentimentModel {
        let tokenizer = try Tokenizer()
        let lexicon = try LexiconLoader.load(directory: lexiconDirectory, extra: extraLexicons, tokenizer: tokenizer)
        let ngram = try NGramModel.load(path: modelPath)
        let calibrator = try Calibrator.load(path: calibrationPath)
        return SentimentModel(lexicon: lexicon, ngram: ngram, calibrator: calibrator)
    }

    // MARK: - The shipped model

    /// The lexicons, n-gram model and calibration that ship with Temper, read from the package's
    /// resources on first use and shared from then on. Safe to call from any thread: the first
    /// caller loads (about a tenth of a second in a release build), concurrent callers wait for
    /// that one load, and a failure is remembered and rethrown the same way each time.
    public static var shipped: SentimentModel {
        get throws { try shippedLoad.get() }
    }

    /// The shipped lexicons with `extraLexicons` loaded after them (later ones override earlier
    /// ones, as with `temper --lexicon`), and the shipped n-gram model and calibration. Reads the
    /// lexicon files on every call: keep the result and share it.
    public static func shipped(extraLexicons: [LexiconSpec]) throws -> SentimentModel {
        let base = try shipped
        let lexicon = try LexiconLoader.load(directory: shippedDirectory, extra: extraLexicons, tokenizer: Tokenizer())
        return SentimentModel(lexicon: lexicon, ngram: base.ngram, calibrator: base.calibrator)
    }

    /// The directory of the shipped lexicons and model: the files of the package's `lexicons/`
    /// folder as copied into the target's resource bundle, which goes next to the executable.
    public static var shippedDirectory: String {
        get throws { try shippedDirectoryLookup.get() }
    }

    // Static lets are initialized once, under a lock, on first use: that is the whole of the
    // thread-safety `shipped` promises.
    private static let shippedLoad = Result {
        let directory = try shippedDirectory
        return try load(lexiconDirectory: directory, modelPath: directory + "/" + ngramFileName,
                        calibrationPath: directory + "/" + calibrationFileName)
    }

    private static let shippedDirectoryLookup = Result { try ShippedResources.lexiconDirectory() }
}

/// Finds the lexicons in the target's resource bundle.
enum ShippedResources {
    /// SwiftPM's name for the bundle: package, underscore, target.
    static let bundleName = "Temper_TemperSentiment.resources"

    static func lexiconDirectory() throws -> String {
        #if !canImport(Darwin)
        // Off Apple platforms, SwiftPM's generated `Bundle.module` stops the process when the bundle is not
        // beside the executable (nor in the build directory it was compiled in); a library must
        // report that as an error instead. So the usual place is checked first, and a binary
        // copied away from its bundle gets an error naming what to copy.
        let besideExecutable = Bundle.main.bundleURL.appendingPathComponent(bundleName).path
        guard FileManager.default.fileExists(atPath: besideExecutable) else {
            throw InputError(file: besideExecutable, message: "Temper's resource bundle is not next to the executable (copy it along, or load the lexicons from a directory with SentimentModel.load)")
        }
        #endif
        let first = LexiconLoader.defaultFiles[0] as NSString
        guard let url = Bundle.module.url(forResource: first.deletingPathExtension, withExtension: first.pathExtension) else {
            throw InputError(file: Bundle.module.bundlePath, message: "the resource bundle holds no lexicons")
        }
        return url.deletingLastPathComponent().path
    }
}
