import Foundation
import Testing
import TemperIO
@testable import TemperSentiment

@Suite("Driver taxonomy: the shipped file and errors with file and line")
struct DriverTaxonomyTests {
    static let shippedIDs = ["delay", "waiting", "cancellation", "lost_item", "damaged_item", "billing", "booking", "staff",
                             "product_quality", "technical", "communication"]

    @Test func shippedTaxonomyHasTheIssueDriversAndMatchesTheCheckout() throws {
        let taxonomy = try DriverTaxonomy.shipped
        #expect(taxonomy.drivers.map(\.id) == Self.shippedIDs)
        #expect(taxonomy.drivers.allSatisfy { !$0.label.isEmpty && !$0.description.isEmpty })
        let bundled = FileManager.default.contents(atPath: try SentimentModel.shippedDirectory + "/drivers.yaml")
        #expect(bundled != nil && bundled == FileManager.default.contents(atPath: checkoutLexicons + "/drivers.yaml"))
    }

    @Test func inWordAlternativesExpandAndWholeWordsStaySets() throws {
        #expect(try DriverPattern.expand("deliver{y,ies,ed}") == ["delivery", "deliveries", "delivered"])
        #expect(DriverPattern.positions("{log in,login} {my,the}? ... now") == ["{log in,login}", "{my,the}?", "...", "now"])
    }

    static func error(_ yaml: String) -> InputError? {
        do {
            _ = try DriverTaxonomy.parse(yaml: yaml, name: "my.yaml")
            return nil
        } catch let error as InputError {
            return error
        } catch {
            Issue.record("not an InputError: \(error)")
            return nil
        }
    }

    @Test(arguments: [
        ("drivers:\n  - id: Delay\n    mentions: [late]\n", 2, "driver id 'Delay' must be lower-case"),
        ("drivers:\n  - id: a\n    mentions: [x]\n  - id: a\n    mentions: [y]\n", 4, "duplicate driver id 'a'"),
        ("drivers:\n  - id: a\n    mentions:\n      - ok\n      - \"{late\"\n", 5, "'{' without '}'"),
        ("drivers:\n  - id: a\n    mentions: [\"* late\"]\n", 3, "must start with a word"),
        ("drivers:\n  - id: a\n    mentions: [\"a ... b ... c\"]\n", 3, "at most one '...'"),
        ("drivers:\n  - id: a\n    colour: red\n", 3, "unknown driver key 'colour'"),
        ("drivers:\n  - id: a\n", 2, "has no complaints and no mentions"),
        ("problem_cues: [fed up]\ndrivers:\n  - id: a\n    mentions: [x]\n", 1, "must be one word"),
        ("drivers: [\n", 2, "invalid YAML"),
        ("version: 2\ndrivers: []\n", 1, "unsupported version"),
    ])
    func badFilesNameTheLine(yaml: String, line: Int, message: String) {
        let error = Self.error(yaml)
        #expect(error?.file == "my.yaml")
        #expect(error?.line == line, "\(String(describing: error))")
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func missingFileIsAnInputError() {
        #expect(throws: InputError.self) { try DriverTaxonomy.load(path: "/nonexistent/drivers.yaml") }
    }
}
