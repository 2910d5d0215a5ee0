import Foundation
import Testing
import TemperIO
@testable import TemperSentiment
import TemperText

@Suite("Driver detection: patterns over tokens, negation, clause polarity, offsets")
struct DriverDetectorTests {
    static let model = try! SentimentModel.shipped
    static let taxonomy = try! DriverTaxonomy.shipped

    func drivers(_ text: String, bytes: Range<Int>? = nil) throws -> [DriverMention] {
        let analyzer = try SentimentAnalyzer(model: Self.model)
        let detector = DriverDetector(taxonomy: Self.taxonomy, lexicon: Self.model.lexicon)
        _ = analyzer.analyze(text)
        return detector.mentions(analyzer.text, bytes: bytes)
    }

    @Test func mixedMessageGivesEachDriverItsClausePolarity() throws {
        let found = try drivers("the agent was lovely but the refund still hasn't come")
        #expect(found.map(\.id) == ["billing", "staff"], "negative first: \(found)")
        #expect(found.first { $0.id == "staff" }?.polarity == .positive)
        #expect(found.first { $0.id == "billing" }?.polarity == .negative)
    }

    @Test(arguments: ["No delay at all, everything went smoothly", "The parcel wasn't damaged", "Nobody was rude to me"])
    func negatedComplaintsAreNoDrivers(text: String) throws {
        let found = try drivers(text)
        #expect(found.allSatisfy { $0.polarity != .negative }, "\(found)")
    }

    @Test func evidenceOffsetsAreBytesOfTheOriginalText() throws {
        let text = "Ünïcödé first: my parcel never arrived 😡"
        let found = try drivers(text)
        let lost = try #require(found.first { $0.id == "lost_item" })
        #expect(Array(Array(text.utf8)[lost.start..<lost.end]) == Array(lost.evidence.utf8))
        #expect(lost.evidence == "never arrived")
    }

    @Test func aByteRangeLimitsDetectionToThatPart() throws {
        let text = "Order 5 is late. Thanks, the agent was lovely."
        #expect(Set(try drivers(text).map(\.id)) == ["delay", "staff"])
        let body = text.utf8.count - " Thanks, the agent was lovely.".utf8.count
        #expect(try drivers(text, bytes: 0..<body).map(\.id) == ["delay"])
    }

    @Test func eachDriverOnceMostSalientEvidence() throws {
        let found = try drivers("The delivery was fine. My order is three weeks late, I'm still waiting for it")
        #expect(found.filter { $0.id == "delay" }.count == 1)
        #expect(found.first { $0.id == "delay" }?.polarity == .negative)
    }

    @Test func messageWithoutDriversAllocatesNothingVisible() throws {
        #expect(try drivers("Hi, can you tell me your opening hours on Sunday?").isEmpty)
        #expect(try drivers("").isEmpty)
    }

    /// Matching skips a start whose next token cannot begin the pattern's second position (and a
    /// position whose token cannot begin any of its alternatives): what can follow, including
    /// nothing where the pattern allows it, must still match, and what cannot must not.
    @Test(arguments: [
        ("the refund never came", true), ("the refund never", false), ("the refund did never come", false),
        ("the refund came never", false), ("they said way too long", true), ("they said way too", false),
        ("it is far too long", true), ("far long", false), ("my refund of the money", true),
        ("my refund money", true), ("my refund was money", false), ("refund my money please", true),
        ("refund as received", true), ("refund received", false), ("refund was not really received", true),
        ("refund was, received", false), ("refund", false), ("still late", true),
    ])
    func followerFiltersKeepEveryMatch(text: String, matches: Bool) throws {
        let patterns = ["refund never {came,come}", "{way too,far too} long", "refund {of the,my}? money", "refund * received",
                        "refund was ... received", "late"]
        #expect(try anyMatch(text, complaints: patterns) == matches, "\(text)")
    }

    /// Whether a one-driver taxonomy of `complaints` finds anything in `text`.
    func anyMatch(_ text: String, complaints: [String]) throws -> Bool {
        let taxonomy = try DriverTaxonomy(drivers: [DriverDefinition(id: "a", label: "A", complaints: complaints)], problemCues: [])
        let analyzer = try SentimentAnalyzer(model: Self.model)
        let detector = DriverDetector(taxonomy: taxonomy, lexicon: Self.model.lexicon)
        _ = analyzer.analyze(text)
        return !detector.detect(analyzer.text).isEmpty
    }

    /// A position's alternatives are compared with the token by their first words only, and a
    /// gap tries only the positions the next element can start at: alternatives that share a
    /// first word must each still be tried, and every length of gap.
    @Test(arguments: [
        ("charged for my order", true), ("charged for the delivery", true), ("charged for delivery", true),
        ("billed for the order", true), ("charged for a delivery", false), ("charged for the", false),
        ("charged my order", false), ("wait for hours", true), ("wait for the whole three hours", true),
        ("wait for the one two three four hours", true), ("wait for one two three four five hours", false),
        ("wait for the bus, hours", false), ("wait the hours", false), ("wait for", false),
    ])
    func alternativesSharingAFirstWordAreAllTried(text: String, matches: Bool) throws {
        let patterns = ["{charged,billed} {for the,for my,for} {order,delivery}", "wait {for,for the} ... {hours,days}"]
        #expect(try anyMatch(text, complaints: patterns) == matches, "\(text)")
    }

    /// A word whose every pattern needs a certain next word ("is" in "{is,was} down", "is not
    /// working") has its patterns dropped before matching when the next token is none of them:
    /// matches there must still be found, also with the word repeated, and a next token outside
    /// the message's part (or none at all) starts nothing.
    @Test(arguments: [
        ("it is down", true), ("it is", false), ("is up", false), ("it was down again", true), ("is is down", true),
        ("it is not working", true), ("it is not", false), ("put on hold for ages", true), ("on on hold", true),
        ("on", false), ("hung up on me", true), ("hung up on", false), ("was", false), ("it is gone", true),
        ("it gone", false),
    ])
    func commonStartWordsStillMatch(text: String, matches: Bool) throws {
        let taxonomy = try DriverTaxonomy(drivers: [DriverDefinition(id: "a", label: "A", complaints: [
            "{is,was} down", "is not working", "on hold", "hung up on {me,us}", "{it is,it's} gone",
        ])], problemCues: [])
        let analyzer = try SentimentAnalyzer(model: Self.model)
        let detector = DriverDetector(taxonomy: taxonomy, lexicon: Self.model.lexicon)
        _ = analyzer.analyze(text)
        #expect(!detector.detect(analyzer.text).isEmpty == matches, "\(text)")
        _ = analyzer.analyze(text + " down")
        #expect(detector.detect(analyzer.text, bytes: 0..<text.utf8.count).isEmpty == !matches, "\(text) + down")
    }

    /// A word whose patterns go on with a gap or an optional position ("you ... don't care") has
    /// them dropped when no word the next required position starts with stands within their
    /// reach: matches at the farthest reach must still be found, and one token further starts
    /// nothing (a gap skips at most four words).
    @Test(arguments: [
        ("you don't care", true), ("you just don't care", true), ("you just really don't care", false),
        ("thank you so much", false), ("you guys", true), ("you", false),
        ("they were rude", true), ("they were all so very rude", true), ("they were all so very very rude", false),
        ("they said again", true), ("they said it again", false), ("they again", false), ("they, rude", false),
    ])
    func startsWithAnOpenSecondPositionStillMatch(text: String, matches: Bool) throws {
        let taxonomy = try DriverTaxonomy(drivers: [DriverDefinition(id: "a", label: "A", complaints: [
            "you {just,really}? {don't,didn't} care", "you {guys,lot}", "they ... {rude,useless}", "they * again",
        ])], problemCues: [])
        let analyzer = try SentimentAnalyzer(model: Self.model)
        let detector = DriverDetector(taxonomy: taxonomy, lexicon: Self.model.lexicon)
        _ = analyzer.analyze(text)
        #expect(!detector.detect(analyzer.text).isEmpty == matches, "\(text)")
    }

    /// One detector reuses its per-token buffers from message to message, growing them for a
    /// longer one and reading only the message at hand: whatever came before, a message gets
    /// what a fresh detector finds.
    @Test func aReusedDetectorFindsWhatAFreshOneFinds() throws {
        let messages = [
            "late", "The agent was lovely but the refund still hasn't come, and my parcel never arrived",
            "", "Order 5 is late. Thanks, the agent was lovely.", "refund",
            String(repeating: "my order is three weeks late and nobody answers. ", count: 40), "no delay at all",
        ]
        let analyzer = try SentimentAnalyzer(model: Self.model)
        let reused = DriverDetector(taxonomy: Self.taxonomy, lexicon: Self.model.lexicon)
        for text in messages + messages.reversed() {
            _ = analyzer.analyze(text)
            let fresh = DriverDetector(taxonomy: Self.taxonomy, lexicon: Self.model.lexicon)
            #expect(reused.detect(analyzer.text) == fresh.detect(analyzer.text), "\(text.prefix(40))")
            let body = min(10, text.utf8.count)..<text.utf8.count
            #expect(reused.detect(analyzer.text, bytes: body) == fresh.detect(analyzer.text, bytes: body), "\(text.prefix(40))")
        }
    }

    @Test func aTaxonomyInMemoryWorksToo() throws {
        let taxonomy = try DriverTaxonomy(drivers: [DriverDefinition(id: "parking", label: "Parking", complaints: ["no {parking,spaces}"],
                                                                     mentions: ["car park"])], problemCues: ["still"])
        let analyzer = try SentimentAnalyzer(model: Self.model)
        let detector = DriverDetector(taxonomy: taxonomy, lexicon: Self.model.lexicon)
        _ = analyzer.analyze("There were no spaces in the car park again")
        #expect(detector.detect(analyzer.text).map(\.driver) == [0])
    }
}

/// The shipped taxonomy's complaint patterns are complaints only where the words are one: a
/// complaint about staff needs someone to complain about ("they don't care", not "I don't care"
/// about the area); a request or a question ("I need to cancel", "how do I cancel", "how long
/// does it take", "change my booking") names its subject as a mention, with its clause's
/// polarity, while trouble ("can't cancel", "tried to change") stays a complaint. Complaints in
/// a negative clause are the risk model's stated problems (`problem_share`), so each rule is
/// pinned both ways.
@Suite("Shipped taxonomy: complaints need a complainant, requests are mentions")
struct ShippedComplaintPatternTests {
    static let model = try! SentimentModel.shipped
    static let taxonomy = try! DriverTaxonomy.shipped

    /// Each driver found, as "id" for a complaint and "id?" for a mention.
    func found(_ text: String) throws -> Set<String> {
        let analyzer = try SentimentAnalyzer(model: Self.model)
        let detector = DriverDetector(taxonomy: Self.taxonomy, lexicon: Self.model.lexicon)
        _ = analyzer.analyze(text)
        return Set(detector.detect(analyzer.text).map { Self.taxonomy.drivers[$0.driver].id + ($0.isComplaint ? "" : "?") })
    }

    @Test(arguments: [
        ("They don't care at all", ["staff"]),
        ("The agent clearly didn't know what he was doing", ["staff"]),
        ("you just don't listen", ["staff"]),
        ("the staff didn't even understand my question", ["staff"]),
        ("the rep had no idea", ["staff"]),
        ("nobody has a clue", ["staff"]),
        ("I don't care about the area", []),
        ("I don't know, which one is your favourite?", []),
        ("My daughter doesn't care much for animated films", []),
        ("I have no idea", []),
        ("I still don't understand why I was charged", ["billing?"]),
    ])
    func staffComplaintsNeedSomeoneToComplainAbout(text: String, expected: [String]) throws {
        #expect(try found(text) == Set(expected), "\(text)")
    }

    @Test(arguments: [
        ("I need to cancel my booking", ["cancellation?"]),
        ("How do I cancel my order?", ["cancellation?"]),
        ("I want to cancel my subscription", ["cancellation?"]),
        ("please cancel my reservation", ["cancellation?"]),
        ("I tried to cancel three times", ["cancellation"]),
        ("I can't cancel my subscription", ["cancellation"]),
        ("still charged after cancelling", ["cancellation"]),
        ("You cancelled my flight", ["cancellation"]),
    ])
    func cancellingIsAskedForAndCancellationTroubleIsAComplaint(text: String, expected: [String]) throws {
        #expect(try found(text) == Set(expected), "\(text)")
    }

    @Test(arguments: [
        ("how long is the journey?", []),
        ("How long is the travel time please?", []),
        ("so long as it has free parking", []),
        ("how long does it take to get a refund?!", ["delay?", "billing?"]),
        ("how much longer do I have to wait", ["delay?", "waiting?"]),
        ("it's taking so long", ["delay"]),
        ("why does it take so long", ["delay"]),
    ])
    func howLongIsAQuestionAndTakingSoLongAComplaint(text: String, expected: [String]) throws {
        #expect(try found(text) == Set(expected), "\(text)")
    }

    @Test(arguments: [
        ("Can I change my booking later if I need to?", ["booking?"]),
        ("I forgot my password", ["booking?"]),
        ("I tried to change my flight online", ["booking"]),
        ("I can't change my booking", ["booking"]),
    ])
    func changingABookingIsARequestAndFailingToAComplaint(text: String, expected: [String]) throws {
        #expect(try found(text) == Set(expected), "\(text)")
    }

    @Test(arguments: [
        ("have you tried turning it off and on again", []),
        ("I'd like the 20% off", []),
        ("I need a cheap room", []),
        ("the milk has gone off", ["product_quality"]),
        ("the case is cheap plastic", ["product_quality"]),
    ])
    func offAndCheapAreQualityComplaintsOnlyWhereTheyMeanIt(text: String, expected: [String]) throws {
        #expect(try found(text) == Set(expected), "\(text)")
    }

    /// Support phrasings the complaint tweets' train half showed the taxonomy missing.
    @Test(arguments: [
        ("I placed an order on the 26th and it still has not been dispatched", ["delay"]),
        ("why am I being charged tax twice?", ["billing"]),
        ("My printer won't print", ["technical"]),
        ("the app stopped responding after the update", ["technical"]),
        ("the service doesn't seem to be working", ["technical"]),
        ("I never got the free tshirt I ordered", ["lost_item"]),
        ("neither received the charger nor any update", ["lost_item"]),
        ("I didn't get any code with my order", ["lost_item"]),
        ("they make people wait for their food", ["waiting"]),
        ("I never got a cramp using it", []),
        ("you can never get the order right", []),
        ("it won't be long now", []),
    ])
    func supportPhrasingsFromComplaintTweets(text: String, expected: [String]) throws {
        #expect(try found(text) == Set(expected), "\(text)")
    }

    @Test func theAgentYouSpokeToIsTheStaff() throws {
        #expect(try found("the lady I spoke to was lovely") == ["staff?"])
        #expect(try found("the lady next door has a dog") == [])
    }

    /// A request's polarity is its clause's: a plain question is no complaint, and says so.
    @Test func aRequestTakesItsClausePolarity() throws {
        let analyzer = try SentimentAnalyzer(model: Self.model)
        let detector = DriverDetector(taxonomy: Self.taxonomy, lexicon: Self.model.lexicon)
        _ = analyzer.analyze("Can I change my booking later if I need to?")
        #expect(detector.mentions(analyzer.text).map(\.polarity) == [.neutral])
        _ = analyzer.analyze("I asked to change the address yesterday and it still went to the old one")
        #expect(detector.mentions(analyzer.text).map(\.polarity) == [.negative])
    }
}

@Suite("Driver set: precision and recall floors on corpora/drivers.tsv")
struct DriverEvaluationTests {
    static let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpora")
    static let corpus = corpora.appendingPathComponent("drivers.tsv").path
    /// Travel support tweets, written after the taxonomy was tuned on `drivers.tsv`: how far the
    /// patterns carry to messages they were not written for.
    static let travel = corpora.appendingPathComponent("drivers-travel.tsv").path

    func evaluate(split: String, corpus: String = Self.corpus) throws -> DriverEvaluation {
        let model = try SentimentModel.shipped
        let taxonomy = try DriverTaxonomy.shipped
        let examples = try DriverCorpus.load(path: corpus, taxonomy: taxonomy).filter { $0.split == split }
        let analyzer = try SentimentAnalyzer(model: model)
        let detector = DriverDetector(taxonomy: taxonomy, lexicon: model.lexicon)
        return DriverEvaluation(examples: examples, taxonomy: taxonomy) { text in
            _ = analyzer.analyze(text)
            return detector.mentions(analyzer.text).map { ($0.id, $0.polarity) }
        }
    }

    @Test func corpusCoversEveryDriverInBothSplits() throws {
        let examples = try DriverCorpus.load(path: Self.corpus, taxonomy: try DriverTaxonomy.shipped)
        #expect(examples.count >= 300)
        for split in ["dev", "test"] {
            let part = examples.filter { $0.split == split }
            for id in DriverTaxonomyTests.shippedIDs { #expect(part.contains { $0.drivers[id] != nil }, "\(split): \(id)") }
            #expect(part.contains { $0.drivers.isEmpty }, "\(split) has messages without drivers")
        }
    }

    /// Floors a little under the measured figures (README: held-out micro P 77.3 %, R 82.5 %),
    /// so a change that loses detection fails here.
    @Test func heldOutFloors() throws {
        let test = try evaluate(split: "test")
        #expect(try #require(test.overall.precision) >= 0.74)
        #expect(try #require(test.overall.recall) >= 0.77)
        #expect(try #require(test.overall.polarityAccuracy) >= 0.9)
        let dev = try evaluate(split: "dev")
        #expect(try #require(dev.overall.f1) >= 0.88)
    }

    /// README: travel tweets, held out, micro P 72.1 %, R 73.3 % (68.3 % / 68.3 % before the
    /// travel patterns, which were written from the `dev` third only).
    @Test func travelHeldOutFloors() throws {
        let test = try evaluate(split: "test", corpus: Self.travel)
        #expect(test.messages >= 55)
        #expect(try #require(test.overall.precision) >= 0.69)
        #expect(try #require(test.overall.recall) >= 0.71)
    }

    @Test func badCorpusLinesNameTheLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("drivers-\(UUID()).tsv").path
        try "# c\ndev\tdelay:negative\tlate\ndev\tparking:negative\tno spaces\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: InputError(file: path, line: 3, message: "unknown driver id 'parking'")) {
            try DriverCorpus.load(path: path, taxonomy: try DriverTaxonomy.shipped)
        }
    }
}

@Suite("N-gram contrast (Fightin' Words) in bounded memory")
struct NGramContrastTests {
    func add(_ messages: [String], inA: Bool, to contrast: inout NGramContrast) throws {
        let tokenizer = try Tokenizer()
        var seen = Set<UInt64>()
        for message in messages { contrast.add(tokenizer.tokenize(message), inA: inA, seen: &seen) }
    }

    @Test func overRepresentedPhraseRanksFirst() throws {
        var contrast = NGramContrast()
        try add(Array(repeating: "my voucher code is invalid again", count: 30) + Array(repeating: "thanks for the help", count: 30),
                inA: true, to: &contrast)
        try add(Array(repeating: "thanks for the help today", count: 60) + Array(repeating: "my order is here", count: 20),
                inA: false, to: &contrast)
        let top = contrast.ranked(limit: 5)
        #expect(top.first.map { ["voucher", "voucher code", "code", "invalid", "code is invalid", "voucher code is", "invalid again", "again", "code is", "is invalid"].contains($0.ngram) } == true, "\(top.map(\.ngram))")
        #expect(top.allSatisfy { $0.z > 0 && $0.countA >= 5 })
        #expect(!top.contains { $0.ngram.contains("thanks") })
        // Toward B, the thanks are what stands out.
        #expect(contrast.ranked(limit: 3, towardA: false).contains { $0.ngram.contains("today") })
    }

    @Test func theTableNeverHoldsMoreThanItsCapacity() throws {
        var contrast = NGramContrast(capacity: 100, maxLength: 2)
        var messages: [String] = []
        for i in 0..<500 { messages.append("word\(i) other\(i * 7) complaint") }
        try add(messages, inA: true, to: &contrast)
        try add(["complaint resolved"], inA: false, to: &contrast)
        #expect(contrast.distinctNGrams <= 100)
        #expect(contrast.prunes > 0 && contrast.undercountBound >= contrast.pruneLevel)
        // The frequent n-gram survives every prune with its exact count.
        let complaint = contrast.ranked(limit: 1000, minimumCount: 1).first { $0.ngram == "complaint" }
        #expect(complaint?.countA == 500 && complaint?.countB == 1)
    }
}
