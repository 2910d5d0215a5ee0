import Mustache
import TemperReview
import Testing
@testable import TemperServer
@testable import TemperStore

/// Templates read views through `child(named:)`, not reflection: a stored property missing from
/// its switch would render as nothing, silently. Each view here is checked against its own
/// stored properties.
@Suite("Template values")
struct TemplateValuesTests {
    func expectComplete(_ value: some MustacheParent, sourceLocation: SourceLocation = #_sourceLocation) {
        let type = String(describing: Swift.type(of: value))
        var seen = 0
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            let mirror = Mirror(reflecting: child.value)
            let stored: Any? = mirror.displayStyle == .optional ? mirror.children.first?.value : child.value
            let named = value.child(named: label)
            #expect(named != nil || stored == nil, "\(type).\(label) is not readable by the templates", sourceLocation: sourceLocation)
            #expect(String(describing: named) == String(describing: stored), "\(type).\(label) reads as another value", sourceLocation: sourceLocation)
            seen += 1
        }
        #expect(seen > 0, sourceLocation: sourceLocation)
        #expect(value.child(named: "noSuchValue") == nil, sourceLocation: sourceLocation)
    }

    @Test("Queue page, its rows, menus and choices")
    func queue() throws {
        let row = QueueRow(id: "c1", risk: 0.9, level: "high", flagged: true, channel: "chat", agent: "A", team: "T", startedAt: 0, label: "negative",
                           compound: -0.5, reasonCodes: ["anger"], reviewCount: 1, latestVerdict: .confirmed)
        let view = QueuePageView(query: try QueueParameters(FormData(urlEncoded: "order=sample&seed=3&team=T")),
                                 page: QueuePage(rows: [row], next: "x", total: 1),
                                 facets: QueueFacets(teams: ["T"], agents: ["A"], channels: ["chat"], reasons: ["anger"], drivers: []),
                                 csrfToken: "t", isFirstPage: false)
        expectComplete(view)
        expectComplete(view.rows[0])
        expectComplete(view.menus[0])
        expectComplete(view.menus[0].choices[0])
        expectComplete(view.hiddenFilters[0])
    }

    @Test("Conversation page and everything in it")
    func conversation() throws {
        let review = Review(id: 1, conversationID: "c1", reviewer: "Ana", verdict: .confirmed, scores: ["empathy": 2], score: 50,
                            note: "n", sessionID: 3, revises: nil, createdAt: 0)
        let session = CalibrationSession(id: 3, name: "S", conversationIDs: ["c0", "c1", "c2"], reviewers: ["Ana", "Ben"], createdAt: 0)
        let view = ConversationPageView(conversation: Fixtures.conversation("c1"), rubric: Fixtures.rubric,
                                        mode: .blind(session: session, reviewer: "Ana"), history: [review], current: [review],
                                        editing: review, reviewerName: "Ana", csrfToken: "t")
        expectComplete(view)
        expectComplete(view.messages[2])
        expectComplete(view.messages[2].runs[1])
        expectComplete(view.reasons[0])
        expectComplete(view.categories[0])
        expectComplete(view.history[0])
        expectComplete(view.history[0].scores[0])
        expectComplete(try #require(view.session))
        expectComplete(view.trajectory)
        expectComplete(view.trajectory.dots[0])
    }

    @Test("Session pages, login and error pages")
    func sessions() throws {
        let session = CalibrationSession(id: 3, name: "S", conversationIDs: ["c1"], reviewers: ["Ana", "Ben"], createdAt: 0)
        let reviews = ["Ana", "Ben"].enumerated().map { i, reviewer in
            Review(id: Int64(i), conversationID: "c1", reviewer: reviewer, verdict: i == 0 ? .confirmed : .falseAlarm, scores: [:],
                   score: nil, note: "", sessionID: 3, revises: nil, createdAt: 0)
        }
        let visibility = CalibrationVisibility(session: session, reviews: reviews)
        let report = CalibrationReport(ratings: CalibrationVisibility.ratings(reviews, session: session), rubric: Fixtures.rubric)
        let view = SessionPageView(session: session, visibility: visibility, report: report, viewer: nil)
        expectComplete(view)
        expectComplete(view.reviewers[0])
        expectComplete(view.rows[0])
        expectComplete(view.rows[0].cells[0])
        expectComplete(view.dimensions[0])
        expectComplete(try #require(view.disagreements.first))
        let list = SessionsPageView(sessions: [session], csrfToken: "t")
        expectComplete(list)
        expectComplete(list.sessions[0])
        expectComplete(LoginPageView(csrfToken: "t", next: "/", failed: false))
        expectComplete(ErrorPageView(pageTitle: "x", status: 400, reason: "r", message: "m"))
    }
}
