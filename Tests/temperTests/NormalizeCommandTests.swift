import Foundation
import Testing

@Suite("temper normalize")
struct NormalizeCommandTests {
    @Test("One normalized line per input line, in order, empty lines kept")
    func textOutput() throws {
        let result = try CLI.run(["normalize"], input: "Hello   WORLD!!!\n\nＨＥＬＬＯ cant wait\n")
        #expect(result.status == 0)
        #expect(result.stdout == "hello world!!!\n\nhello can't wait\n")
    }

    @Test("--tokens prints types, offsets into the original line and flags")
    func tokens() throws {
        let result = try CLI.run(["normalize", "--tokens"], input: "héllo 😀 SO good\n")
        let object = try #require(try CLI.objects(result).first)
        let tokens = try #require(object["tokens"] as? [[String: Any]])
        #expect(tokens.map { $0["type"] as? String } == ["word", "emoji", "word", "word"])
        #expect(tokens[1]["start"] as? Int == 7)
        #expect(tokens[1]["end"] as? Int == 11)
        #expect(tokens[1]["char_start"] as? Int == 6)
        #expect((tokens[2]["flags"] as? [String]) == ["all_caps"])
    }

    @Test("--mask-pii replaces emails, phones and cards")
    func maskPII() throws {
        let result = try CLI.run(["normalize", "--mask-pii"], input: "mail me at a.b@example.com or +1 555 123 4567\n")
        #expect(result.stdout == "mail me at <EMAIL> or <PHONE>\n")
    }

    @Test("Invalid UTF-8 is replaced and reported with its line, and the run succeeds")
    func invalidUTF8() throws {
        let result = try CLI.run(["normalize"], inputBytes: Array("ok\n".utf8) + [0x61, 0xFF, 0x62, 0x0A], stderr: .any)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
        #expect(result.stderr.contains("<stdin>:2: 1 invalid UTF-8 byte(s) read as U+FFFD, the first at column 2\n"), "\(result.stderr)")
    }

    @Test("A missing file is an error naming it, with exit status 1")
    func missingFile() throws {
        let result = try CLI.run(["normalize", "/nonexistent/in.txt"], status: 1, stderr: .any)
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/in.txt"))
    }

    @Test("Usage errors exit with 64")
    func usage() throws {
        let result = try CLI.run(["normalize", "--format", "xml"], status: 64, stderr: .any)
        #expect(result.status == 64)
    }
}
