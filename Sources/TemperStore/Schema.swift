import GRDB

/// The database layout, one migration per version. A released migration is never edited: a
/// change is a new migration appended below, so every existing `temper.db` can catch up.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: conversations, messages, reasons, drivers, reviews, sessions") { db in
            // Conversations: the queue's columns, each filter indexed with the risk order behind
            // it so a filtered queue page is an index walk, not a sort. `sample_key` is a hash of
            // the id (see `QueueQuery`); `review_count` and `latest_verdict` are kept by
            // `addReview` so the queue needs no join with reviews.
            //
            // Messages, reasons and drivers hang off the integer `key`, not the text id: a new
            // conversation's key is the largest yet, so its rows are appended at the end of
            // their tables instead of being scattered through them by id (with text ids an
            // ingest of 100k conversations spent most of its time in random page writes), and
            // each of the ~8 message rows per conversation is 10–20 bytes smaller.
            try db.execute(sql: """
                CREATE TABLE conversations (
                    key INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    channel TEXT,
                    agent TEXT,
                    team TEXT,
                    customer TEXT,
                    started_at REAL,
                    risk REAL NOT NULL,
                    level TEXT NOT NULL,
                    flagged INTEGER NOT NULL,
                    label TEXT,
                    compound REAL,
                    reason_codes TEXT NOT NULL,
                    trajectory TEXT NOT NULL,
                    sample_key INTEGER NOT NULL,
                    review_count INTEGER NOT NULL DEFAULT 0,
                    latest_verdict TEXT,
                    ingested_at REAL NOT NULL
                );
                CREATE INDEX conversations_by_risk ON conversations(risk DESC, id);
                CREATE INDEX conversations_by_team ON conversations(team, risk DESC, id);
                CREATE INDEX conversations_by_agent ON conversations(agent, risk DESC, id);
                CREATE INDEX conversations_by_channel ON conversations(channel, risk DESC, id);
                CREATE INDEX conversations_by_level ON conversations(level, risk DESC, id);
                CREATE INDEX conversations_by_start ON conversations(started_at);
                CREATE INDEX conversations_by_review ON conversations(review_count, risk DESC, id);
                -- Covers the random sample's ranking: everything, or reviewed or not.
                CREATE INDEX conversations_by_sample ON conversations(review_count, sample_key);

                CREATE TABLE messages (
                    conversation INTEGER NOT NULL REFERENCES conversations(key) ON DELETE CASCADE,
                    idx INTEGER NOT NULL,
                    role TEXT NOT NULL,
                    text TEXT NOT NULL,
                    at REAL,
                    label TEXT,
                    compound REAL,
                    PRIMARY KEY (conversation, idx)
                ) WITHOUT ROWID;

                CREATE TABLE reasons (
                    conversation INTEGER NOT NULL REFERENCES conversations(key) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    code TEXT NOT NULL,
                    message INTEGER NOT NULL,
                    evidence TEXT NOT NULL,
                    start INTEGER NOT NULL,
                    "end" INTEGER NOT NULL,
                    detail TEXT,
                    PRIMARY KEY (conversation, position)
                ) WITHOUT ROWID;
                CREATE INDEX reasons_by_code ON reasons(code, conversation);

                CREATE TABLE drivers (
                    conversation INTEGER NOT NULL REFERENCES conversations(key) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    driver TEXT NOT NULL,
                    PRIMARY KEY (conversation, position)
                ) WITHOUT ROWID;
                CREATE INDEX drivers_by_driver ON drivers(driver, conversation);

                CREATE TABLE sessions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE TABLE session_items (
                    session_id INTEGER NOT NULL REFERENCES sessions(id),
                    position INTEGER NOT NULL,
                    conversation_id TEXT NOT NULL REFERENCES conversations(id),
                    PRIMARY KEY (session_id, position),
                    UNIQUE (session_id, conversation_id)
                ) WITHOUT ROWID;
                CREATE TABLE session_reviewers (
                    session_id INTEGER NOT NULL REFERENCES sessions(id),
                    position INTEGER NOT NULL,
                    reviewer TEXT NOT NULL,
                    PRIMARY KEY (session_id, position),
                    UNIQUE (session_id, reviewer)
                ) WITHOUT ROWID;

                -- Append-only: an edit is a new row naming the row it revises. UNIQUE(revises)
                -- keeps each history a chain (two edits of one review cannot both land), so
                -- the current review is the one no row revises.
                CREATE TABLE reviews (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    conversation_id TEXT NOT NULL REFERENCES conversations(id),
                    reviewer TEXT NOT NULL,
                    verdict TEXT NOT NULL CHECK (verdict IN ('confirmed', 'false_alarm', 'coaching_needed')),
                    scores TEXT NOT NULL,
                    score REAL,
                    note TEXT NOT NULL,
                    session_id INTEGER REFERENCES sessions(id),
                    revises INTEGER UNIQUE REFERENCES reviews(id),
                    created_at REAL NOT NULL
                );
                CREATE INDEX reviews_by_conversation ON reviews(conversation_id, reviewer);
                CREATE INDEX reviews_by_session ON reviews(session_id) WHERE session_id IS NOT NULL;
                CREATE TRIGGER reviews_are_never_updated BEFORE UPDATE ON reviews
                    BEGIN SELECT RAISE(ABORT, 'reviews are append-only: an edit is a new review that revises the old one'); END;
                CREATE TRIGGER reviews_are_never_deleted BEFORE DELETE ON reviews
                    BEGIN SELECT RAISE(ABORT, 'reviews are append-only and never deleted'); END;
                """)
        }
        migrator.registerMigration("v2: the risk-ordered queue puts flagged conversations first") { db in
            // Since a threat flags a conversation whatever its risk, risk alone no longer puts
            // everything flagged on top; each index that serves the risk order gains `flagged`
            // in front of the risk, so the queue stays an index walk.
            try db.execute(sql: """
                DROP INDEX conversations_by_risk;
                DROP INDEX conversations_by_team;
                DROP INDEX conversations_by_agent;
                DROP INDEX conversations_by_channel;
                DROP INDEX conversations_by_level;
                DROP INDEX conversations_by_review;
                CREATE INDEX conversations_by_risk ON conversations(flagged DESC, risk DESC, id);
                CREATE INDEX conversations_by_team ON conversations(team, flagged DESC, risk DESC, id);
                CREATE INDEX conversations_by_agent ON conversations(agent, flagged DESC, risk DESC, id);
                CREATE INDEX conversations_by_channel ON conversations(channel, flagged DESC, risk DESC, id);
                CREATE INDEX conversations_by_level ON conversations(level, flagged DESC, risk DESC, id);
                CREATE INDEX conversations_by_review ON conversations(review_count, flagged DESC, risk DESC, id);
                """)
        }
        return migrator
    }

    static func migrate(_ database: any DatabaseWriter) throws {
        let migrator = self.migrator
        if try database.read({ try migrator.hasBeenSuperseded($0) }) {
            throw StoreError(.invalid, "the database was written by a newer version of Temper; upgrade Temper to open it")
        }
        try migrator.migrate(database)
    }
}
