import Foundation
import GRDB
import Testing
import TemperReview
@testable import TemperStore

@Suite struct StoreTests {
    @Test func aFileDatabaseIsMigratedInWALWithForeignKeysAndReopens() throws {
        let path = try Fixtures.directory() + "/temper.db"
        do {
            let store = try Store(path: path)
            _ = try store.upsert([Fixtures.conversation("c1", risk: 0.7)])
            let (journal, foreignKeys, applied) = try store.database.read { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"),
                 try Schema.migrator.appliedMigrations(db))
            }
            #expect(journal == "wal")
            #expect(foreignKeys == true)
            #expect(applied == Schema.migrator.migrations)
        }
        let reopened = try Store(path: path)
        #expect(try reopened.conversationCount() == 1)
        #expect(try reopened.conversation(id: "c1")?.risk == 0.7)
    }

    @Test func somethingThatIsNotADatabaseIsRefusedWithItsPath() throws {
        let path = try Fixtures.file("notes.db", String(repeating: "not sqlite at all\n", count: 200))
        do {
            _ = try Store(path: path)
            Issue.record("opened a text file as a database")
        } catch let error as StoreError {
            #expect(error.kind == .invalid)
            #expect(error.message.hasPrefix("\(path): cannot open the database"))
        }
    }

    @Test func aDatabaseFromANewerTemperIsRefused() throws {
        let path = try Fixtures.directory() + "/temper.db"
        _ = try Store(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')") }
        #expect(throws: StoreError(.invalid, "\(path): the database was written by a newer version of Temper; upgrade Temper to open it")) {
            try Store(path: path)
        }
    }

    @Test func aConversationRoundTrips() throws {
        let store = try Store(path: ":memory:")
        var conversation = Fixtures.conversation("c1", risk: 0.81, team: "billing", agent: "Dana", channel: "chat", startedAt: 1_790_000_000,
                                                 reasons: ["churn_threat", "anger"], drivers: ["refund"], text: "I'm <b>switching</b> to Globex")
        conversation.reasons[0].detail = "measured"
        conversation.trajectory = [-0.25, -0.5, 0.125]
        conversation.messages.append(StoredMessage(index: 2, role: "system", text: "closed", at: nil))
        #expect(try store.upsert([conversation]) == (inserted: 1, updated: 0))
        #expect(try store.conversation(id: "c1") == conversation)
        #expect(try store.conversation(id: "nope") == nil)
    }

    @Test func reIngestingUpdatesTheConversationAndKeepsItsReviews() throws {
        let store = try Store(path: ":memory:")
        _ = try store.upsert([Fixtures.conversation("c1", risk: 0.9, reasons: ["anger", "churn_threat"], drivers: ["refund"])])
        let review = try store.addReview(ReviewDraft(conversationID: "c1", reviewer: "ana", verdict: .confirmed, scores: ["empathy": 3]),
                                         rubric: Fixtures.rubric)
        var updated = Fixtures.conversation("c1", risk: 0.3, team: "tech", reasons: ["long_wait"], text: "Waited an hour")
        updated.messages.removeLast()
        #expect(try store.upsert([updated, Fixtures.conversation("c2", risk: 0.1)]) == (inserted: 1, updated: 1))
        #expect(try store.conversation(id: "c1") == updated)
        #expect(try store.reviews(conversationID: "c1") == [review])
        var filter = QueueFilter()
        filter.reason = "anger"
        #expect(try store.queue(filter).total == 0)
        filter.reason = nil
        filter.reviewed = true
        #expect(try store.queue(filter).rows.map(\.reviewCount) == [1])
        #expect(try store.facets().drivers == [])
        let messages = try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages JOIN conversations ON key = conversation WHERE id = 'c1'") }
        #expect(messages == 1)
    }

    @Test func facetsListDistinctValues() throws {
        let store = try Fixtures.store(Fixtures.corpus(30) + [Fixtures.conversation("bare", risk: 0)])
        let facets = try store.facets()
        #expect(facets.teams == ["billing", "sales", "tech"])
        #expect(facets.agents == ["agent0", "agent1", "agent2", "agent3", "agent4"])
        #expect(facets.channels == ["chat", "email"])
        #expect(facets.reasons == ["anger", "churn_threat"])
        #expect(facets.drivers == ["billing_error"])
    }

    @Test func aFileStoreServesReadersWhileAnotherConnectionWrites() async throws {
        let path = try Fixtures.directory() + "/temper.db"
        let writer = try Store(path: path)
        let reader = try Store(path: path)
        _ = try writer.upsert(Fixtures.corpus(50))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { for start in stride(from: 50, to: 150, by: 10) { _ = try writer.upsert(Array(Fixtures.corpus(150)[start..<start + 10])) } }
            group.addTask {
                for _ in 0..<20 {
                    let total = try reader.queue(QueueFilter()).total
                    #expect(total >= 50)
                }
            }
            try await group.waitForAll()
        }
        #expect(try reader.conversationCount() == 150)
    }
}
