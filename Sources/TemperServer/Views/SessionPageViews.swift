import TemperReview
import TemperStore

/// The list of calibration sessions and the form that starts one from chosen conversations.
struct SessionsPageView {
    struct Entry {
        var name: String
        var href: String
        var created: String?
        var conversations: String
        var reviewers: String
    }

    var pageTitle = "Calibration sessions"
    var csrfToken: String
    var sessions: [Entry]
    var hasSessions: Bool

    init(sessions: [CalibrationSession], csrfToken: String) {
        self.csrfToken = csrfToken
        self.sessions = sessions.reversed().map {
            Entry(name: $0.name, href: Links.session($0.id), created: Display.time($0.createdAt),
                  conversations: Display.plural($0.conversationIDs.count, "conversation"), reviewers: $0.reviewers.joined(separator: ", "))
        }
        hasSessions = !self.sessions.isEmpty
    }
}

/// One session: who has reviewed what (not how), links to review blind, and the agreement report
/// when the rules of `CalibrationVisibility` allow it.
struct SessionPageView {
    struct ReviewerEntry {
        var name: String
        var progress: String
        var finished: Bool
        var reviewHref: String
        var revealHref: String
    }

    struct ProgressRow {
        var id: String
        var href: String
        var cells: [Cell]
    }

    struct Cell {
        var done: Bool
        var reviewer: String
    }

    struct DimensionEntry {
        var label: String
        var method: String
        var kappa: String
        var reading: String
        var readingClass: String
        var items: Int
    }

    struct DisagreementEntry {
        var id: String
        var href: String
        var dimension: String
        var values: [HiddenField]
    }

    var pageTitle: String
    var name: String
    var created: String?
    var counts: String
    var reviewers: [ReviewerEntry]
    var reviewerNames: [String]
    var rows: [ProgressRow]
    var reportVisible: Bool
    var hiddenReason: String?
    var dimensions: [DimensionEntry]
    var disagreements: [DisagreementEntry]
    var hasDisagreements: Bool
    var agreementCount: String

    init(session: CalibrationSession, visibility: CalibrationVisibility, report: CalibrationReport?, viewer: String?) {
        pageTitle = session.name
        name = session.name
        created = Display.time(session.createdAt)
        counts = Display.plural(session.conversationIDs.count, "conversation") + " · " + Display.plural(session.reviewers.count, "reviewer")
        reviewers = session.reviewers.map { reviewer in
            let next = visibility.nextPending(for: reviewer) ?? session.conversationIDs.first ?? ""
            return ReviewerEntry(
                name: reviewer, progress: "\(visibility.reviewed(by: reviewer))/\(session.conversationIDs.count)",
                finished: visibility.hasFinished(reviewer),
                reviewHref: Links.conversation(next, session: session.id, reviewer: reviewer),
                revealHref: Links.session(session.id, reviewer: reviewer))
        }
        reviewerNames = session.reviewers
        rows = session.conversationIDs.map { id in
            ProgressRow(id: id, href: Links.conversation(id), cells: session.reviewers.map {
                Cell(done: visibility.done[$0]?.contains(id) ?? false, reviewer: $0)
            })
        }
        reportVisible = report != nil
        if report == nil {
            if let viewer, session.reviewers.contains(viewer) {
                hiddenReason = "\(viewer), the agreement report opens once you have reviewed every conversation of this session (\(visibility.reviewed(by: viewer)) of \(session.conversationIDs.count) so far)."
            } else {
                hiddenReason = "Reviews in a calibration session are blind: the agreement report opens once every reviewer has reviewed every conversation, or for a reviewer who has finished theirs."
            }
        }
        let labels = Dictionary((report?.dimensions ?? []).map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        dimensions = (report?.dimensions ?? []).map {
            DimensionEntry(label: $0.label, method: $0.method == "cohen" ? "Cohen’s κ" : "Fleiss’ κ",
                           kappa: $0.kappa.map(Display.fixed2) ?? "—", reading: Self.reading($0),
                           readingClass: "k-" + Display.agreement($0.kappa).replacingOccurrences(of: " ", with: "-"), items: $0.items)
        }
        disagreements = (report?.disagreements ?? []).map { disagreement in
            DisagreementEntry(
                id: disagreement.item, href: Links.conversation(disagreement.item),
                dimension: labels[disagreement.dimension] ?? disagreement.dimension,
                values: session.reviewers.compactMap { reviewer in
                    disagreement.values[reviewer].map {
                        HiddenField(name: reviewer, value: disagreement.dimension == "verdict" ? (Verdict(rawValue: $0).map(Display.verdict) ?? $0) : $0)
                    }
                })
        }
        hasDisagreements = !disagreements.isEmpty
        agreementCount = Display.plural(disagreements.count, "disagreement")
    }

    /// Kappa is undefined when no conversation was rated by everyone on a dimension, or when all
    /// of them gave one and the same value (no variation to agree beyond chance on).
    static func reading(_ dimension: CalibrationReport.Dimension) -> String {
        if dimension.kappa != nil { return Display.agreement(dimension.kappa) }
        return dimension.items == 0 ? "not rated by everyone" : "one value throughout"
    }
}
