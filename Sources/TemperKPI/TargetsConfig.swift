import Foundation

/// One SMART target: a KPI, a number, a direction, a period, an owner — optionally for one team,
/// agent, channel or segment.
struct KPITarget: Sendable, Equatable {
    var kpi: String
    var value: Double
    /// `nil` means the KPI's own direction.
    var direction: KPIDirection?
    /// The period length the target is written for; trend points are judged only when it matches
    /// the scorecard's period (or when it is not given).
    var period: PeriodGranularity?
    var owner: String?
    /// At-risk band on the wrong side of the target, in the KPI's unit (0 = no at-risk state).
    var warning: Double
    /// Duration KPIs: judge the mean (default), median or p90.
    var statistic: DurationStatistic?
    /// Dimension values the target is limited to; an empty key means every group.
    var scope: GroupKey

    init(kpi: String, value: Double, direction: KPIDirection? = nil, period: PeriodGranularity? = nil,
                owner: String? = nil, warning: Double = 0, statistic: DurationStatistic? = nil, scope: GroupKey = GroupKey()) {
        self.kpi = kpi
        self.value = value
        self.direction = direction
        self.period = period
        self.owner = owner
        self.warning = warning
        self.statistic = statistic
        self.scope = scope
    }

    var scopedDimensions: [GroupDimension] {
        GroupDimension.allCases.filter { scope.value(of: $0) != nil }
    }

    /// `team=billing`, or `all` when unscoped.
    var scopeDescription: String {
        scopedDimensions.isEmpty ? "all" : scope.id(dimensions: scopedDimensions)
    }

    func applies(to dimensions: [String: String]) -> Bool {
        scopedDimensions.allSatisfy { dimensions[$0.rawValue] == scope.value(of: $0) }
    }
}

/// A targets file: SMART targets per KPI, optionally per team/agent/channel/segment.
///
/// YAML (`.yaml`/`.yml`) or JSON (`.json`), chosen by extension:
/// ```yaml
/// version: 1                    # optional
/// targets:
///   - kpi: csat                 # required: a KPI id
///     target: 85                # required: number in the KPI's unit; "85%" also accepted
///     period: month             # optional: week | month | quarter
///     owner: Dana Reyes (Support Ops)
///     warning: 5                # optional: at-risk band, same unit; default 0
///   - kpi: first_response_time
///     target: 1h                # durations: seconds, or with s/m/min/h/d (e.g. 90s, 30m, 1.5h, 2d)
///     statistic: median         # duration KPIs only: mean (default) | median | p90
///     warning: 15m
///     team: billing             # scope: any of team, agent, channel, segment
///   - kpi: volume
///     target: 500
///     direction: lower_is_better  # optional: higher_is_better | lower_is_better (default: the KPI's)
/// ```
/// A value meets its target when it is on the right side of it (or equal), is at risk when on the
/// wrong side by at most `warning`, and is missed otherwise; values below the minimum sample get
/// `insufficient_data`. When several targets match a group, the most specific scope wins (most
/// dimensions), then the earliest in the file. Two targets for the same KPI and identical scope are
/// an error, as are unknown keys (typos would otherwise silently drop a target).
public struct TargetsConfig: Sendable, Equatable {
    var targets: [KPITarget]

    init(targets: [KPITarget]) {
        self.targets = targets
    }

    /// The target governing `kpi` for a group with these dimension values, if any.
    func target(for kpi: String, dimensions: [String: String]) -> KPITarget? {
        var best: KPITarget?
        for candidate in targets where candidate.kpi == kpi && candidate.applies(to: dimensions) {
            if best == nil || candidate.scopedDimensions.count > best!.scopedDimensions.count { best = candidate }
        }
        return best
    }

    /// Reads and validates a targets file.
    /// - Parameter kpis: KPIs targets may refer to (built-ins by default).
    public static func load(path: String, kpis: [KPIDefinition] = KPIDefinition.builtIn) throws(TargetsConfigError) -> TargetsConfig {
        guard let format = TargetsFormat(path: path) else {
            throw TargetsConfigError(file: path, message: "unsupported file extension (use .yaml, .yml or .json)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TargetsConfigError(file: path, message: "cannot read: \(error.localizedDescription)")
        }
        return try parse(data, format: format, file: path, kpis: kpis)
    }

    /// Validates a targets document; `file` is used in error messages.
    static func parse(_ data: Data, format: TargetsFormat, file: String,
                             kpis: [KPIDefinition] = KPIDefinition.builtIn) throws(TargetsConfigError) -> TargetsConfig {
        let root: ConfigNode?
        do {
            switch format {
            case .json:
                root = try ConfigNode.json(data)
            case .yaml:
                guard let text = String(data: data, encoding: .utf8) else {
                    throw ConfigSyntaxError(line: nil, message: "not UTF-8 text")
                }
                root = try ConfigNode.yaml(text)
            }
        } catch let error as ConfigSyntaxError {
            throw TargetsConfigError(file: file, line: error.line, message: error.message)
        } catch {
            throw TargetsConfigError(file: file, message: "invalid YAML: \(error)")  // JSON errors are ConfigSyntaxErrors
        }
        return try TargetsValidator(file: file, kpis: kpis).config(from: root)
    }
}

enum TargetsFormat: Sendable {
    case yaml, json

    init?(path: String) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "yaml", "yml": self = .yaml
        case "json": self = .json
        default: return nil
        }
    }
}

/// A targets-file problem, naming the file, the key path and (for YAML) the line.
public struct TargetsConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    /// E.g. `targets[2].warning`; empty for file-level problems.
    public var keyPath: String
    public var message: String

    init(file: String, line: Int? = nil, keyPath: String = "", message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }
}
