import HeapModule

/// The `limit` greatest elements offered so far — Temper's one bounded top-N (the riskiest
/// conversations of `flag --top`, each scorecard group's flagged list).
///
/// A min-heap holds what is kept, so an offer costs O(log limit) and memory never exceeds `limit`
/// elements however many are offered. Under a total order the top-N of a union is the top-N of
/// the parts' top-Ns, so `merge` gives exactly what one pass over everything would have kept.
public struct TopN<Element: Comparable> {
    public let limit: Int
    private var heap = Heap<Element>()

    public init(limit: Int) {
        self.limit = max(0, limit)
    }

    public var count: Int { heap.count }

    /// The least element kept, once `limit` are kept: an offer must beat it to get in.
    public var threshold: Element? { heap.count == limit ? heap.min : nil }

    public mutating func offer(_ element: Element) {
        guard limit > 0 else { return }
        if heap.count < limit {
            heap.insert(element)
        } else if let least = heap.min, least < element {
            heap.replaceMin(with: element)
        }
    }

    public mutating func merge(_ other: TopN) {
        for element in other.heap.unordered { offer(element) }
    }

    /// What is kept, greatest first.
    public var descending: [Element] { heap.unordered.sorted(by: >) }
}

extension TopN: Sendable where Element: Sendable {}

extension TopN: Equatable where Element: Equatable {
    public static func == (a: TopN, b: TopN) -> Bool {
        a.limit == b.limit && a.descending == b.descending
    }
}
