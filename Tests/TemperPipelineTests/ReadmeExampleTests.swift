import Foundation
import Testing
import TemperPipeline
import TemperSentiment

/// The README's "Use from Swift" section, compiled and run: its Swift blocks must be the code
/// between the `README` markers below (so they cannot drift apart), and its text blocks what
/// that code prints. It lives with the top library, the one that sees every module the
/// examples use.
@Suite("README: Use from Swift")
struct ReadmeExampleTests {
    final class Printed: @unchecked Sendable {
        var lines: [String] = []
    }

    let printed = Printed()

    /// What the examples print, as the README's text blocks show it. The last line moves with the
    /// shipped sentiment and risk models: after refitting one, change it here and in the README.
    static let expectedOutput = [
        "negative",
        #"lovely 14..<20 2.7 → 1.08 ["lexicon_word", "contrast_diminished"]"#,
        #"STILL not fixed 37..<52 -2.7 → -5.49 ["phrase", "all_caps", "contrast_emphasized"]"#,
        "81 flagged; riskiest: c0242 0.781",
    ]

    /// The examples call `print` as a reader's program would; inside this type the name means this
    /// method, which keeps the lines for the test.
    func print(_ items: Any..., separator: String = " ") {
        printed.lines.append(items.map { String(describing: $0) }.joined(separator: separator))
    }

    @Test("The examples run and print what the README shows")
    func examples() throws {
        // README block
        let analyzer = try SentimentAnalyzer()
        print(analyzer.analyze("still waiting on my refund").label)
        // README block
        let result = analyzer.analyze("The agent was lovely but my order is STILL not fixed", explain: true)
        for term in result.explanation?.terms ?? [] {
            print(term.text, term.byteRange, term.baseValence, "→", (term.valence * 100).rounded() / 100, term.rules.names)
        }
        // README block
        let pipeline = ConversationPipeline(model: try SentimentModel.shipped)
        var riskiest: (id: String, risk: Double) = ("", 0)
        var flagged = 0
        try pipeline.run(paths: ["corpora/transcripts.jsonl"], transform: { $0.assessment }) { assessment in
            if assessment.flagged { flagged += 1 }
            if assessment.risk > riskiest.risk { riskiest = (assessment.id, assessment.risk) }
        }
        print(flagged, "flagged; riskiest:", riskiest.id, (riskiest.risk * 1000).rounded() / 1000)
        // README end
        #expect(printed.lines == Self.expectedOutput)
    }

    @Test("The README's text blocks are what the examples print")
    func readmeShowsTheOutput() {
        #expect(Self.readme().outputs == Self.expectedOutput)
    }

    @Test("The README's Swift blocks are the code of this test")
    func readmeIsThisCode() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let lines = source.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "// README block" })
        let end = try #require(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "// README end" })
        var blocks: [[String]] = []
        for line in lines[start..<end] {
            if line.trimmingCharacters(in: .whitespaces) == "// README block" {
                blocks.append([])
            } else {
                blocks[blocks.count - 1].append(line.hasPrefix("        ") ? String(line.dropFirst(8)) : line)
            }
        }
        let readme = Self.readme()
        // A reader's file needs its imports; this file has them at the top.
        let imports = readme.code.joined().filter { $0.hasPrefix("import ") }
        #expect(!imports.isEmpty)
        for line in imports { #expect(lines.contains(line), "this file imports what the README does: \(line)") }
        let code = readme.code.map { block in Array(block.filter { !$0.hasPrefix("import ") }.drop { $0.isEmpty }) }
        #expect(code == blocks)
    }

    /// The "Use from Swift" section's Swift blocks, and its text blocks' lines.
    static func readme() -> (code: [[String]], outputs: [String]) {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md").path
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        var code: [[String]] = []
        var outputs: [String] = []
        var inSection = false
        var fence: String?
        var block: [String] = []
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("## ") {
                inSection = line == "## Use from Swift"
                continue
            }
            guard inSection else { continue }
            if let kind = fence {
                if line == "```" {
                    if kind == "swift" { code.append(block) } else if kind == "text" { outputs += block }
                    fence = nil
                    block = []
                } else {
                    block.append(line)
                }
            } else if line.hasPrefix("```") {
                fence = String(line.dropFirst(3))
            }
        }
        return (code, outputs)
    }
}
