import Foundation
import Testing
import TemperReview
@testable import TemperStore

@Suite struct QueueQueryTests {
    let corpus = Fixtures.corpus(120)

    /// Every page of `filter`, checking each page's total and size on the way.
    func walk(_ store: Store, _ filter: QueueFilter) throws -> [QueueRow] {
        var filter = filter
        var rows: [QueueRow] = []
        var totals: Set<Int> = []
        while true {
            let page = try store.queue(filter)
            totals.insert(page.total)
            rows += page.rows
            #expect(page.rows.count <= filter.limit)
            guard let next = page.next else { break }
            #expect(page.rows.count == filter.limit)
            filter.after = next
        }
        #expect(totals.count == 1 && totals.first == rows.count)
        return rows
    }

    @Test func riskOrderIsRiskiestFirstWithTiesById() throws {
        let store = try Fixtures.store(corpus)
        var filter = QueueFilter()
        filter.limit = 500
        let page = try store.queue(filter)
        let expected = corpus.sorted { ($0.risk, $1.id) > ($1.risk, $0.id) }.map(\.id)
        #expect(page.rows.map(\.id) == expected)
        #expect(page.next == nil && page.total == 120)
        let first = try #require(page.rows.first)
        let stored = try #require(corpus.first { $0.id == first.id })
        #expect(first.risk == stored.risk && first.team == stored.team && first.level == stored.level)
        #expect(first.reasonCodes == stored.reasons.map(\.code))
    }

    @Test func pagesHaveNoDuplicatesOrGaps() throws {
        let store = try Fixtures.store(corpus)
        for limit in [1, 7, 50, 119, 120, 121] {
            var filter = QueueFilter()
            filter.limit = limit
            let rows = try walk(store, filter)
            #expect(rows.map(\.id) == corpus.sorted { ($0.risk, $1.id) > ($1.risk, $0.id) }.map(\.id), "limit \(limit)")
        }
    }

    @Test func everyFilterSelectsWhatItSays() throws {
        let store = try Fixtures.store(corpus)
        _ = try store.addReview(ReviewDraft(conversationID: "c005", reviewer: "ana", verdict: .confirmed), rubric: Fixtures.rubric)
        _ = try store.addReview(ReviewDraft(conversationID: "c017", reviewer: "ben", verdict: .falseAlarm), rubric: Fixtures.rubric)
        let reviewed: Set<String> = ["c005", "c017"]
        let cases: [(String, (inout QueueFilter) -> Void, (StoredConversation) -> Bool)] = [
            ("team", { $0.team = "tech" }, { $0.team == "tech" }),
            ("agent", { $0.agent = "agent3" }, { $0.agent == "agent3" }),
            ("channel", { $0.channel = "email" }, { $0.channel == "email" }),
            ("period", { $0.from = 1_790_000_000 + 10 * 3_600; $0.to = 1_790_000_000 + 40 * 3_600 },
             { $0.startedAt! >= 1_790_000_000 + 10 * 3_600 && $0.startedAt! < 1_790_000_000 + 40 * 3_600 }),
            ("level", { $0.level = "medium" }, { $0.level == "medium" }),
            ("reason", { $0.reason = "anger" }, { $0.reasons.contains { $0.code == "anger" } }),
            ("driver", { $0.driver = "billing_error" }, { $0.drivers.contains("billing_error") }),
            ("reviewed", { $0.reviewed = true }, { reviewed.contains($0.id) }),
            ("not reviewed", { $0.reviewed = false }, { !reviewed.contains($0.id) }),
            ("combined", { $0.team = "billing"; $0.reason = "churn_threat"; $0.reviewed = false },
             { $0.team == "billing" && $0.reasons.contains { $0.code == "churn_threat" } && !reviewed.contains($0.id) }),
            ("nothing", { $0.team = "nobody" }, { _ in false }),
        ]
        for (name, set, matches) in cases {
            var filter = QueueFilter()
            filter.limit = 9
            set(&filter)
            let expected = corpus.filter(matches).sorted { ($0.risk, $1.id) > ($1.risk, $0.id) }.map(\.id)
            #expect(try walk(store, filter).map(\.id) == expected, "\(name)")
            filter.order = .sample(seed: 7)
            #expect(Set(try walk(store, filter).map(\.id)) == Set(expected), "\(name), sampled")
        }
    }

    @Test func filterValuesAreBoundNotSpliced() throws {
        let store = try Fixtures.store(corpus)
        var filter = QueueFilter()
        filter.team = "x' OR 1=1 --"
        #expect(try store.queue(filter).total == 0)
        #expect(try store.conversationCount() == 120)
    }

    @Test func reviewCountAndLatestVerdictShowInTheQueue() throws {
        let store = try Fixtures.store(corpus)
        let first = try store.addReview(ReviewDraft(conversationID: "c001", reviewer: "ana", verdict: .confirmed), rubric: Fixtures.rubric)
        _ = try store.addReview(ReviewDraft(conversationID: "c001", reviewer: "ana", verdict: .coachingNeeded), rubric: Fixtures.rubric,
                                revises: first.id)
        _ = try store.addReview(ReviewDraft(conversationID: "c001", reviewer: "ben", verdict: .falseAlarm), rubric: Fixtures.rubric)
        var filter = QueueFilter()
        filter.reviewed = true
        let row = try #require(try store.queue(filter).rows.first)
        #expect(row.id == "c001" && row.reviewCount == 2 && row.latestVerdict == .falseAlarm)
    }

    /// Calibration reviews are blind: the queue, which every reviewer sees, must not show them.
    @Test func calibrationReviewsLeaveTheQueueAlone() throws {
        let store = try Fixtures.store(corpus)
        let session = try store.createSession(name: "blind", conversationIDs: ["c002"], reviewers: ["ana", "ben"])
        _ = try store.addReview(ReviewDraft(conversationID: "c002", reviewer: "ana", verdict: .confirmed, sessionID: session.id),
                                rubric: Fixtures.rubric)
        var filter = QueueFilter()
        filter.reviewed = true
        #expect(try store.queue(filter).total == 0)
        filter.reviewed = false
        filter.limit = 200
        let row = try #require(try store.queue(filter).rows.first { $0.id == "c002" })
        #expect(row.reviewCount == 0 && row.latestVerdict == nil)
        #expect(try store.sessionReviews(id: session.id).map(\.verdict) == [.confirmed])
    }

    @Test func aSampleIsRepeatablePerSeedAndWalksEveryConversationOnce() throws {
        let store = try Fixtures.store(corpus)
        var filter = QueueFilter()
        filter.order = .sample(seed: 42)
        filter.limit = 11
        let first = try walk(store, filter)
        #expect(first.count == 120 && Set(first.map(\.id)).count == 120)
        #expect(try walk(store, filter).map(\.id) == first.map(\.id))
        filter.order = .sample(seed: 43)
        let other = try walk(store, filter)
        #expect(other.map(\.id) != first.map(\.id))
        // Not the risk order either.
        #expect(first.map(\.id) != corpus.sorted { ($0.risk, $1.id) > ($1.risk, $0.id) }.map(\.id))
    }

    /// The first row of a sample, over 3 000 seeds and 30 conversations: each conversation should
    /// come first about 100 times. Pearson's χ² with 29 degrees of freedom stays below 58.3 with
    /// probability 0.999 for a uniform draw (a fixed set of seeds, so the test is deterministic).
    @Test func aSampleIsUniform() throws {
        let store = try Fixtures.store(Array(corpus.prefix(30)))
        var counts: [String: Int] = [:]
        var filter = QueueFilter()
        filter.limit = 1
        for seed in 0..<3_000 {
            filter.order = .sample(seed: UInt64(seed))
            counts[try #require(try store.queue(filter).rows.first).id, default: 0] += 1
        }
        #expect(counts.count == 30)
        let chiSquare = counts.values.reduce(0.0) { $0 + pow(Double($1) - 100, 2) / 100 }
        #expect(chiSquare < 58.3, "χ² = \(chiSquare)")
    }

    @Test func aSampledPageKeepsItsPlaceWhenConversationsArrive() throws {
        let store = try Fixtures.store(Array(corpus.prefix(60)))
        var filter = QueueFilter()
        filter.order = .sample(seed: 9)
        filter.limit = 20
        let page1 = try store.queue(filter)
        _ = try store.upsert(Array(corpus.dropFirst(60)))
        filter.after = page1.next
        let page2 = try store.queue(filter)
        #expect(Set(page1.rows.map(\.id)).isDisjoint(with: page2.rows.map(\.id)))
        // The rest of the first 60 still comes, in the order it would have.
        var fresh = QueueFilter()
        fresh.order = .sample(seed: 9)
        fresh.limit = 500
        let all = try store.queue(fresh).rows.map(\.id)
        let lastOfPage1 = try #require(page1.rows.last)
        let position = try #require(all.firstIndex(of: lastOfPage1.id))
        #expect(Array(all[(position + 1)...].prefix(20)) == page2.rows.map(\.id))
    }

    @Test func badPagingInputIsRejected() throws {
        let store = try Fixtures.store(corpus)
        var filter = QueueFilter()
        filter.limit = 0
        #expect(throws: StoreError(.invalid, "the page size must be between 1 and 500 (got 0)")) { try store.queue(filter) }
        filter.limit = 501
        #expect(throws: StoreError.self) { try store.queue(filter) }
        filter.limit = 10
        filter.after = "garbage"
        #expect(throws: StoreError(.invalid, "invalid page cursor")) { try store.queue(filter) }
        filter.after = try store.queue(QueueFilter()).next
        filter.order = .sample(seed: 1)
        #expect(throws: StoreError.self) { try store.queue(filter) }
    }

    @Test func cursorsRoundTripOddIds() throws {
        for cursor in [Cursor.risk(flagged: true, risk: 0.123456789, id: "a/b+c=d é"), .risk(flagged: false, risk: 0, id: ""),
                       .risk(flagged: true, risk: 1, id: "日本"), .sample(rank: Int64.min, key: 1), .sample(rank: -1, key: Int64.max)] {
            #expect(try Cursor(text: cursor.text) == cursor)
            #expect(!cursor.text.contains { "/+=?&# ".contains($0) })
        }
        // A cursor of the order before flagged came first, or a flag that is not 0 or 1: start again.
        for text in ["r3fb999999999999a.YzAwMQ", "q23fb999999999999a.YzAwMQ", "q.YzAwMQ"] {
            #expect(throws: StoreError.self) { try Cursor(text: text) }
        }
    }

    @Test func flaggedConversationsComeFirstWhateverTheirRisk() throws {
        // A calm conversation with a legal threat is flagged at risk 0.1 (threats flag whatever
        // the risk); it is worked before the unflagged ones, even at risk 0.45.
        var calmThreat = Fixtures.conversation("threat-calm", risk: 0.1, reasons: ["legal_threat"])
        calmThreat.flagged = true
        var tiedThreat = Fixtures.conversation("threat-tied", risk: 0.3)
        tiedThreat.flagged = true
        let conversations = corpus + [calmThreat, tiedThreat]
        let store = try Fixtures.store(conversations)
        let expected = conversations.sorted {
            ($0.flagged ? 1 : 0, $0.risk, $1.id) > ($1.flagged ? 1 : 0, $1.risk, $0.id)
        }.map(\.id)
        let flaggedCount = conversations.filter(\.flagged).count
        #expect(expected[flaggedCount - 2..<flaggedCount] == ["threat-tied", "threat-calm"])
        // Every page size, so that pages break inside each group and across the boundary.
        for limit in [1, 3, 7, flaggedCount - 1, flaggedCount, flaggedCount + 1, 50] {
            var filter = QueueFilter()
            filter.limit = limit
            #expect(try walk(store, filter).map(\.id) == expected, "limit \(limit)")
        }
        var filter = QueueFilter()
        filter.reason = "legal_threat"
        #expect(try walk(store, filter).map(\.id) == ["threat-calm"])
        // The flag filters (an index prefix) and comes back on every row.
        for flagged in [true, false] {
            var filter = QueueFilter()
            filter.flagged = flagged
            filter.limit = 3
            let rows = try walk(store, filter)
            #expect(rows.map(\.id) == expected.filter { id in conversations.first { $0.id == id }!.flagged == flagged })
            #expect(rows.allSatisfy { $0.flagged == flagged })
        }
    }
}
