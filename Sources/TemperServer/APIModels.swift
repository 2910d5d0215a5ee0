import TemperIO
import TemperReview
import TemperStore

// The JSON API's bodies. Times are ISO-8601 UTC strings; fields with no value are left out.

struct APIQueuePage: Encodable {
    struct Row: Encodable {
        var id: String
        var risk: Double
        var level: String
        var flagged: Bool
        var channel: String?
        var agent: String?
        var team: String?
        var startedAt: String?
        var label: String?
        var compound: Double?
        var reasons: [String]
        var reviewCount: Int
        var latestVerdict: Verdict?
    }
    var rows: [Row]
    var total: Int
    var order: String
    /// A sample's seed, as a string: it may not fit a JSON number's exact range.
    var seed: String?
    /// The cursor for the next page (`after=`), absent on the last page.
    var next: String?
    /// The next page's address, absent on the last page.
    var nextURL: String?

    init(_ page: QueuePage, query: QueueParameters) {
        rows = page.rows.map {
            Row(id: $0.id, risk: $0.risk, level: $0.level, flagged: $0.flagged, channel: $0.channel, agent: $0.agent, team: $0.team,
                startedAt: $0.startedAt.map(ISO8601.format), label: $0.label, compound: $0.compound,
                reasons: $0.reasonCodes, reviewCount: $0.reviewCount, latestVerdict: $0.latestVerdict)
        }
        total = page.total
        order = query.seed == nil ? "risk" : "sample"
        seed = query.seed.map(String.init)
        next = page.next
        nextURL = page.next.map { "/api/queue?" + query.queryString(after: $0) }
    }
}

struct APIFacets: Encodable {
    var teams, agents, channels, reasons, drivers: [String]
    var levels = QueueParameters.levels

    init(_ facets: QueueFacets) {
        teams = facets.teams; agents = facets.agents; channels = facets.channels
        reasons = facets.reasons; drivers = facets.drivers
    }
}

struct APIConversation: Encodable {
    struct Message: Encodable {
        var index: Int
        var role: String
        var text: String
        var at: String?
        var label: String?
        var compound: Double?
    }
    struct Reason: Encodable {
        var code: String
        var message: Int
        var evidence: String
        var start: Int
        var end: Int
        var detail: String?
    }
    var id: String
    var channel, agent, team, customer: String?
    var startedAt: String?
    var risk: Double
    var level: String
    var flagged: Bool
    var label: String?
    var compound: Double?
    var reasons: [Reason]
    var drivers: [String]
    var messages: [Message]
    var trajectory: [Double]
    var ingestedAt: String

    init(_ c: StoredConversation) {
        id = c.id; channel = c.channel; agent = c.agent; team = c.team; customer = c.customer
        startedAt = c.startedAt.map(ISO8601.format)
        risk = c.risk; level = c.level; flagged = c.flagged; label = c.label; compound = c.compound
        reasons = c.reasons.map { Reason(code: $0.code, message: $0.message, evidence: $0.evidence, start: $0.start, end: $0.end, detail: $0.detail) }
        drivers = c.drivers
        messages = c.messages.map { Message(index: $0.index, role: $0.role, text: $0.text, at: $0.at.map(ISO8601.format), label: $0.label, compound: $0.compound) }
        trajectory = c.trajectory
        ingestedAt = ISO8601.format(c.ingestedAt)
    }
}

struct APIReview: Encodable {
    var id: Int64
    var conversation: String
    var reviewer: String
    var verdict: Verdict
    var scores: [String: Int]
    var score: Double?
    var note: String
    var session: Int64?
    var revises: Int64?
    var createdAt: String

    init(_ r: Review) {
        id = r.id; conversation = r.conversationID; reviewer = r.reviewer; verdict = r.verdict; scores = r.scores
        score = r.score; note = r.note; session = r.sessionID; revises = r.revises; createdAt = ISO8601.format(r.createdAt)
    }
}

struct APIReviews: Encodable {
    /// The latest revision of each review.
    var current: [APIReview]
    /// Every revision, oldest first: the audit trail.
    var history: [APIReview]
}

struct APISession: Encodable {
    struct Progress: Encodable {
        var reviewer: String
        var reviewed: Int
        var of: Int
    }
    struct Report: Encodable {
        struct Dimension: Encodable {
            var id, label: String
            var kappa: Double?
            var method: String
            var items: Int
        }
        struct Disagreement: Encodable {
            var conversation: String
            var dimension: String
            var values: [String: String]
        }
        var reviewers: [String]
        var dimensions: [Dimension]
        var disagreements: [Disagreement]
    }
    var id: Int64
    var name: String
    var conversations: [String]
    var reviewers: [String]
    var createdAt: String
    var progress: [Progress]?
    var complete: Bool?
    var report: Report?
    /// Why `report` is absent.
    var reportHidden: String?

    init(_ s: CalibrationSession) {
        id = s.id; name = s.name; conversations = s.conversationIDs; reviewers = s.reviewers; createdAt = ISO8601.format(s.createdAt)
    }

    init(_ s: CalibrationSession, visibility: CalibrationVisibility, report: CalibrationReport?, viewer: String?) {
        self.init(s)
        progress = s.reviewers.map { Progress(reviewer: $0, reviewed: visibility.reviewed(by: $0), of: s.conversationIDs.count) }
        complete = visibility.isComplete
        if let report {
            self.report = Report(
                reviewers: report.reviewers,
                dimensions: report.dimensions.map { .init(id: $0.id, label: $0.label, kappa: $0.kappa, method: $0.method, items: $0.items) },
                disagreements: report.disagreements.map { .init(conversation: $0.item, dimension: $0.dimension, values: $0.values) })
        } else {
            reportHidden = "blind review: the report opens when every reviewer has reviewed every conversation, "
                + "or with reviewer=NAME for a reviewer who has reviewed all of theirs"
        }
    }
}

struct APIRubric: Encodable {
    struct Category: Encodable {
        var id, label: String
        var description: String?
        var scale: [Int]
        var weight: Double
        var critical: Bool
    }
    var name: String
    var categories: [Category]
    var verdicts = Verdict.allCases

    init(_ rubric: Rubric) {
        name = rubric.name
        categories = rubric.categories.map {
            Category(id: $0.id, label: $0.label, description: $0.description, scale: $0.scale, weight: $0.weight, critical: $0.critical)
        }
    }
}

struct APICSRF: Encodable {
    var token: String
    var header = "X-CSRF-Token"
}
