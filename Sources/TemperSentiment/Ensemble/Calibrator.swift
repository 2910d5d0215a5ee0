import Foundation

/// A problem with a calibration file, naming the file.
public struct CalibrationError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let message: String
    public var description: String { "\(file): \(message)" }
}

/// Multinomial logistic regression from `EnsembleFeatures` to calibrated negative / neutral /
/// positive probabilities, one weight row per class and one set of rows per scoring mode.
/// Stored as a small versioned JSON file next to the n-gram model.
public struct Calibrator: Sendable, Codable, Equatable {
    static let formatName = "temper.calibration"
    static let formatVersion = 2

    public var format = Calibrator.formatName
    public var version = Calibrator.formatVersion
    public var featureNames = EnsembleFeatures.names
    /// Mode name → 3 × `EnsembleFeatures.count` weights, row-major (negative, neutral, positive).
    public var weights: [String: [Float]]
    /// How it was made (data, seed, iterations), for people reading the file.
    public var provenance: String

    public init(weights: [String: [Float]], provenance: String) {
        self.weights = weights
        self.provenance = provenance
    }

    /// Probabilities for one message, given the mode's rows from `rows(for:)`.
    @inline(__always)
    public static func probabilities(_ features: EnsembleFeatures, rows: [EnsembleFeatures.Vector]) -> (Float, Float, Float) {
        let negative = features.dot(rows[0])
        let neutral = features.dot(rows[1])
        let positive = features.dot(rows[2])
        let top = max(negative, neutral, positive)
        let a = expf(negative - top)
        let b = expf(neutral - top)
        let c = expf(positive - top)
        let total = a + b + c
        return (a / total, b / total, c / total)
    }

    /// The mode's weights as one SIMD row per class (zeros when the mode is missing).
    public func rows(for mode: ScoringMode) -> [EnsembleFeatures.Vector] {
        EnsembleFeatures.packRows(weights[mode.rawValue] ?? [])
    }

    public static func load(path: String) throws -> Calibrator {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CalibrationError(file: path, message: "cannot read calibration file")
        }
        var calibrator: Calibrator
        do {
            calibrator = try JSONDecoder().decode(Calibrator.self, from: data)
        } catch {
            throw CalibrationError(file: path, message: "not a Temper calibration file (\(error))")
        }
        guard calibrator.format == formatName else {
            throw CalibrationError(file: path, message: "format is '\(calibrator.format)', expected '\(formatName)'")
        }
        if calibrator.version == 1 && calibrator.featureNames == Array(EnsembleFeatures.names.prefix(version1FeatureCount)) {
            calibrator = calibrator.upgradedFromVersion1()
        }
        guard calibrator.version == formatVersion else {
            throw CalibrationError(file: path, message: "version \(calibrator.version) is not supported (this Temper reads versions 1 and \(formatVersion))")
        }
        guard calibrator.featureNames == EnsembleFeatures.names else {
            throw CalibrationError(file: path, message: "feature list differs from this Temper's; retrain with 'temper train'")
        }
        for mode in ScoringMode.allCases {
            guard let rows = calibrator.weights[mode.rawValue], rows.count == 3 * EnsembleFeatures.count, rows.allSatisfy(\.isFinite) else {
                throw CalibrationError(file: path, message: "weights for mode '\(mode.rawValue)' are missing or malformed")
            }
        }
        return calibrator
    }

    /// Version 1 had the first 16 features; the later ones (the neutral head, social markup)
    /// get weight 0, which scores exactly as version 1 did.
    static let version1FeatureCount = 16

    func upgradedFromVersion1() -> Calibrator {
        let old = Self.version1FeatureCount
        var upgraded = self
        upgraded.version = Self.formatVersion
        upgraded.featureNames = EnsembleFeatures.names
        let padding = [Float](repeating: 0, count: EnsembleFeatures.count - old)
        for (mode, rows) in weights where rows.count == 3 * old {
            var padded: [Float] = []
            for row in 0..<3 {
                let start = row * old
                padded += rows[start..<(start + old)]
                padded += padding
            }
            upgraded.weights[mode] = padded
        }
        return upgraded
    }

    public func save(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}

/// One calibration example: its features, which classes its gold label allows, and which
/// classes its data set could have labelled at all.
///
/// A full label allows one class; "not negative" (a complaint set's 0) allows neutral or
/// positive. Binary sentiment sets (SST-2, UCI) chose polar sentences on purpose, so they say
/// nothing about how common neutral text is: their examples are `possible` = negative or
/// positive, and the likelihood is P(allowed) / P(possible) — which polarity, given a polar text.
/// The neutral class is then learned only from data that has neutral in it.
public struct CalibrationExample: Sendable {
    public var features: EnsembleFeatures
    public var allowed: (Bool, Bool, Bool)
    public var possible: (Bool, Bool, Bool)
    public var weight: Float

    public init(features: EnsembleFeatures, allowed: (Bool, Bool, Bool), possible: (Bool, Bool, Bool) = (true, true, true), weight: Float = 1) {
        self.features = features
        self.allowed = allowed
        self.possible = possible
        self.weight = weight
    }
}

/// Fits the calibrator by full-batch gradient descent on the (partial-label) log likelihood with
/// a small L2 penalty. Deterministic: no sampling, fixed iteration count.
public struct CalibratorTrainer: Sendable {
    public var iterations = 12000
    public var learningRate: Float = 0.5
    public var l2: Float = 1e-3

    public init() {}

    /// The weights of every scoring mode, by mode name. The modes are fitted side by side: each
    /// fit is sequential and deterministic on its own, so the result does not depend on the
    /// number of cores, and the three fits take the time of one on three cores (a full-batch fit
    /// over the SemEval-sized calibration set is minutes per mode).
    public func fitEveryMode(_ examples: [CalibrationExample]) -> [String: [Float]] {
        let modes = ScoringMode.allCases
        nonisolated(unsafe) let fitted = UnsafeMutableBufferPointer<[Float]>.allocate(capacity: modes.count)
        fitted.initialize(repeating: [])
        defer {
            fitted.deinitialize()
            fitted.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: modes.count) { index in
            fitted[index] = fit(examples, mode: modes[index])  // each index writes its own slot
        }
        var weights: [String: [Float]] = [:]
        for (index, mode) in modes.enumerated() { weights[mode.rawValue] = fitted[index] }
        return weights
    }

    public func fit(_ examples: [CalibrationExample], mode: ScoringMode) -> [Float] {
        let width = EnsembleFeatures.count
        let maskValues = EnsembleFeatures.mask(for: mode)
        var mask = EnsembleFeatures.Vector(repeating: 0)
        for column in 0..<width { mask[column] = maskValues[column] }
        // The bias is not penalized.
        var penalized = mask
        penalized[0] = 0
        var weights = [EnsembleFeatures.Vector](repeating: .zero, count: 3)
        let totalWeight = examples.reduce(Float(0)) { $0 + $1.weight }
        guard totalWeight > 0 else { return flatten(weights) }
        // Adam keeps one step size workable for features of different scales.
        var firstMoment = [EnsembleFeatures.Vector](repeating: .zero, count: 3)
        var secondMoment = [EnsembleFeatures.Vector](repeating: .zero, count: 3)
        let beta1: Float = 0.9, beta2: Float = 0.999, step = learningRate * 0.02
        for iteration in 1...iterations {
            var gradient = [EnsembleFeatures.Vector](repeating: .zero, count: 3)
            for example in examples {
                let x = example.features.values * mask
                let logits = ((weights[0] * x).sum(), (weights[1] * x).sum(), (weights[2] * x).sum())
                let top = max(logits.0, logits.1, logits.2)
                var p = (expf(logits.0 - top), expf(logits.1 - top), expf(logits.2 - top))
                let total = p.0 + p.1 + p.2
                p = (p.0 / total, p.1 / total, p.2 / total)
                // d/dz_k of −log P(allowed) + log P(possible).
                let allowed = example.allowed
                let possible = example.possible
                let mass = max((allowed.0 ? p.0 : 0) + (allowed.1 ? p.1 : 0) + (allowed.2 ? p.2 : 0), 1e-12)
                let space = max((possible.0 ? p.0 : 0) + (possible.1 ? p.1 : 0) + (possible.2 ? p.2 : 0), 1e-12)
                let scale = example.weight / totalWeight
                gradient[0] += ((possible.0 ? p.0 / space : 0) - (allowed.0 ? p.0 / mass : 0)) * scale * x
                gradient[1] += ((possible.1 ? p.1 / space : 0) - (allowed.1 ? p.1 / mass : 0)) * scale * x
                gradient[2] += ((possible.2 ? p.2 / space : 0) - (allowed.2 ? p.2 / mass : 0)) * scale * x
            }
            let correction1 = 1 - powf(beta1, Float(iteration))
            let correction2 = 1 - powf(beta2, Float(iteration))
            for k in 0..<3 {
                let g = gradient[k] + l2 * weights[k] * penalized
                firstMoment[k] = beta1 * firstMoment[k] + (1 - beta1) * g
                secondMoment[k] = beta2 * secondMoment[k] + (1 - beta2) * g * g
                let mHat = firstMoment[k] / correction1
                let vHat = secondMoment[k] / correction2
                weights[k] -= step * mHat / (vHat.squareRoot() + 1e-8)
            }
        }
        return flatten(weights)
    }

    private func flatten(_ rows: [EnsembleFeatures.Vector]) -> [Float] {
        rows.flatMap { row in (0..<EnsembleFeatures.count).map { row[$0] } }
    }
}
