#!/usr/bin/env bash
# A throwaway PostgreSQL server for Rebound's team store, in one folder:
#
#   eval "$(scripts/dev-postgres.sh start)"   # starts it; exports REBOUND_TEST_POSTGRES(_TCP)
#   swift test                                # the PostgreSQL suite runs against it
#   scripts/dev-postgres.sh stop              # stops it and deletes the folder
#   scripts/dev-postgres.sh down              # stops it, keeping its data for the next start
#
# The server listens on a Unix socket in the folder and on 127.0.0.1:$PGPORT (default
# 54329). Socket connections are trusted; loopback ones need the password "rebound", so
# the tests can try a wrong one. It needs Debian's `postgresql` package (`initdb`,
# `pg_ctl`); run as root, the server runs as the `postgres` user, since PostgreSQL refuses
# to run as root.
set -euo pipefail

# The server must not keep open any descriptor this script inherited beyond the standard
# three (a test runner's pipes would then never reach their end).
for descriptor in /proc/$$/fd/*; do
    descriptor=${descriptor##*/}
    if [ "$descriptor" -gt 2 ] 2>/dev/null; then eval "exec $descriptor>&-" 2>/dev/null || true; fi
done

folder="${REBOUND_PG_DIR:-${TMPDIR:-/tmp}/rebound-postgres}"
port="${PGPORT:-54329}"

bin_dir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return
    fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$newest" ]; then
        echo "dev-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2
        exit 1
    fi
    echo "$newest"
}

as_server() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() {
    echo "postgresql://rebound@localhost:$port/rebound?host=$folder"
}

case "${1:-start}" in
start)
    bin=$(bin_dir)
    if [ ! -f "$folder/data/PG_VERSION" ]; then
        mkdir -p "$folder"
        chmod 0700 "$folder"
        [ "$(id -u)" -eq 0 ] && chown postgres: "$folder"
        password_file=$(mktemp)
        echo rebound >"$password_file"
        chmod 0644 "$password_file"
        as_server "$bin/initdb" --pgdata="$folder/data" --username=rebound --pwfile="$password_file" \
            --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$folder/initdb.log"
        rm -f "$password_file"
    fi
    if ! as_server "$bin/pg_ctl" status --pgdata="$folder/data" >/dev/null 2>&1; then
        as_server "$bin/pg_ctl" start --pgdata="$folder/data" --log="$folder/server.log" --wait --silent \
            -o "-k $folder -p $port -c listen_addresses=127.0.0.1 -c max_connections=200"
    fi
    if ! as_server "$bin/psql" -h "$folder" -p "$port" -U rebound -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'rebound'" | grep -q 1; then
        as_server "$bin/createdb" -h "$folder" -p "$port" -U rebound rebound
    fi
    echo "export REBOUND_TEST_POSTGRES='$(url)'"
    echo "export REBOUND_TEST_POSTGRES_TCP='postgresql://rebound@127.0.0.1:$port/rebound?sslmode=disable'"
    ;;
stop)
    bin=$(bin_dir)
    if [ -f "$folder/data/PG_VERSION" ]; then
        as_server "$bin/pg_ctl" stop --pgdata="$folder/data" --mode=fast --wait --silent || true
    fi
    rm -rf "$folder"
    ;;
down)
    # Stops the server and keeps its data: 'start' brings it back as it was.
    bin=$(bin_dir)
    as_server "$bin/pg_ctl" stop --pgdata="$folder/data" --mode=fast --wait --silent
    ;;
restart)
    bin=$(bin_dir)
    as_server "$bin/pg_ctl" restart --pgdata="$folder/data" --mode=fast --wait --silent \
        -o "-k $folder -p $port -c listen_addresses=127.0.0.1 -c max_connections=200"
    ;;
url)
    url
    ;;
*)
    echo "usage: scripts/dev-postgres.sh [start|stop|down|restart|url]" >&2
    exit 2
    ;;
esac
