import Foundation
import Testing
import TemperText
@testable import TemperSentiment
import TemperIO

/// Helpers shared by the n-gram tests.
enum NGramTestSupport {
    /// A fresh tokenizer (tokenizers are not thread-safe and tests run in parallel).
    static var tokenizer: Tokenizer { try! Tokenizer() }

    static func features(_ text: String, _ hasher: FeatureHasher) -> [UInt32] {
        hasher.features(of: tokenizer.tokenize(text))
    }

    /// A fresh path in the temporary directory.
    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "temper-ngram-\(getpid())-\(UInt64.random(in: 0...UInt64.max))-\(name)"
    }
}

@Suite("NGram feature hasher")
struct NGramFeatureHasherTests {
    let hasher = FeatureHasher()

    @Test func deterministicAcrossCallsAndInstances() {
        let a = NGramTestSupport.features("The delivery was NOT good!!! :(", hasher)
        let b = NGramTestSupport.features("The delivery was NOT good!!! :(", FeatureHasher())
        #expect(a == b)
        #expect(!a.isEmpty)
        #expect(a.allSatisfy { Int($0) < hasher.dimension })
        // Fixed values: a change here silently invalidates every trained model file.
        #expect(FeatureHasher.fnv1a(UnsafeBufferPointer(start: nil, count: 0)) == 0xcbf2_9ce4_8422_2325)
        let hash = Array("a".utf8).withUnsafeBufferPointer { FeatureHasher.fnv1a($0) }
        #expect(hash == 0xaf63_dc4c_8601_ec8c)
    }

    @Test func reusesCallerBuffer() {
        let text = NGramTestSupport.tokenizer.tokenize("great service, thank you")
        var scratch: [UInt32] = []
        scratch.reserveCapacity(128)
        hasher.extract(text, into: &scratch)
        let first = scratch
        let capacity = scratch.capacity
        hasher.extract(text, into: &scratch)
        #expect(scratch == first)            // cleared, not appended
        #expect(scratch.capacity == capacity) // kept its storage
    }

    @Test func numbersShareOneFeatureAndDroppedKindsAreSkipped() {
        let unigramOnly = FeatureHasher(features: [.unigrams])
        #expect(NGramTestSupport.features("42", unigramOnly) == NGramTestSupport.features("1999", unigramOnly))
        #expect(NGramTestSupport.features("http://example.com @bob a@b.co", unigramOnly).isEmpty)
        #expect(NGramTestSupport.features("#fail 😀 :)", unigramOnly).count == 3)
    }

    @Test("A hashtag also counts as its word: '#fail' adds the unigram 'fail' and keeps its own")
    func hashtagWords() {
        let plain = FeatureHasher(features: [.unigrams])
        let withWords = FeatureHasher(features: [.unigrams, .hashtagWords])
        let tag = NGramTestSupport.features("#fail", plain)
        let word = NGramTestSupport.features("fail", plain)
        #expect(NGramTestSupport.features("#fail", withWords) == tag + word)
        #expect(NGramTestSupport.features("fail", withWords) == word, "plain words are unchanged")
        #expect(NGramTestSupport.features("# fail", withWords) == NGramTestSupport.features("# fail", plain), "a lone # is no tag")
        #expect(NGramFeatureSet.standard.contains(.hashtagWords))
        #expect(NGramFeatureSet.standard.names.contains("hashtag-words"))
    }

    @Test("A camel-case hashtag's words count as written out: '#NotHappy' adds 'not', NEG_'happy' and 'not happy'")
    func hashtagParts() {
        let words = FeatureHasher(features: [.unigrams, .bigrams, .negation, .hashtagWords])
        let withParts = FeatureHasher(features: [.unigrams, .bigrams, .negation, .hashtagWords, .hashtagParts])
        let tag = NGramTestSupport.features("#NotHappy", words)
        let written = NGramTestSupport.features("not happy", words)
        #expect(NGramTestSupport.features("#NotHappy", withParts) == tag + written)
        #expect(NGramTestSupport.features("#nothappy", withParts) == NGramTestSupport.features("#nothappy", words), "one-case tags have no parts")
        #expect(NGramTestSupport.features("not happy", withParts) == written, "plain words are unchanged")
        // The words do not chain with the tokens around the tag: only the tag does.
        let around = NGramTestSupport.features("so #EpicFail today", withParts)
        let expected = NGramTestSupport.features("so #EpicFail today", words)
        #expect(around.count == expected.count + NGramTestSupport.features("epic fail", words).count)
        #expect(NGramFeatureSet.standard.contains(.hashtagParts))
        #expect(NGramFeatureSet.standard.names.contains("hashtag-parts"))
    }

    @Test func negationMarkerFiresWithinThreeWords() {
        let unigrams = FeatureHasher(features: [.unigrams])
        let negated = FeatureHasher(features: [.unigrams, .negation])
        let plainGood = Set(NGramTestSupport.features("good", unigrams))
        for text in ["not good", "never good", "it isn't good", "does n't good", "cannot good", "not really very good"] {
            let f = Set(NGramTestSupport.features(text, negated))
            #expect(f.isDisjoint(with: plainGood), "\(text): 'good' should be negated")
        }
        // NEG_good is the same feature wherever it comes from.
        #expect(Set(NGramTestSupport.features("not good", negated)).intersection(NGramTestSupport.features("never good", negated)).count == 1)
    }

    @Test func negationMarkerDoesNotFire() {
        let unigrams = FeatureHasher(features: [.unigrams])
        let negated = FeatureHasher(features: [.unigrams, .negation])
        let plainGood = Set(NGramTestSupport.features("good", unigrams))
        for text in ["good", "not at all very good", "not bad. good", "not bad, good", "nothing? good", "notable good"] {
            let f = Set(NGramTestSupport.features(text, negated))
            #expect(f.isSuperset(of: plainGood), "\(text): 'good' should not be negated")
        }
        // Without the flag there is no marker at all.
        #expect(Set(NGramTestSupport.features("not good", unigrams)).isSuperset(of: plainGood))
    }

    @Test func negatorWords() {
        for word in ["not", "no", "never", "cannot", "n't", "don't", "won't", "nothing", "nobody", "neither", "nowhere", "nor", "none"] {
            let bytes = Array(word.utf8)
            #expect(bytes.withUnsafeBufferPointer { FeatureHasher.isNegator($0) }, "\(word)")
        }
        for word in ["note", "know", "nt't", "on", "now", "n", "nothingness", "t"] {
            let bytes = Array(word.utf8)
            #expect(!bytes.withUnsafeBufferPointer { FeatureHasher.isNegator($0) }, "\(word)")
        }
    }

    @Test func bigramsBreakAtPunctuation() {
        let hasher = FeatureHasher(features: [.bigrams])
        #expect(NGramTestSupport.features("very good", hasher).count == 1)
        #expect(NGramTestSupport.features("very. good", hasher).isEmpty)
        #expect(NGramTestSupport.features("very! good", hasher).isEmpty)
        #expect(NGramTestSupport.features("very, good", hasher).isEmpty)
        #expect(NGramTestSupport.features("very http://x.co good", hasher).isEmpty)
        #expect(NGramTestSupport.features("a b c", hasher).count == 2)
        // Order matters.
        #expect(NGramTestSupport.features("very good", hasher) != NGramTestSupport.features("good very", hasher))
    }

    @Test func punctuationPresenceFeatures() {
        let hasher = FeatureHasher(features: [.punctuation])
        #expect(NGramTestSupport.features("why", hasher).isEmpty)
        #expect(NGramTestSupport.features("why?", hasher).count == 1)
        #expect(NGramTestSupport.features("why?!", hasher).count == 2)
        #expect(NGramTestSupport.features("why?? what??", hasher).count == 1)  // presence, not count
    }

    @Test func charTrigrams() {
        let hasher = FeatureHasher(features: [.charTrigrams])
        // "^go", "goo", "ood", "od$"
        #expect(NGramTestSupport.features("good", hasher).count == 4)
        #expect(NGramTestSupport.features("good", hasher) != NGramTestSupport.features("gold", hasher))
    }

    @Test func signedHashingKeepsIndicesInRange() {
        let hasher = FeatureHasher(hashBits: 12, features: [.unigrams, .signedHashing])
        let f = NGramTestSupport.features("one two three four five six seven eight nine ten", hasher)
        #expect(f.allSatisfy { Int($0 & FeatureHasher.indexMask) < hasher.dimension })
        #expect(f.contains { $0 & FeatureHasher.signBit != 0 })
        #expect(f.contains { $0 & FeatureHasher.signBit == 0 })
    }
}

@Suite("NGram trainer")
struct NGramTrainerTests {
    static let positive = ["great service thanks", "love it", "excellent and fast", "very happy with the help",
                           "wonderful support", "great job", "happy customer", "love the fast reply"]
    static let negative = ["terrible service", "hate it", "awful and slow", "very angry with the help",
                           "horrible support", "worst job", "angry customer", "hate the slow reply"]

    static func train(_ method: NGramTrainerConfig.Method, seed: UInt64 = 7) -> NGramModel {
        var config = NGramTrainerConfig()
        config.method = method
        config.seed = seed
        config.epochs = 10
        config.learningRate = 0.2
        config.hashBits = 14
        var trainer = NGramTrainer(config: config)
        let tokenizer = NGramTestSupport.tokenizer
        for text in positive { trainer.add(text, positive: true, tokenizer: tokenizer) }
        for text in negative { trainer.add(text, positive: false, tokenizer: tokenizer) }
        // Class imbalance on purpose: one extra positive.
        trainer.add("great great", positive: true, tokenizer: tokenizer)
        return trainer.train()
    }

    @Test(arguments: NGramTrainerConfig.Method.allCases)
    func learnsSeparableSet(method: NGramTrainerConfig.Method) {
        let model = Self.train(method)
        let tokenizer = NGramTestSupport.tokenizer
        for text in Self.positive {
            #expect(model.logit(for: tokenizer.tokenize(text)) > 0, "\(text)")
        }
        for text in Self.negative {
            #expect(model.logit(for: tokenizer.tokenize(text)) < 0, "\(text)")
        }
        let p = model.probability(for: NGramTestSupport.tokenizer.tokenize("great"))
        #expect(p > 0.5 && p < 1)
    }

    @Test(arguments: NGramTrainerConfig.Method.allCases)
    func deterministicGivenSeed(method: NGramTrainerConfig.Method) {
        let a = Self.train(method, seed: 99)
        let b = Self.train(method, seed: 99)
        #expect(a.weights.map(\.bitPattern) == b.weights.map(\.bitPattern))
        #expect(a.bias.bitPattern == b.bias.bitPattern)
        let c = Self.train(method, seed: 100)
        #expect(a.weights != c.weights)  // the seed drives the shuffle
    }

    @Test func splitMixIsStable() {
        var rng = SplitMix64(seed: 1234567)
        // Reference values of SplitMix64 for seed 1234567.
        #expect(rng.next() == 6_457_827_717_110_365_317)
        #expect(rng.next() == 3_203_168_211_198_807_973)
        for bound in [1, 2, 7, 1000] { #expect((0..<bound).contains(rng.next(below: bound))) }
    }
}

@Suite("NGram model file")
struct NGramModelFileTests {
    static func sampleModel() -> NGramModel {
        let hasher = FeatureHasher(hashBits: 10, features: .standard)
        var weights = [Float](repeating: 0, count: hasher.dimension)
        for i in weights.indices { weights[i] = Float(i % 17) * 0.25 - 2 }
        return NGramModel(hasher: hasher, weights: weights, bias: -0.125,
                          metadata: NGramTrainingMetadata(seed: 42, epochs: 3, dataDescription: "unit test ✓"))
    }

    @Test func roundTrip() throws {
        let model = Self.sampleModel()
        let path = NGramTestSupport.temporaryPath("model.bin")
        defer { unlink(path) }
        try model.save(to: path)
        let loaded = try NGramModel.load(path: path)
        #expect(loaded.weights == model.weights)
        #expect(loaded.bias == model.bias)
        #expect(loaded.hasher == model.hasher)
        #expect(loaded.metadata == model.metadata)
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(8)) == Array("TMPRNGM1".utf8))
        let text = NGramTestSupport.tokenizer.tokenize("not great, but ok!")
        #expect(loaded.logit(for: text) == model.logit(for: text))
    }

    @Test("A neutral head saves as version 2 and loads back; a polarity-only model stays version 1")
    func neutralHeadRoundTrip() throws {
        let polarity = Self.sampleModel()
        var neutralWeights = [Float](repeating: 0, count: polarity.hasher.dimension)
        for i in neutralWeights.indices { neutralWeights[i] = Float(i % 5) * 0.5 - 1 }
        let neutral = NGramModel(hasher: polarity.hasher, weights: neutralWeights, bias: 0.75)
        let model = polarity.withNeutralHead(neutral)
        #expect(model.hasNeutralHead && !polarity.hasNeutralHead)
        let version = { (m: NGramModel) in m.serialized()[8] }
        #expect(version(model) == 2)
        #expect(version(polarity) == 1)
        let loaded = try NGramModel(serialized: model.serialized())
        #expect(loaded.neutralWeights == neutralWeights)
        #expect(loaded.neutralBias == 0.75)
        #expect(loaded.weights == polarity.weights)
        let text = NGramTestSupport.tokenizer.tokenize("not great, but ok!")
        let features = model.hasher.features(of: text)
        let expectedNeutral = features.reduce(Float(0.75)) { $0 + neutralWeights[Int($1 & FeatureHasher.indexMask)] }
        #expect(loaded.logits(for: text).polarity == polarity.logit(for: text))
        #expect(abs(loaded.logits(for: text).neutral - expectedNeutral) < 1e-4)
        #expect(polarity.logits(for: text).neutral == 0, "no head, no neutral evidence")
        // A version-2 file cut short is reported as truncated, naming both heads.
        do {
            _ = try NGramModel(serialized: Array(model.serialized().dropLast(12)), path: "short.ngram")
            Issue.record("expected an error")
        } catch let error as NGramModelError {
            #expect(error.kind == .truncated)
            #expect(error.description.contains("short.ngram") && error.description.contains("neutral"))
        }
    }

    @Test("Social heads save as version 3 (weights of a slot together) and every head reads back")
    func socialHeadsRoundTrip() throws {
        let polarity = Self.sampleModel()
        func head(_ step: Int, bias: Float) -> NGramModel {
            var weights = [Float](repeating: 0, count: polarity.hasher.dimension)
            for i in weights.indices { weights[i] = Float(i % step) * 0.25 - 1 }
            return NGramModel(hasher: polarity.hasher, weights: weights, bias: bias)
        }
        let neutral = head(5, bias: 0.75), socialPolarity = head(7, bias: -0.5), social = head(3, bias: 1.5)
        let model = NGramModel.combining(polarity: polarity, neutral: neutral, socialPolarity: socialPolarity, social: social)
        #expect(model.hasSocialHeads && model.hasNeutralHead && model.headCount == 4)
        #expect(model.serialized()[8] == 3)
        // Four heads are stored as a byte per weight: 4 bytes per slot, as one float head was.
        #expect(model.serialized().count == polarity.serialized().count + 28)
        let loaded = try NGramModel(serialized: model.serialized())
        #expect(loaded.headCount == 4 && loaded.metadata == polarity.metadata)
        #expect(loaded.serialized() == model.serialized())
        for (head, part) in zip(NGramHead.allCases, [polarity, neutral, socialPolarity, social]) {
            // Each weight within half a step of its head's scale (largest weight / 127).
            let step = part.weights.map(abs).max()! / 127
            let read = loaded.weights(of: head)
            #expect(zip(read, part.weights).allSatisfy { abs($0 - $1) <= step / 2 + 1e-6 }, "\(head)")
        }
        let text = NGramTestSupport.tokenizer.tokenize("not great, but ok! #fail")
        let logits = loaded.logits(for: text)
        // One pass over the features gives each head what it alone would give, to the rounding.
        let features = Float(model.hasher.features(of: text).count)
        for (value, part) in [(logits.polarity, polarity), (logits[.neutral], neutral), (logits.socialPolarity, socialPolarity), (logits.social, social)] {
            let step = part.weights.map(abs).max()! / 127
            #expect(abs(value - part.logit(for: text)) <= features * step / 2 + 1e-4)
        }
        #expect(loaded.logits(features: loaded.hasher.features(of: text)) == logits)
        // Without a social head the social logits are 0; a version-3 file cut short names the heads.
        #expect(polarity.logits(for: text).socialPolarity == 0 && polarity.logits(for: text).social == 0)
        do {
            _ = try NGramModel(serialized: Array(model.serialized().dropLast(40)), path: "short.ngram")
            Issue.record("expected an error")
        } catch let error as NGramModelError {
            #expect(error.kind == .truncated)
            #expect(error.description.contains("short.ngram") && error.description.contains("social"))
        }
    }

    /// Evidence is summed up to `evidenceFeatures` features and averaged beyond: length alone
    /// cannot drive a score to certainty (a neutral sentence repeated 10,000 times had a logit of 5,081).
    @Test func longTextsAverageTheirEvidence() {
        let model = Self.sampleModel()
        let tokenizer = NGramTestSupport.tokenizer
        let sentence = "The package was delivered on Tuesday and the invoice lists two items. "
        let short = tokenizer.tokenize(sentence)
        let features = model.hasher.features(of: short)
        #expect(features.count < NGramModel.evidenceFeatures)
        let plainSum = features.reduce(model.bias) { $0 + model.weights[Int($1 & FeatureHasher.indexMask)] }
        #expect(model.logit(for: short) == plainSum)  // short texts keep the trained sum exactly
        let logits = [10, 100, 1000].map { model.logit(for: tokenizer.tokenize(String(repeating: sentence, count: $0))) }
        #expect(abs(logits[1] - logits[0]) < 0.05 && abs(logits[2] - logits[0]) < 0.05, "\(logits)")
        #expect(abs(logits[2]) <= Float(NGramModel.evidenceFeatures) * 2 + abs(model.bias))  // |w| ≤ 2 in this model
        let long = tokenizer.tokenize(String(repeating: sentence, count: 100))
        #expect(model.logit(features: model.hasher.features(of: long)) == model.logit(for: long))
    }

    func expectLoadError(_ bytes: [UInt8], _ kind: NGramModelError.Kind, mentioning words: String) throws {
        let path = NGramTestSupport.temporaryPath("bad.bin")
        defer { unlink(path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try NGramModel.load(path: path)
            Issue.record("expected \(kind) for \(path)")
        } catch let error as NGramModelError {
            #expect(error.kind == kind)
            #expect(error.description.hasPrefix(path + ": "), "message must name the file: \(error)")
            #expect(error.description.contains(words), "\(error)")
        }
    }

    @Test func badMagic() throws {
        var bytes = Self.sampleModel().serialized()
        bytes[0] = UInt8(ascii: "X")
        try expectLoadError(bytes, .badMagic, mentioning: "not a Temper n-gram model")
        try expectLoadError(Array("hello world, not a model".utf8), .badMagic, mentioning: "magic")
    }

    @Test func truncated() throws {
        let bytes = Self.sampleModel().serialized()
        try expectLoadError(Array(bytes.prefix(bytes.count - 100)), .truncated, mentioning: "truncated")
        try expectLoadError(Array(bytes.prefix(20)), .truncated, mentioning: "truncated")
        try expectLoadError(Array(bytes.prefix(4)), .truncated, mentioning: "truncated")
        try expectLoadError([], .truncated, mentioning: "truncated")
    }

    @Test func wrongVersion() throws {
        var bytes = Self.sampleModel().serialized()
        bytes[8] = 9
        try expectLoadError(bytes, .unsupportedVersion, mentioning: "version 9")
    }

    @Test func unknownFeatureFamily() throws {
        // A newer build's family (bit 20 here): computing the model without it would score
        // every message without those features and say nothing.
        let hasher = FeatureHasher(hashBits: 10, features: NGramFeatureSet.standard.union(NGramFeatureSet(rawValue: 1 << 20)))
        let model = NGramModel(hasher: hasher, weights: [Float](repeating: 0.5, count: hasher.dimension), bias: 0)
        try expectLoadError(model.serialized(), .unsupportedVersion, mentioning: "feature families this build does not know (flag bits 0x100000)")
        #expect(NGramFeatureSet.known.isSuperset(of: .standard) && NGramFeatureSet.known.isSuperset(of: .all))
    }

    @Test func checksumMismatch() throws {
        var bytes = Self.sampleModel().serialized()
        bytes[bytes.count - 20] ^= 0x40  // flip a bit inside a weight
        try expectLoadError(bytes, .checksumMismatch, mentioning: "checksum")
    }

    @Test func trailingBytesAndMissingFile() throws {
        try expectLoadError(Self.sampleModel().serialized() + [0], .badHeader, mentioning: "trailing")
        #expect(throws: NGramModelError.self) { _ = try NGramModel.load(path: "/nonexistent/dir/model.bin") }
    }
}

/// Trains on the shared development data (`../shared/data`, see its README) and checks the model
/// is in the expected accuracy range. SKIPPED when that folder is missing (e.g. a fresh clone).
@Suite("NGram on development data", .enabled(if: NGramDevData.available, "../shared/data is missing: skipping data-dependent n-gram test"))
struct NGramDevDataTests {
    @Test func trainsOnSST2AndBeatsBaselineOnDev() throws {
        var trainer = NGramTrainer(config: NGramTrainerConfig())
        let tokenizer = NGramTestSupport.tokenizer
        var reader = LabelledCorpusReader(path: NGramDevData.root + "/sst2/train.tsv")
        var index = 0
        try reader.forEach { example in
            index += 1
            guard index % 4 == 0 else { return }  // a quarter keeps the debug-build test quick
            trainer.add(example.text, positive: example.label == .positive, tokenizer: tokenizer)
        }
        let model = trainer.train()
        let dev = try LabelledCorpusReader.read(path: NGramDevData.root + "/sst2/dev.tsv")
        var correct = 0
        for example in dev {
            let logit = model.logit(for: tokenizer.tokenize(example.text))
            if (logit > 0) == (example.label == .positive) { correct += 1 }
        }
        let accuracy = Double(correct) / Double(dev.count)
        #expect(accuracy > 0.74, "SST-2 dev accuracy \(accuracy)")
    }
}

enum NGramDevData {
    /// `../shared/data` relative to the package root (this file is Tests/TemperSentimentTests/…).
    static let root: String = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path
    }()

    static let available = FileManager.default.fileExists(atPath: root + "/sst2/train.tsv")
}
