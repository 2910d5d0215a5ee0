/// Turns a config tree into `KPITarget`s, or explains precisely what is wrong.
struct TargetsValidator {
    let file: String
    let kpis: [KPIDefinition]

    private static let targetKeys = ["kpi", "target", "direction", "period", "owner", "warning", "statistic"]
        + GroupDimension.allCases.map(\.rawValue)

    private func fail(_ node: ConfigNode?, _ path: String, _ message: String) -> TargetsConfigError {
        TargetsConfigError(file: file, line: node?.line, keyPath: path, message: message)
    }

    func config(from root: ConfigNode?) throws(TargetsConfigError) -> TargetsConfig {
        guard let root, case let .map(pairs) = root.kind else {
            throw fail(root, "", "expected a mapping with a 'targets' list at the top level")
        }
        var list: ConfigNode?
        for (key, value) in pairs {
            switch key {
            case "targets": list = value
            case "version":
                guard case let .number(version) = value.kind, version == 1 else {
                    throw fail(value, "version", "unsupported version (expected 1)")
                }
            default: throw fail(value, key, "unknown key (expected 'targets' or 'version')")
            }
        }
        guard let list else { throw fail(root, "targets", "missing required key") }
        guard case let .list(items) = list.kind else { throw fail(list, "targets", "expected a list, got \(list.typeName)") }

        var targets: [KPITarget] = []
        for (index, item) in items.enumerated() {
            let path = "targets[\(index)]"
            let target = try self.target(item, path: path)
            if let earlier = targets.firstIndex(where: { $0.kpi == target.kpi && $0.scope == target.scope }) {
                throw fail(item, path, "duplicates targets[\(earlier)] (same kpi '\(target.kpi)' and scope \(target.scopeDescription))")
            }
            targets.append(target)
        }
        return TargetsConfig(targets: targets)
    }

    private func target(_ node: ConfigNode, path: String) throws(TargetsConfigError) -> KPITarget {
        guard case let .map(pairs) = node.kind else { throw fail(node, path, "expected a mapping, got \(node.typeName)") }
        var fields: [String: ConfigNode] = [:]
        for (key, value) in pairs {
            guard Self.targetKeys.contains(key) else {
                throw fail(value, "\(path).\(key)", "unknown key (allowed: \(Self.targetKeys.joined(separator: ", ")))")
            }
            fields[key] = value
        }
        guard let kpiNode = fields["kpi"] else { throw fail(node, "\(path).kpi", "missing required key") }
        guard let kpiID = kpiNode.text, !kpiID.isEmpty else { throw fail(kpiNode, "\(path).kpi", "expected a KPI id") }
        guard let kpi = kpis.first(where: { $0.id == kpiID }) else {
            throw fail(kpiNode, "\(path).kpi", "unknown KPI '\(kpiID)' (known: \(kpis.map(\.id).joined(separator: ", ")))")
        }
        guard let valueNode = fields["target"] else { throw fail(node, "\(path).target", "missing required key") }

        var target = KPITarget(kpi: kpi.id, value: try quantity(valueNode, "\(path).target", kpi))
        if let range = kpi.valueRange, !range.contains(target.value) {
            throw fail(valueNode, "\(path).target", "\(Self.format(target.value)) is outside the KPI's range "
                       + "\(Self.format(range.lowerBound))…\(Self.format(range.upperBound)) (\(kpi.unit.rawValue))")
        }
        if let n = present(fields["warning"]) {
            target.warning = try quantity(n, "\(path).warning", kpi)
            guard target.warning >= 0 else { throw fail(n, "\(path).warning", "must not be negative") }
        }
        if let n = present(fields["direction"]) {
            target.direction = try choice(n, "\(path).direction", KPIDirection.allCases.map(\.rawValue)).flatMap(KPIDirection.init)
        }
        if let n = present(fields["period"]) {
            target.period = try choice(n, "\(path).period", ["week", "month", "quarter"]).flatMap(PeriodGranularity.init)
        }
        if let n = present(fields["statistic"]) {
            guard kpi.isDuration else {
                let durations = kpis.filter(\.isDuration).map(\.id).joined(separator: ", ")
                throw fail(n, "\(path).statistic", "only duration KPIs (\(durations)) take a statistic")
            }
            target.statistic = try choice(n, "\(path).statistic", DurationStatistic.allCases.map(\.rawValue)).flatMap(DurationStatistic.init)
        }
        if let n = present(fields["owner"]) { target.owner = try text(n, "\(path).owner") }
        for dimension in GroupDimension.allCases {
            guard let n = present(fields[dimension.rawValue]) else { continue }
            let value = try text(n, "\(path).\(dimension.rawValue)")
            switch dimension {
            case .agent: target.scope.agent = value
            case .team: target.scope.team = value
            case .channel: target.scope.channel = value
            case .segment: target.scope.segment = value
            }
        }
        return target
    }

    /// `nil` for absent keys and explicit nulls, which mean "not set".
    private func present(_ node: ConfigNode?) -> ConfigNode? {
        guard let node else { return nil }
        if case .null = node.kind { return nil }
        return node
    }

    private func text(_ node: ConfigNode, _ path: String) throws(TargetsConfigError) -> String {
        guard let text = node.text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(node, path, "expected non-empty text, got \(node.typeName)")
        }
        return text
    }

    private func choice(_ node: ConfigNode, _ path: String, _ options: [String]) throws(TargetsConfigError) -> String? {
        guard let text = node.text, options.contains(text) else {
            let got = node.text.map { "'\($0)'" } ?? node.typeName
            throw fail(node, path, "expected one of \(options.joined(separator: ", ")), got \(got)")
        }
        return text
    }

    /// A number in the KPI's unit; text forms allowed: `85%` for percentages and points, and
    /// durations like `90s`, `30m`, `1.5h`, `2d` for time KPIs.
    private func quantity(_ node: ConfigNode, _ path: String, _ kpi: KPIDefinition) throws(TargetsConfigError) -> Double {
        if case let .number(value) = node.kind { return value }
        guard case let .string(raw) = node.kind else { throw fail(node, path, "expected a number, got \(node.typeName)") }
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        switch kpi.unit {
        case .percent, .points:
            if text.hasSuffix("%"), let value = Double(text.dropLast().trimmingCharacters(in: .whitespaces)) { return value }
        case .seconds:
            if let value = Self.duration(text) { return value }
            throw fail(node, path, "expected seconds or a duration such as 90s, 30m, 1.5h or 2d, got '\(raw)'")
        default:
            break
        }
        throw fail(node, path, "expected a number, got '\(raw)'")
    }

    static func duration(_ text: String) -> Double? {
        let units: [(suffix: String, seconds: Double)] = [
            ("min", 60), ("sec", 1), ("hr", 3600), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400),
        ]
        for (suffix, seconds) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if let value = Double(number), value.isFinite { return value * seconds }
        }
        return nil
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

extension KPIDefinition {
    /// Values a target for this KPI can sensibly take, `nil` if unbounded.
    var valueRange: ClosedRange<Double>? {
        switch (BuiltInKPI(rawValue: id), unit) {
        case (.meanSentiment?, _): return -1...1
        case (.ces?, _): return 1...7
        case (_, .percent): return 0...100
        case (_, .points): return -100...100
        case (_, .seconds), (_, .count), (_, .currency): return 0...Double.greatestFiniteMagnitude
        case (_, .score): return nil
        }
    }
}
