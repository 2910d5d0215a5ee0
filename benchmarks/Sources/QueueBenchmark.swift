import Foundation
import TemperStore

/// Times queue pages of 50 over an existing database (made by benchmarks/ingest.sh): the first
/// page and a deep page (after walking `depth` pages by cursor) for each order and a few filters.
/// Reports the best and median of `repeats` runs of one page query, count included.
func benchmarkQueue(path: String, repeats: Int = 200, depth: Int = 100) throws {
    let store = try Store(path: path)
    let conversations = try store.conversationCount()
    print("queue: \(conversations) conversations in \(path); page size 50; \(repeats) runs each")
    let facets = try store.facets()
    var cases: [(String, QueueFilter)] = []
    func add(_ name: String, _ configure: (inout QueueFilter) -> Void) {
        var filter = QueueFilter()
        configure(&filter)
        cases.append((name, filter))
    }
    add("risk") { _ in }
    add("sample") { $0.order = .sample(seed: 42) }
    add("risk, not reviewed") { $0.reviewed = false }
    add("risk, reviewed") { $0.reviewed = true }
    if let team = facets.teams.first { add("risk, team=\(team)") { $0.team = team } }
    if let agent = facets.agents.last { add("risk, agent=\(agent)") { $0.agent = agent } }
    add("risk, reason=legal_threat") { $0.reason = "legal_threat" }
    add("risk, level=medium") { $0.level = "medium" }
    if let team = facets.teams.first { add("sample, team=\(team), reason=anger") { $0.order = .sample(seed: 7); $0.team = team; $0.reason = "anger" } }
    for (name, filter) in cases {
        var deep = filter
        for _ in 0..<depth {
            guard let next = try store.queue(deep).next else { break }
            deep.after = next
        }
        for (label, query) in [("first page", filter), ("page \(depth + 1)", deep)] {
            var times: [Double] = []
            var total = 0
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                total = try store.queue(query).total
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            times.sort()
            print(String(format: "%-40@ %-10@ total %6d   best %6.2f ms   median %6.2f ms", name as NSString, label as NSString, total,
                         times[0], times[times.count / 2]))
        }
    }
}
