import Foundation
import Testing
import TemperIO
import TemperText
@testable import TemperSentiment

@Suite("Driver taxonomy: the shipped file and errors with file and line")
struct DriverTaxonomyTests {
    static let shippedIDs = ["delay", "waiting", "cancellation", "lost_item", "damaged_item", "billing", "booking", "staff",
                             "product_quality", "technical", "communication"]

    @Test func shippedTaxonomyHasTheIssueDriversAndMatchesTheCheckout() throws {
        let taxonomy = try DriverTaxonomy.shipped
        #expect(taxonomy.drivers.map(\.id) == Self.shippedIDs)
        #expect(taxonomy.drivers.allSatisfy { !$0.label.isEmpty && !$0.description.isEmpty })
        let bundled = FileManager.default.contents(atPath: try SentimentModel.shippedDirectory + "/drivers.yaml")
        #expect(bundled != nil && bundled == FileManager.default.contents(atPath: checkoutLexicons + "/drivers.yaml"))
    }

    @Test func inWordAlternativesExpandAndWholeWordsStaySets() throws {
        #expect(try DriverPattern.expand("deliver{y,ies,ed}") == ["delivery", "deliveries", "delivered"])
        #expect(DriverPattern.positions("{log in,login} {my,the}? ... now") == ["{log in,login}", "{my,the}?", "...", "now"])
    }

    @Test func spacesAreTrimmedAsFoundationTrimsWhitespaces() throws {
        // Every Zs character, the tab, and what is not trimmed (line breaks, a zero-width space,
        // a combining mark after a space), alone, around words and inside them.
        let spaces = [" ", "\t", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2005}", "\u{200A}", "\u{202F}", "\u{205F}", "\u{3000}"]
        let others = ["\n", "\r", "\u{85}", "\u{200B}", "\u{2028}", "\u{FEFF}", "\u{301}", "x", "é", "日本", "🙂", ""]
        var samples: [String] = []
        for left in spaces + others {
            for right in spaces + others {
                samples.append(left + "on time" + right)
                samples.append(left + right)
                samples.append(left + " " + right + "a" + left + right)
            }
        }
        // Each scalar up to U+3100 (every space Foundation knows is below) and some beyond, at either end.
        for value in Array(0...0x3100) + [0xFEFF, 0xFF01, 0x1F642, 0xE0020] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            samples.append(String(scalar) + "a" + String(scalar))
        }
        for sample in samples {
            #expect(String(DriverPattern.trimmingSpaces(Substring(sample))) == sample.trimmingCharacters(in: .whitespaces),
                    "\(sample.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(try DriverPattern.expand("{ on ,\u{A0}in\t} time") == ["on time", "in time"])
    }

    static func error(_ yaml: String) -> InputError? {
        do {
            _ = try DriverTaxonomy.parse(yaml: yaml, name: "my.yaml")
            return nil
        } catch let error as InputError {
            return error
        } catch {
            Issue.record("not an InputError: \(error)")
            return nil
        }
    }

    @Test(arguments: [
        ("drivers:\n  - id: Delay\n    mentions: [late]\n", 2, "driver id 'Delay' must be lower-case"),
        ("drivers:\n  - id: a\n    mentions: [x]\n  - id: a\n    mentions: [y]\n", 4, "duplicate driver id 'a'"),
        ("drivers:\n  - id: a\n    mentions:\n      - ok\n      - \"{late\"\n", 5, "'{' without '}'"),
        ("drivers:\n  - id: a\n    mentions: [\"* late\"]\n", 3, "must start with a word"),
        ("drivers:\n  - id: a\n    mentions: [\"a ... b ... c\"]\n", 3, "at most one '...'"),
        ("drivers:\n  - id: a\n    colour: red\n", 3, "unknown driver key 'colour'"),
        ("drivers:\n  - id: a\n", 2, "has no complaints and no mentions"),
        ("problem_cues: [fed up]\ndrivers:\n  - id: a\n    mentions: [x]\n", 1, "must be one word"),
        ("drivers: [\n", 2, "invalid YAML"),
        ("version: 2\ndrivers: []\n", 1, "unsupported version"),
    ])
    func badFilesNameTheLine(yaml: String, line: Int, message: String) {
        let error = Self.error(yaml)
        #expect(error?.file == "my.yaml")
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    /// The follower sets let the matcher drop a start on the token after it: each must hold every
    /// word the second position can start with, and give up (`anyFollower`) where that position
    /// may be empty, any word, a gap, or absent. The second set, with other bits of the hash,
    /// must hold the same words.
    @Test func followerSetsHoldEverySecondPositionWordOrGiveUp() throws {
        let taxonomy = try DriverTaxonomy(drivers: [DriverDefinition(id: "a", label: "A", complaints: [
            "refund {not,never} {received,paid}", "{way too,far too} long", "late", "refund ... received",
            "refund {my,the}? money", "refund * received",
        ])], problemCues: [])
        let tokenizer = try Tokenizer()
        func bit(_ word: String) -> UInt64 { DriverProgram.followBit(tokenizer.tokenize(word).tokens[0].hash) }
        let program = taxonomy.program
        func followers(ofPattern pattern: Int) -> [UInt64] {
            (0..<taxonomy.startList.count).filter { Int(program.starts[$0].pattern) == pattern }.map { program.starts[$0].followers }
        }
        #expect(followers(ofPattern: 0) == [bit("not") | bit("never")])
        #expect(followers(ofPattern: 1) == [bit("long"), bit("long")])
        for pattern in 2...5 { #expect(followers(ofPattern: pattern) == [DriverProgram.anyFollower], "pattern \(pattern)") }
        func secondBit(_ word: String) -> UInt64 { DriverProgram.secondFollowBit(tokenizer.tokenize(word).tokens[0].hash) }
        func secondFollowers(ofPattern pattern: Int) -> [UInt64] {
            (0..<taxonomy.startList.count).filter { Int(program.starts[$0].pattern) == pattern }.map { program.starts[$0].secondFollowers }
        }
        #expect(secondFollowers(ofPattern: 0) == [secondBit("not") | secondBit("never")])
        #expect(secondFollowers(ofPattern: 1) == [secondBit("long"), secondBit("long")])
        for pattern in 2...5 { #expect(secondFollowers(ofPattern: pattern) == [DriverProgram.anyFollower], "pattern \(pattern)") }
        // The two sets take different bits of a word's hash: most words differ in one of them.
        let words = ["not", "never", "long", "received", "paid", "money", "delay", "late", "again"].map { tokenizer.tokenize($0).tokens[0].hash }
        #expect(words.filter { DriverProgram.followBit($0).trailingZeroBitCount == DriverProgram.secondFollowBit($0).trailingZeroBitCount }.count < 3)
        // "way too" and "far too" are two words: the follower is checked after both.
        #expect((0..<taxonomy.startList.count).filter { program.starts[$0].pattern == 1 }.map { program.starts[$0].firstLength } == [2, 2])
        // Every bit of 64 is reachable, so a set of a few words rejects most tokens.
        let bits = (0..<4096).reduce(UInt64(0)) { $0 | DriverProgram.followBit(UInt64($1) &* 0x0000_0100_0000_01b3) }
        #expect(bits == UInt64.max)
    }

    /// A word's union follower set lets the detector drop all its starts on the next token: it
    /// must hold every follower of every start of the word's run (the second word of a longer
    /// first alternative). A start that accepts any follower (a gap, an optional position or '*'
    /// second) counts instead in the word's `later` set and `reach`: the first position every
    /// match fills must start within `reach` tokens with a word of the set, or the set gives up.
    @Test func wordFollowersHoldEveryFollowerOfTheirStarts() throws {
        let tokenizer = try Tokenizer()
        func hash(_ word: String) -> UInt64 { tokenizer.tokenize(word).tokens[0].hash }
        let small = try DriverTaxonomy(drivers: [DriverDefinition(id: "a", label: "A", complaints: [
            "{is,was} down", "is not working", "{is,was} {broken,gone}", "on hold", "on ... again", "far too long", "far away",
        ])], problemCues: [])
        let bits = ["down", "not", "broken", "gone"].reduce(UInt64(0)) { $0 | DriverProgram.followBit(hash($1)) }
        #expect(small.words.value(for: hash("is"))?.followers == bits)
        #expect(small.words.value(for: hash("was"))?.followers
                    == ["down", "broken", "gone"].reduce(UInt64(0)) { $0 | DriverProgram.followBit(hash($1)) })
        #expect(small.words.value(for: hash("on"))?.followers == DriverProgram.followBit(hash("hold")), "'on hold'")
        #expect(small.words.value(for: hash("on"))?.later == DriverProgram.followBit(hash("again")), "'on ... again'")
        #expect(small.words.value(for: hash("on"))?.reach == 5, "the word, and a gap of four")
        #expect(small.words.value(for: hash("is"))?.reach == 0, "every start of 'is' has a known second word")
        let optional = try DriverTaxonomy(drivers: [DriverDefinition(id: "a", label: "A", complaints: [
            "you {just,really}? {don't,didn't} care", "you {guys,lot}", "they ... {rude,useless}", "they * again", "they",
        ])], problemCues: [])
        #expect(optional.words.value(for: hash("you"))?.followers == DriverProgram.followBit(hash("guys")) | DriverProgram.followBit(hash("lot")))
        #expect(optional.words.value(for: hash("you"))?.later == DriverProgram.followBit(hash("don't")) | DriverProgram.followBit(hash("didn't")))
        #expect(optional.words.value(for: hash("you"))?.reach == 2)
        #expect(optional.words.value(for: hash("they"))?.later == DriverProgram.anyFollower, "'they' alone is a pattern")
        #expect(optional.words.value(for: hash("they"))?.reach == 5)
        #expect(small.words.value(for: hash("far"))?.followers == DriverProgram.followBit(hash("too")) | DriverProgram.followBit(hash("away")),
                "'far too' is two words")
        for taxonomy in [small, try DriverTaxonomy.shipped] {
            let program = taxonomy.program
            var filtered = 0
            for (slot, entry) in taxonomy.startList.enumerated() {
                guard case .words(let alternatives) = taxonomy.patterns[Int(entry.pattern)].elements[0] else { continue }
                let word = try #require(taxonomy.words.value(for: alternatives[Int(entry.alternative)][0]))
                #expect((Int(word.run.start)..<Int(word.run.start + word.run.count)).contains(slot))
                let start = program.starts[slot]
                let next = start.firstLength == 1 ? start.followers : DriverProgram.followBit(program.code[Int(start.firstWords) + 2])
                guard next != DriverProgram.anyFollower else {
                    #expect(word.reach > 0, "start \(slot) accepts any follower")
                    continue
                }
                #expect(next & ~word.followers == 0, "start \(slot)")
                filtered += 1
            }
            #expect(filtered > 0)
        }
    }

    @Test func missingFileIsAnInputError() {
        #expect(throws: InputError.self) { try DriverTaxonomy.load(path: "/nonexistent/drivers.yaml") }
    }
}
