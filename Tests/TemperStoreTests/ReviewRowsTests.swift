import Foundation
import GRDB
import Testing
import TemperReview
@testable import TemperStore

@Suite struct ReviewRowsTests {
    let rubric = Fixtures.rubric

    func store() throws -> Store { try Fixtures.store([Fixtures.conversation("c1", risk: 0.9), Fixtures.conversation("c2", risk: 0.4),
                                                      Fixtures.conversation("c3", risk: 0.2)]) }

    @Test func aReviewIsScoredAgainstTheRubric() throws {
        let store = try store()
        let review = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: " ana ", verdict: .coachingNeeded,
                                                     scores: ["empathy": 2, "compliance": 1], note: "<script>alert(1)</script>"),
                                         rubric: rubric)
        // empathy 2/4 × 2 + compliance 1 × 1 over weight 3.
        #expect(review.score == 100 * 2.0 / 3.0)
        #expect(review.reviewer == "ana")
        #expect(review.note == "<script>alert(1)</script>")
        #expect(review.revises == nil && review.sessionID == nil)
        #expect(try store.reviews(conversationID: "c1") == [review])
        let unscored = try store.addReview(ReviewDraft(conversationID: "c2", reviewer: "ana", verdict: .falseAlarm), rubric: rubric)
        #expect(unscored.score == nil && unscored.scores == [:])
        let zeroed = try store.addReview(ReviewDraft(conversationID: "c3", reviewer: "ana", verdict: .confirmed,
                                                     scores: ["empathy": 4, "compliance": 0]), rubric: rubric)
        #expect(zeroed.score == 0)
    }

    @Test func badReviewsAreRefusedWithTheirKind() throws {
        let store = try store()
        #expect(throws: StoreError(.notFound, "no conversation 'zz'")) {
            try store.addReview(ReviewDraft(conversationID: "zz", reviewer: "ana", verdict: .confirmed), rubric: rubric)
        }
        #expect(throws: StoreError(.invalid, "a review needs the reviewer's name")) {
            try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "  ", verdict: .confirmed), rubric: rubric)
        }
        #expect(throws: StoreError.self) {
            try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .confirmed, scores: ["empathy": 9]), rubric: rubric)
        }
        #expect(throws: StoreError.self) {
            try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .confirmed, scores: ["tone": 1]), rubric: rubric)
        }
        #expect(throws: StoreError.self) {
            try store.addReview(ReviewDraft(conversationID: "c1", reviewer: String(repeating: "a", count: 101), verdict: .confirmed), rubric: rubric)
        }
        #expect(try store.reviewHistory(conversationID: "c1").isEmpty)
    }

    @Test func editsAppendAndTheHistoryIsTheAuditTrail() throws {
        let store = try store()
        let first = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .confirmed, scores: ["empathy": 1]), rubric: rubric)
        let other = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ben", verdict: .falseAlarm), rubric: rubric)
        let second = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .coachingNeeded, scores: ["empathy": 3],
                                                     note: "on reflection"), rubric: rubric, revises: first.id)
        let third = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .confirmed), rubric: rubric, revises: second.id)
        #expect(second.revises == first.id && third.revises == second.id)
        #expect(try store.reviews(conversationID: "c1") == [other, third])
        #expect(try store.reviewHistory(conversationID: "c1") == [first, other, second, third])
        // The database itself refuses to change or drop a review.
        #expect(throws: DatabaseError.self) {
            try store.database.write { db in try db.execute(sql: "UPDATE reviews SET verdict = 'false_alarm' WHERE id = ?", arguments: [first.id]) }
        }
        #expect(throws: DatabaseError.self) {
            try store.database.write { db in try db.execute(sql: "DELETE FROM reviews WHERE id = ?", arguments: [first.id]) }
        }
        #expect(try store.reviewHistory(conversationID: "c1").first == first)
    }

    @Test func onlyTheLatestRevisionOfOnesOwnReviewOfTheSameConversationCanBeEdited() throws {
        let store = try store()
        let first = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .confirmed), rubric: rubric)
        let edit = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .falseAlarm), rubric: rubric, revises: first.id)
        #expect(throws: StoreError(.conflict, "review \(first.id) was already revised by review \(edit.id); revise the latest")) {
            try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .coachingNeeded), rubric: rubric, revises: first.id)
        }
        #expect(throws: StoreError(.conflict, "review \(edit.id) is ana's; only its reviewer can revise it")) {
            try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ben", verdict: .coachingNeeded), rubric: rubric, revises: edit.id)
        }
        #expect(throws: StoreError(.invalid, "review \(edit.id) is of conversation 'c1', not 'c2'")) {
            try store.addReview(ReviewDraft(conversationID: "c2", reviewer: "ana", verdict: .coachingNeeded), rubric: rubric, revises: edit.id)
        }
        #expect(throws: StoreError(.notFound, "no review 999 to revise")) {
            try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .coachingNeeded), rubric: rubric, revises: 999)
        }
        #expect(throws: StoreError(.conflict, "ana has already reviewed 'c1' (review \(edit.id)); revise that review instead")) {
            try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .coachingNeeded), rubric: rubric)
        }
        #expect(try store.reviewHistory(conversationID: "c1").count == 2)
    }

    @Test func sessionsHoldTheirConversationsReviewersAndReviews() throws {
        let store = try store()
        let session = try store.createSession(name: "Week 40", conversationIDs: ["c2", "c1"], reviewers: ["ana", "ben", "cy"])
        #expect(session.conversationIDs == ["c2", "c1"] && session.reviewers == ["ana", "ben", "cy"])
        #expect(try store.session(id: session.id) == session)
        #expect(try store.sessions() == [session])
        #expect(try store.session(id: session.id + 1) == nil)
        // A review outside the session does not stop one inside it, nor count in it.
        let outside = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .confirmed), rubric: rubric)
        let inside = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .falseAlarm, sessionID: session.id), rubric: rubric)
        let ben = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ben", verdict: .falseAlarm, sessionID: session.id), rubric: rubric)
        let edited = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .confirmed), rubric: rubric, revises: inside.id)
        #expect(edited.sessionID == session.id)
        #expect(try store.sessionReviews(id: session.id) == [ben, edited])
        #expect(try store.reviews(conversationID: "c1") == [outside, ben, edited])
        #expect(throws: StoreError(.invalid, "conversation 'c3' is not in session \(session.id)")) {
            try store.addReview(ReviewDraft(conversationID: "c3", reviewer: "ana", verdict: .confirmed, sessionID: session.id), rubric: rubric)
        }
        #expect(throws: StoreError(.invalid, "dee is not a reviewer of session \(session.id)")) {
            try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "dee", verdict: .confirmed, sessionID: session.id), rubric: rubric)
        }
        #expect(throws: StoreError(.notFound, "no session 77")) {
            try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "cy", verdict: .confirmed, sessionID: 77), rubric: rubric)
        }
    }

    @Test func badSessionsAreRefused() throws {
        let store = try store()
        #expect(throws: StoreError(.invalid, "a session needs a name")) { try store.createSession(name: " ", conversationIDs: ["c1"], reviewers: ["a", "b"]) }
        #expect(throws: StoreError(.invalid, "a session needs at least one conversation")) { try store.createSession(name: "s", conversationIDs: [], reviewers: ["a", "b"]) }
        #expect(throws: StoreError(.invalid, "calibration needs at least two reviewers")) { try store.createSession(name: "s", conversationIDs: ["c1"], reviewers: ["a"]) }
        #expect(throws: StoreError(.invalid, "a reviewer is listed twice")) { try store.createSession(name: "s", conversationIDs: ["c1"], reviewers: ["a", "a"]) }
        #expect(throws: StoreError(.invalid, "a conversation is listed twice")) { try store.createSession(name: "s", conversationIDs: ["c1", "c1"], reviewers: ["a", "b"]) }
        #expect(throws: StoreError(.notFound, "no conversation 'zz'")) { try store.createSession(name: "s", conversationIDs: ["c1", "zz"], reviewers: ["a", "b"]) }
        #expect(try store.sessions().isEmpty)
    }

    @Test func forEachReviewStreamsCurrentReviewsInIdOrder() throws {
        let store = try store()
        let a = try store.addReview(ReviewDraft(conversationID: "c2", reviewer: "ana", verdict: .confirmed), rubric: rubric)
        let b = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ben", verdict: .confirmed), rubric: rubric)
        let c = try store.addReview(ReviewDraft(conversationID: "c2", reviewer: "ana", verdict: .falseAlarm), rubric: rubric, revises: a.id)
        var seen: [Review] = []
        try store.forEachReview { seen.append($0) }
        #expect(seen == [b, c])
    }

    @Test func scoresRoundTripAsSortedJSON() {
        #expect(Review.encodeScores(["b": 2, "a": 10]) == #"{"a":10,"b":2}"#)
        #expect(Review.decodeScores(#"{"a":10,"b":2}"#) == ["a": 10, "b": 2])
        #expect(Review.decodeScores("{}") == [:])
    }
}
