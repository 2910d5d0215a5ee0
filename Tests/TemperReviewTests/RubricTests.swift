import Foundation
import Testing
import TemperReview

@Suite struct RubricTests {
    func rubricError(_ yaml: String) -> RubricError? {
        do {
            _ = try Rubric(yaml: yaml, path: "qa.yaml")
            return nil
        } catch {
            return error as? RubricError
        }
    }

    let example = """
    name: Support QA
    categories:
      - id: empathy
        label: Empathy
        description: Acknowledged the customer's feelings.
        scale: [0, 1, 2, 3, 4]
        weight: 2
      - id: compliance
        label: Compliance
        scale: [0, 1]
        weight: 1
        critical: true
      - id: closing
        scale: [1, 2, 3]
    """

    @Test func readsTheDocumentedFormat() throws {
        let rubric = try Rubric(yaml: example, path: "qa.yaml")
        #expect(rubric.name == "Support QA")
        #expect(rubric.categories.map(\.id) == ["empathy", "compliance", "closing"])
        #expect(rubric.categories[0] == .init(id: "empathy", label: "Empathy", description: "Acknowledged the customer's feelings.",
                                              scale: [0, 1, 2, 3, 4], weight: 2, critical: false))
        #expect(rubric.categories[1].critical)
        // Defaults: label = id, weight 1, not critical.
        #expect(rubric.categories[2] == .init(id: "closing", label: "closing", scale: [1, 2, 3]))
    }

    @Test func theShippedRubricLoads() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../corpora/qa-rubric.yaml").path
        let rubric = try Rubric(contentsOf: path)
        #expect(rubric.categories.map(\.id) == ["greeting", "empathy", "resolution", "compliance", "tone", "closing"])
        #expect(rubric.categories.filter(\.critical).map(\.id) == ["compliance"])
        #expect(rubric.categories.allSatisfy { $0.description != nil })
    }

    @Test func scoreIsTheWeightedShareOfPoints() throws {
        let rubric = try Rubric(yaml: example, path: "qa.yaml")
        // empathy 3/4 × 2, compliance 1/1 × 1, closing (2−1)/(3−1) × 1: (1.5 + 1 + 0.5)/4 = 75%.
        #expect(try rubric.score(["empathy": 3, "compliance": 1, "closing": 2]) == 75)
        #expect(try rubric.score(["empathy": 4, "compliance": 1, "closing": 3]) == 100)
        // A scale's lowest point counts as nothing even when it is not 0.
        #expect(try rubric.score(["closing": 1]) == 0)
    }

    @Test func missingCategoriesAreLeftOutOfTheWeighting() throws {
        let rubric = try Rubric(yaml: example, path: "qa.yaml")
        #expect(try rubric.score(["empathy": 2]) == 50)
        // empathy 1/4 × 2 + closing 1 × 1 over weight 3: 1.5/3.
        #expect(try rubric.score(["empathy": 1, "closing": 3]) == 50)
    }

    @Test func aCriticalCategoryAtItsLowestPointZeroesTheScore() throws {
        let rubric = try Rubric(yaml: example, path: "qa.yaml")
        #expect(try rubric.score(["empathy": 4, "compliance": 0, "closing": 3]) == 0)
        // A non-critical category at its lowest point only lowers it.
        #expect(try rubric.score(["empathy": 0, "compliance": 1]) > 0)
    }

    @Test func scoringRejectsUnknownCategoriesOffScalePointsAndNothingAtAll() throws {
        let rubric = try Rubric(yaml: example, path: "qa.yaml")
        #expect(throws: RubricError.self) { try rubric.score(["empthy": 2]) }
        #expect(throws: RubricError.self) { try rubric.score(["empathy": 5]) }
        #expect(throws: RubricError.self) { try rubric.score(["closing": 0]) }
        #expect(throws: RubricError.self) { try rubric.score([:]) }
        let error = try #require(rubricError(example.replacingOccurrences(of: "weight: 2", with: "weight: 0")))
        #expect(error.description == "qa.yaml:7: category 'empathy': weight must be a positive number")
    }

    @Test func duplicateIdsAreReportedAtTheSecond() throws {
        let error = try #require(rubricError("""
        name: x
        categories:
          - id: a
            scale: [0, 1]
          - id: a
            scale: [0, 1]
        """))
        #expect(error.description == "qa.yaml:5: category 'a': duplicate category id")
    }

    @Test func scalesMustBeAscendingWholeNumbersWithTwoPointsOrMore() throws {
        let base = "name: x\ncategories:\n  - id: a\n    scale: "
        #expect(rubricError(base + "[0, 2, 1]")?.description == "qa.yaml:4: category 'a': the scale must be strictly ascending")
        #expect(rubricError(base + "[1, 1]")?.description == "qa.yaml:4: category 'a': the scale must be strictly ascending")
        #expect(rubricError(base + "[3]")?.description == "qa.yaml:4: category 'a': a scale needs at least two points")
        #expect(rubricError(base + "[]")?.description == "qa.yaml:4: category 'a': a scale needs at least two points")
        #expect(rubricError(base + "[0, 1.5]")?.description == "qa.yaml:4: category 'a': a scale point must be a whole number")
        #expect(rubricError(base + "0-4")?.description == "qa.yaml:4: category 'a': 'scale' must be a list of whole numbers")
        #expect(rubricError("name: x\ncategories:\n  - id: a\n")?.description
                == "qa.yaml:3: category 'a': needs a 'scale' (the allowed points, ascending)")
    }

    @Test func weightsMustBePositive() {
        let base = "name: x\ncategories:\n  - id: a\n    scale: [0, 1]\n    weight: "
        #expect(rubricError(base + "-1")?.description == "qa.yaml:5: category 'a': weight must be a positive number")
        #expect(rubricError(base + "heavy")?.description == "qa.yaml:5: category 'a': weight must be a positive number")
    }

    @Test func structuralMistakesNameTheirLine() {
        #expect(rubricError("")?.description == "qa.yaml: the rubric is empty")
        #expect(rubricError("categories: []\n")?.description == "qa.yaml:1: the rubric needs a 'name'")
        #expect(rubricError("name: x\ncategories: []\n")?.description == "qa.yaml:2: a rubric needs at least one category")
        #expect(rubricError("name: x\ncategories:\n  - id: a\n    scale: [0, 1]\n    critcal: true\n")?.description
                == "qa.yaml:5: unknown key 'critcal' in a category (expected critical, description, id, label, scale, weight)")
        #expect(rubricError("name: x\ncategories:\n  - id: verdict\n    scale: [0, 1]\n")?.description
                == "qa.yaml:3: category 'verdict': 'verdict' is reserved for the verdict")
        #expect(rubricError("name: x\ncategories:\n  - id: a\n    scale: [0, 1]\n    critical: maybe\n")?.description
                == "qa.yaml:5: category 'a': critical must be true or false")
        #expect(rubricError("name: [x\n")?.description.hasPrefix("qa.yaml:") == true)
        #expect(rubricError("name: [x\n")?.message.hasPrefix("invalid YAML") == true)
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: RubricError.self) { try Rubric(contentsOf: "/nonexistent/qa.yaml") }
        do {
            _ = try Rubric(contentsOf: "/nonexistent/qa.yaml")
        } catch {
            #expect("\(error)".hasPrefix("/nonexistent/qa.yaml: cannot read the rubric"))
        }
    }

    @Test func aRubricBuiltInCodeIsValidatedToo() {
        #expect(throws: RubricError.self) { try Rubric(name: "x", categories: [.init(id: "a", label: "A", scale: [2, 1])]) }
        #expect(throws: RubricError.self) { try Rubric(name: "x", categories: [.init(id: "a", label: "A", scale: [0, 1]), .init(id: "a", label: "B", scale: [0, 1])]) }
        #expect(throws: RubricError.self) { try Rubric(name: "x", categories: []) }
    }
}
