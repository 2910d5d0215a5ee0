import TemperStore

/// The customer-sentiment trajectory as the numbers of an inline SVG sparkline: one point per
/// scored customer message, compound −1…1 from bottom to top, a zero line, and a dot per
/// message coloured (and titled) by its label. Only numbers and labels come out of here; the
/// template writes the SVG.
struct TrajectoryChart: Sendable, Equatable {
    struct Dot: Sendable, Equatable {
        var x: String
        var y: String
        var tone: String
        var title: String
        var anchor: String
    }

    static let width = 320.0
    static let height = 56.0
    static let padding = 5.0

    var width: Int { Int(Self.width) }
    var height: Int { Int(Self.height) }
    var points: String
    var dots: [Dot]
    var zeroY: String
    var summary: String
    var isEmpty: Bool { dots.isEmpty }

    init(messages: [StoredMessage]) {
        let scored = messages.filter { $0.role == "customer" && $0.compound != nil }
        let step = scored.count > 1 ? (Self.width - 2 * Self.padding) / Double(scored.count - 1) : 0
        func x(_ i: Int) -> Double { scored.count > 1 ? Self.padding + Double(i) * step : Self.width / 2 }
        func y(_ v: Double) -> Double { Self.padding + (1 - min(max(v, -1), 1)) / 2 * (Self.height - 2 * Self.padding) }

        dots = scored.enumerated().map { i, message in
            let value = message.compound!
            return Dot(x: Self.number(x(i)), y: Self.number(y(value)), tone: Tone.cssClass(message.label),
                       title: "Message \(message.index + 1): " + (message.label.map { "\($0) " } ?? "") + Self.signed(value),
                       anchor: "m\(message.index)")
        }
        points = scored.indices.map { "\(Self.number(x($0))),\(Self.number(y(scored[$0].compound!)))" }.joined(separator: " ")
        zeroY = Self.number(y(0))
        summary = scored.isEmpty
            ? "No scored customer messages"
            : "Customer sentiment over \(scored.count) message\(scored.count == 1 ? "" : "s"): "
                + scored.map { Self.signed($0.compound!) }.joined(separator: ", ")
    }

    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }

    static func signed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths > 0 ? "+" : hundredths < 0 ? "−" : ""
        let magnitude = abs(hundredths)
        return sign + "\(magnitude / 100)." + (magnitude % 100 < 10 ? "0" : "") + "\(magnitude % 100)"
    }
}

/// Sentiment labels as the pages show them: a CSS class whose colour always comes with the
/// label's text, so colour is never the only signal.
enum Tone {
    static func cssClass(_ label: String?) -> String {
        switch label {
        case "negative": "neg"
        case "positive": "pos"
        case "neutral": "neu"
        default: "none"
        }
    }
}
