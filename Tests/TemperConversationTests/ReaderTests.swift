import Foundation
import Testing
import TemperIO
@testable import TemperConversation

@Suite struct DuplicateIDSetTests {
    /// One table of 64-bit hashes filled to 7/8: 788,900 ids (1 GB of transcripts) in 2^20 slots.
    @Test func findsEveryRepeatInCompactMemory() {
        var ids = DuplicateIDSet()
        var rng = SplitMix64(seed: 11)
        var hashes: [UInt64] = []
        for _ in 0..<788_900 { hashes.append(rng.next()) }
        hashes.append(0)  // stored as 1: still a value of its own
        #expect(hashes.allSatisfy { ids.insert(hash: $0) })
        #expect(ids.count == 788_901)
        #expect(ids.bytes == 8 << 20)  // 10.6 bytes an id; Swift's Set took 2^21 slots here
        #expect(hashes.shuffled().prefix(10_000).allSatisfy { !ids.insert(hash: $0) })
        #expect(ids.insert("c0001") && !ids.insert("c0001") && ids.count == 788_902)
    }
}

@Suite struct ReaderTests {
    @Test func readsConversationsAndKeepsExtraFields() throws {
        let path = Fixtures.temporaryFile("""
        {"id":"a","channel":"chat","messages":[{"role":"customer","text":"hi","at":"2026-10-05T09:14:03Z"},{"role":"agent","text":"hello","at":"2026-10-05T09:15:03+00:00"}],"survey":{"csat":4},"resolved":true,"tags":["x"],"lang":"es"}

        {"id":7,"messages":[{"role":"user","text":"numeric id, user role"}]}
        """)
        var conversations: [Conversation] = []
        try ConversationReader(path: path).forEach { conversations.append($0) }
        #expect(conversations.map(\.id) == ["a", "7"])
        #expect(conversations[0].messages[1].at! - conversations[0].messages[0].at! == 60)
        #expect(conversations[0].survey?.csat == 4)
        #expect(conversations[0].extra.members.map(\.key) == ["tags", "lang"])
        #expect(conversations[1].messages[0].role == .customer)
        #expect(conversations[1].line == 3)
    }

    @Test func timestampsOutsideYears1To9999AreBadRecordsInEveryReader() throws {
        // Issue #11: an epoch of 1e24 crashed `flag --facts` and `scorecard` when formatted.
        for at in ["1e24", "-1e15", "\"99999-01-01\""] {
            var problems: [InputError] = []
            let conversations = Fixtures.temporaryFile(#"{"id":"a","messages":[{"role":"customer","text":"hi","at":\#(at)}]}"#)
            try ConversationReader(path: conversations, policy: BadRecordPolicy(.skip) { problems.append($0) }).forEach { _ in }
            let tweets = Fixtures.temporaryFile(#"{"tweet_id":"1","author_id":"c","inbound":true,"text":"hi","created_at":\#(at)}"#)
            try TweetThreadReader(path: tweets, policy: BadRecordPolicy(.skip) { problems.append($0) }).forEach { _ in }
            #expect(problems.map(\.line) == [1, 1], "\(at)")
            #expect(problems.allSatisfy { $0.message.contains("unparsable timestamp") && $0.message.contains("years 1 to 9999") })
        }
        var problems: [InputError] = []
        let rows = Fixtures.temporaryFile("ticket_id,role,text,at\nt1,customer,hi,1e24\nt2,customer,hi,1700000000\n", suffix: ".csv")
        var ids: [String] = []
        try MessageRowReader(path: rows, format: .csv, policy: BadRecordPolicy(.skip) { problems.append($0) }).forEach { ids.append($0.id) }
        #expect(ids == ["t2"] && problems.map(\.line) == [2])
        #expect(ISO8601.timestamp(.number(253_402_300_799)) != nil && ISO8601.timestamp(.number(253_402_300_800)) == nil)
    }

    @Test func anEmptyTweetIdIsABadRecordLikeAnyEmptyId() throws {
        // Found by the tweets fuzz target: an empty "tweet_id" became a conversation id "" that
        // could not be read back (fuzz/regressions/tweets/).
        var problems: [InputError] = []
        var ids: [String] = []
        let tweets = Fixtures.temporaryFile("""
        {"tweet_id":"","inbound":true,"text":"hi"}
        {"tweet_id":2,"inbound":true,"text":"hello"}
        """)
        try TweetThreadReader(path: tweets, policy: BadRecordPolicy(.skip) { problems.append($0) }).forEach { ids.append($0.id) }
        #expect(ids == ["2"])
        #expect(problems.map(\.line) == [1])
        #expect(problems.first?.message.contains("\"tweet_id\" is empty, not a non-empty string or a number") == true, "\(problems)")
    }

    @Test func reportsBadRecordsWithLineNumbersAndSkips() throws {
        let path = Fixtures.temporaryFile("""
        {"id":"ok1","messages":[{"role":"customer","text":"fine"}]}
        {"id":"broken","messages":[
        {"id":"role","messages":[{"role":"martian","text":"x"}]}
        {"id":"time","messages":[{"role":"customer","text":"x","at":"yesterday"}]}
        {"id":"empty","messages":[]}
        {"id":"ok1","messages":[{"role":"customer","text":"again"}]}
        {"id":"ok2","messages":[{"role":"agent","text":"fine"}]}
        """)
        var problems: [InputError] = []
        var ids: [String] = []
        let reader = try ConversationReader(path: path, policy: BadRecordPolicy(skipInvalid: true) { problems.append($0) })
        try reader.forEach { ids.append($0.id) }
        #expect(ids == ["ok1", "ok2"])
        #expect(problems.map(\.line) == [2, 3, 4, 5, 6])
        #expect(problems[0].message.contains("broken JSON"))
        #expect(problems[1].message.contains("unknown role 'martian'"))
        #expect(problems[2].message.contains("unparsable timestamp"))
        #expect(problems[3].message.contains("empty"))
        #expect(problems[4].message.contains("duplicate"))
        #expect(problems[0].description.hasPrefix(path + ":2: "))

        // Without skip-invalid the first problem stops the read.
        var seen = 0
        let strict = try ConversationReader(path: path)
        #expect(throws: problems[0]) { try strict.forEach { _ in seen += 1 } }
        #expect(seen == 1)
    }

    @Test func groupsHelpdeskRowsEvenWhenInterleaved() throws {
        var conversations: [Conversation] = []
        let reader = MessageRowReader(path: Fixtures.root + "/corpora/message-rows.csv", format: .csv)
        try reader.forEach { conversations.append($0) }
        #expect(conversations.count == 40)
        #expect(Set(conversations.map(\.id)).count == 40)
        for conversation in conversations {
            let times = conversation.messages.compactMap(\.at)
            #expect(times == times.sorted())
        }
        #expect(conversations.allSatisfy { $0.messages.contains { $0.role == .customer } })
    }

    @Test func rowColumnMappingAndLineNumbers() throws {
        let path = Fixtures.temporaryFile("""
        case,who,said,when
        1,customer,"line one
        line two",2026-01-01T10:00:00Z
        2,customer,other,2026-01-01T10:01:00Z
        1,agent,reply,2026-01-01T10:02:00Z
        1,alien,bad role,2026-01-01T10:03:00Z
        2,agent,late,not a time
        """, suffix: ".csv")
        var problems: [InputError] = []
        var conversations: [Conversation] = []
        let reader = MessageRowReader(path: path, format: .csv,
                                      mapping: ColumnMapping(conversation: "case", text: "said", role: "who", time: "when"),
                                      policy: BadRecordPolicy(skipInvalid: true) { problems.append($0) })
        try reader.forEach { conversations.append($0) }
        #expect(conversations.map(\.id) == ["1", "2"])
        #expect(conversations[0].messages.map(\.text) == ["line one\nline two", "reply"])
        #expect(problems.map(\.line) == [6, 7])
    }

    @Test func smallWindowReportsSplitConversationAsDuplicate() throws {
        let path = Fixtures.temporaryFile("""
        {"ticket_id":"A","role":"customer","text":"one"}
        {"ticket_id":"B","role":"customer","text":"two"}
        {"ticket_id":"C","role":"customer","text":"three"}
        {"ticket_id":"A","role":"agent","text":"late reply"}
        """)
        var problems: [InputError] = []
        var ids: [String] = []
        let reader = MessageRowReader(path: path, format: .jsonl, window: 1,
                                      policy: BadRecordPolicy(skipInvalid: true) { problems.append($0) })
        try reader.forEach { ids.append($0.id) }
        #expect(ids == ["A", "B", "C"])
        #expect(problems.count == 1 && problems[0].message.contains("duplicate"))
    }

    @Test func everyReaderReadsBytesInMemoryAsItReadsTheFile() throws {
        func ids(_ forEach: ((Conversation) throws -> Void) throws -> Void) throws -> [String] {
            var ids: [String] = []
            try forEach { ids.append("\($0.id):\($0.line):\($0.messages.count)") }
            return ids
        }
        func bytes(_ corpus: String) throws -> RecordSource {
            .bytes(Array(try Data(contentsOf: URL(fileURLWithPath: Fixtures.root + "/corpora/" + corpus))), name: corpus)
        }
        let rows = Fixtures.root + "/corpora/message-rows.csv", tweets = Fixtures.root + "/corpora/tweets.jsonl"
        let transcripts = Fixtures.root + "/corpora/transcripts.jsonl"
        #expect(try ids(MessageRowReader(source: bytes("message-rows.csv"), format: .csv).forEach)
                == ids(MessageRowReader(path: rows, format: .csv).forEach))
        #expect(try ids(TweetThreadReader(source: bytes("tweets.jsonl")).forEach) == ids(TweetThreadReader(path: tweets).forEach))
        let fromMemory = try ids(ConversationReader(lines: LineReader(bytes: Array(Data(contentsOf: URL(fileURLWithPath: transcripts))))).forEach)
        let fromFile = try ids(ConversationReader(path: transcripts).forEach)
        #expect(fromMemory.count > 0 && fromMemory == fromFile)
        var problems: [InputError] = []
        let rowsJSONL = RecordSource.bytes(Array(#"{"ticket_id":"A","role":"alien","text":"x"}"#.utf8), name: "body.jsonl")
        try MessageRowReader(source: rowsJSONL, format: .jsonl, policy: BadRecordPolicy(.skip) { problems.append($0) }).forEach { _ in }
        #expect(problems.map(\.description) == ["body.jsonl:1: conversation 'A': unknown role 'alien' (expected customer/end-user/user, agent, bot or system)"])
    }

    @Test func rebuildsTweetThreads() throws {
        var conversations: [Conversation] = []
        try TweetThreadReader(path: Fixtures.root + "/corpora/tweets.jsonl").forEach { conversations.append($0) }
        #expect(conversations.count == 30)
        #expect(conversations.reduce(0) { $0 + $1.messages.count } == 108)
        #expect(conversations.allSatisfy { $0.messages.first?.role == .customer && $0.channel == "twitter" })
    }
}
