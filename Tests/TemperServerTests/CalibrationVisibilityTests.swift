import TemperReview
@testable import TemperStore
import Testing
@testable import TemperServer

@Suite("Blind calibration rules")
struct CalibrationVisibilityTests {
    let session = CalibrationSession(id: 7, name: "w38", conversationIDs: ["c1", "c2"], reviewers: ["Ana", "Ben"], createdAt: 0)

    func review(_ id: Int64, _ conversation: String, _ reviewer: String, session: Int64? = 7, _ verdict: Verdict = .confirmed) -> Review {
        Review(id: id, conversationID: conversation, reviewer: reviewer, verdict: verdict, scores: [:], score: nil, note: "",
               sessionID: session, revises: nil, createdAt: 0)
    }

    @Test("The report opens for everyone when every reviewer has done every conversation")
    func complete() {
        let reviews = [review(1, "c1", "Ana"), review(2, "c2", "Ana"), review(3, "c1", "Ben"), review(4, "c2", "Ben")]
        let visibility = CalibrationVisibility(session: session, reviews: reviews)
        #expect(visibility.isComplete)
        #expect(visibility.reportVisible(to: nil))
    }

    @Test("Before that, only for a reviewer who has finished theirs")
    func partial() {
        let reviews = [review(1, "c1", "Ana"), review(2, "c2", "Ana"), review(3, "c1", "Ben"),
                       review(4, "c2", "Ben", session: nil), review(5, "c2", "Ben", session: 8)]
        let visibility = CalibrationVisibility(session: session, reviews: reviews)
        #expect(!visibility.isComplete)
        #expect(visibility.reviewed(by: "Ben") == 1, "reviews outside the session do not count")
        #expect(visibility.reportVisible(to: "Ana"))
        #expect(!visibility.reportVisible(to: "Ben"))
        #expect(!visibility.reportVisible(to: nil))
        #expect(!visibility.reportVisible(to: "Zoe"))
        #expect(visibility.nextPending(for: "Ben") == "c2")
        #expect(visibility.nextPending(for: "Ana") == nil)
    }

    @Test("Ratings are the session's reviewers' reviews of its conversations only")
    func ratings() {
        let reviews = [review(1, "c1", "Ana"), review(2, "c9", "Ana"), review(3, "c1", "Zoe"), review(4, "c1", "Ben", session: nil)]
        #expect(CalibrationVisibility.ratings(reviews, session: session) == [Rating(item: "c1", reviewer: "Ana", verdict: .confirmed, scores: [:])])
    }
}
