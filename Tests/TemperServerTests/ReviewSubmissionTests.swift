import Foundation
import TemperReview
import Testing
@testable import TemperServer

@Suite("Review submissions")
struct ReviewSubmissionTests {
    static let rubric = try! Rubric(yaml: """
        name: Test rubric
        categories:
          - id: empathy
            label: Empathy
            scale: [0, 1, 2, 3, 4]
            weight: 2
          - id: compliance
            label: Compliance
            scale: [0, 1]
            weight: 1
            critical: true
        """, path: "test.yaml")

    @Test("The form: verdict, score.<category> (blank: not scored), note, session, revises")
    func form() throws {
        let form = FormData(urlEncoded: "reviewer=+Ana+&verdict=coaching_needed&score.empathy=3&score.compliance=&note=two%0Alines&session=4&revises=12")
        let submission = try ReviewSubmission(form: form).validated(against: Self.rubric)
        #expect(submission == ReviewSubmission(reviewer: "Ana", verdict: .coachingNeeded, scores: ["empathy": 3], note: "two\nlines", session: 4, revises: 12))
        let draft = submission.draft(conversationID: "c1")
        #expect(draft.conversationID == "c1" && draft.sessionID == 4 && draft.scores == ["empathy": 3])
    }

    @Test("Bad forms are 400s that say what is wrong", arguments: [
        ("reviewer=Ana", "choose a verdict"),
        ("reviewer=Ana&verdict=maybe", "verdict must be one of confirmed, false_alarm, coaching_needed"),
        ("reviewer=Ana&verdict=confirmed&score.empathy=lots", "empathy: points must be a whole number"),
        ("reviewer=Ana&verdict=confirmed&score.empathy=1&score.empathy=2", "empathy is scored twice"),
        ("reviewer=Ana&verdict=confirmed&session=-2", "session must be a positive whole number"),
        ("reviewer=Ana&verdict=confirmed&revises=x", "revises must be a positive whole number"),
    ])
    func badForms(_ text: String, _ message: String) {
        #expect {
            try ReviewSubmission(form: FormData(urlEncoded: text))
        } throws: { error in
            (error as? RequestError)?.status == 400 && (error as? RequestError)?.message.contains(message) == true
        }
    }

    @Test("Validation: a name, not too long, and points the rubric accepts")
    func validation() {
        func refuses(_ submission: ReviewSubmission, _ message: String) {
            #expect {
                try submission.validated(against: Self.rubric)
            } throws: { error in
                (error as? RequestError)?.message.contains(message) == true
            }
        }
        refuses(ReviewSubmission(reviewer: "  ", verdict: .confirmed), "give the reviewer’s name")
        refuses(ReviewSubmission(reviewer: String(repeating: "a", count: 101), verdict: .confirmed), "longer than 100")
        refuses(ReviewSubmission(reviewer: "Ana", verdict: .confirmed, note: String(repeating: "n", count: 10_001)), "note is longer")
        refuses(ReviewSubmission(reviewer: "Ana", verdict: .confirmed, scores: ["empathy": 9]), "scores:")
        refuses(ReviewSubmission(reviewer: "Ana", verdict: .confirmed, scores: ["speed": 1]), "scores:")
    }

    @Test("JSON: the verdict by its API name; scores, note, session and revises optional")
    func json() throws {
        let body = #"{"reviewer":"Ben","verdict":"false_alarm","scores":{"empathy":2},"session":3}"#
        let submission = try JSONDecoder().decode(ReviewSubmission.self, from: Data(body.utf8))
        #expect(submission == ReviewSubmission(reviewer: "Ben", verdict: .falseAlarm, scores: ["empathy": 2], session: 3))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ReviewSubmission.self, from: Data(#"{"reviewer":"Ben","verdict":"nope"}"#.utf8))
        }
    }
}
