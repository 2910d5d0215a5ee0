import Foundation
import Testing
@testable import TemperKPI

@Suite struct HTMLRendererTests {
    func count(_ needle: String, in haystack: String) -> Int {
        haystack.components(separatedBy: needle).count - 1
    }

    @Test func oneSelfContainedPageWithATablePerGroup() throws {
        let card = try RendererFixtures.scorecard()
        let html = try card.rendered(as: .html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(count("<table class=\"kpis\">", in: html) == card.groups.count)
        #expect(count("<section class=\"group", in: html) == card.groups.count)
        #expect(count("<svg class=\"spark\"", in: html) == card.groups.count * card.kpis.count)
        #expect(html.contains("<polyline"))
        #expect(html.contains("<style>") && !html.contains("<link") && !html.contains("src=") && !html.contains("<script"))
        #expect(!html.contains("http://") || html.contains("http://www.w3.org/2000/svg"))
    }

    @Test func statusesAreColouredAndSamplesShown() throws {
        let html = try RendererFixtures.scorecard().rendered(as: .html)
        for cls in ["pill met", "pill missed", "pill insufficient", "st-met", "st-insufficient"] {
            #expect(html.contains(cls), "\(cls)")
        }
        #expect(html.contains("95% interval") && html.contains("Top flagged conversations"))
        #expect(html.contains("#1a7f37") && html.contains("#c62828"))
    }

    @Test func allTextIsEscaped() throws {
        let html = try RendererFixtures.scorecard().rendered(as: .html)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>threat"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"))
        #expect(html.contains("&lt;b&gt;threat&lt;/b&gt;"))
        #expect(html.contains("Q1 &lt;support&gt; review"))
        #expect(html.contains("Dana &lt;ops&gt;"))
    }

    @Test func sparklineBreaksAtMissingPeriodsAndMarksThinOnes() {
        let points = [
            TrendPoint(period: "W1", value: 50, n: 40, insufficient: false),
            TrendPoint(period: "W2", value: 60, n: 40, insufficient: false),
            TrendPoint(period: "W3", value: nil, n: 0, insufficient: true),
            TrendPoint(period: "W4", value: 55, n: 3, insufficient: true),
            TrendPoint(period: "W5", value: 70, n: 40, insufficient: false),
        ]
        let svg = Sparkline.svg(points: points, unit: .percent, target: 65, colour: "#1a7f37")
        #expect(count("<polyline", in: svg) == 2)  // W1–W2, then W4–W5
        #expect(svg.contains("class=\"spark-target\""))
        #expect(svg.contains("stroke=\"#9aa1ab\""))  // hollow dot for the thin week
        #expect(svg.contains("W3: —"))
        let empty = Sparkline.svg(points: [], unit: .percent, target: nil, colour: "#000")
        #expect(empty.contains("spark-empty"))
        let flat = Sparkline.svg(points: [TrendPoint(period: "W1", value: 5, n: 40, insufficient: false)], unit: .count,
                                 target: nil, colour: "#000")
        #expect(flat.contains("<circle") && !flat.contains("nan"))
    }

    @Test func escapingFunction() {
        #expect(HTMLEscaping.escape(#"<a href="x">'&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }
}
