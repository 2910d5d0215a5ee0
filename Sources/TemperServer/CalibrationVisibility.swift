import TemperReview
import TemperStore

/// The blind-review rules of a calibration session. Inside a session a reviewer sees only their
/// own reviews; the agreement report (which shows everyone's values) opens once every reviewer
/// has reviewed every conversation, or, for one reviewer who names themselves, once they have
/// reviewed all of theirs. Without logins this keeps honest reviewers blind; it is not an access
/// control (see the README's security model).
struct CalibrationVisibility {
    let session: CalibrationSession
    /// Reviewer → conversations they have a current review of in this session.
    let done: [String: Set<String>]

    init(session: CalibrationSession, reviews: [Review]) {
        self.session = session
        let members = Set(session.conversationIDs)
        var done: [String: Set<String>] = [:]
        for review in reviews where review.sessionID == session.id && members.contains(review.conversationID) {
            done[review.reviewer, default: []].insert(review.conversationID)
        }
        self.done = done
    }

    func reviewed(by reviewer: String) -> Int { done[reviewer]?.count ?? 0 }

    func hasFinished(_ reviewer: String) -> Bool { reviewed(by: reviewer) == Set(session.conversationIDs).count }

    var isComplete: Bool { session.reviewers.allSatisfy(hasFinished) }

    /// Whether the report (every reviewer's values) may be shown to `viewer`.
    func reportVisible(to viewer: String?) -> Bool {
        if isComplete { return true }
        guard let viewer, session.reviewers.contains(viewer) else { return false }
        return hasFinished(viewer)
    }

    /// The first conversation `reviewer` has not reviewed yet (nil when done).
    func nextPending(for reviewer: String) -> String? {
        session.conversationIDs.first { !(done[reviewer]?.contains($0) ?? false) }
    }

    /// Reviews fit for the report: each reviewer's current review of each session conversation.
    static func ratings(_ reviews: [Review], session: CalibrationSession) -> [Rating] {
        let members = Set(session.conversationIDs), reviewers = Set(session.reviewers)
        return reviews.filter { $0.sessionID == session.id && members.contains($0.conversationID) && reviewers.contains($0.reviewer) }
            .map { Rating(item: $0.conversationID, reviewer: $0.reviewer, verdict: $0.verdict, scores: $0.scores) }
    }
}
