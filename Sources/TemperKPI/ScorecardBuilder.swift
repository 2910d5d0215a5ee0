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
    public var targets: TargetsConfig?
    public var generatedAt: Date?

    public init(title: String = "Support scorecard", source: String = "temper", minimumSample: Int = 30,
                kpis: [KPIDefinition] = KPIDefinition.builtIn, maxTrendPeriods: Int = 12, includeOverall: Bool = true,
                targets: TargetsConfig? = nil, generatedAt: Date? = nil) {
        self.title = title
        self.source = source
        self.minimumSample = minimumSample
        self.kpis = kpis
        self.maxTrendPeriods = maxTrendPeriods
        self.includeOverall = includeOverall
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
        if !spec.dimensions.isEmpty {
            for key in byGroup.keys.sorted() {
                groups.append(evaluate(key.id(dimensions: spec.dimensions), key.title(dimensions: spec.dimensions), false,
                                       key.dimensionValues(spec.dimensions), byGroup[key]!))
            }
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
