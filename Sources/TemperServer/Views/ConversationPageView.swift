import TemperReview
import TemperStore
import TemperText

/// Who is looking at a conversation: anyone (every review made outside calibration sessions is
/// shown), or one reviewer inside a calibration session (blind: only their own reviews there).
enum ReviewMode: Equatable {
    case open
    case blind(session: CalibrationSession, reviewer: String)

    var sessionID: Int64? {
        if case .blind(let session, _) = self { return session.id }
        return nil
    }

    var reviewer: String? {
        if case .blind(_, let reviewer) = self { return reviewer }
        return nil
    }
}

/// What the conversation page shows: messages with evidence marked in place, reasons, drivers,
/// the trajectory, the review form and the review history.
struct ConversationPageView {
    struct Message {
        var anchor: String
        var number: Int
        var role: String
        var roleClass: String
        var time: String?
        /// `negative −0.62`; nil for messages not scored (agents, the system).
        var sentiment: String?
        var tone: String
        var runs: [EvidenceHighlighter.Run]
        var hasEvidence: Bool
    }

    struct Reason {
        var code: String
        var detail: String?
        var evidence: String
        var href: String
        var message: Int
    }

    struct Category {
        var id: String
        var name: String
        var label: String
        var description: String?
        var critical: Bool
        var weight: String
        var choices: [Choice]
    }

    struct ReviewEntry {
        var id: Int64
        var reviewer: String
        var verdict: String
        var verdictClass: String
        var score: String?
        var scores: [ScoreEntry]
        var note: String?
        var time: String?
        var revises: Int64?
        var inSession: Int64?
        var current: Bool
        var editHref: String?
    }

    struct ScoreEntry {
        var label: String
        var points: String
    }

    struct SessionBanner {
        var name: String
        var reviewer: String
        var href: String
        var position: String
        var previousHref: String?
        var nextHref: String?
    }

    var pageTitle: String
    var csrfToken: String
    var id: String
    var risk: String
    var level: String
    var flagged: Bool
    var facts: [HiddenField]
    var sentiment: String?
    var tone: String
    var messages: [Message]
    var reasons: [Reason]
    var hasReasons: Bool
    /// Some message shows text the scores left out (the page explains the grey text once).
    var hasAsides: Bool
    var drivers: [String]
    var hasDrivers: Bool
    var trajectory: TrajectoryChart
    var session: SessionBanner?
    var hasHiddenSessionReviews: Bool
    var formAction: String
    var reviewer: String
    var reviewerFixed: Bool
    var verdicts: [Choice]
    var rubricName: String
    var categories: [Category]
    var note: String
    var sessionID: Int64?
    var revises: Int64?
    var submitLabel: String
    var cancelEditHref: String?
    /// In the open view, the remembered reviewer's own current review: the store keeps one per
    /// reviewer, so a second one is an edit of it.
    var ownReview: ReviewEntry?
    var history: [ReviewEntry]
    var hasHistory: Bool
    var historyTitle: String

    /// - Parameters:
    ///   - history: every revision `mode` may see, oldest first.
    ///   - current: the latest revision of each of those reviews, for "edit" links.
    ///   - hidSessionReviews: calibration reviews were left out (the open view says so).
    ///   - editing: a current review the form starts from (its revision is saved as an edit).
    init(conversation: StoredConversation, rubric: Rubric, mode: ReviewMode, history: [Review], current: [Review],
         hidSessionReviews: Bool = false, editing: Review?, reviewerName: String?, csrfToken: String) {
        id = conversation.id
        pageTitle = conversation.id
        self.csrfToken = csrfToken
        risk = Display.fixed2(conversation.risk)
        level = conversation.level
        flagged = conversation.flagged
        var facts: [HiddenField] = []
        if let channel = conversation.channel { facts.append(.init(name: "Channel", value: channel)) }
        if let team = conversation.team { facts.append(.init(name: "Team", value: team)) }
        if let agent = conversation.agent { facts.append(.init(name: "Agent", value: agent)) }
        if let customer = conversation.customer { facts.append(.init(name: "Customer", value: customer)) }
        if let started = Display.time(conversation.startedAt) { facts.append(.init(name: "Started", value: started + " UTC")) }
        facts.append(.init(name: "Messages", value: String(conversation.messages.count)))
        self.facts = facts
        sentiment = Self.sentiment(conversation.label, conversation.compound)
        tone = Tone.cssClass(conversation.label)

        let reasonsByMessage = Dictionary(grouping: conversation.reasons, by: \.message)
        let segments = Self.anatomy(of: conversation.messages)
        var previousTime = conversation.startedAt
        messages = zip(conversation.messages, segments).map { message, segments in
            defer { if message.at != nil { previousTime = message.at } }
            let runs = EvidenceHighlighter.runs(message.text, reasons: reasonsByMessage[message.index] ?? [], segments: segments)
            return Message(anchor: "m\(message.index)", number: message.index + 1, role: Display.role(message.role),
                           roleClass: "role-" + (["customer", "agent", "bot", "system"].contains(message.role) ? message.role : "other"),
                           time: Display.clock(message.at, previous: previousTime), sentiment: Self.sentiment(message.label, message.compound),
                           tone: Tone.cssClass(message.label), runs: runs,
                           hasEvidence: runs.contains(where: \.marked))
        }
        reasons = conversation.reasons.map {
            Reason(code: Display.code($0.code), detail: $0.detail, evidence: $0.evidence, href: "#m\($0.message)", message: $0.message + 1)
        }
        hasReasons = !reasons.isEmpty
        hasAsides = messages.contains { $0.runs.contains(where: \.isAside) }
        drivers = conversation.drivers
        hasDrivers = !drivers.isEmpty
        trajectory = TrajectoryChart(messages: conversation.messages)

        hasHiddenSessionReviews = hidSessionReviews
        switch mode {
        case .open:
            session = nil
            historyTitle = "Reviews"
        case .blind(let calibration, let reviewerName):
            let ids = calibration.conversationIDs
            let position = ids.firstIndex(of: conversation.id) ?? 0
            session = SessionBanner(
                name: calibration.name, reviewer: reviewerName, href: Links.session(calibration.id, reviewer: reviewerName),
                position: "\(position + 1) of \(ids.count)",
                previousHref: position > 0 ? Links.conversation(ids[position - 1], session: calibration.id, reviewer: reviewerName) : nil,
                nextHref: position + 1 < ids.count ? Links.conversation(ids[position + 1], session: calibration.id, reviewer: reviewerName) : nil)
            historyTitle = "Your reviews in this session"
        }
        let currentIDs = Set(current.map(\.id))
        let labels = Dictionary(rubric.categories.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        self.history = history.reversed().map { review in
            let isCurrent = currentIDs.contains(review.id)
            return ReviewEntry(
                id: review.id, reviewer: review.reviewer, verdict: Display.verdict(review.verdict),
                verdictClass: Display.verdictClass(review.verdict), score: review.score.map { String(Int($0.rounded())) },
                scores: rubric.categories.compactMap { category in
                    review.scores[category.id].map { ScoreEntry(label: category.label, points: "\($0)/\(category.scale.last ?? 0)") }
                } + review.scores.keys.filter { labels[$0] == nil }.sorted().map { ScoreEntry(label: $0, points: String(review.scores[$0]!)) },
                note: review.note.isEmpty ? nil : review.note, time: Display.time(review.createdAt),
                revises: review.revises, inSession: review.sessionID, current: isCurrent,
                editHref: isCurrent ? Self.editLink(conversation.id, review: review.id, mode: mode) : nil)
        }
        hasHistory = !self.history.isEmpty
        ownReview = editing == nil && mode == .open
            ? self.history.first { $0.current && $0.reviewer == reviewerName } : nil

        formAction = Links.reviews(conversation.id)
        reviewer = mode.reviewer ?? editing?.reviewer ?? reviewerName ?? ""
        reviewerFixed = mode.reviewer != nil || editing != nil
        verdicts = Verdict.allCases.map { Choice(value: $0.rawValue, label: Display.verdict($0), selected: editing?.verdict == $0) }
        rubricName = rubric.name
        categories = rubric.categories.map { category in
            let given = editing?.scores[category.id]
            return Category(
                id: category.id, name: "score." + category.id, label: category.label, description: category.description,
                critical: category.critical, weight: Display.trimmed(category.weight),
                choices: [Choice(value: "", label: "—", selected: given == nil)]
                    + category.scale.map { Choice(value: String($0), label: String($0), selected: $0 == given) })
        }
        note = editing?.note ?? ""
        sessionID = mode.sessionID
        revises = editing?.id
        submitLabel = editing == nil ? "Submit review" : "Save revision of #\(editing!.id)"
        cancelEditHref = editing == nil ? nil : Self.pageLink(conversation.id, mode: mode) + "#review"
    }

    /// Each message's segments as the scores saw them: a customer message's anatomy (what
    /// `ingest` scored is its body), and in agent and bot messages the lines the agent repeats
    /// from message to message (`AgentMacros`) — their greetings and sign-offs are not marked,
    /// because nothing of an agent's text is scored as the customer's feeling anyway.
    static func anatomy(of messages: [StoredMessage]) -> [[MessageSegment]] {
        var result = [[MessageSegment]](repeating: [], count: messages.count)
        var anatomy = MessageAnatomy()
        let agentIndices = messages.indices.filter { ["agent", "bot"].contains(messages[$0].role) }
        let agentSegments = AgentMacros.segments(of: agentIndices.map { messages[$0].text })
        for (index, segments) in zip(agentIndices, agentSegments) {
            result[index] = segments.filter { $0.kind == .macro }
        }
        for index in messages.indices where messages[index].role == "customer" {
            result[index] = anatomy.segments(of: messages[index].text)
        }
        return result
    }

    static func sentiment(_ label: String?, _ compound: Double?) -> String? {
        switch (label, compound) {
        case let (label?, compound?): label + " " + Display.signed2(compound)
        case let (label?, nil): label
        case let (nil, compound?): Display.signed2(compound)
        case (nil, nil): nil
        }
    }

    static func pageLink(_ id: String, mode: ReviewMode) -> String {
        switch mode {
        case .open: Links.conversation(id)
        case .blind(let session, let reviewer): Links.conversation(id, session: session.id, reviewer: reviewer)
        }
    }

    static func editLink(_ id: String, review: Int64, mode: ReviewMode) -> String {
        let page = pageLink(id, mode: mode)
        return page + (page.contains("?") ? "&" : "?") + "edit=\(review)#review"
    }
}

extension Display {
    /// `2`, `1.5`: a weight without trailing zeros.
    static func trimmed(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
