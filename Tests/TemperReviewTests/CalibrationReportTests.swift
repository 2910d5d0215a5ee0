import Testing
import TemperReview

@Suite struct CalibrationReportTests {
    let rubric = try! Rubric(name: "test", categories: [
        .init(id: "empathy", label: "Empathy", scale: [0, 1, 2]),
        .init(id: "compliance", label: "Compliance", scale: [0, 1], critical: true),
    ])

    @Test func twoReviewersUseCohensKappaOnEveryDimension() throws {
        let ratings = [
            Rating(item: "c1", reviewer: "ana", verdict: .confirmed, scores: ["empathy": 2, "compliance": 1]),
            Rating(item: "c1", reviewer: "ben", verdict: .confirmed, scores: ["empathy": 1, "compliance": 1]),
            Rating(item: "c2", reviewer: "ana", verdict: .falseAlarm, scores: ["empathy": 0, "compliance": 0]),
            Rating(item: "c2", reviewer: "ben", verdict: .falseAlarm, scores: ["empathy": 0, "compliance": 1]),
            Rating(item: "c3", reviewer: "ana", verdict: .confirmed, scores: ["empathy": 2]),
            Rating(item: "c3", reviewer: "ben", verdict: .falseAlarm, scores: ["empathy": 2]),
        ]
        let report = CalibrationReport(ratings: ratings, rubric: rubric)
        #expect(report.reviewers == ["ana", "ben"])
        #expect(report.dimensions.map(\.id) == ["verdict", "empathy", "compliance"])
        #expect(report.dimensions.allSatisfy { $0.method == "cohen" })
        // Verdict: ana C F C, ben C F F. pₒ = 2/3; ana C 2/3, F 1/3; ben C 1/3, F 2/3;
        // pₑ = 2/9 + 2/9 = 4/9; κ = (6/9 − 4/9)/(5/9) = 0.4.
        let verdict = report.dimensions[0]
        #expect(verdict.items == 3)
        #expect(abs(try #require(verdict.kappa) - 0.4) < 1e-12)
        // Compliance was scored by both only on c1 and c2.
        #expect(report.dimensions[2].items == 2)
        #expect(report.disagreements.map { "\($0.item)/\($0.dimension)" } == ["c1/empathy", "c2/compliance", "c3/verdict"])
        #expect(report.disagreements[0].values == ["ana": "2", "ben": "1"])
        #expect(report.disagreements[2].values == ["ana": "confirmed", "ben": "false_alarm"])
    }

    @Test func threeReviewersUseFleissKappaOverItemsEveryoneRated() throws {
        let ratings = [
            Rating(item: "c1", reviewer: "ana", verdict: .confirmed, scores: [:]),
            Rating(item: "c1", reviewer: "ben", verdict: .confirmed, scores: [:]),
            Rating(item: "c1", reviewer: "cy", verdict: .confirmed, scores: [:]),
            Rating(item: "c2", reviewer: "ana", verdict: .confirmed, scores: [:]),
            Rating(item: "c2", reviewer: "ben", verdict: .confirmed, scores: [:]),
            Rating(item: "c2", reviewer: "cy", verdict: .coachingNeeded, scores: [:]),
            // Not rated by cy: left out.
            Rating(item: "c3", reviewer: "ana", verdict: .falseAlarm, scores: [:]),
            Rating(item: "c3", reviewer: "ben", verdict: .confirmed, scores: [:]),
        ]
        let report = CalibrationReport(ratings: ratings, rubric: rubric)
        let verdict = report.dimensions[0]
        #expect(verdict.method == "fleiss")
        #expect(verdict.items == 2)
        // The small Fleiss example of AgreementTests: −0.2.
        #expect(abs(try #require(verdict.kappa) + 0.2) < 1e-12)
        #expect(report.dimensions[1].items == 0 && report.dimensions[1].kappa == nil)
        #expect(report.disagreements.map(\.item) == ["c2"])
    }

    @Test func aLaterRatingReplacesAnEarlierOne() {
        let ratings = [
            Rating(item: "c1", reviewer: "ana", verdict: .confirmed, scores: [:]),
            Rating(item: "c1", reviewer: "ben", verdict: .falseAlarm, scores: [:]),
            Rating(item: "c1", reviewer: "ben", verdict: .confirmed, scores: [:]),
        ]
        let report = CalibrationReport(ratings: ratings, rubric: rubric)
        #expect(report.disagreements.isEmpty)
        #expect(report.dimensions[0].items == 1)
    }

    @Test func oneReviewerHasNoAgreement() {
        let report = CalibrationReport(ratings: [Rating(item: "c1", reviewer: "ana", verdict: .confirmed, scores: ["empathy": 1])], rubric: rubric)
        #expect(report.reviewers == ["ana"])
        #expect(report.dimensions.allSatisfy { $0.kappa == nil })
        #expect(report.disagreements.isEmpty)
    }
}
