import Foundation

/// Which period the headline values of a scorecard cover. A monthly scorecard reports one month
/// against its targets, with the months before it as the trend; `all` pools every conversation.
public enum ReportingPeriod: Sendable, Equatable {
    /// The last period holding data (when no conversation has a timestamp: all of them).
    case latest
    /// Everything, undated conversations included.
    case all
    /// The period with this label (`2026-11`, `2026-W48`, `2026-Q4`, `2026-11-30`).
    case label(String)

    public init(argument: String) {
        switch argument.lowercased() {
        case "latest": self = .latest
        case "all": self = .all
        default: self = .label(argument)
        }
    }
}

/// Choices that shape a scorecard but not the aggregation, so one partial can feed many scorecards.
public struct ScorecardOptions: Sendable {
    public var title: String
    /// Provenance recorded on every value.
    public var source: String
    /// Values with fewer observations are marked insufficient instead of being judged.
    public var minimumSample: Int
    public var kpis: [KPIDefinition]
    /// How many of the most recent periods trends show.
    public var maxTrendPeriods: Int
    /// Add an "All conversations" group when grouping by dimensions.
    public var includeOverall: Bool
    /// When grouping by several dimensions, also add a group for every prefix of them: with
    /// `team, agent`, each team gets its own group (all its agents together) before its agents.
    public var rollups: Bool
    public var targets: TargetsConfig?
    public var generatedAt: Date?
    /// The period the headline values cover; trends end with it.
    public var reportingPeriod: ReportingPeriod

    public init(title: String = "Support scorecard", source: String = "temper", minimumSample: Int = 30,
                kpis: [KPIDefinition] = KPIDefinition.builtIn, maxTrendPeriods: Int = 12, includeOverall: Bool = true,
                rollups: Bool = false, targets: TargetsConfig? = nil, generatedAt: Date? = nil,
                reportingPeriod: ReportingPeriod = .latest) {
        self.title = title
        self.source = source
        self.minimumSample = minimumSample
        self.kpis = kpis
        self.maxTrendPeriods = maxTrendPeriods
        self.includeOverall = includeOverall
        self.rollups = rollups
        self.targets = targets
        self.generatedAt = generatedAt
        self.reportingPeriod = reportingPeriod
    }
}

/// A group's cells, gathered from the aggregation for evaluation.
private struct GroupCells {
    var undated = KPIAccumulator()
    var periods: [Int: AggregationCell] = [:]
    var flagged: TopFlagged

    mutating func add(_ cell: AggregationCell, period: Int?) {
        if let period {
            // Share the aggregation's storage (copy-on-write) unless two cells really need merging.
            if periods[period] == nil { periods[period] = cell } else { periods[period]!.merge(cell) }
        } else {
            undated.merge(cell.accumulator)
        }
    }

    mutating func merge(_ other: GroupCells) {
        undated.merge(other.undated)
        for (period, cell) in other.periods { add(cell, period: period) }
        flagged.merge(other.flagged)
    }

    var total: KPIAccumulator {
        periods.values.reduce(into: undated) { $0.merge($1.accumulator) }
    }

    /// Retention into `period` from the period before it.
    func retention(into period: Int) -> RetentionCounts {
        guard let previous = periods[period - 1]?.customers else { return RetentionCounts() }
        let retained = periods[period].map { previous.intersectionCount($0.customers) } ?? 0
        return RetentionCounts(retained: retained, base: previous.count)
    }
}

extension KPIAggregation {
    /// Evaluates every KPI for every group, with trends and flagged conversations.
    public func scorecard(_ options: ScorecardOptions = ScorecardOptions()) -> Scorecard {
        let limit = spec.topFlaggedLimit
        var byGroup: [GroupKey: GroupCells] = [:]
        for (key, cell) in cells {
            byGroup[key.group, default: GroupCells(flagged: flagged[key.group] ?? TopFlagged(limit: limit))]
                .add(cell, period: key.period)
        }
        let range = dataPeriods
        let headline = headlineIndex(options.reportingPeriod, range: range)
        let trendRange = range.map { range in
            let end = headline ?? range.upperBound
            return max(range.lowerBound, end - max(1, options.maxTrendPeriods) + 1)...end
        }

        let evaluate = { (id: String, title: String, overall: Bool, dims: [String: String], cells: GroupCells) in
            self.makeGroup(id: id, title: title, overall: overall, dimensions: dims, cells: cells,
                           range: range, headline: headline, trendRange: trendRange, options: options)
        }
        var groups: [ScorecardGroup] = []
        if spec.dimensions.isEmpty || options.includeOverall {
            var all = GroupCells(flagged: TopFlagged(limit: limit))
            for cells in byGroup.values { all.merge(cells) }
            groups.append(evaluate("all", "All conversations", true, [:], all))
        }
        for (key, depth, cells) in breakdown(byGroup, rollups: options.rollups, limit: limit) {
            let dimensions = Array(spec.dimensions.prefix(depth))
            groups.append(evaluate(key.id(dimensions: dimensions), key.title(dimensions: dimensions), false,
                                   key.dimensionValues(dimensions), cells))
        }

        var card = Scorecard(
            title: options.title,
            generatedAt: options.generatedAt.map(ISO8601Timestamp.format),
            period: spec.period,
            timeZone: spec.timeZone,
            periods: trendRange.map { $0.map(periodCalendar.label(of:)) } ?? [],
            firstPeriod: range.map { periodCalendar.label(of: $0.lowerBound) },
            lastPeriod: range.map { periodCalendar.label(of: $0.upperBound) },
            reportingPeriod: headline.map(periodCalendar.label(of:)),
            dimensions: spec.dimensions.map(\.rawValue),
            minimumSample: options.minimumSample,
            sources: [options.source],
            input: InputSummary(conversations: conversations, undated: undated, skippedLines: skippedLines),
            kpis: options.kpis,
            groups: groups)
        if let targets = options.targets { card = card.applyingTargets(targets) }
        return card
    }

    /// The first and last period holding dated conversations.
    var dataPeriods: ClosedRange<Int>? {
        let dated = cells.keys.compactMap(\.period)
        return dated.min().map { $0...dated.max()! }
    }

    /// The index of the period labelled `label` (`2026-w48` reads as `2026-W48`), among the
    /// periods with data.
    func periodIndex(label: String) -> Int? {
        let wanted = label.uppercased()
        return dataPeriods?.first { periodCalendar.label(of: $0) == wanted }
    }

    /// Why `reporting` cannot be reported on this data, or `nil` when it can.
    public func problem(reporting: ReportingPeriod) -> String? {
        guard case let .label(label) = reporting, periodIndex(label: label) == nil else { return nil }
        let noun = spec.period.rawValue
        guard let range = dataPeriods else { return "no \(noun) '\(label)': no conversation has a timestamp" }
        return "no \(noun) '\(label)' in the data, which covers \(periodCalendar.label(of: range.lowerBound)) "
            + "to \(periodCalendar.label(of: range.upperBound)) by \(noun)"
    }

    /// The period index the headline covers, `nil` for all the data. Without dated data there is no
    /// latest period, so the headline falls back to everything rather than to nothing; an unknown
    /// label (see `problem(reporting:)`) reports the last period.
    private func headlineIndex(_ reporting: ReportingPeriod, range: ClosedRange<Int>?) -> Int? {
        switch reporting {
        case .all: return nil
        case .latest: return range?.upperBound
        case let .label(label): return periodIndex(label: label) ?? range?.upperBound
        }
    }

    /// The groups below the overall one, each with how many of the spec's dimensions it keeps, in
    /// tree order of the spec's dimensions as given (`--by team,agent` lists a team, then its agents;
    /// unknown values first at each level).
    private func breakdown(_ byGroup: [GroupKey: GroupCells], rollups: Bool,
                           limit: Int) -> [(key: GroupKey, depth: Int, cells: GroupCells)] {
        let dimensions = spec.dimensions
        guard !dimensions.isEmpty else { return [] }
        var entries = byGroup.map { (key: $0.key, depth: dimensions.count, cells: $0.value) }
        if rollups {
            for depth in 1..<dimensions.count {
                let kept = Set(dimensions.prefix(depth))
                var rolled: [GroupKey: GroupCells] = [:]
                for (key, cells) in byGroup {
                    let prefix = GroupKey(agent: kept.contains(.agent) ? key.agent : nil,
                                          team: kept.contains(.team) ? key.team : nil,
                                          channel: kept.contains(.channel) ? key.channel : nil,
                                          segment: kept.contains(.segment) ? key.segment : nil)
                    rolled[prefix, default: GroupCells(flagged: TopFlagged(limit: limit))].merge(cells)
                }
                entries += rolled.map { (key: $0.key, depth: depth, cells: $0.value) }
            }
        }
        return entries.sorted { a, b in
            for (level, dimension) in dimensions.enumerated() {
                if level == a.depth || level == b.depth { return a.depth < b.depth }
                let x = a.key.value(of: dimension), y = b.key.value(of: dimension)
                if x == y { continue }
                guard let x else { return true }
                guard let y else { return false }
                return x < y
            }
            return false
        }
    }

    private func makeGroup(id: String, title: String, overall: Bool, dimensions: [String: String], cells: GroupCells,
                           range: ClosedRange<Int>?, headline: Int?, trendRange: ClosedRange<Int>?,
                           options: ScorecardOptions) -> ScorecardGroup {
        var retention: RetentionCounts?
        if spec.trackCustomers {
            if let headline {
                retention = cells.retention(into: headline)
            } else {
                retention = RetentionCounts()
                if let range, range.count > 1 {
                    for period in (range.lowerBound + 1)...range.upperBound { retention!.add(cells.retention(into: period)) }
                }
            }
        }
        let total = headline.map { cells.periods[$0]?.accumulator ?? KPIAccumulator() } ?? cells.total
        let values = options.kpis.map {
            total.metric($0, retention: retention, minimumSample: options.minimumSample, source: options.source)
        }
        var trends: [KPITrend] = []
        if let trendRange {
            let perPeriod = trendRange.map { period -> (String, [MetricValue]) in
                let accumulator = cells.periods[period]?.accumulator ?? KPIAccumulator()
                let retention = spec.trackCustomers ? cells.retention(into: period) : nil
                let values = options.kpis.map {
                    accumulator.metric($0, retention: retention, minimumSample: options.minimumSample, source: options.source)
                }
                return (periodCalendar.label(of: period), values)
            }
            trends = options.kpis.indices.map { k in
                KPITrend(kpi: options.kpis[k].id, source: options.source,
                         points: perPeriod.map { label, values in TrendPoint(period: label, values[k]) })
            }
        }
        // Drivers of the reported period against the one before (all data: no change).
        let previous = headline.map { cells.periods[$0 - 1]?.accumulator.drivers ?? DriverTally() }
        let drivers = DriverRow.rows(current: total.drivers, previous: previous, minimumSample: options.minimumSample)
        return ScorecardGroup(id: id, title: title, overall: overall, dimensions: dimensions, values: values,
                              trends: trends, topFlagged: cells.flagged.items, drivers: drivers)
    }
}
