import Foundation
import Testing

/// Message anatomy on the command line: `normalize --anatomy`, body-only `score` and `flag`,
/// `--no-anatomy`, and what `--explain` says was left out.
@Suite("temper anatomy options")
struct AnatomyCommandTests {
    static let signedOff = #"{"id":"o","text":"My parcel never arrived.\n\nThanks,\nOlivia"}"# + "\n"
        + #"{"id":"c","text":"Unacceptable!!! THE STANDING DESK ARRIVED SMASHED…\n\nBest,\nCamille"}"# + "\n"

    @Test("score: the issue's sign-off examples are negative; --no-anatomy scores them whole")
    func scoreSignOffs() throws {
        let objects = try CLI.objects(try CLI.run(["score", "--input-format", "jsonl"], input: Self.signedOff))
        #expect(objects.map { $0["label"] as? String } == ["negative", "negative"])
        let whole = try CLI.objects(try CLI.run(["score", "--input-format", "jsonl", "--no-anatomy"], input: Self.signedOff))
        #expect((whole[0]["compound"] as! Double) > (objects[0]["compound"] as! Double))
    }

    @Test("score --explain lists what was left out, with offsets into the message; all-body lines are unchanged")
    func explainExcluded() throws {
        let result = try CLI.run(["score", "--input-format", "jsonl", "--explain"], input: Self.signedOff)
        let excluded = try #require(try CLI.objects(result)[0]["excluded"] as? [[String: Any]])
        #expect(excluded.map { $0["kind"] as? String } == ["closing", "signature"])
        #expect(excluded.map { $0["start"] as? Int } == [26, 34])
        #expect(excluded.last?["end"] as? Int == 40)
        let plain = "still waiting on my refund\nthank you so much\n"
        #expect(try CLI.run(["score", "--explain"], input: plain).stdout == CLI.run(["score", "--explain", "--no-anatomy"], input: plain).stdout)
        #expect(!(try CLI.run(["score", "--explain"], input: plain).stdout.contains("excluded")))
    }

    @Test("normalize --anatomy prints each message's segments covering it")
    func normalizeAnatomy() throws {
        let input = Self.signedOff + "Hi, where is my order?\n{broken\n"
        let result = try CLI.run(["normalize", "--anatomy"], input: input, stderr: .any)
        #expect(result.stderr.contains("<stdin>:4: bad JSON"))
        let objects = try CLI.objects(result)
        #expect(objects.count == 4)
        let first = try #require(objects[0]["segments"] as? [[String: Any]])
        #expect(first.map { $0["kind"] as? String } == ["body", "closing", "signature"])
        #expect(first.map { $0["text"] as? String } == ["My parcel never arrived.\n\n", "Thanks,\n", "Olivia"])
        #expect(first.map { $0["rule"] as? String } == [nil, "closing_line", "signature_after_closing"])
        let third = try #require(objects[2]["segments"] as? [[String: Any]])
        #expect(third.map { $0["kind"] as? String } == ["greeting", "body"])
        #expect(objects[3]["error"] != nil)
        try CLI.run(["normalize", "--anatomy", "--tokens"], input: "x\n", status: 64, stderr: .any)
    }

    @Test("score --per conversation: the label is the argmax of the printed probabilities, from customer bodies")
    func conversationLabel() throws {
        let conversation = #"{"id":"k","messages":[{"role":"customer","text":"My parcel never arrived.\n\nThanks so much,\nOlivia"},"#
            + #"{"role":"agent","text":"So sorry! We will resend it today, have a wonderful day!"},"#
            + #"{"role":"customer","text":"Still nothing.\n\nKind regards,\nOlivia"}]}"# + "\n"
        let objects = try CLI.objects(try CLI.run(["score", "--per", "conversation"], input: conversation))
        let p = try #require(objects[0]["probabilities"] as? [String: Double])
        let argmax = p["negative"]! >= p["neutral"]! && p["negative"]! >= p["positive"]! ? "negative"
            : (p["positive"]! > p["neutral"]! ? "positive" : "neutral")
        #expect(objects[0]["label"] as? String == argmax)
        #expect(argmax == "negative")
        func oneLine(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let help = oneLine(try CLI.run(["score", "--help"]).stdout)
        #expect(help.contains("a conversation's label is the most probable class of the probabilities"))
        let flagHelp = oneLine(try CLI.run(["flag", "assess", "--help"]).stdout)
        #expect(flagHelp.contains("is the most probable class") && flagHelp.contains("--no-anatomy"))
    }

    @Test("flag reads customer bodies; --no-anatomy is accepted")
    func flag() throws {
        let conversation = #"{"id":"k","messages":[{"role":"customer","text":"Hi team,\n\nThis is ridiculous, I will cancel.\n\nRegards,\nTom"}]}"# + "\n"
        let objects = try CLI.objects(try CLI.run(["flag"], input: conversation))
        let reasons = try #require(objects[0]["reasons"] as? [[String: Any]])
        let text = Array("Hi team,\n\nThis is ridiculous, I will cancel.\n\nRegards,\nTom".utf8)
        for reason in reasons where reason["detail"] == nil {
            let start = reason["start"] as! Int, end = reason["end"] as! Int
            #expect(String(decoding: text[start..<end], as: UTF8.self) == reason["evidence"] as? String)
        }
        try CLI.run(["flag", "--no-anatomy"], input: conversation)
    }
}
