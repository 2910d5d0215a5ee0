import Testing
@testable import TemperKPI

@Suite struct CSVRendererTests {
    @Test func oneRowPerGroupAndKPI() throws {
        let card = try RendererFixtures.scorecard()
        let csv = try card.rendered(as: .csv)
        let rows = csv.components(separatedBy: "\r\n").dropLast()
        #expect(rows.count == 1 + card.groups.count * card.kpis.count)
        #expect(rows.first == CSVRenderer.header.joined(separator: ","))
        let csat = rows.first { $0.hasPrefix("all,All conversations,csat,") }!
        #expect(csat.contains(",percent,") && csat.contains(",wilson,") && csat.contains(",higher_is_better,"))
    }

    @Test func quotingAndFormulaDefusing() {
        #expect(CSVRenderer.text("plain") == "plain")
        #expect(CSVRenderer.text("a,b") == "\"a,b\"")
        #expect(CSVRenderer.text("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVRenderer.text("line\nbreak") == "\"line\nbreak\"")
        #expect(CSVRenderer.text("=SUM(A1)") == "'=SUM(A1)")
        #expect(CSVRenderer.text("@cmd") == "'@cmd")
        #expect(CSVRenderer.text(#"=HYPERLINK("x")"#) == #""'=HYPERLINK(""x"")""#)
    }

    @Test func rawNumbers() {
        #expect(ValueFormatting.raw(85) == "85")
        #expect(ValueFormatting.raw(85.25) == "85.25")
        #expect(ValueFormatting.raw(nil) == "")
    }
}
