/// How a value compares with its target.
public enum TargetStatus: String, Codable, Sendable, CaseIterable {
    case met
    /// On the wrong side of the target but within the warning band.
    case atRisk = "at_risk"
    case missed
    /// Too few observations (below the minimum sample) or no value at all, so no verdict is given.
    case insufficientData = "insufficient_data"
    /// Enough data, but nobody set a target for this KPI and group.
    case noTarget = "no_target"
}

/// Which statistic of a duration KPI a target is judged on.
public enum DurationStatistic: String, Codable, Sendable, CaseIterable {
    case mean, median, p90
}

/// The target that was applied to a value, copied into the scorecard so it is self-explanatory.
public struct AppliedTarget: Codable, Sendable, Equatable {
    public var value: Double
    public var direction: KPIDirection
    /// Width of the at-risk band on the wrong side of `value`, in the KPI's unit.
    public var warning: Double
    public var period: PeriodGranularity?
    public var owner: String?
    /// For duration KPIs, the statistic compared with `value`; `nil` means the mean.
    public var statistic: DurationStatistic?
    /// The scope the target was written for, e.g. `team=billing`, or `all`.
    public var scope: String

    public init(value: Double, direction: KPIDirection, warning: Double = 0, period: PeriodGranularity? = nil,
                owner: String? = nil, statistic: DurationStatistic? = nil, scope: String = "all") {
        self.value = value
        self.direction = direction
        self.warning = warning
        self.period = period
        self.owner = owner
        self.statistic = statistic
        self.scope = scope
    }

    /// The verdict for `measured`. Meeting the target exactly counts as met.
    public func status(for measured: Double) -> TargetStatus {
        switch direction {
        case .higherIsBetter:
            if measured >= value { return .met }
            return measured >= value - warning ? .atRisk : .missed
        case .lowerIsBetter:
            if measured <= value { return .met }
            return measured <= value + warning ? .atRisk : .missed
        }
    }

    /// The status of a value that may be missing or too thin to judge.
    public func verdict(for measured: Double?, insufficient: Bool) -> TargetStatus {
        guard !insufficient, let measured else { return .insufficientData }
        return status(for: measured)
    }
}

/// Anything a target can judge: a headline value or a trend point.
protocol TargetMeasurable {
    var value: Double? { get }
    var median: Double? { get }
    var p90: Double? { get }
}

extension TargetMeasurable {
    /// The number a target is compared with: the value (the mean, for durations), or the
    /// statistic the target chose.
    func measured(by statistic: DurationStatistic?) -> Double? {
        switch statistic {
        case nil, .mean?: return value
        case .median?: return median
        case .p90?: return p90
        }
    }
}

/// One KPI for one group, with what is needed to trust it.
public struct MetricValue: Codable, Sendable, Equatable, TargetMeasurable {
    /// KPI id, e.g. `csat`.
    public var kpi: String
    /// In the KPI's unit; `nil` when undefined (e.g. approval rate with only neutral conversations).
    public var value: Double?
    /// Observations behind the value (survey answers for CSAT, customers at period start for retention…).
    public var n: Int
    /// 95 % interval in the KPI's unit, when one is meaningful.
    public var interval: ConfidenceInterval?
    /// Duration KPIs only: estimated from a 1 %-accurate histogram.
    public var median: Double?
    public var p90: Double?
    /// Below the minimum sample or undefined: show it, but do not judge it.
    public var insufficient: Bool
    public var status: TargetStatus
    public var target: AppliedTarget?
    /// Which tool or data set produced the value.
    public var source: String

    public init(kpi: String, value: Double?, n: Int, interval: ConfidenceInterval? = nil, median: Double? = nil,
                p90: Double? = nil, insufficient: Bool, status: TargetStatus? = nil, target: AppliedTarget? = nil,
                source: String) {
        self.kpi = kpi
        self.value = value
        self.n = n
        self.interval = interval
        self.median = median
        self.p90 = p90
        self.insufficient = insufficient
        self.status = status ?? (insufficient ? .insufficientData : .noTarget)
        self.target = target
        self.source = source
    }

    /// Sets `target` and recomputes `status`; `nil` removes any target.
    public mutating func apply(_ target: AppliedTarget?) {
        self.target = target
        if let target {
            status = target.verdict(for: measured(by: target.statistic), insufficient: insufficient)
        } else {
            status = insufficient ? .insufficientData : .noTarget
        }
    }
}
