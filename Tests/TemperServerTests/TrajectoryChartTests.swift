@testable import TemperStore
import Testing
@testable import TemperServer

@Suite("Sentiment trajectory sparkline")
struct TrajectoryChartTests {
    @Test("One dot per scored customer message, +1 at the top and −1 at the bottom, labelled")
    func dots() {
        let messages = [
            StoredMessage(index: 0, role: "customer", text: "great", label: "positive", compound: 1),
            StoredMessage(index: 1, role: "agent", text: "ok", label: "neutral", compound: 0.2),
            StoredMessage(index: 2, role: "customer", text: "meh", label: "neutral", compound: 0),
            StoredMessage(index: 3, role: "customer", text: "awful", label: "negative", compound: -1),
            StoredMessage(index: 4, role: "customer", text: "unscored"),
        ]
        let chart = TrajectoryChart(messages: messages)
        #expect(chart.dots.count == 3)
        #expect(chart.dots.map(\.y) == ["5", "28", "51"])
        #expect(chart.dots.map(\.x) == ["5", "160", "315"])
        #expect(chart.dots.map(\.tone) == ["pos", "neu", "neg"])
        #expect(chart.dots.map(\.anchor) == ["m0", "m2", "m3"])
        #expect(chart.dots[2].title == "Message 4: negative −1.00")
        #expect(chart.points == "5,5 160,28 315,51")
        #expect(chart.zeroY == "28")
        #expect(!chart.isEmpty)
        #expect(chart.summary == "Customer sentiment over 3 messages: +1.00, 0.00, −1.00")
    }

    @Test("No scored customer message: an empty chart that says so")
    func empty() {
        let chart = TrajectoryChart(messages: [StoredMessage(index: 0, role: "agent", text: "hi", compound: 0.5)])
        #expect(chart.isEmpty)
        #expect(chart.summary == "No scored customer messages")
    }
}
