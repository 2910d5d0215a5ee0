/// A small inline SVG line chart of a KPI over periods, for the HTML scorecard.
///
/// Periods without a value break the line; values below the minimum sample are drawn as hollow
/// dots so a thin week does not look like a real dip; a dashed line marks the target.
enum Sparkline {
    static let width = 132.0
    static let height = 34.0
    static let padding = 4.0

    static func svg(points: [TrendPoint], unit: KPIUnit, target: Double?, colour: String) -> String {
        let described = points.map { "\($0.period): \(ValueFormatting.value($0.value, unit: unit))" }.joined(separator: ", ")
        let label = HTMLEscaping.escape("Trend — " + (points.isEmpty ? "no periods" : described))
        var svg = "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(label)\"><title>\(label)</title>"
        let values = points.compactMap(\.value)
        guard !values.isEmpty else {
            let y = number(height / 2)
            return svg + "<line x1=\"\(number(padding))\" y1=\"\(y)\" x2=\"\(number(width - padding))\" y2=\"\(y)\" class=\"spark-empty\"/></svg>"
        }
        var low = values.min()!, high = values.max()!
        if let target { low = min(low, target); high = max(high, target) }
        if high - low < 1e-9 { low -= 1; high += 1 }
        let step = points.count > 1 ? (width - 2 * padding) / Double(points.count - 1) : 0
        func x(_ i: Int) -> Double { points.count > 1 ? padding + Double(i) * step : width / 2 }
        func y(_ v: Double) -> Double { padding + (high - v) / (high - low) * (height - 2 * padding) }

        if let target {
            svg += "<line x1=\"\(number(padding))\" y1=\"\(number(y(target)))\" x2=\"\(number(width - padding))\" "
                + "y2=\"\(number(y(target)))\" class=\"spark-target\"/>"
        }
        var segment: [String] = []
        func flush() {
            if segment.count > 1 {
                svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.6\" stroke-linejoin=\"round\" "
                    + "stroke-linecap=\"round\" points=\"\(segment.joined(separator: " "))\"/>"
            }
            segment.removeAll()
        }
        for (i, point) in points.enumerated() {
            guard let v = point.value else { flush(); continue }
            segment.append("\(number(x(i))),\(number(y(v)))")
        }
        flush()
        for (i, point) in points.enumerated() {
            guard let v = point.value else { continue }
            let isLast = i == points.count - 1
            if point.insufficient {
                svg += "<circle cx=\"\(number(x(i)))\" cy=\"\(number(y(v)))\" r=\"2\" fill=\"#fff\" stroke=\"#9aa1ab\" stroke-width=\"1\"/>"
            } else if isLast || points.count == 1 {
                svg += "<circle cx=\"\(number(x(i)))\" cy=\"\(number(y(v)))\" r=\"2.6\" fill=\"\(colour)\"/>"
            }
        }
        return svg + "</svg>"
    }

    private static func number(_ value: Double) -> String {
        ValueFormatting.fixed(value, 1)
    }
}
