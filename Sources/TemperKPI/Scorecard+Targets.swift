extension Scorecard {
    /// Re-judges every value (and matching trend point) against `config`.
    ///
    /// Separate from building so it can run after `Scorecard.merge`, when values from a survey tool
    /// and from Temper sit side by side and one targets file governs them all.
    public func applyingTargets(_ config: TargetsConfig) -> Scorecard {
        var card = self
        for g in card.groups.indices {
            let dimensions = card.groups[g].dimensions
            for v in card.groups[g].values.indices {
                let kpi = card.groups[g].values[v].kpi
                card.groups[g].values[v].apply(applied(config.target(for: kpi, dimensions: dimensions), kpi: kpi))
            }
            for t in card.groups[g].trends.indices {
                let kpi = card.groups[g].trends[t].kpi
                let target = config.target(for: kpi, dimensions: dimensions)
                let judged = target.flatMap { ($0.period == nil || $0.period == period) ? applied($0, kpi: kpi) : nil }
                for p in card.groups[g].trends[t].points.indices {
                    card.groups[g].trends[t].points[p].judge(against: judged)
                }
            }
        }
        return card
    }

    private func applied(_ target: KPITarget?, kpi: String) -> AppliedTarget? {
        guard let target else { return nil }
        return AppliedTarget(value: target.value, direction: target.direction ?? definition(of: kpi)?.direction ?? .higherIsBetter,
                             warning: target.warning, period: target.period, owner: target.owner,
                             statistic: target.statistic, scope: target.scopeDescription)
    }
}

extension TrendPoint {
    mutating func judge(against target: AppliedTarget?) {
        guard let target else {
            status = nil
            return
        }
        status = target.verdict(for: measured(by: target.statistic), insufficient: insufficient)
    }
}
