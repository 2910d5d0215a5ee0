import Testing
@testable import TemperIO

@Suite struct TopNTests {
    @Test func keepsTheGreatestGreatestFirst() {
        var top = TopN<Int>(limit: 3)
        for value in [5, 1, 9, 3, 9, 7, 2] { top.offer(value) }
        #expect(top.descending == [9, 9, 7])
        #expect(top.threshold == 7)
        var none = TopN<Int>(limit: 0)
        none.offer(1)
        #expect(none.descending.isEmpty && none.threshold == nil)
    }

    @Test func mergingShardsGivesWhatOnePassKeeps() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<50 {
            let values = (0..<200).map { _ in Int(generator.next() % 1000) }
            var whole = TopN<Int>(limit: 10)
            values.forEach { whole.offer($0) }
            var shards = [TopN<Int>](repeating: TopN(limit: 10), count: 4)
            for (index, value) in values.enumerated() { shards[index % 4].offer(value) }
            var merged = TopN<Int>(limit: 10)
            shards.forEach { merged.merge($0) }
            #expect(merged == whole)
            #expect(whole.descending == Array(values.sorted(by: >).prefix(10)))
        }
    }
}
