#!/usr/bin/env bash
# The team store under load, side by side with SQLite on the same work, in one run:
#
#   scripts/bench-team.sh [WORKERS] [OPERATIONS]     # default 50 agents × 200 operations each
#
# A throwaway PostgreSQL server (scripts/dev-postgres.sh, default settings) and an SQLite
# ledger are seeded with 100,000 customers, 1,000,000 contacts and 50,000 open
# follow-ups across 500 agents; then WORKERS agents at once, each with its own connection
# as each agent's chat process has, identify customers, list the follow-ups due at start
# and commit transcript events (Benchmarks/TeamStoreLoad). Last, `rebound review` reads
# 10,000 sessions / 1,000,000 events from the server and from files, beside one
# `grep -c` pass over the same lines.
source "$(dirname "$0")/bench-setup.sh"
workers=${1:-50}
operations=${2:-200}
# Its own folder: the server may run as another user, who cannot enter $work.
export REBOUND_PG_DIR PGPORT=$((45000 + RANDOM % 5000))
REBOUND_PG_DIR=$(mktemp -u "${TMPDIR:-/tmp}/rebound-bench-pg.XXXXXX")
trap 'scripts/dev-postgres.sh stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
eval "$(scripts/dev-postgres.sh start)"
url=$REBOUND_TEST_POSTGRES
sqlite="$work/ledger.sqlite"
(cd Benchmarks && swift build -c release --product TeamStoreLoad >/dev/null)
load=$PWD/Benchmarks/.build/release/TeamStoreLoad

echo "seeding 100,000 customers, 1,000,000 contacts, 50,000 follow-ups…"
"$bin" ledger info --ledger "$url" >/dev/null
"$bin" ledger info --ledger "$sqlite" >/dev/null
python3 - "$work" <<'PY'
import csv, sys, random
work = sys.argv[1]
random.seed(7)
with open(f"{work}/customer.csv", "w", newline="") as out:
    w = csv.writer(out)
    for n in range(1, 100_001):
        w.writerow([n, f"cust{n}@example.com", f"cust{n}@example.com", "2026-01-01T00:00:00Z", "2026-11-01T00:00:00Z"])
with open(f"{work}/contact.csv", "w", newline="") as out:
    w = csv.writer(out)
    for n in range(1, 1_000_001):
        w.writerow([n, random.randint(1, 100_000), f"seed-{n}", "late-delivery", f"agent{n % 500}",
                    f"2026-{1 + n % 10:02d}-{1 + n % 28:02d}T10:00:00Z"])
with open(f"{work}/recovery.csv", "w", newline="") as out, open(f"{work}/follow_up.csv", "w", newline="") as fol:
    w, f = csv.writer(out), csv.writer(fol)
    for n in range(1, 50_001):
        w.writerow([f"rec-{n}", random.randint(1, 100_000), "late-delivery", f"agent{n % 500}",
                    "2026-11-01T10:00:00Z", "2026-11-01T10:10:00Z", "resolved", 5000, "EUR", "courier"])
        f.writerow([n, f"rec-{n}", 1, f"agent{n % 500}", "late-delivery", "own", "Check in",
                    f"2026-{11 + n % 2:02d}-{1 + n % 28:02d}T10:00:00Z", "open", 0])
PY
psql -q "$url" <<SQL
\copy customer (id, key, label, first_seen, last_seen) from '$work/customer.csv' csv
\copy contact (id, customer_id, session, playbook, agent, at) from '$work/contact.csv' csv
\copy recovery (session, customer_id, playbook, agent, started, finished, outcome, amount_minor, currency, cause) from '$work/recovery.csv' csv
\copy follow_up (id, session, ordinal, agent, playbook, step, text, due, status, snoozes) from '$work/follow_up.csv' csv
SELECT setval(pg_get_serial_sequence('customer', 'id'), 100000);
SELECT setval(pg_get_serial_sequence('contact', 'id'), 1000000);
SELECT setval(pg_get_serial_sequence('follow_up', 'id'), 50000);
ANALYZE;
SQL
sqlite3 "$sqlite" <<SQL
.mode csv
CREATE TEMP TABLE c (id, key, label, first_seen, last_seen);
.import $work/customer.csv c
INSERT INTO customer SELECT * FROM c;
CREATE TEMP TABLE t (id, customer_id, session, playbook, agent, at);
.import $work/contact.csv t
INSERT INTO contact SELECT * FROM t;
CREATE TEMP TABLE r (session, customer_id, playbook, agent, started, finished, outcome, amount, currency, cause);
.import $work/recovery.csv r
INSERT INTO recovery SELECT * FROM r;
CREATE TEMP TABLE f (id, session, ordinal, agent, playbook, step, text, due, status, snoozes);
.import $work/follow_up.csv f
INSERT INTO followUp (id, session, ordinal, agent, playbook, step, text, due, status, snoozes) SELECT * FROM f;
ANALYZE;
SQL

echo
"$load" "$sqlite" --workers "$workers" --operations "$operations"
echo
"$load" "$url" --transcripts "$url" --workers "$workers" --operations "$operations"

echo
echo "review of 10,000 sessions / 1,000,000 events…"
mkdir -p "$work/transcripts"
python3 scripts/make-transcripts.py "$work/transcripts" --postgres-csv
# The load's own sessions are not part of the review's 10,000.
psql -q "$url" -c "DELETE FROM transcript WHERE session LIKE 'bench-%'"
psql -q "$url" <<SQL
\copy transcript (session, agent, playbook, started, header) from '$work/transcripts/transcript.csv' csv
\copy transcript_event (session, seq, line) from '$work/transcripts/transcript_event.csv' csv
ANALYZE;
SQL
measure() {
    local name=$1
    shift
    /usr/bin/time -o "$work/time" -f "%e %M" "$@" >/dev/null
    read -r seconds kilobytes <"$work/time"
    printf '%-36s %6s s  %5s MB peak\n' "$name" "$seconds" "$((kilobytes / 1024))"
}
measure "grep -c over the same lines" sh -c "LC_ALL=C grep -c '\"seq\"' '$work'/transcripts/*.jsonl"
measure "rebound review (files)" "$bin" review "$work/transcripts"
measure "rebound review (PostgreSQL)" env REBOUND_TRANSCRIPTS="$url" "$bin" review
