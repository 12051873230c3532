import GRDB

extension Ledger {
    /// The schema, one migration per version; a file at any earlier version is brought
    /// up to date when opened. Migrations are never edited once released, only added.
    /// Times are UTC text (`2026-11-23T10:15:00Z`), which sorts in time order; money is
    /// in minor units (cents).
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        // v1: customers, their contacts, recoveries and follow-ups.
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE customer (
                        id INTEGER PRIMARY KEY,
                        key TEXT NOT NULL UNIQUE,
                        label TEXT NOT NULL,
                        firstSeen TEXT NOT NULL,
                        lastSeen TEXT NOT NULL
                    );
                    CREATE TABLE contact (
                        id INTEGER PRIMARY KEY,
                        customerId INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                        session TEXT NOT NULL,
                        playbook TEXT NOT NULL,
                        agent TEXT NOT NULL,
                        at TEXT NOT NULL,
                        UNIQUE (customerId, session)
                    );
                    CREATE INDEX contactByTime ON contact(customerId, at);
                    CREATE TABLE recovery (
                        session TEXT PRIMARY KEY,
                        customerId INTEGER REFERENCES customer(id) ON DELETE SET NULL,
                        playbook TEXT NOT NULL,
                        agent TEXT NOT NULL,
                        started TEXT NOT NULL,
                        finished TEXT NOT NULL,
                        outcome TEXT NOT NULL CHECK (outcome IN ('resolved', 'escalated', 'pending', 'lost')),
                        amountMinor INTEGER CHECK (amountMinor >= 0),
                        currency TEXT,
                        cause TEXT
                    );
                    CREATE INDEX recoveryByFinish ON recovery(finished);
                    CREATE INDEX recoveryByCustomer ON recovery(customerId);
                    CREATE TABLE followUp (
                        id INTEGER PRIMARY KEY,
                        session TEXT NOT NULL REFERENCES recovery(session) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        customerId INTEGER REFERENCES customer(id) ON DELETE SET NULL,
                        agent TEXT NOT NULL,
                        playbook TEXT NOT NULL,
                        step TEXT NOT NULL,
                        text TEXT NOT NULL,
                        due TEXT NOT NULL,
                        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
                        completed TEXT,
                        note TEXT,
                        UNIQUE (session, ordinal)
                    );
                    CREATE INDEX followUpByDue ON followUp(status, due);
                    CREATE INDEX followUpByAgent ON followUp(agent, status, due);
                    """)
        }
        // v2: red carpets, and how often a follow-up was snoozed.
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    CREATE TABLE redCarpet (
                        id INTEGER PRIMARY KEY,
                        session TEXT NOT NULL REFERENCES recovery(session) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        customerId INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                        gesture TEXT NOT NULL,
                        contacts INTEGER NOT NULL CHECK (contacts BETWEEN 1 AND 100),
                        created TEXT NOT NULL,
                        UNIQUE (session, ordinal)
                    );
                    CREATE INDEX redCarpetByCustomer ON redCarpet(customerId);
                    ALTER TABLE followUp ADD COLUMN snoozes INTEGER NOT NULL DEFAULT 0;
                    """)
        }
        // v3: who marked a follow-up done.
        migrator.registerMigration("v3") { db in
            try db.execute(sql: "ALTER TABLE followUp ADD COLUMN completedBy TEXT")
        }
        return migrator
    }()

    /// The schema versions this build knows, oldest first.
    public static var schemaVersions: [String] { migrator.migrations }
}
