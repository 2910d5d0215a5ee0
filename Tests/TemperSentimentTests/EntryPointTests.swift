import Foundation
import Testing
import TemperIO
import TemperSentiment

/// The checkout's `lexicons/` folder, which the resource bundle must mirror.
let checkoutLexicons = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("lexicons").path

@Suite("Entry point: the shipped model, explanations in results, one analyzer per thread")
struct EntryPointTests {
    static let messages = [
        "still waiting on my refund",
        "Thanks, the agent was great but my refund is STILL not here!!",
        "Where is order 12345?",
        "sooo happy with the quick fix 😀 #great",
        "not bad at all, although the wait was long",
        "",
    ]

    @Test("The resource bundle holds the checkout's lexicons and model, byte for byte")
    func bundleMirrorsLexicons() throws {
        let directory = try SentimentModel.shippedDirectory
        #expect(directory.contains("Temper_TemperSentiment.resources"), "read from the bundle, not the checkout: \(directory)")
        for file in LexiconLoader.defaultFiles + [SentimentModel.ngramFileName, SentimentModel.calibrationFileName] {
            let shipped = FileManager.default.contents(atPath: directory + "/" + file)
            #expect(shipped != nil, "\(file) is in the bundle")
            #expect(shipped == FileManager.default.contents(atPath: checkoutLexicons + "/" + file), "\(file) matches lexicons/")
        }
    }

    @Test("Issue 12: the sarcastic complaints score negative, the service idioms as they mean, the controls positive")
    func sarcasmAndIdioms() throws {
        let analyzer = try SentimentAnalyzer()
        let expected: [(String, SentimentLabel)] = [
            ("Great, another delay. Just what I needed.", .negative),
            ("Oh great, the app crashed again 🙄", .negative),
            ("ENJOY THE 1 STAR REVIEW I'M LEAVING", .negative),
            ("Couldn't agree more", .positive),
            ("Kindly stop sending me these emails", .negative),
            ("I expected better from you", .negative),
            ("I expected more, honestly", .negative),
            ("I can't believe how rude the agent was", .negative),
            ("I can't believe you still haven't fixed it", .negative),
            ("Can't believe how helpful you were", .positive),
            ("Great service, thanks!", .positive),
            ("Thanks so much, that fixed it!", .positive),
        ]
        for (text, label) in expected {
            let result = analyzer.analyze(text, explain: true)
            #expect(result.label == label, "\(text): \(result.label) \(result.probabilities)")
        }
        // The n-gram heads read "bad" literally; the idiom rule keeps them from arguing against
        // the idiom (+2.2) when it is the message's reading.
        let idea = analyzer.analyze("It isn't a bad idea", explain: true)
        #expect(idea.label == .positive)
        #expect(idea.explanation?.rules.contains(.idiom) == true)
        #expect(analyzer.analyze("Great, another delay.", explain: true).explanation?.rules.contains(.sarcasm) == true)
        #expect(analyzer.analyze("Great service, thanks!", explain: true).explanation?.rules.contains(.sarcasm) == false)
    }

    @Test("Not being able to cancel or to reach anyone is a complaint, not a negated churn threat")
    func blockedExitsReadNegative() throws {
        let analyzer = try SentimentAnalyzer()
        // "cancel my subscription" is churn intent (−2.3); a negator before it used to flip it,
        // so the commonest trouble in support text read as praise.
        for text in ["I can't cancel my subscription", "I cannot cancel my account", "I couldn't cancel the order online",
                     "I can't unsubscribe from your emails", "I couldn't reach anyone"] {
            let result = analyzer.analyze(text, explain: true)
            #expect(result.label == .negative, "\(text): \(result.label) \(result.probabilities)")
            #expect(result.explanation?.terms.allSatisfy { !$0.rules.contains(.negation) } == true, "\(text): the phrase, not a negated term")
        }
        #expect(analyzer.analyze("I don't want to cancel my subscription, just pause it").compound > analyzer.analyze("I want to cancel my subscription").compound)
    }

    @Test("A resolved problem reads as the fix it is: the n-gram model may not argue 'error' back")
    func resolvedProblemsReadPositive() throws {
        let analyzer = try SentimentAnalyzer()
        for text in ["The agent resolved the billing error", "The new update fixed all the problems I had",
                     "Thanks Priya for sorting out the billing mess"] {
            let result = analyzer.analyze(text, explain: true)
            #expect(result.label == .positive, "\(text): \(result.label) \(result.probabilities)")
            #expect(result.explanation?.rules.contains(.resolvedProblem) == true, "\(text)")
        }
        for text in ["can't believe you still haven't fixed the login bug", "it was fixed, but the problem is back"] {
            #expect(analyzer.analyze(text).label == .negative, "\(text)")
        }
    }

    @Test("Issue 12: camel-case hashtags read as their words: #NotHappy, #EpicFail, #NeverAgain, #worstServiceEver are negative")
    func camelCaseHashtags() throws {
        let analyzer = try SentimentAnalyzer()
        for text in ["#NotHappy", "#EpicFail", "#NeverAgain", "#worstServiceEver", "Waited 3 hours for a reply #NotHappy"] {
            let result = analyzer.analyze(text, explain: true)
            #expect(result.label == .negative, "\(text): \(result.label) \(result.probabilities)")
            #expect(result.explanation?.terms.contains { $0.rules.contains(.hashtag) } == true, "\(text)")
        }
        #expect(analyzer.analyze("#HappyCustomer").label == .positive)
        let epic = analyzer.analyze("#EpicFail", explain: true)
        #expect(epic.explanation?.terms.map(\.term) == ["epic fail"], "the idiom, not 'epic' (+) and 'fail' (−) apart")
    }

    @Test("Length alone does not move a score: a neutral sentence repeated 10 to 10,000 times scores alike (issue #11, item 7)")
    func lengthAloneDoesNotSaturate() throws {
        let analyzer = try SentimentAnalyzer()
        let sentence = "The package was delivered on Tuesday and the invoice lists two items. "
        let results = [10, 100, 1000, 10_000].map { analyzer.analyze(String(repeating: sentence, count: $0)) }
        for result in results.dropFirst() {
            #expect(abs(result.ngramLogit - results[0].ngramLogit) < 0.01, "\(result.ngramLogit)")
            #expect(abs(result.positive - results[0].positive) < 0.01)
            #expect(abs(result.neutral - results[0].neutral) < 0.01)
            #expect(result.label == results[0].label)
        }
        #expect(abs(results[3].ngramLogit) < 12)  // it was 5,081
    }

    @Test("SentimentAnalyzer() scores exactly as an analyzer over the model loaded from lexicons/")
    func noArgumentAnalyzer() throws {
        let shipped = try SentimentAnalyzer()
        let loaded = try SentimentAnalyzer(model: SentimentModel.load(
            lexiconDirectory: checkoutLexicons, modelPath: checkoutLexicons + "/" + SentimentModel.ngramFileName,
            calibrationPath: checkoutLexicons + "/" + SentimentModel.calibrationFileName))
        for message in Self.messages {
            #expect(shipped.analyze(message) == loaded.analyze(message), "\(message)")
        }
        #expect(shipped.analyze("still waiting on my refund").label == .negative)
        #expect(try SentimentAnalyzer(mode: .lexicon).mode == .lexicon)
    }

    @Test("One shared model, an analyzer per task: the same results as on one thread")
    func analyzerPerTask() async throws {
        let serial = try SentimentAnalyzer()
        let expected = Self.messages.map { serial.analyze($0) }
        let model = try SentimentModel.shipped
        let results = try await withThrowingTaskGroup(of: [SentimentResult].self) { group in
            for task in 0..<8 {
                group.addTask {
                    // Half first touch `shipped` here, concurrently with each other.
                    let analyzer = task.isMultiple(of: 2) ? try SentimentAnalyzer() : try SentimentAnalyzer(model: model)
                    return Self.messages.map { analyzer.analyze($0, explain: true) }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        for perTask in results {
            #expect(perTask.map { $0.explanation != nil } == Array(repeating: true, count: expected.count))
            #expect(perTask.map { result in
                var scoreOnly = result
                scoreOnly.explanation = nil
                return scoreOnly
            } == expected)
        }
    }

    @Test("explain: true puts terms, byte offsets, valences and rules in the result, and changes no score")
    func explanationInResult() throws {
        let analyzer = try SentimentAnalyzer()
        let message = Self.messages[1]
        let plain = analyzer.analyze(message)
        #expect(plain.explanation == nil)
        var explained = analyzer.analyze(message, explain: true)
        let explanation = try #require(explained.explanation)
        #expect(explanation.terms.map(\.term) == ["thanks", "great", "refund", "still not"])
        #expect(explanation.terms.map(\.text) == ["Thanks", "great", "refund", "STILL not"])
        let utf8 = Array(message.utf8)
        for term in explanation.terms {
            #expect(String(decoding: utf8[term.byteRange], as: UTF8.self) == term.text)
        }
        let stillNot = explanation.terms[3]
        #expect(stillNot.isPhrase && stillNot.rules.isSuperset(of: [.phrase, .allCaps, .contrastEmphasized]))
        #expect(abs(stillNot.valence) > abs(stillNot.baseValence))
        #expect(explanation.rules == [.exclamation])
        #expect(explanation.lexiconCompound == explained.lexicon.compound)
        #expect(explanation.ngramLogit == explained.ngramLogit)
        explained.explanation = nil
        #expect(explained == plain)
    }

    @Test("An explanation belongs to its result: the analyzer's next message does not change it")
    func explanationOutlivesTheNextCall() throws {
        let analyzer = try SentimentAnalyzer()
        let first = analyzer.analyze("terrible service", explain: true)
        let terms = first.explanation?.terms
        _ = analyzer.analyze("lovely, thank you so much", explain: true)
        _ = analyzer.analyze("a much longer message that is awful, slow, rude and broken in every way", explain: true)
        #expect(first.explanation?.terms == terms)
        #expect(terms?.map(\.term) == ["terrible service"])
    }

    @Test("shipped(extraLexicons:) adds lexicons on top of the shipped ones")
    func extraLexicons() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("temper-extra-\(UUID().uuidString).tsv").path
        try Data("term\tvalence\nzorbly\t-3.0\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let model = try SentimentModel.shipped(extraLexicons: [LexiconSpec(path: path)])
        let result = try SentimentAnalyzer(model: model).analyze("the zorbly update", explain: true)
        #expect(result.explanation?.terms.map(\.term) == ["zorbly"])
        #expect(result.explanation?.terms.first?.baseValence == -3)
        #expect(try SentimentAnalyzer().analyze("the zorbly update", explain: true).explanation?.terms.isEmpty == true)
        #expect(throws: InputError.self) { try SentimentModel.shipped(extraLexicons: [LexiconSpec(path: path + ".missing")]) }
    }

    @Test("analyze(_:drivers:into:) scores as analyze does and finds what detect finds on its tokens, message after message")
    func analyzingWithDriversFindsWhatDetectFinds() throws {
        let model = try SentimentModel.shipped
        let detector = DriverDetector(taxonomy: try DriverTaxonomy.shipped, lexicon: model.lexicon)
        let plain = try SentimentAnalyzer(model: model)
        let withDrivers = try SentimentAnalyzer(model: model)
        var hits: [DriverHit] = [DriverHit(driver: 0, polarity: .neutral, byteRange: 0..<1, isComplaint: false, salience: 1)]
        var found = 0
        for text in Self.messages + ["The agent was lovely but the refund still hasn't come", "no delay at all", "late"] {
            for explain in [false, true] {
                let bytes = Array(text.utf8)
                let result = bytes.withUnsafeBufferPointer { withDrivers.analyze($0, explain: explain, drivers: detector, into: &hits) }
                #expect(result == plain.analyze(text, explain: explain), "\(text)")
                #expect(hits == detector.detect(plain.text), "\(text)")
                #expect(withDrivers.source == Array(text.utf8))
                found += hits.count
            }
        }
        #expect(found >= 6)
    }
}
