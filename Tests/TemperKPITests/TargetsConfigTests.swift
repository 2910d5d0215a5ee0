import Foundation
import Testing
@testable import TemperKPI

@Suite struct TargetsConfigTests {
    func yaml(_ text: String) throws -> TargetsConfig {
        try TargetsConfig.parse(Data(text.utf8), format: .yaml, file: "targets.yaml")
    }

    func yamlError(_ text: String) -> TargetsConfigError? {
        do {
            _ = try TargetsConfig.parse(Data(text.utf8), format: .yaml, file: "targets.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesTheDocumentedExample() throws {
        let config = try yaml("""
        version: 1
        targets:
          - kpi: csat
            target: 85
            period: month
            owner: Dana Reyes (Support Ops)
            warning: 5
          - kpi: first_response_time
            target: 1h
            statistic: median
            warning: 15m
            team: billing
          - kpi: volume
            target: 500
            direction: lower_is_better
          - kpi: approval_rate
            target: "90%"
            owner: no
        """)
        #expect(config.targets.count == 4)
        #expect(config.targets[0] == KPITarget(kpi: "csat", value: 85, period: .month, owner: "Dana Reyes (Support Ops)", warning: 5))
        #expect(config.targets[1] == KPITarget(kpi: "first_response_time", value: 3600, warning: 900, statistic: .median,
                                               scope: GroupKey(team: "billing")))
        #expect(config.targets[2].direction == .lowerIsBetter)
        #expect(config.targets[3].value == 90 && config.targets[3].owner == "no")
    }

    @Test func jsonIsAcceptedToo() throws {
        let json = #"{"targets":[{"kpi":"nps","target":30,"warning":5,"channel":"chat","owner":"Sam"}]}"#
        let config = try TargetsConfig.parse(Data(json.utf8), format: .json, file: "targets.json")
        #expect(config.targets == [KPITarget(kpi: "nps", value: 30, owner: "Sam", warning: 5, scope: GroupKey(channel: "chat"))])
    }

    @Test(arguments: [
        ("targets: []\nextra: 1", "targets.yaml:2: extra: unknown key (expected 'targets' or 'version')"),
        ("- kpi: csat", "targets.yaml:1: expected a mapping with a 'targets' list at the top level"),
        ("version: 1", "targets.yaml:1: targets: missing required key"),
        ("targets: csat", "targets.yaml:1: targets: expected a list, got text"),
        ("targets:\n  - csat", "targets.yaml:2: targets[0]: expected a mapping, got text"),
        ("targets:\n  - target: 5", "targets.yaml:2: targets[0].kpi: missing required key"),
        ("targets:\n  - kpi: csatt\n    target: 5", "targets.yaml:2: targets[0].kpi: unknown KPI 'csatt' (known: approval_rate,"),
        ("targets:\n  - kpi: csat", "targets.yaml:2: targets[0].target: missing required key"),
        ("targets:\n  - kpi: csat\n    target: high", "targets.yaml:3: targets[0].target: expected a number, got 'high'"),
        ("targets:\n  - kpi: csat\n    target: 120", "targets[0].target: 120 is outside the KPI's range 0…100 (percent)"),
        ("targets:\n  - kpi: nps\n    target: -101", "targets[0].target: -101 is outside the KPI's range -100…100 (points)"),
        ("targets:\n  - kpi: csat\n    target: 80\n    warning: -2", "targets.yaml:4: targets[0].warning: must not be negative"),
        ("targets:\n  - kpi: csat\n    target: 80\n    direction: up", "targets[0].direction: expected one of higher_is_better, lower_is_better, got 'up'"),
        ("targets:\n  - kpi: csat\n    target: 80\n    period: day", "targets[0].period: expected one of week, month, quarter, got 'day'"),
        ("targets:\n  - kpi: csat\n    target: 80\n    statistic: p90", "targets[0].statistic: only duration KPIs"),
        ("targets:\n  - kpi: handle_time\n    target: 10x", "expected seconds or a duration such as 90s"),
        ("targets:\n  - kpi: csat\n    target: 80\n    team: ''", "targets[0].team: expected non-empty text"),
        ("targets:\n  - kpi: csat\n    target: 80\n    warnign: 5", "targets.yaml:4: targets[0].warnign: unknown key (allowed: kpi, target,"),
        ("targets:\n  - {kpi: csat, target: 80, team: a}\n  - {kpi: csat, target: 90, team: a}",
         "targets.yaml:3: targets[1]: duplicates targets[0] (same kpi 'csat' and scope team=a)"),
        ("targets: [", "targets.yaml"),
        ("version: 2\ntargets: []", "targets.yaml:1: version: unsupported version (expected 1)"),
        ("targets:\n  - kpi: csat\n    target: 80\n    owner: [a]", "targets[0].owner: expected non-empty text, got a list"),
    ])
    func validationErrorsNameFileLineAndKeyPath(text: String, expected: String) {
        let error = yamlError(text)
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    /// YAML syntax errors read like every other: file:line, then "at column N" counted in bytes
    /// from the line's start (libYAML counts characters and prints a multi-line snippet).
    @Test func yamlSyntaxErrorsGiveLineAndByteColumn() {
        let error = yamlError("targets:\n  - kpi: \"é\" x\n")
        #expect(error?.line == 2, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("targets.yaml:2: invalid YAML: ") == true, "\(String(describing: error))")
        #expect(error?.description.hasSuffix(" at column 15") == true, "\(String(describing: error))")
        #expect(error?.description.contains("\n") == false)
    }

    @Test func jsonTypeErrors() {
        let json = #"{"targets":[{"kpi":"csat","target":true}]}"#
        #expect(throws: TargetsConfigError(file: "t.json", line: 1, keyPath: "targets[0].target", message: "expected a number, got a boolean")) {
            try TargetsConfig.parse(Data(json.utf8), format: .json, file: "t.json")
        }
        #expect(throws: TargetsConfigError(file: "t.json", line: 1, message: "invalid JSON: expected a string key or '}', found end of input at column 2")) {
            try TargetsConfig.parse(Data("{".utf8), format: .json, file: "t.json")
        }
    }

    /// JSON targets point at lines as YAML ones do: each value carries the line it starts on.
    @Test(arguments: [
        ("{\n  \"targets\": [\n    {\"kpi\": \"csat\",\n     \"target\": \"high\"}\n  ]\n}",
         "t.json:4: targets[0].target: expected a number, got 'high'"),
        ("{\n  \"targets\": [\n    {\"kpi\": \"csat\", \"target\": 80},\n    {\"target\": 5}\n  ]\n}",
         "t.json:4: targets[1].kpi: missing required key"),
        ("{\n  \"targets\": [],\n  \"extra\": 1\n}", "t.json:3: extra: unknown key"),
        ("{\n  \"targets\": [],\n  \"targets\": []\n}", "t.json:3: duplicate key 'targets'"),
        ("{\n  \"targets\": [\n    {\"kpi\": \"csat\" \"target\": 80}\n  ]\n}",
         "t.json:3: invalid JSON: expected ',' or '}' after object member, found '\"'"),
        ("{\n  \"targets\": [\n", "t.json:3: invalid JSON: expected a JSON value, found end of input"),
    ])
    func jsonErrorsNameTheLine(json: String, expected: String) {
        do {
            _ = try TargetsConfig.parse(Data(json.utf8), format: .json, file: "t.json")
            Issue.record("accepted \(json)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error)")
        }
    }

    @Test func jsonKeepsTheFilesKeyOrder() throws {
        let json = #"{"targets":[{"target":30,"kpi":"nps"},{"kpi":"csat","target":80,"team":"a"}],"version":1}"#
        let config = try TargetsConfig.parse(Data(json.utf8), format: .json, file: "t.json")
        #expect(config.targets.map(\.kpi) == ["nps", "csat"])
    }

    @Test func loadChoosesFormatByExtension() throws {
        let dir = FileManager.default.temporaryDirectory
        let url = dir.appendingPathComponent("targets-\(UUID().uuidString).yml")
        try Data("targets:\n  - kpi: fcr\n    target: 70%\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try TargetsConfig.load(path: url.path).targets.first?.value == 70)
        #expect(throws: TargetsConfigError(file: "targets.txt", message: "unsupported file extension (use .yaml, .yml or .json)")) {
            try TargetsConfig.load(path: "targets.txt")
        }
        #expect(throws: TargetsConfigError.self) { try TargetsConfig.load(path: "/nonexistent/targets.yaml") }
    }

    @Test func mostSpecificTargetWins() throws {
        let config = try yaml("""
        targets:
          - {kpi: csat, target: 80}
          - {kpi: csat, target: 85, team: billing}
          - {kpi: csat, target: 90, channel: chat}
          - {kpi: csat, target: 95, team: billing, channel: chat}
        """)
        #expect(config.target(for: "csat", dimensions: [:])?.value == 80)
        #expect(config.target(for: "csat", dimensions: ["team": "billing"])?.value == 85)
        #expect(config.target(for: "csat", dimensions: ["team": "tech", "channel": "chat"])?.value == 90)
        #expect(config.target(for: "csat", dimensions: ["team": "billing", "channel": "chat"])?.value == 95)
        #expect(config.target(for: "csat", dimensions: ["team": "billing", "channel": "email"])?.value == 85)
        #expect(config.target(for: "nps", dimensions: [:]) == nil)
    }

    @Test func equalSpecificityPrefersTheEarlierTarget() {
        let config = TargetsConfig(targets: [
            KPITarget(kpi: "csat", value: 85, scope: GroupKey(team: "billing")),
            KPITarget(kpi: "csat", value: 90, scope: GroupKey(channel: "chat")),
        ])
        #expect(config.target(for: "csat", dimensions: ["team": "billing", "channel": "chat"])?.value == 85)
    }

    @Test(arguments: [
        (KPIDirection.higherIsBetter, 86.0, TargetStatus.met),
        (.higherIsBetter, 85, .met),
        (.higherIsBetter, 82, .atRisk),
        (.higherIsBetter, 80, .atRisk),
        (.higherIsBetter, 79.9, .missed),
        (.lowerIsBetter, 84, .met),
        (.lowerIsBetter, 85, .met),
        (.lowerIsBetter, 89, .atRisk),
        (.lowerIsBetter, 90.1, .missed),
    ])
    func statusLogic(direction: KPIDirection, measured: Double, expected: TargetStatus) {
        #expect(AppliedTarget(value: 85, direction: direction, warning: 5).status(for: measured) == expected)
    }

    @Test func noWarningBandMeansNoAtRisk() {
        let target = AppliedTarget(value: 85, direction: .higherIsBetter)
        #expect(target.status(for: 84.99) == .missed)
        #expect(target.verdict(for: nil, insufficient: false) == .insufficientData)
        #expect(target.verdict(for: 99, insufficient: true) == .insufficientData)
    }

    @Test func durationTargetsUseTheChosenStatistic() {
        var value = MetricValue(kpi: "first_response_time", value: 5000, n: 50, median: 3000, p90: 9000, insufficient: false, source: "t")
        value.apply(AppliedTarget(value: 3600, direction: .lowerIsBetter, statistic: .median))
        #expect(value.status == .met)
        value.apply(AppliedTarget(value: 3600, direction: .lowerIsBetter))
        #expect(value.status == .missed)
        value.apply(AppliedTarget(value: 3600, direction: .lowerIsBetter, warning: 6000, statistic: .p90))
        #expect(value.status == .atRisk)
        value.apply(nil)
        #expect(value.status == .noTarget && value.target == nil)
    }

    @Test func targetsOnlyJudgeTrendsOfTheirPeriod() {
        let point = TrendPoint(period: "2024-W10", value: 90, n: 40, insufficient: false)
        let group = ScorecardGroup(id: "all", title: "All", overall: true,
                                   values: [MetricValue(kpi: "csat", value: 90, n: 40, insufficient: false, source: "t")],
                                   trends: [KPITrend(kpi: "csat", source: "t", points: [point])])
        let card = Scorecard(title: "t", period: .week, minimumSample: 30, sources: ["t"], kpis: KPIDefinition.builtIn, groups: [group])
        let monthly = card.applyingTargets(TargetsConfig(targets: [KPITarget(kpi: "csat", value: 85, period: .month)]))
        #expect(monthly.groups[0].values[0].status == .met)
        #expect(monthly.groups[0].trends[0].points[0].status == nil)
        let weekly = card.applyingTargets(TargetsConfig(targets: [KPITarget(kpi: "csat", value: 95, period: .week)]))
        #expect(weekly.groups[0].trends[0].points[0].status == .missed)
    }
}
