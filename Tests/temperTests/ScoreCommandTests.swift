import Foundation
import Testing

@Suite("temper score")
struct ScoreCommandTests {
    @Test("Text in: one object per line with id = line number, label, compound and probabilities")
    func textInput() throws {
        let result = try CLI.run(["score"], input: "thank you so much, you sorted it out!\nstill waiting on my refund, third time asking\nwhat are your opening hours?\n")
        #expect(result.status == 0)
        let objects = try CLI.objects(result)
        #expect(objects.map { $0["id"] as? Int } == [1, 2, 3])
        #expect(objects.map { $0["label"] as? String } == ["positive", "negative", "neutral"])
        for object in objects {
            let probabilities = try #require(object["probabilities"] as? [String: Double])
            let total = probabilities.values.reduce(0, +)
            #expect(abs(total - 1) < 0.001)
            let compound = try #require(object["compound"] as? Double)
            #expect(abs(compound - (probabilities["positive"]! - probabilities["negative"]!)) < 0.001)
        }
    }

    @Test("JSONL in: the id field is echoed as given, the text field is configurable")
    func jsonlInput() throws {
        let input = #"{"ref": "a-1", "body": "worst service ever"}"# + "\n" + #"{"ref": 7, "body": "love it"}"# + "\n"
        let result = try CLI.run(["score", "--input-format", "jsonl", "--text-field", "body", "--id-field", "ref"], input: input)
        let objects = try CLI.objects(result)
        #expect(objects[0]["id"] as? String == "a-1")
        #expect(objects[1]["id"] as? Int == 7)
    }

    @Test("CSV in with a header row")
    func csvInput() throws {
        let file = try CLI.temporaryFile("in.csv", "id,text\nx1,\"terrible, just terrible\"\nx2,great help thanks\n")
        let result = try CLI.run(["score", "--input-format", "csv", file])
        let objects = try CLI.objects(result)
        #expect(objects.map { $0["id"] as? String } == ["x1", "x2"])
        #expect(objects.map { $0["label"] as? String } == ["negative", "positive"])
    }

    @Test("--explain lists the terms and rules with offsets into the original text")
    func explain() throws {
        let result = try CLI.run(["score", "--explain"], input: "The agent was nice but it is still not fixed\n")
        let object = try #require(try CLI.objects(result).first)
        let explanation = try #require(object["explanation"] as? [String: Any])
        let terms = try #require(explanation["terms"] as? [[String: Any]])
        let fixed = try #require(terms.first { $0["term"] as? String == "still not fixed" })
        #expect(fixed["start"] as? Int == 29)
        #expect(fixed["text"] as? String == "still not fixed")
        #expect((fixed["rules"] as? [String])?.contains("contrast_emphasized") == true)
        let nice = try #require(terms.first { $0["term"] as? String == "nice" })
        #expect((nice["rules"] as? [String])?.contains("contrast_diminished") == true)
    }

    @Test("Output order follows input order with several jobs")
    func orderWithJobs() throws {
        let lines = (1...3000).map { $0 % 3 == 0 ? "terrible \($0)" : ($0 % 3 == 1 ? "great \($0)" : "order \($0)") }
        let result = try CLI.run(["score", "--jobs", "2"], input: lines.joined(separator: "\n") + "\n")
        let ids = try CLI.objects(result).map { $0["id"] as? Int }
        #expect(ids == (1...3000).map { $0 })
    }

    @Test("A bad JSON line stops the run with exit 1, naming the line; earlier lines are written")
    func badJSON() throws {
        let result = try CLI.run(["score", "--input-format", "jsonl"], input: "{\"text\": \"fine\"}\nnot json\n{\"text\": \"ok\"}\n", status: 1, stderr: .any)
        #expect(result.status == 1)
        #expect(result.lines.count == 1)
        // Positions are 1-based columns from the start of the line, as in every message.
        #expect(result.stderr.contains("<stdin>:2: bad JSON: invalid literal starting at column 1 (expected 'null'), found 'o' at column 2"), "\(result.stderr)")
    }

    @Test("--skip-invalid continues past bad JSON, a missing field and invalid UTF-8, and counts them")
    func skipInvalid() throws {
        var bytes = Array("{\"text\": \"fine\"}\n{\"body\": \"x\"}\n".utf8)
        bytes += Array("{\"text\": 5}\n{\"text\": \"last\"}\n".utf8)
        let result = try CLI.run(["score", "--input-format", "jsonl", "--skip-invalid"], inputBytes: bytes, stderr: .any)
        #expect(result.status == 0)
        #expect(try CLI.objects(result).map { $0["id"] as? Int } == [1, 4])
        #expect(result.stderr.contains("<stdin>:2: no \"text\" field"))
        #expect(result.stderr.contains("<stdin>:3: \"text\" is a number"))
        #expect(result.stderr.contains("2 invalid record(s) skipped"))

        let text = try CLI.run(["score", "--skip-invalid"], inputBytes: Array("good\nok ".utf8) + [0xC3, 0x28, 0x0A] + Array("bad\n".utf8), stderr: .any)
        #expect(try CLI.objects(text).map { $0["id"] as? Int } == [1, 3])
        #expect(text.stderr.contains("<stdin>:2: invalid UTF-8 at column 4\n"), "\(text.stderr)")
    }

    @Test("score --input-format jsonl rejects duplicate and unusable ids as flag does, with the same words")
    func idsAsInFlag() throws {
        let input = #"{"id":"a","text":"fine"}"# + "\n" + #"{"id":"b","text":"ok"}"# + "\n" + #"{"id":"a","text":"again"}"# + "\n"
            + #"{"id":{"ref":1},"text":"object id"}"# + "\n" + #"{"id":"c","text":"last"}"# + "\n"
        let stopped = try CLI.run(["score", "--input-format", "jsonl"], input: input, status: 1, stderr: .any)
        #expect(try CLI.objects(stopped).map { $0["id"] as? String } == ["a", "b"])
        #expect(stopped.stderr.contains("<stdin>:3: duplicate message id 'a'\n"), "\(stopped.stderr)")
        let skipped = try CLI.run(["score", "--input-format", "jsonl", "--skip-invalid", "--jobs", "2"], input: input, stderr: .any)
        #expect(try CLI.objects(skipped).map { $0["id"] as? String } == ["a", "b", "c"])
        let objectID = "\"id\" is an object, not a non-empty string or a number"
        #expect(skipped.stderr.contains("<stdin>:4: \(objectID)\n") && skipped.stderr.contains("2 invalid record(s) skipped"), "\(skipped.stderr)")
        // flag says the same of the same id.
        let flag = try CLI.run(["flag"], input: #"{"id":{"ref":1},"messages":[{"role":"customer","text":"hi"}]}"# + "\n", status: 1, stderr: .any)
        #expect(flag.stderr.contains("<stdin>:1: \(objectID)\n"), "\(flag.stderr)")
    }

    @Test("A user lexicon overrides the shipped ones")
    func userLexicon() throws {
        let lexicon = try CLI.temporaryFile("mine.tsv", "term\tvalence\nzorblax\t-3.5\n")
        let plain = try CLI.objects(try CLI.run(["score", "--mode", "lexicon"], input: "zorblax\n"))
        let custom = try CLI.objects(try CLI.run(["score", "--mode", "lexicon", "--lexicon", lexicon], input: "zorblax\n"))
        #expect(plain[0]["label"] as? String == "neutral")
        #expect(custom[0]["label"] as? String == "negative")
    }

    @Test("A malformed lexicon or a corrupt model fails with its file (and line)", arguments: [
        ("--lexicon", "bad.tsv", "term\tvalence\ngood\tvery\n", "bad.tsv:2: valence 'very' is not a number"),
        ("--model", "bad.ngram", "not a model", "bad.ngram"),
    ])
    func badModelFiles(option: String, name: String, contents: String, message: String) throws {
        let file = try CLI.temporaryFile(name, contents)
        let result = try CLI.run(["score", option, file], input: "x\n", status: 1, stderr: .any)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

@Suite("temper score --per conversation")
struct ScoreConversationTests {
    @Test("One record per conversation with the customer's sentiment and each message's")
    func conversations() throws {
        let input = """
        {"id": "c1", "messages": [{"role": "customer", "text": "my order never arrived, this is awful"}, {"role": "agent", "text": "So sorry! Sending a replacement today."}, {"role": "customer", "text": "still waiting, third time asking, terrible"}]}
        {"id": "c2", "messages": [{"role": "bot", "text": "Hi! How can I help?"}, {"role": "customer", "text": "thank you so much, great help"}]}

        """
        let result = try CLI.run(["score", "--per", "conversation", "--input-format", "jsonl"], input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try CLI.objects(result)
        #expect(objects.map { $0["id"] as? String } == ["c1", "c2"])
        #expect(objects[0]["label"] as? String == "negative")
        #expect(objects[1]["label"] as? String == "positive")
        #expect(objects[0]["customer_messages"] as? Int == 2)
        let messages = try #require(objects[1]["messages"] as? [[String: Any]])
        #expect(messages.map { $0["index"] as? Int } == [1])
    }

    @Test("Message rows from a helpdesk CSV export")
    func rows() throws {
        let result = try CLI.run(["score", "--per", "conversation", "--input-format", "csv", "corpora/message-rows.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.objects(result).count == 40)
    }

    @Test("CSV ends cleanly: exit 0 and nothing on standard error, from a file or standard input")
    func csvEndOfStreamIsNotAnError() throws {
        let csv = "id,text\n1,great service\n2,awful\n"
        let file = try CLI.temporaryFile("c.csv", csv)
        for result in [try CLI.run(["score", "--input-format", "csv", file]), try CLI.run(["score", "--input-format", "csv"], input: csv)] {
            #expect(try CLI.objects(result).map { $0["id"] as? String } == ["1", "2"])
        }
    }

    @Test("An open quote is found on standard input too, and invalid UTF-8 in CSV is a bad record with its column (issue #11, item 3)")
    func csvOpenQuoteOnStandardInput() throws {
        let open = "id,text\n7,fine\n8,\"open quote\n9,lost\n10,lost too\n"
        let stdin = try CLI.run(["score", "--input-format", "csv", "--skip-invalid"], input: open, stderr: .any)
        #expect(try CLI.objects(stdin).map { $0["id"] as? String } == ["7"])
        #expect(stdin.stderr.contains("temper: error: <stdin>:3: a quoted field is never closed: it runs to the end of the file\n"), "\(stdin.stderr)")
        let rows = try CLI.run(["flag", "--input-format", "rows-csv"], input: "conversation_id,role,text\nc1,customer,\"hi\n", status: 1, stderr: .any)
        #expect(rows.stderr.contains("<stdin>:2: a quoted field is never closed"), "\(rows.stderr)")
        let bytes = Array("id,text\n1,good\n2,bad ".utf8) + [0xC3, 0x28] + Array(" here\n3,fine\n".utf8)
        let invalid = try CLI.run(["score", "--input-format", "csv", "--skip-invalid"], inputBytes: bytes, stderr: .any)
        #expect(try CLI.objects(invalid).map { $0["id"] as? String } == ["1", "3"])
        #expect(invalid.stderr.contains("<stdin>:3: invalid UTF-8 at column 7\n"), "\(invalid.stderr)")
    }

    @Test("Conversation formats need --per conversation")
    func usage() throws {
        #expect(try CLI.run(["score", "--input-format", "tweets"], status: 64, stderr: .any).status == 64)
    }
}

@Suite("temper score: input detection and conversation labels")
struct ScoreInputTests {
    @Test("JSONL without --input-format is read as JSONL (by name, or by its first line on standard input)")
    func jsonlIsDetected() throws {
        let jsonl = "{\"id\":\"a\",\"text\":\"great service\"}\n{\"id\":\"b\",\"text\":\"awful\"}\n"
        let file = try CLI.temporaryFile("msgs.jsonl", jsonl)
        for result in [try CLI.run(["score", file]), try CLI.run(["score"], input: jsonl)] {
            let objects = try CLI.objects(result)
            #expect(objects.map { $0["id"] as? String } == ["a", "b"])
            #expect(objects.map { $0["label"] as? String } == ["positive", "negative"])
        }
    }

    @Test("A conversation's label is the most probable class of the probabilities printed beside it")
    func conversationLabelAgreesWithItsProbabilities() throws {
        let result = try CLI.run(["score", "--per", "conversation", "corpora/transcripts.jsonl"])
        let objects = try CLI.objects(result)
        #expect(objects.count == 343)
        for object in objects {
            guard let p = object["probabilities"] as? [String: Double], let label = object["label"] as? String else { continue }
            let best = ["negative", "neutral", "positive"].max { p[$0]! < p[$1]! }!
            #expect(p[label]! >= p[best]! - 1e-4, "\(object["id"] ?? "?"): \(label) with \(p)")
            let compound = try #require(object["compound"] as? Double)
            #expect(abs(compound - (p["positive"]! - p["negative"]!)) <= 2e-4)
        }
    }

    @Test("Errors have one form: 'temper: error: …', usage errors exit 64")
    func oneErrorForm() throws {
        let usage = try CLI.run(["score", "--bogus"], status: 64, stderr: .any)
        #expect(usage.stderr.hasPrefix("temper: error: Unknown option '--bogus'"), "\(usage.stderr)")
        let missing = try CLI.run(["score", "/nonexistent/m.txt"], status: 1, stderr: .any)
        #expect(missing.stderr == "temper: error: /nonexistent/m.txt: cannot open: No such file or directory\n", "\(missing.stderr)")
        #expect(!missing.stderr.contains("Error:"))
    }
}
