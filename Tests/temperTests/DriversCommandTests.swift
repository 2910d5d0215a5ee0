import Foundation
import Testing

@Suite("temper score --drivers, flag --drivers and temper drivers")
struct DriversCommandTests {
    func json(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func scoreAddsDriversWithEvidenceAndOffsets() throws {
        let text = "the agent was lovely but the refund still hasn't come\nWhat time do you open?\n"
        let result = try CLI.run(["score", "--drivers"], input: text)
        let first = try json(result.lines[0])
        let drivers = try #require(first["drivers"] as? [[String: Any]])
        #expect(drivers.map { $0["id"] as? String } == ["billing", "staff"])
        #expect(drivers.map { $0["polarity"] as? String } == ["negative", "positive"])
        let line = Array(text.utf8)
        for driver in drivers {
            let start = try #require(driver["start"] as? Int), end = try #require(driver["end"] as? Int)
            #expect(String(decoding: line[start..<end], as: UTF8.self) == driver["evidence"] as? String)
        }
        #expect(try json(result.lines[1])["drivers"] as? [Any] != nil)
        // Without the flag the output is as it was.
        #expect(!(try CLI.run(["score"], input: text).stdout.contains("drivers")))
    }

    /// The drivers' JSON is assembled in a fixed stack buffer, with escaping, non-ASCII, and
    /// evidence or driver lists longer than the buffer handed to the general writer: each must
    /// come out as valid JSON whose evidence is the text at its offsets.
    @Test func driversJSONEscapesAndOverflowsItsBufferCleanly() throws {
        let ids = (0..<8).map { "d\($0)" }
        let yaml = "drivers:\n" + ids.enumerated().map { index, id in
            "  - id: \(id)\n    complaints: [\"start\(index) ... end\(index)\"]\n"
        }.joined()
        let path = try CLI.temporaryFile("drivers.yaml", bytes: Array(yaml.utf8))
        let long = String(repeating: "abcdefghij", count: 120)
        let filler = "lengthywordnumberone lengthywordnumbertwo lengthywordnumberthree lengthywordnumberfour"
        let lines = [
            "start0\twas end0",
            "start1 f\u{FC}r end1",
            "start2 \(long) end2",
            ids.indices.map { "start\($0) \(filler) end\($0)" }.joined(separator: ". "),
        ]
        let result = try CLI.run(["score", "--drivers-file", path], input: lines.joined(separator: "\n") + "\n")
        #expect(result.lines.count == lines.count)
        #expect(result.lines[0].contains(#""evidence":"start0\twas end0","start":0,"end":15}"#), "\(result.lines[0])")
        #expect(result.lines[1].contains(#""evidence":"start1 f\#u{FC}r end1""#), "\(result.lines[1])")
        for (line, output) in zip(lines, result.lines) {
            let drivers = try #require(try json(output)["drivers"] as? [[String: Any]], "\(output)")
            #expect(!drivers.isEmpty, "\(output)")
            let bytes = Array(line.utf8)
            for driver in drivers {
                let start = try #require(driver["start"] as? Int), end = try #require(driver["end"] as? Int)
                #expect(String(decoding: bytes[start..<end], as: UTF8.self) == driver["evidence"] as? String)
                #expect(driver["polarity"] as? String == "negative")
            }
        }
        let all = try #require(try json(result.lines[3])["drivers"] as? [[String: Any]])
        #expect(Set(all.compactMap { $0["id"] as? String }) == Set(ids))
        #expect(result.lines[3].utf8.count > 1024 + 200)
    }

    @Test func aBadDriversFileIsOneErrorWithFileAndLine() throws {
        let path = try CLI.temporaryFile("drivers.yaml", bytes: Array("drivers:\n  - id: a\n    mentions: [\"{late\"]\n".utf8))
        let result = try CLI.run(["score", "--drivers-file", path], input: "late\n", status: 1, stderr: .any)
        #expect(result.stderr == "temper: error: \(path):3: driver 'a': pattern '{late': '{' without '}'\n", "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aDriversFileReplacesTheTaxonomy() throws {
        let path = try CLI.temporaryFile("drivers.yaml", bytes: Array("drivers:\n  - id: parking\n    complaints: [\"no {parking,spaces}\"]\n".utf8))
        let result = try CLI.run(["score", "--drivers-file", path], input: "there were no spaces left and my order is late\n")
        #expect(result.stdout.contains(#""drivers":[{"id":"parking","polarity":"negative","evidence":"no spaces""#), "\(result.stdout)")
        #expect(!result.stdout.contains("delay"))
    }

    @Test func flagReportsConversationDriversAndFactsCarryThem() throws {
        let conversation = #"{"id":"c1","messages":[{"role":"customer","text":"My parcel never arrived."},{"role":"agent","text":"Sorry about the delay."},{"role":"customer","text":"And I was charged twice!"}]}"#
        let flag = try json(try CLI.run(["flag", "--drivers"], input: conversation + "\n").lines[0])
        let drivers = try #require(flag["drivers"] as? [[String: Any]])
        #expect(Set(drivers.compactMap { $0["id"] as? String }) == ["lost_item", "billing"], "agent lines do not count: \(drivers)")
        #expect(drivers.first { $0["id"] as? String == "billing" }?["message"] as? Int == 2)
        let facts = try json(try CLI.run(["flag", "--drivers", "--facts"], input: conversation + "\n").lines[0])
        #expect((facts["drivers"] as? [[String: String]])?.contains(["id": "billing", "polarity": "negative"]) == true)
        #expect(try json(try CLI.run(["flag", "--facts"], input: conversation + "\n").lines[0])["drivers"] == nil)
        let perConversation = try json(try CLI.run(["score", "--per", "conversation", "--drivers"], input: conversation + "\n").lines[0])
        #expect((perConversation["drivers"] as? [Any])?.count == 2)
    }

    @Test func evaluatePrintsPerDriverFigures() throws {
        let result = try CLI.run(["drivers", "evaluate", "corpora/drivers.tsv", "--split", "test"])
        #expect(result.stdout.hasPrefix("| driver | support | precision % | recall % | F1 % | polarity right % |"))
        #expect(result.stdout.contains("| delay |") && result.stdout.contains("**all (micro)**"))
        let none = try CLI.run(["drivers", "evaluate", "corpora/drivers.tsv", "--split", "nope"], status: 1, stderr: .any)
        #expect(none.stderr == "temper: error: corpora/drivers.tsv: no messages in split 'nope'\n", "\(none.stderr)")
    }

    @Test func discoverRanksOverRepresentedNGramsWithExamples() throws {
        var rows = ""
        for i in 0..<40 { rows += "1\tmy voucher code \(i) is invalid\n0\tthanks for the quick help \(i)\n" }
        let path = try CLI.temporaryFile("sets.tsv", bytes: Array(rows.utf8))
        let result = try CLI.run(["drivers", "discover", path, "--label-column", "1", "--label", "1", "--top", "3", "--format", "jsonl"])
        let top = try json(result.lines[0])
        #expect(["voucher", "voucher code", "invalid", "code", "is invalid", "my voucher", "my voucher code"].contains(top["ngram"] as? String ?? ""), "\(result.stdout)")
        #expect(top["count_a"] as? Int == 40 && top["count_b"] as? Int == 0)
        #expect((top["examples"] as? [String])?.count == 2)
        let usage = try CLI.run(["drivers", "discover", path], status: 64, stderr: .any)
        #expect(usage.stderr.contains("give exactly one of --against, --label-column"), "\(usage.stderr)")
    }
}
