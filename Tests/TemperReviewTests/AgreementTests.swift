import Testing
import TemperReview

@Suite struct AgreementTests {
    /// Wikipedia's Cohen's kappa example: 50 proposals, both say yes to 20, A yes/B no 5,
    /// A no/B yes 10, both no 15. pₒ = 35/50 = 0.7; A says yes to 25 (0.5), B to 30 (0.6), so
    /// pₑ = 0.5·0.6 + 0.5·0.4 = 0.5 and κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    @Test func cohensKappaOfTheTextbookExample() throws {
        let a = Array(repeating: "yes", count: 20) + Array(repeating: "yes", count: 5)
            + Array(repeating: "no", count: 10) + Array(repeating: "no", count: 15)
        let b = Array(repeating: "yes", count: 20) + Array(repeating: "no", count: 5)
            + Array(repeating: "yes", count: 10) + Array(repeating: "no", count: 15)
        let kappa = try #require(Agreement.cohensKappa(a, b))
        #expect(abs(kappa - 0.4) < 1e-12)
    }

    @Test func cohensKappaIsOneForPerfectAgreementAndNegativeForSystematicDisagreement() throws {
        #expect(Agreement.cohensKappa([1, 2, 3, 1], [1, 2, 3, 1]) == 1)
        // pₒ = 0, pₑ = 0.5·0.5 + 0.5·0.5 = 0.5, so κ = −1.
        #expect(Agreement.cohensKappa(["a", "b", "a", "b"], ["b", "a", "b", "a"]) == -1)
    }

    @Test func cohensKappaIsUndefinedWithoutRoomForChance() {
        #expect(Agreement.cohensKappa([String](), []) == nil)
        #expect(Agreement.cohensKappa(["a", "b"], ["a"]) == nil)
        // Both gave every item the same label: pₑ = 1.
        #expect(Agreement.cohensKappa(["x", "x", "x"], ["x", "x", "x"]) == nil)
    }

    /// Wikipedia's Fleiss' kappa example: 14 raters put 10 items into 5 categories.
    /// P̄ = 0.378022, P̄ₑ = 0.212755, κ = 4211/20059 = 0.209931 (worked with exact fractions).
    @Test func fleissKappaOfTheTextbookExample() throws {
        let counts = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
                      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
        let ratings = counts.map { row in row.enumerated().flatMap { category, count in Array(repeating: category + 1, count: count) } }
        let kappa = try #require(Agreement.fleissKappa(ratings))
        #expect(abs(kappa - 4211.0 / 20059.0) < 1e-12)
    }

    /// Three raters, two items: [a a a] and [a a b]. P₁ = (9 − 3)/6 = 1, P₂ = (4 + 1 − 3)/6 = 1/3,
    /// P̄ = 2/3; a has 5 of 6 labels, b 1: P̄ₑ = 25/36 + 1/36 = 13/18; κ = (12/18 − 13/18)/(5/18) = −0.2.
    @Test func fleissKappaOfASmallHandExample() throws {
        let kappa = try #require(Agreement.fleissKappa([["a", "a", "a"], ["a", "a", "b"]]))
        #expect(abs(kappa + 0.2) < 1e-12)
    }

    @Test func fleissKappaIsUndefinedForMalformedOrChanceFreeInput() {
        #expect(Agreement.fleissKappa([[String]]()) == nil)
        #expect(Agreement.fleissKappa([["a"], ["b"]]) == nil)  // one rater
        #expect(Agreement.fleissKappa([["a", "b", "a"], ["a", "b"]]) == nil)  // unequal counts
        #expect(Agreement.fleissKappa([["a", "a", "a"], ["a", "a", "a"]]) == nil)
    }

    @Test func fleissKappaIsOneWhenEveryItemIsUnanimous() {
        #expect(Agreement.fleissKappa([["a", "a", "a"], ["b", "b", "b"], ["a", "a", "a"]]) == 1)
    }
}
