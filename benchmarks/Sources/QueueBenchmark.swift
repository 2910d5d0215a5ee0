import Foundation
import TemperReview
import TemperStore

/// Times queue pages of 50 over an existing database (made by benchmarks/ingest.sh): the first
/// page and a deep one (`depth` pages on by cursor, or the last) for each order and a few filters.
/// Reports the best and median of `repeats` runs of one page query, count included.
func benchmarkQueue(path: String, repeats: Int = 200, depth: Int = 100) throws {
    let store = try Store(path: path)
    let conversations = try store.conversationCount()
    print("queue: \(conversations) conversations in \(path); page size 50; \(repeats) runs each")
    try addReviewsIfNone(store)
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
    add("sample, not reviewed") { $0.order = .sample(seed: 3); $0.reviewed = false }
    if let team = facets.teams.first { add("risk, team=\(team)") { $0.team = team } }
    if let agent = facets.agents.last { add("risk, agent=\(agent)") { $0.agent = agent } }
    add("risk, reason=legal_threat") { $0.reason = "legal_threat" }
    add("risk, level=medium") { $0.level = "medium" }
    if let team = facets.teams.first { add("sample, team=\(team), reason=anger") { $0.order = .sample(seed: 7); $0.team = team; $0.reason = "anger" } }
    for (name, filter) in cases {
        var deep = filter
        var pageNumber = 1
        for _ in 0..<depth {
            guard let next = try store.queue(deep).next else { break }
            deep.after = next
            pageNumber += 1
        }
        for (label, query) in [("page 1", filter), ("page \(pageNumber)", deep)] {
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

/// A workspace in use has reviews: one conversation in 100 (in risk order) gets one, with
/// scores against the shipped rubric, through `addReview` (one transaction each), timed.
func addReviewsIfNone(_ store: Store) throws {
    var any = false
    try store.forEachReview { _ in any = true }
    guard !any else { return }
    let rubric = try Rubric(contentsOf: "corpora/qa-rubric.yaml")
    var filter = QueueFilter()
    filter.limit = Store.maxPageSize
    var ids: [String] = []
    var position = 0
    while true {
        let page = try store.queue(filter)
        for row in page.rows {
            if position % 100 == 0 { ids.append(row.id) }
            position += 1
        }
        guard let next = page.next else { break }
        filter.after = next
    }
    let verdicts: [Verdict] = [.confirmed, .falseAlarm, .coachingNeeded]
    var times: [Double] = []
    for (index, id) in ids.enumerated() {
        let draft = ReviewDraft(conversationID: id, reviewer: "reviewer\(index % 7)", verdict: verdicts[index % 3],
                                scores: ["empathy": index % 5, "resolution": (index / 5) % 5, "compliance": 1], note: "benchmark review \(index)")
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try store.addReview(draft, rubric: rubric)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    print(String(format: "addReview: %d reviews (1 conversation in 100), median %.2f ms, p99 %.2f ms each", ids.count,
                 times[times.count / 2], times[times.count * 99 / 100]))
}
