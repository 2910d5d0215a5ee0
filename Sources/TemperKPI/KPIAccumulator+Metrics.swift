/// Customers active in consecutive periods, the raw material of the retention rate.
///
/// With S = customers active in the previous period, E = customers active in this period and
/// N = customers of E not active in the previous period ("new" to the active base), the rate
/// (E − N) ÷ S equals `retained ÷ base` with `retained = |S ∩ E|` and `base = |S|`. Summing both
/// over several consecutive period pairs pools them into one rate for a longer range.
struct RetentionCounts: Codable, Sendable, Equatable {
    var retained = 0
    var base = 0

    init(retained: Int = 0, base: Int = 0) {
        self.retained = retained
        self.base = base
    }

    mutating func add(_ other: RetentionCounts) {
        retained += other.retained
        base += other.base
    }
}

extension KPIAccumulator {
    /// Computes one KPI from the accumulated counts.
    ///
    /// Never produces NaN: a KPI whose denominator is zero has a `nil` value and is marked
    /// insufficient. `retention` is supplied by the caller because it needs customer identities
    /// across periods, which an accumulator deliberately does not hold. KPI ids that are not
    /// built in yield an empty, insufficient value.
    func metric(_ kpi: KPIDefinition, retention: RetentionCounts? = nil, minimumSample: Int,
                       source: String) -> MetricValue {
        var value = MetricValue(kpi: kpi.id, value: nil, n: 0, insufficient: true, source: source)
        guard let builtIn = BuiltInKPI(rawValue: kpi.id) else { return value }

        func rate(_ count: RateCount) {
            value.n = count.total
            guard count.total > 0 else { return }
            value.value = 100 * Double(count.hits) / Double(count.total)
            value.interval = Statistics.wilson(successes: count.hits, trials: count.total)?.scaled(by: 100)
        }
        func net(plus: Int, minus: Int, total: Int) {
            value.n = total
            guard total > 0 else { return }
            value.value = 100 * Double(plus - minus) / Double(total)
            value.interval = Statistics.ternary(plus: plus, minus: minus, total: total)?.scaled(by: 100)
        }
        func mean(_ moments: MomentSum, bounds: ClosedRange<Double>) {
            value.n = moments.count
            value.value = moments.mean
            value.interval = Statistics.mean(moments, bounds: bounds)
        }
        func duration(_ stat: DurationStat) {
            value.n = stat.count
            value.value = stat.mean
            value.median = stat.histogram.quantile(0.5)
            value.p90 = stat.histogram.quantile(0.9)
        }

        switch builtIn {
        case .approvalRate:
            rate(RateCount(hits: positive, total: positive + negative))
        case .netSentiment: net(plus: positive, minus: negative, total: positive + neutral + negative)
        case .meanSentiment: mean(sentiment, bounds: -1...1)
        case .escalationRiskRate: rate(riskFlagged)
        case .escalationRate: rate(escalated)
        case .csat: rate(csatSatisfied)
        case .nps: net(plus: promoters, minus: detractors, total: npsResponses)
        case .ces: mean(effort, bounds: 1...7)
        case .firstResponseTime: duration(firstResponse)
        case .resolutionTime: duration(resolution)
        case .conversationDuration: duration(self.duration)
        case .handleTime: duration(handle)
        case .fcr: rate(firstContactResolved)
        case .abandonmentRate: rate(abandoned)
        case .volume:
            value.n = conversations
            value.value = Double(conversations)
        case .retentionRate:
            rate(RateCount(hits: retention?.retained ?? 0, total: retention?.base ?? 0))
        case .costPerContact:
            value.n = costedConversations
            if costedContacts > 0 { value.value = cost.value / Double(costedContacts) }
        }
        // Volume is a count, not an estimate: it is never too small to report.
        value.insufficient = builtIn != .volume && (value.value == nil || value.n < minimumSample)
        value.status = value.insufficient ? .insufficientData : .noTarget
        return value
    }
}
