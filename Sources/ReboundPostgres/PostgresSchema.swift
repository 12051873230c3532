import PostgresNIO
import ReboundLedger

extension PostgresServer {
    /// The schema of every shared store, one migration per version, each a list of
    /// statements run in one transaction, so a ledger and transcripts may share a
    /// database or each have their own. `v2` is the ledger as the SQLite ledger's `v2`
    /// (customers, contacts, recoveries, follow-ups, red carpets, snoozes); `v3` adds
    /// transcripts; `v4` who marked a follow-up done. Times are UTC text (`2026-11-23T10:15:00Z`), which sorts in time
    /// order, as in SQLite; money is in minor units.
    static let migrations: [(version: String, statements: [String])] = [
        (
            "v2",
            [
                """
                CREATE TABLE customer (
                    id bigserial PRIMARY KEY,
                    key text NOT NULL UNIQUE,
                    label text NOT NULL,
                    first_seen text NOT NULL,
                    last_seen text NOT NULL
                )
                """,
                """
                CREATE TABLE contact (
                    id bigserial PRIMARY KEY,
                    customer_id bigint NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                    session text NOT NULL,
                    playbook text NOT NULL,
                    agent text NOT NULL,
                    at text NOT NULL,
                    UNIQUE (customer_id, session)
                )
                """,
                "CREATE INDEX contact_by_time ON contact (customer_id, at)",
                """
                CREATE TABLE recovery (
                    session text PRIMARY KEY,
                    customer_id bigint REFERENCES customer(id) ON DELETE SET NULL,
                    playbook text NOT NULL,
                    agent text NOT NULL,
                    started text NOT NULL,
                    finished text NOT NULL,
                    outcome text NOT NULL CHECK (outcome IN ('resolved', 'escalated', 'pending', 'lost')),
                    amount_minor bigint CHECK (amount_minor >= 0),
                    currency text,
                    cause text
                )
                """,
                "CREATE INDEX recovery_by_finish ON recovery (finished)",
                "CREATE INDEX recovery_by_customer ON recovery (customer_id)",
                """
                CREATE TABLE follow_up (
                    id bigserial PRIMARY KEY,
                    session text NOT NULL REFERENCES recovery(session) ON DELETE CASCADE,
                    ordinal bigint NOT NULL,
                    customer_id bigint REFERENCES customer(id) ON DELETE SET NULL,
                    agent text NOT NULL,
                    playbook text NOT NULL,
                    step text NOT NULL,
                    text text NOT NULL,
                    due text NOT NULL,
                    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
                    completed text,
                    note text,
                    snoozes bigint NOT NULL DEFAULT 0,
                    UNIQUE (session, ordinal)
                )
                """,
                "CREATE INDEX follow_up_by_due ON follow_up (status, due)",
                "CREATE INDEX follow_up_by_agent ON follow_up (agent, status, due)",
                """
                CREATE TABLE red_carpet (
                    id bigserial PRIMARY KEY,
                    session text NOT NULL REFERENCES recovery(session) ON DELETE CASCADE,
                    ordinal bigint NOT NULL,
                    customer_id bigint NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
                    gesture text NOT NULL,
                    contacts bigint NOT NULL CHECK (contacts BETWEEN 1 AND 100),
                    created text NOT NULL,
                    UNIQUE (session, ordinal)
                )
                """,
                "CREATE INDEX red_carpet_by_customer ON red_carpet (customer_id)",
            ]
        ),
        (
            "v3",
            [
                // One row per session: its header line exactly as the JSONL file has it.
                """
                CREATE TABLE transcript (
                    session text PRIMARY KEY,
                    agent text NOT NULL,
                    playbook text NOT NULL,
                    started text NOT NULL,
                    header text NOT NULL
                )
                """,
                "CREATE INDEX transcript_by_start ON transcript (started, session)",
                // One row per event line, keyed by its sequence number, so delivering a line
                // twice (a retry after a lost reply) stores it once.
                """
                CREATE TABLE transcript_event (
                    session text NOT NULL REFERENCES transcript(session) ON DELETE CASCADE,
                    seq bigint NOT NULL,
                    line text NOT NULL,
                    PRIMARY KEY (session, seq)
                )
                """,
                // Coaches' notes and agents' disputes, each line as the notes sidecar has it.
                """
                CREATE TABLE transcript_note (
                    id bigserial PRIMARY KEY,
                    session text NOT NULL REFERENCES transcript(session) ON DELETE CASCADE,
                    line text NOT NULL
                )
                """,
                "CREATE INDEX transcript_note_by_session ON transcript_note (session, id)",
            ]
        ),
        // Who marked a follow-up done (the SQLite ledger's v3).
        ("v4", ["ALTER TABLE follow_up ADD COLUMN completed_by text"]),
    ]

    /// The schema versions this build knows, oldest first.
    static var schemaVersions: [String] { migrations.map(\.version) }

    /// Applies the migrations the database lacks. Agents starting at once take turns on
    /// an advisory lock; a database already current is only read, so a read-only role
    /// can use it. A database written by a newer rebound is refused.
    func migrate() throws(LedgerError) {
        let applied = try appliedVersions()
        try refuseNewer(applied)
        guard Set(applied) != Set(Self.schemaVersions) else { return }
        try transaction { session in
            try session.query("SELECT pg_advisory_xact_lock(\(Self.migrationLock))")
            try session.execute(
                "CREATE TABLE IF NOT EXISTS rebound_schema (version text PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())"
            )
            let present = Set(
                try session.query("SELECT version FROM rebound_schema").map { try $0.decode(String.self) })
            for migration in Self.migrations where !present.contains(migration.version) {
                for statement in migration.statements { try session.execute(statement) }
                try session.query("INSERT INTO rebound_schema (version) VALUES (\(migration.version))")
            }
        }
        try refuseNewer(try appliedVersions())
    }

    /// An arbitrary key for `pg_advisory_xact_lock`, the same in every rebound.
    static let migrationLock: Int64 = 0x7265_626F_756E_64

    private func refuseNewer(_ applied: [String]) throws(LedgerError) {
        let unknown = Set(applied).subtracting(Self.schemaVersions)
        guard unknown.isEmpty else {
            throw LedgerError(
                "the \(role) on \(location) was written by a newer version of rebound (schema "
                    + "\(unknown.sorted().joined(separator: ", "))); upgrade rebound to use it")
        }
    }

    private func appliedVersions() throws(LedgerError) -> [String] {
        try transaction { session in
            guard try session.scalar("SELECT to_regclass('rebound_schema')::text", as: String?.self) ?? nil != nil
            else {
                return []
            }
            return try session.query("SELECT version FROM rebound_schema ORDER BY version").map {
                try $0.decode(String.self)
            }
        }
    }

    func schemaVersion() throws(LedgerError) -> String? {
        try appliedVersions().last
    }
}
