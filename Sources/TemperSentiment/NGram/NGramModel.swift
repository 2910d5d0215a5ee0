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

/// The heads of an n-gram model: logistic regressions over the same hashed features, each
/// trained on its own data, read in one lookup loop.
public enum NGramHead: Int, CaseIterable, Sendable {
    /// Review polarity: `P(positive | polar text)`, trained on the review and sentence sets.
    case polarity
    /// `P(neutral | text)`, trained on the files that label neutral text (tweets, 3★ reviews).
    case neutral
    /// Social-media polarity: `P(positive | polar tweet)`, trained on the social files only.
    case socialPolarity
    /// How much a text reads like the social files rather than the review files: lets the
    /// calibration trust the social experts on tweets and the review expert on reviews.
    case social
}

/// The logits of every head for one text (0 for a head the model does not have).
public struct NGramLogits: Sendable, Equatable {
    public var values: SIMD4<Float>
    public init(_ values: SIMD4<Float>) { self.values = values }
    public var polarity: Float { values[0] }
    public var neutral: Float { values[1] }
    public var socialPolarity: Float { values[2] }
    public var social: Float { values[3] }
    public subscript(head: NGramHead) -> Float { values[head.rawValue] }
}

/// Logistic regression over hashed n-gram features with up to four heads (`NGramHead`) over the
/// same features. In a four-head model the weights of a slot sit together as four signed bytes
/// (one `SIMD4<Int8>`, each head with its own scale), so the table is as large as a one-head
/// float table (4 MiB at 2^20 slots) and reading every head costs what reading one did: one
/// cache line per feature. (Four float weights per slot made a 16 MiB table, and scoring ran at
/// less than half the speed: the table no longer stayed in cache.) The sums are integers, so
/// the order of the features cannot change them.
///
/// File format (all integers and floats little-endian):
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `TMPRNGM1` |
/// | 8 | 4 | format version (1, 2 or 3) |
/// | 12 | 4 | hash bits |
/// | 16 | 4 | feature-set flags (`NGramFeatureSet.rawValue`) |
/// | 20 | 4 | negation window |
/// | 24 | 8 | training seed |
/// | 32 | 4 | epochs |
/// | 36 | 4 | description length `n` (bytes, UTF-8) |
/// | 40 | n | description |
/// | 40+n | … | version 1: polarity bias, then 2^bits polarity weights (float32) |
/// | | | version 2: as version 1, then the neutral bias and 2^bits neutral weights |
/// | | | version 3: the four heads' biases and scales (float32), then per slot its four weights as signed bytes (`NGramHead` order; weight = byte × scale) |
/// | end−8 | 8 | FNV-1a 64 of every byte before it (header, biases and weights) |
///
/// A model saves as the oldest version that holds its heads: polarity only → 1, + neutral → 2,
/// + the social heads → 3. Every version loads; missing heads read as 0.
public struct NGramModel: Sendable {
    static let magic: [UInt8] = Array("TMPRNGM1".utf8)
    static let polarityOnlyVersion: UInt32 = 1
    static let neutralHeadVersion: UInt32 = 2
    /// The newest version this build writes and reads.
    static let formatVersion: UInt32 = 3
    /// Descriptions longer than this are cut when saving (keeps a corrupt length field from
    /// asking for gigabytes when loading).
    static let maximumDescriptionLength = 1 << 16

    public let hasher: FeatureHasher
    /// Per hash slot, the float weights of the heads of a one- or two-head model (0 for absent
    /// heads); empty in a four-head model.
    @usableFromInline let table: [SIMD4<Float>]
    /// Per hash slot, the four heads' weights in units of `scales` (four-head models only).
    @usableFromInline let quantized: [SIMD4<Int8>]
    /// Each head's weight per unit of `quantized`.
    public let scales: SIMD4<Float>
    public let biases: SIMD4<Float>
    /// 1 (polarity), 2 (+ neutral) or 4 (+ social polarity and social).
    public let headCount: Int
    public var metadata: NGramTrainingMetadata

    /// A polarity-only model.
    public init(hasher: FeatureHasher, weights: [Float], bias: Float, metadata: NGramTrainingMetadata = NGramTrainingMetadata()) {
        self.init(hasher: hasher, heads: [weights], biases: [bias], metadata: metadata)
    }

    /// A model with a neutral head (`neutralWeights` empty: without one).
    public init(hasher: FeatureHasher, weights: [Float], bias: Float, neutralWeights: [Float], neutralBias: Float,
                metadata: NGramTrainingMetadata = NGramTrainingMetadata()) {
        if neutralWeights.isEmpty {
            self.init(hasher: hasher, heads: [weights], biases: [bias], metadata: metadata)
        } else {
            self.init(hasher: hasher, heads: [weights, neutralWeights], biases: [bias, neutralBias], metadata: metadata)
        }
    }

    /// A model from 1, 2 or 4 heads' weights (2^bits each) and biases, in `NGramHead` order.
    public init(hasher: FeatureHasher, heads: [[Float]], biases: [Float], metadata: NGramTrainingMetadata = NGramTrainingMetadata()) {
        precondition([1, 2, 4].contains(heads.count) && biases.count == heads.count, "a model has 1, 2 or 4 heads, each with a bias")
        precondition(heads.allSatisfy { $0.count == hasher.dimension }, "each head must have 2^hashBits weights")
        var packedBiases = SIMD4<Float>.zero
        for (lane, bias) in biases.enumerated() { packedBiases[lane] = bias }
        if heads.count == 4 {
            // Round to the nearest step of a scale that maps each head's largest weight to 127.
            var scales = SIMD4<Float>(repeating: 1)
            for lane in 0..<4 {
                let largest = heads[lane].reduce(Float(0)) { max($0, abs($1)) }
                if largest > 0 { scales[lane] = largest / 127 }
            }
            var quantized = [SIMD4<Int8>](repeating: .zero, count: hasher.dimension)
            for lane in 0..<4 {
                let weights = heads[lane]
                for slot in 0..<hasher.dimension {
                    quantized[slot][lane] = Int8(max(-127, min(127, (weights[slot] / scales[lane]).rounded())))
                }
            }
            self.init(hasher: hasher, table: [], quantized: quantized, scales: scales, biases: packedBiases, headCount: 4, metadata: metadata)
        } else {
            var table = [SIMD4<Float>](repeating: .zero, count: hasher.dimension)
            for (lane, weights) in heads.enumerated() {
                for slot in 0..<hasher.dimension { table[slot][lane] = weights[slot] }
            }
            self.init(hasher: hasher, table: table, quantized: [], scales: .zero, biases: packedBiases, headCount: heads.count, metadata: metadata)
        }
    }

    init(hasher: FeatureHasher, table: [SIMD4<Float>], quantized: [SIMD4<Int8>], scales: SIMD4<Float>, biases: SIMD4<Float>,
         headCount: Int, metadata: NGramTrainingMetadata) {
        self.hasher = hasher
        self.table = table
        self.quantized = quantized
        self.scales = scales
        self.biases = biases
        self.headCount = headCount
        self.metadata = metadata
    }

    /// One model from single-head models trained on the same features: `polarity`'s head is the
    /// polarity head, and so on. Absent heads are left out (if a social head is given, the other
    /// heads are kept as zeros).
    public static func combining(polarity: NGramModel, neutral: NGramModel? = nil, socialPolarity: NGramModel? = nil,
                                 social: NGramModel? = nil, metadata: NGramTrainingMetadata? = nil) -> NGramModel {
        let parts = [polarity, neutral, socialPolarity, social]
        precondition(parts.allSatisfy { $0 == nil || $0!.hasher == polarity.hasher }, "every head must use the same features")
        let count = socialPolarity != nil || social != nil ? 4 : (neutral != nil ? 2 : 1)
        let zeros = [Float](repeating: 0, count: polarity.hasher.dimension)
        return NGramModel(hasher: polarity.hasher, heads: parts.prefix(count).map { $0?.weights ?? zeros },
                          biases: parts.prefix(count).map { $0?.bias ?? 0 }, metadata: metadata ?? polarity.metadata)
    }

    /// This model with `neutral`'s polarity head as its neutral head (same features required).
    public func withNeutralHead(_ neutral: NGramModel) -> NGramModel {
        NGramModel.combining(polarity: self, neutral: neutral, metadata: metadata)
    }

    /// One head's weights, one per hash slot (as scored: in a four-head model, byte × scale).
    public func weights(of head: NGramHead) -> [Float] {
        let lane = head.rawValue
        if quantized.isEmpty { return table.map { $0[lane] } }
        return quantized.map { Float($0[lane]) * scales[lane] }
    }

    /// The polarity head's weights.
    public var weights: [Float] { weights(of: .polarity) }
    public var bias: Float { biases[0] }
    /// The neutral head's weights (empty when the model has none).
    public var neutralWeights: [Float] { hasNeutralHead ? weights(of: .neutral) : [] }
    public var neutralBias: Float { biases[1] }
    public var hasNeutralHead: Bool { headCount >= 2 }
    public var hasSocialHeads: Bool { headCount >= 4 }

    /// An untrained model (all weights zero).
    public init(hasher: FeatureHasher) {
        self.init(hasher: hasher, table: [SIMD4<Float>](repeating: .zero, count: hasher.dimension), quantized: [], scales: .zero,
                  biases: .zero, headCount: 1, metadata: NGramTrainingMetadata())
    }

    // MARK: - Scoring

    /// How many feature indices `logits(for:)` collects before reading their weights.
    @usableFromInline static let lookupBatch = 128

    /// Beyond this many features (about 55 words) the evidence is averaged, not summed: the
    /// logit is `bias + Σw × evidenceFeatures / n`. A sum grows with length alone — a neutral
    /// sentence repeated 10,000 times reached a logit of 5,081 and read as certain — while the
    /// mean weight of a text's features does not; up to this count (every message and review
    /// sentence the model was measured on) the sum is kept as trained.
    @usableFromInline static let evidenceFeatures = 128

    /// The logits of `featureCount` features whose weights, plus the biases, sum to `sums`.
    @inlinable @inline(__always)
    func lengthNormalized(_ sums: SIMD4<Float>, featureCount: Int) -> SIMD4<Float> {
        guard featureCount > NGramModel.evidenceFeatures else { return sums }
        return biases + (sums - biases) * (Float(NGramModel.evidenceFeatures) / Float(featureCount))
    }

    /// The log-odds of "positive" (the polarity head).
    @inlinable
    public func logit(for text: TokenizedText) -> Float {
        logits(for: text).polarity
    }

    /// Every head's logit for one text, from one feature pass. Features are summed in extraction
    /// order (so the float sums are the same as `logits(features:)` over `extract`'s output), and
    /// averaged beyond `evidenceFeatures` of them.
    ///
    /// Indices are hashed first and their weights read after, in a separate tight loop: the weight
    /// reads are cache misses that do not depend on each other, and a loop that does nothing else
    /// lets the processor have many of them in flight at once instead of a few between hashing.
    @inlinable
    public func logits(for text: TokenizedText) -> NGramLogits {
        quantized.isEmpty ? floatLogits(for: text) : quantizedLogits(for: text)
    }

    @inlinable
    func floatLogits(for text: TokenizedText) -> NGramLogits {
        var sums = biases
        var total = 0
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: NGramModel.lookupBatch) { pending in
            // `count` runs on over the batches (the batch size is a power of two), so it is also
            // the feature count, with nothing more to keep per feature.
            var count = 0
            let mask = NGramModel.lookupBatch - 1
            hasher.forEachFeature(of: text) { index in
                pending[count & mask] = index
                count += 1
                if count & mask == 0 { sums = addWeights(of: UnsafeBufferPointer(pending), to: sums) }
            }
            sums = addWeights(of: UnsafeBufferPointer(rebasing: pending[..<(count & mask)]), to: sums)
            total = count
        }
        return NGramLogits(lengthNormalized(sums, featureCount: total))
    }

    /// The batching loop of `floatLogits`, written out again on purpose: the shared form (one
    /// helper taking the weight-adding step as a closure) measured 3.6% more CPU for
    /// `temper score` (benchmarks/interleave.py, 1M messages, one core, 5 interleaved runs).
    @inlinable
    func quantizedLogits(for text: TokenizedText) -> NGramLogits {
        var sums = SIMD4<Int32>.zero
        var total = 0
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: NGramModel.lookupBatch) { pending in
            var count = 0
            let mask = NGramModel.lookupBatch - 1
            hasher.forEachFeature(of: text) { index in
                pending[count & mask] = index
                count += 1
                if count & mask == 0 { sums = addQuantizedWeights(of: UnsafeBufferPointer(pending), to: sums) }
            }
            sums = addQuantizedWeights(of: UnsafeBufferPointer(rebasing: pending[..<(count & mask)]), to: sums)
            total = count
        }
        return NGramLogits(lengthNormalized(biases + SIMD4<Float>(sums) * scales, featureCount: total))
    }

    @inlinable @inline(__always)
    func addWeights(of indices: UnsafeBufferPointer<UInt32>, to sums: SIMD4<Float>) -> SIMD4<Float> {
        var sums = sums
        table.withUnsafeBufferPointer { w in
            for index in indices { sums += NGramModel.signedWeights(w, index) }
        }
        return sums
    }

    @inlinable @inline(__always)
    func addQuantizedWeights(of indices: UnsafeBufferPointer<UInt32>, to sums: SIMD4<Int32>) -> SIMD4<Int32> {
        var sums = sums
        quantized.withUnsafeBufferPointer { w in
            for index in indices {
                let weights = SIMD4<Int32>(truncatingIfNeeded: w[Int(index & FeatureHasher.indexMask)])
                // −1 in every lane when the feature's sign bit is set, else 0: x ^ m − m negates.
                let sign = SIMD4<Int32>(repeating: Int32(bitPattern: index & FeatureHasher.signBit) >> 31)
                sums &+= (weights ^ sign) &- sign
            }
        }
        return sums
    }

    /// Every head's logit for already extracted feature indices.
    @inlinable
    public func logits(features: [UInt32]) -> NGramLogits {
        if quantized.isEmpty {
            var sums = biases
            features.withUnsafeBufferPointer { sums = addWeights(of: $0, to: sums) }
            return NGramLogits(lengthNormalized(sums, featureCount: features.count))
        }
        var sums = SIMD4<Int32>.zero
        features.withUnsafeBufferPointer { sums = addQuantizedWeights(of: $0, to: sums) }
        return NGramLogits(lengthNormalized(biases + SIMD4<Float>(sums) * scales, featureCount: features.count))
    }

    /// The polarity log-odds for already extracted feature indices.
    @inlinable
    public func logit(features: [UInt32]) -> Float {
        logits(features: features).polarity
    }

    /// Bit 31 is the feature's sign under `.signedHashing` (never set otherwise): flipping the
    /// floats' sign bits is branch-free.
    @inlinable @inline(__always)
    static func signedWeights(_ w: UnsafeBufferPointer<SIMD4<Float>>, _ index: UInt32) -> SIMD4<Float> {
        let weights = w[Int(index & FeatureHasher.indexMask)]
        let sign = SIMD4<UInt32>(repeating: index & FeatureHasher.signBit)
        return unsafeBitCast(unsafeBitCast(weights, to: SIMD4<UInt32>.self) ^ sign, to: SIMD4<Float>.self)
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
        out.reserveCapacity(80 + description.count + 4 * max(table.count, quantized.count))
        let version: UInt32 = switch headCount {
        case 1: NGramModel.polarityOnlyVersion
        case 2: NGramModel.neutralHeadVersion
        default: NGramModel.formatVersion
        }
        out.append(contentsOf: NGramModel.magic)
        appendLE(version, to: &out)
        appendLE(UInt32(hasher.hashBits), to: &out)
        appendLE(hasher.features.rawValue, to: &out)
        appendLE(UInt32(hasher.negationWindow), to: &out)
        appendLE(metadata.seed, to: &out)
        appendLE(metadata.epochs, to: &out)
        appendLE(UInt32(description.count), to: &out)
        out.append(contentsOf: description)
        if version == NGramModel.formatVersion {
            for lane in 0..<4 { appendLE(biases[lane].bitPattern, to: &out) }
            for lane in 0..<4 { appendLE(scales[lane].bitPattern, to: &out) }
            for weights in quantized {
                for lane in 0..<4 { out.append(UInt8(bitPattern: weights[lane])) }
            }
        } else {
            for lane in 0..<headCount {
                appendLE(biases[lane].bitPattern, to: &out)
                for weights in table { appendLE(weights[lane].bitPattern, to: &out) }
            }
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
        guard (NGramModel.polarityOnlyVersion...NGramModel.formatVersion).contains(version) else {
            throw fail(.unsupportedVersion, "unsupported n-gram model format version \(version) (this build reads versions \(NGramModel.polarityOnlyVersion) to \(NGramModel.formatVersion))")
        }
        let heads = version == NGramModel.formatVersion ? 4 : Int(version)
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
        // Header, description, one bias and 2^bits float weights per head (version 3: four biases,
        // four scales and four bytes per slot), checksum.
        let expected = 48 + Int(descriptionLength) + (heads == 4 ? 32 + 4 * dimension : heads * (4 + 4 * dimension))
        let what = switch heads {
        case 1: "2^\(hashBits) weights"
        case 2: "2 × 2^\(hashBits) weights (version 2: polarity and neutral heads)"
        default: "4 × 2^\(hashBits) byte weights (version 3: polarity, neutral and social heads)"
        }
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
        // After the checksum: a corrupt file is reported as corrupt, not as one from the future.
        let unknownFamilies = flags & ~NGramFeatureSet.known.rawValue
        guard unknownFamilies == 0 else {
            throw fail(.unsupportedVersion, "the n-gram model uses feature families this build does not know (flag bits 0x\(String(unknownFamilies, radix: 16))): it was trained by a newer Temper")
        }
        let description = String(decoding: bytes[reader.position..<(reader.position + Int(descriptionLength))], as: UTF8.self)
        reader.position += Int(descriptionLength)
        var table: [SIMD4<Float>] = heads == 4 ? [] : [SIMD4<Float>](repeating: .zero, count: dimension)
        var quantized: [SIMD4<Int8>] = heads == 4 ? [SIMD4<Int8>](repeating: .zero, count: dimension) : []
        var scales = SIMD4<Float>.zero
        var biases = SIMD4<Float>.zero
        bytes.withUnsafeBufferPointer { all in
            var position = reader.position
            func next() -> Float {
                let bits = UInt32(all[position]) | UInt32(all[position + 1]) << 8 | UInt32(all[position + 2]) << 16 | UInt32(all[position + 3]) << 24
                position += 4
                return Float(bitPattern: bits)
            }
            if heads == 4 {
                for lane in 0..<4 { biases[lane] = next() }
                for lane in 0..<4 { scales[lane] = next() }
                quantized.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: all[position..<(position + 4 * dimension)]))) }
            } else {
                for lane in 0..<heads {
                    biases[lane] = next()
                    for slot in 0..<dimension { table[slot][lane] = next() }
                }
            }
        }
        let hasher = FeatureHasher(hashBits: Int(hashBits), features: NGramFeatureSet(rawValue: flags), negationWindow: Int(window))
        self.init(hasher: hasher, table: table, quantized: quantized, scales: scales, biases: biases, headCount: heads,
                  metadata: NGramTrainingMetadata(seed: seed, epochs: epochs, dataDescription: description))
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
