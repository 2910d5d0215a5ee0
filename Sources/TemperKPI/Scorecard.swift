/// The scorecard document: what a support manager reads, and what other tools exchange.
///
/// Serialised as JSON with `"schema": "temper.scorecard/v1"`; the JSON Schema is published next to
/// this file as `scorecard.schema.json`. Values in one scorecard may come from several sources
/// (see `Scorecard.merge`), so each carries its own `source`.
public struct Scorecard: Codable, Sendable, Equatable {
    public static let schemaIdentifier = "temper.scorecard/v1"

    public var schema: String
    public var title: String
    /// ISO-8601 time of generation; optional so tests and reproducible builds can leave it out.
    public var generatedAt: String?
    public var period: PeriodGranularity?
    public var timeZone: String?
    /// Labels of the periods the trends cover, oldest first.
    public var periods: [String]
    /// The first and last period holding dated conversations: the span of the data, which the
    /// trend window (`periods`) may cut short. Absent when no conversation had a timestamp.
    public var firstPeriod: String?
    public var lastPeriod: String?
    /// The one period the group values cover (a monthly scorecard's month); absent when they
    /// cover all the data, undated conversations included.
    public var reportingPeriod: String?
    /// Dimensions groups are broken down by (`agent`, `team`, `channel`, `segment`).
    public var dimensions: [String]
    public var minimumSample: Int
    /// Every source that contributed a value.
    public var sources: [String]
    public var input: InputSummary?
    /// Definitions of the KPIs the values refer to, in display order.
    public var kpis: [KPIDefinition]
    public var groups: [ScorecardGroup]

    public init(title: String, generatedAt: String? = nil, period: PeriodGranularity? = nil, timeZone: String? = nil,
                periods: [String] = [], firstPeriod: String? = nil, lastPeriod: String? = nil,
                reportingPeriod: String? = nil, dimensions: [String] = [], minimumSample: Int, sources: [String],
                input: InputSummary? = nil, kpis: [KPIDefinition], groups: [ScorecardGroup]) {
        self.schema = Self.schemaIdentifier
        self.title = title
        self.generatedAt = generatedAt
        self.period = period
        self.timeZone = timeZone
        self.periods = periods
        self.firstPeriod = firstPeriod
        self.lastPeriod = lastPeriod
        self.reportingPeriod = reportingPeriod
        self.dimensions = dimensions
        self.minimumSample = minimumSample
        self.sources = sources
        self.input = input
        self.kpis = kpis
        self.groups = groups
    }

    enum CodingKeys: String, CodingKey {
        case schema, title, period, periods, dimensions, sources, input, kpis, groups
        case generatedAt = "generated_at"
        case timeZone = "time_zone"
        case minimumSample = "minimum_sample"
        case firstPeriod = "first_period"
        case lastPeriod = "last_period"
        case reportingPeriod = "reporting_period"
    }

    public func definition(of kpi: String) -> KPIDefinition? {
        kpis.first { $0.id == kpi } ?? KPIDefinition.builtIn(id: kpi)
    }
}

/// How much input stood behind a scorecard.
public struct InputSummary: Codable, Sendable, Equatable {
    public var conversations: Int
    /// Conversations without timestamps: in totals, not in trends.
    public var undated: Int
    /// Input lines rejected as invalid (in skip-invalid mode).
    public var skippedLines: Int

    public init(conversations: Int, undated: Int = 0, skippedLines: Int = 0) {
        self.conversations = conversations
        self.undated = undated
        self.skippedLines = skippedLines
    }

    enum CodingKeys: String, CodingKey {
        case conversations, undated
        case skippedLines = "skipped_lines"
    }
}

/// One row of the breakdown: a team, an agent on a channel, or everything.
public struct ScorecardGroup: Codable, Sendable, Equatable {
    /// Stable id for matching across scorecards, e.g. `team=billing` or `all`.
    public var id: String
    public var title: String
    /// True for the total over all groups.
    public var overall: Bool
    /// Known dimension values of the group; a grouped dimension missing here was unknown in the data.
    public var dimensions: [String: String]
    public var values: [MetricValue]
    public var trends: [KPITrend]
    public var topFlagged: [FlaggedConversation]
    /// Negative feedback drivers in the reported period (absent when no fact carried drivers).
    public var drivers: [DriverRow]?

    public init(id: String, title: String, overall: Bool = false, dimensions: [String: String] = [:],
                values: [MetricValue], trends: [KPITrend] = [], topFlagged: [FlaggedConversation] = [],
                drivers: [DriverRow]? = nil) {
        self.drivers = drivers
        self.id = id
        self.title = title
        self.overall = overall
        self.dimensions = dimensions
        self.values = values
        self.trends = trends
        self.topFlagged = topFlagged
    }

    enum CodingKeys: String, CodingKey {
        case id, title, overall, dimensions, values, trends, drivers
        case topFlagged = "top_flagged"
    }

    public func value(of kpi: String) -> MetricValue? {
        values.first { $0.kpi == kpi }
    }

    public func trend(of kpi: String) -> KPITrend? {
        trends.first { $0.kpi == kpi }
    }
}

/// One KPI over consecutive periods, oldest first; periods without data are present with `n = 0`.
public struct KPITrend: Codable, Sendable, Equatable {
    public var kpi: String
    public var source: String
    public var points: [TrendPoint]

    public init(kpi: String, source: String, points: [TrendPoint]) {
        self.kpi = kpi
        self.source = source
        self.points = points
    }
}

/// One period of a KPI trend.
public struct TrendPoint: Codable, Sendable, Equatable, TargetMeasurable {
    /// Period label, e.g. `2024-W10`.
    public var period: String
    public var value: Double?
    public var n: Int
    /// Duration KPIs only.
    public var median: Double?
    public var p90: Double?
    public var insufficient: Bool
    /// Set when a target applies to this period length (see `TargetsConfig`).
    public var status: TargetStatus?

    public init(period: String, value: Double?, n: Int, median: Double? = nil, p90: Double? = nil,
                insufficient: Bool, status: TargetStatus? = nil) {
        self.period = period
        self.value = value
        self.n = n
        self.median = median
        self.p90 = p90
        self.insufficient = insufficient
        self.status = status
    }

    init(period: String, _ value: MetricValue) {
        self.init(period: period, value: value.value, n: value.n, median: value.median, p90: value.p90,
                  insufficient: value.insufficient)
    }
}
