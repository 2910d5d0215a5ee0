import Foundation

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

    public init(title: String = "Support scorecard", source: String = "temper", minimumSample: Int = 30,
                kpis: [KPIDefinition] = KPIDefinition.builtIn, maxTrendPeriods: Int = 12, includeOverall: Bool = true,
                rollups: Bool = false, targets: TargetsConfig? = nil, generatedAt: Date? = nil) {
        self.title = title
        self.source = source
        self.minimumSample = minimumSample
        self.kpis = kpis
        self.maxTrendPeriods = maxTrendPeriods
        self.includeOverall = includeOverall
        self.rollups = rollups
        self.targets = targets
        self.generatedAt = generatedAt
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
        let dated = cells.keys.compactMap(\.period)
        let range = dated.min().map { $0...dated.max()! }
        let trendRange = range.map { max($0.lowerBound, $0.upperBound - max(1, options.maxTrendPeriods) + 1)...$0.upperBound }

        let evaluate = { (id: String, title: String, overall: Bool, dims: [String: String], cells: GroupCells) in
            self.makeGroup(id: id, title: title, overall: overall, dimensions: dims, cells: cells,
                           range: range, trendRange: trendRange, options: options)
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
            dimensions: spec.dimensions.map(\.rawValue),
            minimumSample: options.minimumSample,
            sources: [options.source],
            input: InputSummary(conversations: conversations, undated: undated, skippedLines: skippedLines),
            kpis: options.kpis,
            groups: groups)
        if let targets = options.targets { card = card.applyingTargets(targets) }
        return card
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
                           range: ClosedRange<Int>?, trendRange: ClosedRange<Int>?,
                           options: ScorecardOptions) -> ScorecardGroup {
        var pooled: RetentionCounts?
        if spec.trackCustomers {
            pooled = RetentionCounts()
            if let range, range.count > 1 {
                for period in (range.lowerBound + 1)...range.upperBound { pooled!.add(cells.retention(into: period)) }
            }
        }
        let total = cells.total
        let values = options.kpis.map {
            total.metric($0, retention: pooled, minimumSample: options.minimumSample, source: options.source)
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
        return ScorecardGroup(id: id, title: title, overall: overall, dimensions: dimensions, values: values,
                              trends: trends, topFlagged: cells.flagged.items)
    }
}
