import TemperText
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A model file that cannot be read, named with the file and what is wrong with it.
public struct NGramModelError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case cannotOpen, cannotWrite, badMagic, unsupportedVersion, truncated, badHeader, checksumMismatch
    }

    public let kind: Kind
    public let path: String
    public let problem: String

    init(_ kind: Kind, path: String, problem: String) {
        self.kind = kind
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}

/// How a model was trained; kept in the file for `temper model info`-style reporting.
public struct NGramTrainingMetadata: Sendable, Equatable, Codable {
    public var seed: UInt64
    public var epochs: UInt32
    /// Free text: training files, sizes, method (e.g. "sst2/train.tsv 67349 + …; NB-LR").
    public var dataDescription: String

    public init(seed: UInt64 = 0, epochs: UInt32 = 0, dataDescription: String = "") {
        self.seed = seed
        self.epochs = epochs
        self.dataDescription = dataDescription
    }
}

/// Logistic regression over hashed n-gram features: the polarity head gives
/// `P(positive | polar text) = σ(logit)`; an optional second head over the same features gives
/// `P(neutral | text) = σ(neutral logit)`, trained on data that labels neutral text (tweets,
/// 3★ reviews). Both read one feature pass, so the second head costs a weight read per feature.
///
/// File format (all integers and floats little-endian):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `TMPRNGM1` |
/// | 8 | 4 | format version (1) |
/// | 12 | 4 | hash bits |
/// | 16 | 4 | feature-set flags (`NGramFeatureSet.rawValue`) |
/// | 20 | 4 | negation window |
/// | 24 | 8 | training seed |
/// | 32 | 4 | epochs |
/// | 36 | 4 | description length `n` (bytes, UTF-8) |
/// | 40 | n | description |
/// | 40+n | 4 | bias (float32) |
/// | 44+n | 4·2^bits | weights (float32) |
/// | 44+n+4·2^bits | 4 | neutral-head bias (float32; version 2 only) |
/// | 48+n+4·2^bits | 4·2^bits | neutral-head weights (float32; version 2 only) |
/// | end−8 | 8 | FNV-1a 64 of every byte before it (header, biases and weights) |
///
/// Version 1 files (polarity head only) still load; a model with a neutral head saves as version 2.
public struct NGramModel: Sendable {
    static let magic: [UInt8] = Array("TMPRNGM1".utf8)
    /// The newest version this build writes and reads; version 1 is read too.
    static let formatVersion: UInt32 = 2
    static let polarityOnlyVersion: UInt32 = 1
    /// Descriptions longer than this are cut when saving (keeps a corrupt length field from
    /// asking for gigabytes when loading).
    static let maximumDescriptionLength = 1 << 16

    public let hasher: FeatureHasher
    /// One weight per hash slot, as trained and saved.
    public let weights: [Float]
    public var bias: Float
    /// The neutral head's weights (empty when the model has none), one per hash slot.
    public let neutralWeights: [Float]
    public var neutralBias: Float
    public var metadata: NGramTrainingMetadata

    public init(hasher: FeatureHasher, weights: [Float], bias: Float, metadata: NGramTrainingMetadata = NGramTrainingMetadata()) {
        self.init(hasher: hasher, weights: weights, bias: bias, neutralWeights: [], neutralBias: 0, metadata: metadata)
    }

    /// A model with a neutral head (`neutralWeights` empty: without one).
    public init(hasher: FeatureHasher, weights: [Float], bias: Float, neutralWeights: [Float], neutralBias: Float,
                metadata: NGramTrainingMetadata = NGramTrainingMetadata()) {
        precondition(weights.count == hasher.dimension, "weights must have 2^hashBits entries")
        precondition(neutralWeights.isEmpty || neutralWeights.count == hasher.dimension, "neutral weights must have 2^hashBits entries or none")
        self.hasher = hasher
        self.weights = weights
        self.bias = bias
        self.neutralWeights = neutralWeights
        self.neutralBias = neutralBias
        self.metadata = metadata
    }

    /// This model with `neutral`'s polarity head as its neutral head (same features required).
    public func withNeutralHead(_ neutral: NGramModel) -> NGramModel {
        precondition(neutral.hasher == hasher, "the neutral head must use the same features")
        return NGramModel(hasher: hasher, weights: weights, bias: bias, neutralWeights: neutral.weights,
                          neutralBias: neutral.bias, metadata: metadata)
    }

    public var hasNeutralHead: Bool { !neutralWeights.isEmpty }

    /// An untrained model (all weights zero).
    public init(hasher: FeatureHasher) {
        self.init(hasher: hasher, weights: [Float](repeating: 0, count: hasher.dimension), bias: 0)
    }

    // MARK: - Scoring

    /// How many feature indices `logit(for:)` collects before reading their weights.
    @usableFromInline static let lookupBatch = 128

    /// Beyond this many features (about 55 words) the evidence is averaged, not summed: the
    /// logit is `bias + Σw × evidenceFeatures / n`. A sum grows with length alone — a neutral
    /// sentence repeated 10,000 times reached a logit of 5,081 and read as certain — while the
    /// mean weight of a text's features does not; up to this count (every message and review
    /// sentence the model was measured on) the sum is kept as trained.
    @usableFromInline static let evidenceFeatures = 128

    /// The logit of `featureCount` features whose weights, plus the bias, sum to `sum`.
    @inlinable @inline(__always)
    func lengthNormalized(_ sum: Float, featureCount: Int) -> Float {
        guard featureCount > NGramModel.evidenceFeatures else { return sum }
        return bias + (sum - bias) * (Float(NGramModel.evidenceFeatures) / Float(featureCount))
    }

    /// The log-odds of "positive". Features are summed in extraction order (so the float sum is
    /// the same as `logit(features:)` over `extract`'s output), and averaged beyond
    /// `evidenceFeatures` of them.
    ///
    /// Indices are hashed first and their weights read after, in a separate tight loop: the weight
    /// reads are cache misses that do not depend on each other, and a loop that does nothing else
    /// lets the processor have many of them in flight at once instead of a few between hashing.
    @inlinable
    public func logit(for text: TokenizedText) -> Float {
        var sum = bias
        var total = 0
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: NGramModel.lookupBatch) { pending in
            // `count` runs on over the batches (the batch size is a power of two), so it is also
            // the feature count, with nothing more to keep per feature.
            var count = 0
            let mask = NGramModel.lookupBatch - 1
            hasher.forEachFeature(of: text) { index in
                pending[count & mask] = index
                count += 1
                if count & mask == 0 { sum = addWeights(of: UnsafeBufferPointer(pending), to: sum) }
            }
            sum = addWeights(of: UnsafeBufferPointer(rebasing: pending[..<(count & mask)]), to: sum)
            total = count
        }
        return lengthNormalized(sum, featureCount: total)
    }

    /// The polarity logit and the neutral head's logit (0 without a neutral head) of one text,
    /// from one feature pass; each is length-normalized like `logit(for:)`.
    @inlinable
    public func logits(for text: TokenizedText) -> (polarity: Float, neutral: Float) {
        guard hasNeutralHead else { return (logit(for: text), 0) }
        var sums = SIMD2<Float>(bias, neutralBias)
        var total = 0
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: NGramModel.lookupBatch) { pending in
            var count = 0
            let mask = NGramModel.lookupBatch - 1
            hasher.forEachFeature(of: text) { index in
                pending[count & mask] = index
                count += 1
                if count & mask == 0 { sums = addBothWeights(of: UnsafeBufferPointer(pending), to: sums) }
            }
            sums = addBothWeights(of: UnsafeBufferPointer(rebasing: pending[..<(count & mask)]), to: sums)
            total = count
        }
        let polarity = lengthNormalized(sums[0], featureCount: total)
        var neutral = sums[1]
        if total > NGramModel.evidenceFeatures {
            neutral = neutralBias + (neutral - neutralBias) * (Float(NGramModel.evidenceFeatures) / Float(total))
        }
        return (polarity, neutral)
    }

    @inlinable @inline(__always)
    func addBothWeights(of indices: UnsafeBufferPointer<UInt32>, to sums: SIMD2<Float>) -> SIMD2<Float> {
        var sums = sums
        weights.withUnsafeBufferPointer { w in
            neutralWeights.withUnsafeBufferPointer { n in
                for index in indices {
                    sums += SIMD2(NGramModel.signedWeight(w, index), NGramModel.signedWeight(n, index))
                }
            }
        }
        return sums
    }

    @inlinable @inline(__always)
    func addWeights(of indices: UnsafeBufferPointer<UInt32>, to sum: Float) -> Float {
        var sum = sum
        weights.withUnsafeBufferPointer { w in
            for index in indices { sum += NGramModel.signedWeight(w, index) }
        }
        return sum
    }

    /// The log-odds for already extracted feature indices.
    @inlinable
    public func logit(features: [UInt32]) -> Float {
        var sum = bias
        weights.withUnsafeBufferPointer { w in
            for index in features { sum += NGramModel.signedWeight(w, index) }
        }
        return lengthNormalized(sum, featureCount: features.count)
    }

    /// Bit 31 is the feature's sign under `.signedHashing` (never set otherwise): flipping the
    /// float's sign bit is branch-free.
    @inlinable @inline(__always)
    static func signedWeight(_ w: UnsafeBufferPointer<Float>, _ index: UInt32) -> Float {
        Float(bitPattern: w[Int(index & FeatureHasher.indexMask)].bitPattern ^ (index & FeatureHasher.signBit))
    }

    /// `P(positive | text)`.
    @inlinable
    public func probability(for text: TokenizedText) -> Float {
        NGramModel.sigmoid(logit(for: text))
    }

    @inlinable
    static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }

    // MARK: - Serialization

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        var description = Array(metadata.dataDescription.utf8)
        if description.count > NGramModel.maximumDescriptionLength {
            description = Array(description.prefix(NGramModel.maximumDescriptionLength))
        }
        out.reserveCapacity(56 + description.count + 4 * (weights.count + neutralWeights.count))
        out.append(contentsOf: NGramModel.magic)
        appendLE(hasNeutralHead ? NGramModel.formatVersion : NGramModel.polarityOnlyVersion, to: &out)
        appendLE(UInt32(hasher.hashBits), to: &out)
        appendLE(hasher.features.rawValue, to: &out)
        appendLE(UInt32(hasher.negationWindow), to: &out)
        appendLE(metadata.seed, to: &out)
        appendLE(metadata.epochs, to: &out)
        appendLE(UInt32(description.count), to: &out)
        out.append(contentsOf: description)
        appendLE(bias.bitPattern, to: &out)
        for weight in weights { appendLE(weight.bitPattern, to: &out) }
        if hasNeutralHead {
            appendLE(neutralBias.bitPattern, to: &out)
            for weight in neutralWeights { appendLE(weight.bitPattern, to: &out) }
        }
        let checksum = out.withUnsafeBufferPointer { FeatureHasher.fnv1a($0) }
        appendLE(checksum, to: &out)
        return out
    }

    /// Writes the model to `path` (via a temporary file and rename, so a crash never leaves half a model).
    public func save(to path: String) throws {
        let bytes = serialized()
        let temporary = path + ".tmp-\(getpid())"
        guard let file = fopen(temporary, "wb") else {
            throw NGramModelError(.cannotWrite, path: path, problem: "cannot create model file: \(String(cString: strerror(errno)))")
        }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else {
            unlink(temporary)
            throw NGramModelError(.cannotWrite, path: path, problem: "cannot write model file: \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw NGramModelError(.cannotWrite, path: path, problem: "cannot move model file into place: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads and validates a model file.
    public static func load(path: String) throws -> NGramModel {
        guard let file = fopen(path, "rb") else {
            throw NGramModelError(.cannotOpen, path: path, problem: "cannot open model file: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = chunk.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, $0.count, file) }
            if got > 0 { bytes.append(contentsOf: chunk[0..<got]) }
            if got < chunk.count {
                if ferror(file) != 0 {
                    throw NGramModelError(.cannotOpen, path: path, problem: "read error: \(String(cString: strerror(errno)))")
                }
                break
            }
        }
        return try NGramModel(serialized: bytes, path: path)
    }

    /// Parses the bytes of a model file; `path` only names the source in errors.
    public init(serialized bytes: [UInt8], path: String = "<memory>") throws {
        func fail(_ kind: NGramModelError.Kind, _ problem: String) -> NGramModelError {
            NGramModelError(kind, path: path, problem: problem)
        }
        guard bytes.count >= 8, Array(bytes[0..<8]) == NGramModel.magic else {
            if bytes.count < 8 && NGramModel.magic.starts(with: bytes) {
                throw fail(.truncated, "truncated n-gram model: \(bytes.count) bytes, not even the 8-byte magic")
            }
            throw fail(.badMagic, "not a Temper n-gram model (expected magic \"TMPRNGM1\" at the start)")
        }
        var reader = ByteReader(bytes: bytes, position: 8)
        guard let version = reader.u32() else { throw fail(.truncated, "truncated n-gram model: header incomplete") }
        guard version == NGramModel.formatVersion || version == NGramModel.polarityOnlyVersion else {
            throw fail(.unsupportedVersion, "unsupported n-gram model format version \(version) (this build reads versions \(NGramModel.polarityOnlyVersion) and \(NGramModel.formatVersion))")
        }
        let heads = version == NGramModel.formatVersion ? 2 : 1
        guard let hashBits = reader.u32(), let flags = reader.u32(), let window = reader.u32(),
              let seed = reader.u64(), let epochs = reader.u32(), let descriptionLength = reader.u32()
        else { throw fail(.truncated, "truncated n-gram model: header incomplete (\(bytes.count) bytes)") }
        guard FeatureHasher.validHashBits.contains(Int(hashBits)) else {
            throw fail(.badHeader, "hash bits \(hashBits) out of range \(FeatureHasher.validHashBits)")
        }
        guard Int(descriptionLength) <= NGramModel.maximumDescriptionLength else {
            throw fail(.badHeader, "description length \(descriptionLength) exceeds \(NGramModel.maximumDescriptionLength)")
        }
        guard window <= 64 else { throw fail(.badHeader, "negation window \(window) out of range 0...64") }
        let dimension = 1 << Int(hashBits)
        let expected = 52 + Int(descriptionLength) + 4 * dimension + (heads == 2 ? 4 + 4 * dimension : 0)
        let what = heads == 2 ? "2 × 2^\(hashBits) weights (version 2: polarity and neutral heads)" : "2^\(hashBits) weights"
        guard bytes.count >= expected else {
            throw fail(.truncated, "truncated n-gram model: \(bytes.count) bytes, expected \(expected) for \(what)")
        }
        guard bytes.count == expected else {
            throw fail(.badHeader, "n-gram model has \(bytes.count - expected) unexpected trailing bytes (expected \(expected) bytes for \(what))")
        }
        var checksumReader = ByteReader(bytes: bytes, position: expected - 8)
        let storedChecksum = checksumReader.u64()!
        let actualChecksum = bytes.withUnsafeBufferPointer { FeatureHasher.fnv1a(UnsafeBufferPointer(rebasing: $0[0..<(expected - 8)])) }
        guard storedChecksum == actualChecksum else {
            throw fail(.checksumMismatch, "n-gram model checksum mismatch (file is corrupt): stored \(hex(storedChecksum)), computed \(hex(actualChecksum))")
        }
        let description = String(decoding: bytes[reader.position..<(reader.position + Int(descriptionLength))], as: UTF8.self)
        reader.position += Int(descriptionLength)
        func readWeights(_ reader: inout ByteReader) -> [Float] {
            var weights = [Float](repeating: 0, count: dimension)
            bytes.withUnsafeBufferPointer { all in
                var position = reader.position
                for index in 0..<dimension {
                    let bits = UInt32(all[position]) | UInt32(all[position + 1]) << 8 | UInt32(all[position + 2]) << 16 | UInt32(all[position + 3]) << 24
                    weights[index] = Float(bitPattern: bits)
                    position += 4
                }
                reader.position = position
            }
            return weights
        }
        let bias = Float(bitPattern: reader.u32()!)
        let weights = readWeights(&reader)
        var neutralBias: Float = 0
        var neutralWeights: [Float] = []
        if heads == 2 {
            neutralBias = Float(bitPattern: reader.u32()!)
            neutralWeights = readWeights(&reader)
        }
        let hasher = FeatureHasher(hashBits: Int(hashBits), features: NGramFeatureSet(rawValue: flags), negationWindow: Int(window))
        self.init(
            hasher: hasher, weights: weights, bias: bias, neutralWeights: neutralWeights, neutralBias: neutralBias,
            metadata: NGramTrainingMetadata(seed: seed, epochs: epochs, dataDescription: description)
        )
    }
}

private func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 16 - digits.count) + digits
}

private func appendLE<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
    var v = value.littleEndian
    withUnsafeBytes(of: &v) { out.append(contentsOf: $0) }
}

private struct ByteReader {
    let bytes: [UInt8]
    var position: Int

    /// The next little-endian integer, or nil past the end.
    mutating func integer<T: FixedWidthInteger & UnsignedInteger>(_: T.Type = T.self) -> T? {
        let size = MemoryLayout<T>.size
        guard position + size <= bytes.count else { return nil }
        var value: T = 0
        for i in 0..<size { value |= T(bytes[position + i]) << (8 * i) }
        position += size
        return value
    }

    mutating func u32() -> UInt32? { integer() }
    mutating func u64() -> UInt64? { integer() }
}
