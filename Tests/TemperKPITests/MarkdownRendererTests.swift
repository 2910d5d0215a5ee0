import Testing
@testable import TemperKPI

@Suite struct MarkdownRendererTests {
    @Test func headingAndTablePerGroup() throws {
        let card = try RendererFixtures.scorecard()
        let md = try card.rendered(as: .markdown)
        #expect(md.hasPrefix("# Q1 \\<support\\> review\n"))
        #expect(md.components(separatedBy: "\n## ").count - 1 == card.groups.count)
        #expect(md.components(separatedBy: "| KPI | Value |").count - 1 == card.groups.count)
        // Flagged lists span all the input, while the values above them report the latest week.
        #expect(md.contains("**Top flagged conversations (all data)**"))
        #expect(!md.contains("<script>"))
        // Pipes in dimension values cannot break the table.
        for line in md.split(separator: "\n") where line.hasPrefix("| ") {
            let unescaped = line.replacingOccurrences(of: "\\|", with: "")
            #expect(unescaped.filter { $0 == "|" }.count == (line.hasPrefix("| Conversation |") || line.hasPrefix("| T-") ? 5 : 10)
                    || line.hasPrefix("|---"), "\(line)")
        }
    }

    @Test func escaping() {
        #expect(MarkdownRenderer.escape("a|b*c_d\ne") == "a\\|b\\*c\\_d e")
    }
}
