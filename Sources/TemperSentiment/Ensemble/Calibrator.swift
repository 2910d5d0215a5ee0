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
    static let formatVersion = 3

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
    public static func probabilities(_ features: EnsembleFeatures, rows: CalibrationWeights) -> (Float, Float, Float) {
        let (negative, neutral, positive) = features.scores(rows)
        let top = max(negative, neutral, positive)
        let a = expf(negative - top)
        let b = expf(neutral - top)
        let c = expf(positive - top)
        let total = a + b + c
        return (a / total, b / total, c / total)
    }

    /// The mode's weights laid out for scoring (zeros when the mode is missing).
    public func rows(for mode: ScoringMode) -> CalibrationWeights {
        CalibrationWeights(weights[mode.rawValue] ?? [])
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
        if let count = olderVersionFeatureCounts[calibrator.version], calibrator.featureNames == Array(EnsembleFeatures.names.prefix(count)) {
            calibrator = calibrator.upgraded(fromFeatureCount: count)
        }
        guard calibrator.version == formatVersion else {
            throw CalibrationError(file: path, message: "version \(calibrator.version) is not supported (this Temper reads versions 1 to \(formatVersion))")
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

    /// Older versions had the first 16 (version 1: no neutral head) or 19 features (version 2: no
    /// social heads); the later ones get weight 0, which scores exactly as the old version did.
    static let olderVersionFeatureCounts = [1: 16, 2: 19]

    func upgraded(fromFeatureCount old: Int) -> Calibrator {
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
    /// From social-media data (tweets). The lexicon mode, which cannot tell a tweet from a review
    /// (the social gate comes from the n-gram model), is fitted without these, as before there
    /// were any: tweets would otherwise move the one calibration it reads reviews with.
    public var isSocial: Bool

    public init(features: EnsembleFeatures, allowed: (Bool, Bool, Bool), possible: (Bool, Bool, Bool) = (true, true, true), weight: Float = 1,
                isSocial: Bool = false) {
        self.features = features
        self.allowed = allowed
        self.possible = possible
        self.weight = weight
        self.isSocial = isSocial
    }
}

/// Fits the calibrator: the (partial-label) log likelihood with a small L2 penalty, minimized by
/// L-BFGS in double precision. Deterministic: sequential sums, no sampling, fixed stopping rule.
///
/// The problem is small (≤ 3 × 32 weights) but the data is not (SemEval adds ~10k calibration
/// tweets): the previous full-batch Adam took 12,000 passes (~25 minutes on two cores); L-BFGS
/// reaches the same optimum (the tests compare the two) in a few hundred passes — seconds.
public struct CalibratorTrainer: Sendable {
    /// Upper bound on L-BFGS iterations (each is one or a few passes over the data).
    public var maximumIterations = 2000
    /// Stops when every gradient component is below this.
    public var gradientTolerance = 1e-9
    public var l2: Float = 1e-3
    /// How many past steps L-BFGS keeps.
    public var memory = 12

    public init() {}

    /// The weights of every scoring mode, by mode name, fitted side by side (each fit is
    /// sequential and deterministic on its own, so the result does not depend on the cores).
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

    /// The mode's weights, row-major (3 × `EnsembleFeatures.count`).
    public func fit(_ examples: [CalibrationExample], mode: ScoringMode) -> [Float] {
        let used = mode == .lexicon ? examples.filter { !$0.isSocial } : examples
        let problem = CalibrationObjective(examples: used, mode: mode, l2: Double(l2))
        var x = [Double](repeating: 0, count: problem.dimension)
        guard problem.totalWeight > 0 else { return x.map { Float($0) } }
        var gradient = [Double](repeating: 0, count: problem.dimension)
        var value = problem.evaluate(x, gradient: &gradient)
        var steps: [[Double]] = []
        var changes: [[Double]] = []
        var trial = x
        var trialGradient = gradient
        for _ in 0..<maximumIterations {
            if gradient.lazy.map(abs).max()! < gradientTolerance { break }
            // Two-loop recursion: the search direction −H·g.
            var direction = gradient.map { -$0 }
            var alphas = [Double](repeating: 0, count: steps.count)
            for k in steps.indices.reversed() {
                let rho = 1 / dot(changes[k], steps[k])
                alphas[k] = rho * dot(steps[k], direction)
                axpy(-alphas[k], changes[k], &direction)
            }
            if let s = steps.last, let y = changes.last {
                let scale = dot(s, y) / dot(y, y)
                for i in direction.indices { direction[i] *= scale }
            } else {
                let norm = dot(gradient, gradient).squareRoot()
                for i in direction.indices { direction[i] /= max(norm, 1) }
            }
            for k in steps.indices {
                let rho = 1 / dot(changes[k], steps[k])
                let beta = rho * dot(changes[k], direction)
                axpy(alphas[k] - beta, steps[k], &direction)
            }
            var slope = dot(gradient, direction)
            if slope >= 0 {  // not a descent direction: restart from steepest descent
                steps.removeAll()
                changes.removeAll()
                direction = gradient.map { -$0 }
                slope = dot(gradient, direction)
            }
            // Backtracking until the Armijo condition holds.
            var step = 1.0
            var trialValue = 0.0
            var accepted = false
            for _ in 0..<40 {
                for i in x.indices { trial[i] = x[i] + step * direction[i] }
                trialValue = problem.evaluate(trial, gradient: &trialGradient)
                if trialValue <= value + 1e-4 * step * slope { accepted = true; break }
                step *= 0.5
            }
            guard accepted else { break }
            let s = zip(trial, x).map { $0 - $1 }
            let y = zip(trialGradient, gradient).map { $0 - $1 }
            let improvement = value - trialValue
            swap(&x, &trial)
            swap(&gradient, &trialGradient)
            value = trialValue
            if dot(s, y) > 1e-12 {
                steps.append(s)
                changes.append(y)
                if steps.count > memory {
                    steps.removeFirst()
                    changes.removeFirst()
                }
            }
            if improvement <= 1e-15 * max(1, abs(value)) { break }
        }
        return x.map { Float($0) }
    }

    /// The penalized negative log likelihood `fit` minimizes, for weights in `fit`'s layout (for
    /// comparing fits).
    public func objective(_ examples: [CalibrationExample], weights: [Float], mode: ScoringMode) -> Double {
        let problem = CalibrationObjective(examples: mode == .lexicon ? examples.filter { !$0.isSocial } : examples, mode: mode, l2: Double(l2))
        var gradient = [Double](repeating: 0, count: problem.dimension)
        return problem.evaluate(weights.map { Double($0) }, gradient: &gradient)
    }
}

/// −Σ wᵢ/W · log(P(allowedᵢ) / P(possibleᵢ)) + l2/2 · |weights without the biases|², with its
/// gradient; the mode's masked-out features are held at 0.
struct CalibrationObjective {
    let width = EnsembleFeatures.count
    var dimension: Int { 3 * width }
    let columns: [Int]
    let features: [Double]
    let allowed: [(Bool, Bool, Bool)]
    let possible: [(Bool, Bool, Bool)]
    let scales: [Double]
    let totalWeight: Double
    let l2: Double

    init(examples: [CalibrationExample], mode: ScoringMode, l2: Double) {
        let mask = EnsembleFeatures.mask(for: mode)
        columns = (0..<EnsembleFeatures.count).filter { mask[$0] != 0 }
        var features: [Double] = []
        features.reserveCapacity(examples.count * columns.count)
        for example in examples {
            for column in columns { features.append(Double(example.features.value(column))) }
        }
        self.features = features
        allowed = examples.map(\.allowed)
        possible = examples.map(\.possible)
        let total = examples.reduce(0.0) { $0 + Double($1.weight) }
        totalWeight = total
        scales = examples.map { total > 0 ? Double($0.weight) / total : 0 }
        self.l2 = l2
    }

    func evaluate(_ weights: [Double], gradient: inout [Double]) -> Double {
        let used = columns.count
        for i in gradient.indices { gradient[i] = 0 }
        var value = 0.0
        // The weights of the used columns, packed per class.
        var packed = [Double](repeating: 0, count: 3 * used)
        for k in 0..<3 { for (j, column) in columns.enumerated() { packed[k * used + j] = weights[k * width + column] } }
        var packedGradient = [Double](repeating: 0, count: 3 * used)
        features.withUnsafeBufferPointer { x in
            packed.withUnsafeBufferPointer { w in
                packedGradient.withUnsafeMutableBufferPointer { g in
                    for example in 0..<scales.count {
                        let row = example * used
                        var z = (0.0, 0.0, 0.0)
                        for j in 0..<used {
                            let v = x[row + j]
                            z.0 += w[j] * v
                            z.1 += w[used + j] * v
                            z.2 += w[2 * used + j] * v
                        }
                        let top = max(z.0, z.1, z.2)
                        let e = (exp(z.0 - top), exp(z.1 - top), exp(z.2 - top))
                        let a = allowed[example], p = possible[example]
                        let mass = max((a.0 ? e.0 : 0) + (a.1 ? e.1 : 0) + (a.2 ? e.2 : 0), 1e-300)
                        let space = max((p.0 ? e.0 : 0) + (p.1 ? e.1 : 0) + (p.2 ? e.2 : 0), 1e-300)
                        let scale = scales[example]
                        value += scale * (log(space) - log(mass))
                        // d/dz_k of −log P(allowed) + log P(possible).
                        let d0 = ((p.0 ? e.0 / space : 0) - (a.0 ? e.0 / mass : 0)) * scale
                        let d1 = ((p.1 ? e.1 / space : 0) - (a.1 ? e.1 / mass : 0)) * scale
                        let d2 = ((p.2 ? e.2 / space : 0) - (a.2 ? e.2 / mass : 0)) * scale
                        for j in 0..<used {
                            let v = x[row + j]
                            g[j] += d0 * v
                            g[used + j] += d1 * v
                            g[2 * used + j] += d2 * v
                        }
                    }
                }
            }
        }
        for k in 0..<3 {
            for (j, column) in columns.enumerated() {
                let index = k * width + column
                var gradientValue = packedGradient[k * used + j]
                if column % EnsembleFeatures.baseCount != 0 {  // the biases (review and social) are not penalized
                    value += 0.5 * l2 * weights[index] * weights[index]
                    gradientValue += l2 * weights[index]
                }
                gradient[index] = gradientValue
            }
        }
        return value
    }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for i in a.indices { sum += a[i] * b[i] }
    return sum
}

private func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    for i in y.indices { y[i] += alpha * x[i] }
}
