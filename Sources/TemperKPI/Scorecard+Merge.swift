/// Why scorecards could not be combined.
public enum ScorecardMergeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two sources report different values for the same KPI and group.
    case conflict(group: String, kpi: String, sources: [String], values: [Double?])
    /// The scorecards describe incompatible periods or time zones.
    case incompatible(String)
    case nothingToMerge

    public var description: String {
        switch self {
        case let .conflict(group, kpi, sources, values):
            let pairs = zip(sources, values).map { "\($0): \($1.map { "\($0)" } ?? "none")" }.joined(separator: ", ")
            return "conflicting values for '\(kpi)' in group '\(group)' (\(pairs)); pass preferring: one of those sources"
        case let .incompatible(detail):
            return "cannot merge scorecards: \(detail)"
        case .nothingToMerge:
            return "no scorecards to merge"
        }
    }
}

extension Scorecard {
    /// Combines scorecards from several sources (e.g. CSAT from a survey tool, approval rate from
    /// Temper) into one, keeping each value's `source`.
    ///
    /// Groups are matched by `id`, values by KPI id. When several scorecards carry the same KPI for
    /// the same group:
    /// - identical values (same value and `n`) are kept once, from the first scorecard;
    /// - different values are an error, unless `preferring` names the source of one of them, which
    ///   then wins. Conflicts never resolve silently, because a manager would not know which number
    ///   they are looking at.
    ///
    /// The KPI's trend goes with the chosen value. Top flagged conversations are combined (by id,
    /// first wins) and re-ranked, keeping as many as the longest input list. Periods must agree in
    /// length, time zone and reported period where both scorecards state them (a tool's document
    /// without a reported period covers its whole range, and merges with any). The title,
    /// generation time and input summary come from the first scorecard; the minimum sample is the
    /// largest given, while each value keeps the sufficiency its source decided.
    public static func merge(_ cards: [Scorecard], preferring: String? = nil) throws(ScorecardMergeError) -> Scorecard {
        guard var merged = cards.first else { throw .nothingToMerge }
        for card in cards.dropFirst() {
            try checkCompatible(merged, card)
            merged.period = merged.period ?? card.period
            merged.timeZone = merged.timeZone ?? card.timeZone
            merged.periods = Array(Set(merged.periods).union(card.periods)).sorted()
            // Labels of one period length sort chronologically as text.
            merged.firstPeriod = [merged.firstPeriod, card.firstPeriod].compactMap { $0 }.min()
            merged.lastPeriod = [merged.lastPeriod, card.lastPeriod].compactMap { $0 }.max()
            merged.reportingPeriod = merged.reportingPeriod ?? card.reportingPeriod
            for dimension in card.dimensions where !merged.dimensions.contains(dimension) { merged.dimensions.append(dimension) }
            merged.minimumSample = max(merged.minimumSample, card.minimumSample)
            for source in card.sources where !merged.sources.contains(source) { merged.sources.append(source) }
            for kpi in card.kpis where !merged.kpis.contains(where: { $0.id == kpi.id }) { merged.kpis.append(kpi) }
            for group in card.groups {
                if let index = merged.groups.firstIndex(where: { $0.id == group.id }) {
                    merged.groups[index] = try mergeGroup(merged.groups[index], group, preferring: preferring)
                } else {
                    merged.groups.append(group)
                }
            }
        }
        let order = Dictionary(merged.kpis.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for g in merged.groups.indices {
            merged.groups[g].values.sort { order[$0.kpi, default: .max] < order[$1.kpi, default: .max] }
            merged.groups[g].trends.sort { order[$0.kpi, default: .max] < order[$1.kpi, default: .max] }
        }
        return merged
    }

    private static func checkCompatible(_ a: Scorecard, _ b: Scorecard) throws(ScorecardMergeError) {
        if let x = a.period, let y = b.period, x != y {
            throw .incompatible("periods differ (\(x.rawValue) vs \(y.rawValue))")
        }
        if let x = a.timeZone, let y = b.timeZone, x != y {
            throw .incompatible("time zones differ (\(x) vs \(y))")
        }
        if let x = a.reportingPeriod, let y = b.reportingPeriod, x != y {
            throw .incompatible("they report different periods (\(x) vs \(y))")
        }
    }

    private static func mergeGroup(_ a: ScorecardGroup, _ b: ScorecardGroup,
                                   preferring: String?) throws(ScorecardMergeError) -> ScorecardGroup {
        var group = a
        for (key, value) in b.dimensions where group.dimensions[key] == nil { group.dimensions[key] = value }
        for value in b.values {
            guard let index = group.values.firstIndex(where: { $0.kpi == value.kpi }) else {
                group.values.append(value)
                if let trend = b.trend(of: value.kpi) { group.trends.append(trend) }
                continue
            }
            let existing = group.values[index]
            if existing.value == value.value && existing.n == value.n { continue }
            // A preference can only separate two different sources.
            let winner = existing.source == value.source ? nil : [existing, value].first { $0.source == preferring }
            guard let winner else {
                throw .conflict(group: a.id, kpi: value.kpi, sources: [existing.source, value.source],
                                values: [existing.value, value.value])
            }
            guard winner == value else { continue }
            group.values[index] = value
            group.trends.removeAll { $0.kpi == value.kpi }
            if let trend = b.trend(of: value.kpi) { group.trends.append(trend) }
        }
        // Trends whose value is absent on both sides still travel along.
        for trend in b.trends where group.trend(of: trend.kpi) == nil && group.value(of: trend.kpi) == nil {
            group.trends.append(trend)
        }
        var flagged = TopFlagged(limit: max(a.topFlagged.count, b.topFlagged.count))
        var seen = Set<String>()
        for item in a.topFlagged + b.topFlagged where seen.insert(item.id).inserted {
            flagged.offer(item, risk: item.risk)
        }
        group.topFlagged = flagged.items
        // Drivers come from one source (the one that detected them): the first that has them.
        if group.drivers == nil { group.drivers = b.drivers }
        return group
    }
}
