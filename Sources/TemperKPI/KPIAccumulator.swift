/// Successes out of known cases for one yes/no fact (escalated, abandoned…).
///
/// Conversations where the fact is unknown are left out of the denominator, so a source that does
/// not record escalations yields "no data" instead of a misleading 0 %.
struct RateCount: Codable, Sendable, Equatable {
    private(set) var hits = 0
    private(set) var total = 0

    init() {}

    init(hits: Int, total: Int) {
        self.hits = hits
        self.total = total
    }

    mutating func record(_ hit: Bool?) {
        guard let hit else { return }
        total += 1
        if hit { hits += 1 }
    }

    mutating func record(hit: Bool) {
        record(Optional(hit))
    }

    mutating func merge(_ other: RateCount) {
        hits += other.hits
        total += other.total
    }

    init(from decoder: Decoder) throws {
        var c = try decoder.unkeyedContainer()
        hits = try c.decode(Int.self)
        total = try c.decode(Int.self)
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(hits)
        try c.encode(total)
    }
}

/// Exact sum plus histogram of one duration fact.
struct DurationStat: Codable, Sendable, Equatable {
    private(set) var sum = ExactSum()
    private(set) var histogram = LogHistogram()

    init() {}

    var count: Int { histogram.total }
    var mean: Double? { count > 0 ? sum.value / Double(count) : nil }

    mutating func add(_ seconds: Double?) {
        guard let seconds else { return }
        sum.add(seconds)
        histogram.add(seconds)
    }

    mutating func merge(_ other: DurationStat) {
        sum.merge(other.sum)
        histogram.merge(other.histogram)
    }
}

/// Everything needed to compute every built-in KPI for one group and period — and nothing that
/// grows with the number of conversations: counts, exact fixed-point sums and bounded histograms.
///
/// All state is integral, so `merge` is exact, associative and commutative: accumulating shards
/// separately and merging gives bit-for-bit the same state as one pass over all facts.
struct KPIAccumulator: Codable, Sendable, Equatable {
    private(set) var conversations = 0
    private(set) var positive = 0
    private(set) var neutral = 0
    private(set) var negative = 0
    private(set) var sentiment = MomentSum()
    private(set) var riskFlagged = RateCount()
    private(set) var escalated = RateCount()
    private(set) var firstContactResolved = RateCount()
    private(set) var abandoned = RateCount()
    /// hits = answers of 4–5, total = all 1–5 answers.
    private(set) var csatSatisfied = RateCount()
    private(set) var npsResponses = 0
    private(set) var promoters = 0
    private(set) var detractors = 0
    private(set) var effort = MomentSum()
    private(set) var firstResponse = DurationStat()
    private(set) var resolution = DurationStat()
    /// `ended_at − started_at`, for facts that carry both.
    private(set) var duration = DurationStat()
    private(set) var handle = DurationStat()
    private(set) var cost = ExactSum()
    private(set) var costedContacts = 0
    private(set) var costedConversations = 0
    /// Feedback drivers; nil until a fact carries them, so partials without drivers keep their bytes.
    private(set) var drivers: DriverTally?

    init() {}

    mutating func add(_ f: ConversationFacts) {
        conversations += 1
        switch f.sentimentLabel {
        case .positive?: positive += 1
        case .neutral?: neutral += 1
        case .negative?: negative += 1
        case nil: break
        }
        if let s = f.sentimentMean { sentiment.add(s) }
        riskFlagged.record(f.flagged)
        escalated.record(f.escalated)
        firstContactResolved.record(Self.firstContactResolution(f))
        abandoned.record(f.abandoned)
        if let csat = f.csat { csatSatisfied.record(hit: csat >= 4) }
        if let nps = f.nps {
            npsResponses += 1
            if nps >= 9 { promoters += 1 } else if nps <= 6 { detractors += 1 }
        }
        if let ces = f.ces { effort.add(ces) }
        firstResponse.add(f.firstResponseSeconds)
        resolution.add(f.resolutionSeconds)
        duration.add(f.durationSeconds)
        handle.add(f.handleSeconds)
        if let c = f.cost {
            cost.add(c)
            costedContacts += f.contacts ?? 1
            costedConversations += 1
        }
        if f.drivers != nil {
            if drivers == nil { drivers = DriverTally() }
            drivers!.add(f)
        }
    }

    /// FCR as given, or derived when both the outcome and the contact count are known: resolved
    /// in exactly one contact. An unresolved conversation without a contact count stays unknown:
    /// counting it as a failure while resolved ones without a count are left out would bias FCR
    /// towards 0 % for any source that does not record contacts.
    static func firstContactResolution(_ f: ConversationFacts) -> Bool? {
        if let given = f.firstContactResolved { return given }
        guard let resolved = f.resolved, let contacts = f.contacts else { return nil }
        return resolved && contacts == 1
    }

    mutating func merge(_ o: KPIAccumulator) {
        conversations += o.conversations
        positive += o.positive
        neutral += o.neutral
        negative += o.negative
        sentiment.merge(o.sentiment)
        riskFlagged.merge(o.riskFlagged)
        escalated.merge(o.escalated)
        firstContactResolved.merge(o.firstContactResolved)
        abandoned.merge(o.abandoned)
        csatSatisfied.merge(o.csatSatisfied)
        npsResponses += o.npsResponses
        promoters += o.promoters
        detractors += o.detractors
        effort.merge(o.effort)
        firstResponse.merge(o.firstResponse)
        resolution.merge(o.resolution)
        duration.merge(o.duration)
        handle.merge(o.handle)
        cost.merge(o.cost)
        costedContacts += o.costedContacts
        costedConversations += o.costedConversations
        if let other = o.drivers {
            if drivers == nil { drivers = DriverTally() }
            drivers!.merge(other)
        }
    }

    func merging(_ other: KPIAccumulator) -> KPIAccumulator {
        var copy = self
        copy.merge(other)
        return copy
    }
}
