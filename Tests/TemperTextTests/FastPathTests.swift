import TemperIO
import Testing
@testable import TemperText

/// The ASCII fast path computes token hashes while writing and classifies bytes eight at a time;
/// these tests hold those shortcuts to the plain definitions on awkward and random input.
@Suite("Fast path invariants")
struct FastPathTests {
    /// Deterministic bytes, skewed towards what the scanners branch on.
    struct Bytes: RandomNumberGenerator {
        var random: SplitMix64
        init(state: UInt64) { random = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { random.next() }

        mutating func line(length: Int) -> [UInt8] {
            let alphabet = Array("aAbsoOxXDTuhHtTwW019_'.,:;=<>^-@#+()!?/\\*$%&~".utf8) + [0x20, 0x09, 0x00, 0x7F, 0x80, 0xBF, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0x40, 0x21]
            return (0..<length).map { _ in
                next() % 4 == 0 ? UInt8(truncatingIfNeeded: next()) : alphabet[Int(next() % UInt64(alphabet.count))]
            }
        }
    }

    static let awkward = [
        "sooooo GOOOOD thanksss!!! cant wont Cannot SHOULDNT shouldnt im IM ive Youre theyve",
        "can't CAN'T y'all rock'n'roll 3.5 1,000 10:30 a.b 1.a x'", "HTTP://Example.com/Path?q=1). www.Shop.com, https://x.io",
        "Mail John.Doe+tag@Example.COM. or bob@mail.co, a@b.cc", "call +1 (555) 123-4567 or 555.123.4567; card 4111 1111 1111 1111",
        "2026-10-05 05.10.2026 1-1-2026", ":) :-(( XD xD D: <3 </3 ^_^ -_- o_O :P :p ;) =D >:( T_T u_u :3",
        "@AcmeHelp #Refund2024 @josé #café @ # @@ ##", "!!!??? ... --- *** ,,, ?!?!", "aaa bbb AAAA aAaA a_a_a __init__",
        "Siparişim hâlâ gelmedi, İstanbul'a 😀👍 👨‍👩‍👧 🇫🇷 can’t ｃａｎ’ｔ", "日本語のテキスト 東京 ไม่ดีเลย",
    ]

    @Test("Every token's hash is the hash of its normalized bytes")
    func hashesMatchNormalizedBytes() throws {
        for maskPII in [false, true] {
            let tokenizer = try Tokenizer(options: TokenizerOptions(maskPII: maskPII))
            var generator = Bytes(state: 7)
            var lines = Self.awkward.map { Array($0.utf8) }
            for length in [1, 2, 7, 8, 9, 15, 16, 17, 40, 200] {
                for _ in 0..<50 { lines.append(generator.line(length: length)) }
            }
            for line in lines {
                let text = tokenizer.tokenize(bytes: line)
                for token in text.tokens {
                    #expect(token.hash == TokenHash.hash(text.normalized[token.normRange]), "\(line)")
                }
            }
        }
    }

    @Test("Every apostrophe-less contraction gets its canonical spelling, in any case")
    func everyContraction() {
        let canonical = ["ain't", "aren't", "can't", "couldn't", "didn't", "doesn't", "don't", "hadn't", "hasn't", "haven't",
                         "i'm", "isn't", "i've", "mustn't", "needn't", "shouldn't", "that's", "they're", "they've", "wasn't",
                         "weren't", "what's", "won't", "wouldn't", "you're", "you've"]
        let bare = canonical.map { String($0.filter { $0 != "'" }) }
        for line in [bare.joined(separator: " "), bare.joined(separator: " ").uppercased()] {
            let text = tokenize(line)
            #expect(text.norms == canonical, "\(line)")
            #expect(text.tokens.allSatisfy { $0.flags.contains(.contraction) })
        }
        // Written with the apostrophe the spelling is kept as is (and "'s" forms are not flagged).
        #expect(tokenize(canonical.joined(separator: " ")).norms == canonical)
        #expect(tokenize("cannot CANNOT cannoT").tokens.allSatisfy { $0.flags.contains(.contraction) })
        #expect(tokenize("cantina dontcha imp ive2 wonton thatss").tokens.allSatisfy { !$0.flags.contains(.contraction) })
    }

    @Test("The word-at-a-time chunk scan agrees with a byte loop")
    func chunkScan() {
        func reference(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Bool, Bool) {
            var end = start
            var isASCII = true
            var hasAt = false
            while end < bytes.count {
                let byte = bytes[end]
                if byte < 0x80 {
                    if byte <= 0x20 || byte == 0x7F { break }
                    if byte == UInt8(ascii: "@") { hasAt = true }
                } else {
                    isASCII = false
                }
                end += 1
            }
            return (end, isASCII, hasAt)
        }
        var generator = Bytes(state: 11)
        for length in 0..<40 {
            for _ in 0..<200 {
                let line = generator.line(length: length)
                line.withUnsafeBufferPointer { bytes in
                    for start in 0..<bytes.count {
                        let fast = TokenizerCore.scanChunk(bytes, from: start)
                        let slow = reference(bytes, from: start)
                        #expect(fast.end == slow.0 && fast.isASCII == slow.1 && fast.hasAt == slow.2, "\(line) from \(start)")
                    }
                }
            }
        }
        // Every byte value, alone and after seven letters (the last byte of a scanned word).
        for value in 0...255 {
            for prefix in [[UInt8](), Array("abcdefg".utf8), Array("abcdefghijklmno".utf8)] {
                let line = prefix + [UInt8(value)] + Array("xyz".utf8)
                line.withUnsafeBufferPointer { bytes in
                    let fast = TokenizerCore.scanChunk(bytes, from: 0)
                    let slow = reference(bytes, from: 0)
                    #expect(fast.end == slow.0 && fast.isASCII == slow.1 && fast.hasAt == slow.2, "byte \(value)")
                }
            }
        }
    }

    @Test("Cached Unicode properties are ICU's answers, in and beyond the cached planes")
    func cachedProperties() {
        let properties = UnicodeProperties()
        defer { properties.deallocate() }
        let samples: [ClosedRange<UInt32>] = [0...0x400, 0xA0...0xAF, 0x2000...0x20FF, 0x3000...0x30FF, 0xFE00...0xFF20,
                                              0x1F1E0...0x1F1FF, 0x1F600...0x1F64F, 0xE0000...0xE0080, 0x10FFF0...0x10FFFF]
        for range in samples {
            for scalar in range {
                #expect(properties.traits(of: scalar) == UnicodeProperties.askICU(scalar), "U+\(String(scalar, radix: 16))")
            }
        }
    }

    @Test("Random bytes never trap and offsets stay in range")
    func randomBytes() throws {
        let tokenizer = try Tokenizer()
        var generator = Bytes(state: 3)
        var text = TokenizedText()
        for length in [0, 1, 3, 8, 64, 1000] {
            for _ in 0..<100 {
                let line = generator.line(length: length)
                line.withUnsafeBufferPointer { tokenizer.tokenize($0, into: &text) }
                #expect(text.source == line)
                for token in text.tokens {
                    #expect(token.start <= token.end && Int(token.end) <= line.count)
                    #expect(token.normStart <= token.normEnd && Int(token.normEnd) <= text.normalized.count)
                }
            }
        }
    }
}
