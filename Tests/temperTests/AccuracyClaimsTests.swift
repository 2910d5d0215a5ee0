import Foundation
import Testing

/// The README's accuracy claim, re-checked: on held-out public data the ensemble is more accurate
/// than the lexicon rules alone and the n-gram model alone. Needs ../shared/data; skips without it.
@Suite("README accuracy claims")
struct AccuracyClaimsTests {
    static let data = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/data").path
    static let available = FileManager.default.fileExists(atPath: data + "/sst2/dev.tsv")

    @Test("The ensemble beats both of its parts on SST-2 dev, held-out UCI and complaint tweets",
          .enabled(if: available, "../shared/data is not present (a fresh clone): nothing to measure"))
    func ensembleBeatsParts() throws {
        let specs = [
            "\(Self.data)/sst2/dev.tsv",
            "test:\(Self.data)/uci-sentences/amazon.tsv",
            "test:\(Self.data)/uci-sentences/yelp.tsv",
            "test:\(Self.data)/uci-sentences/imdb.tsv",
            "complaints:test:\(Self.data)/complaints-dev.tsv",
        ]
        let result = try CLI.run(["eval", "--format", "json", "--mode", "all"] + specs)
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try CLI.objects(result)
        #expect(objects.count == specs.count * 3)
        for file in 0..<specs.count {
            let group = objects[(3 * file)..<(3 * file + 3)]
            let accuracy = group.map { $0["accuracy"] as? Double ?? 0 }
            let name = group.first?["dataset"] as? String ?? ""
            #expect(name.hasSuffix("[ensemble]"))
            #expect(accuracy[0] > accuracy[1], "\(name): ensemble \(accuracy[0]) vs lexicon \(accuracy[1])")
            #expect(accuracy[0] > accuracy[2], "\(name): ensemble \(accuracy[0]) vs n-gram \(accuracy[2])")
        }
    }
}
