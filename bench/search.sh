#!/usr/bin/env bash
# The client-search benchmark: CLIENTS synthetic clients in a fresh database (SQLite, or
# PostgreSQL with PAMONG_BENCH_DB=postgres: a throwaway cluster, see scripts/pg.sh), the
# release server, and wrk posting name searches as the demo PK of Bapas Jakarta Barat (whose
# scope holds a third of them). Prints wrk's summary and p50/p95/p99. The server's background
# refresh of the dashboard figures is off, so the figures are the search's alone.
#
#   [PAMONG_BENCH_DB=postgres] bench/search.sh [CLIENTS] [SECONDS] [CONNECTIONS...]
#
# Several connection counts ("1 4") run one after the other against the same database.
source "$(dirname "$0")/../scripts/lib.sh"
source "$(dirname "$0")/lib.sh"
clients="${1:-100000}"
seconds="${2:-30}"
connections="${*:3}"
connections="${connections:-4}"
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"
say "building the server (release)"
cargo build --release -p pamong_server --bin pamong --quiet
bin="$CARGO_TARGET_DIR/release/pamong"
tmp="$(mktemp -d /tmp/pamong-bench.XXXXXX)"
case "${PAMONG_BENCH_DB:-sqlite}" in
  sqlite) export PAMONG_DATABASE_URL="sqlite://$tmp/bench.db?mode=rwc" ;;
  postgres)
    source "$ROOT/scripts/pg.sh"
    pg_start
    psql -q "$PAMONG_TEST_PG_URL" -c "CREATE DATABASE pamong_bench"
    export PAMONG_DATABASE_URL="${PAMONG_TEST_PG_URL%/*}/pamong_bench" ;;
  *) die "PAMONG_BENCH_DB is sqlite or postgres" ;;
esac
export PAMONG_REFRESH_FIGURES=false
export PAMONG_SITE_ROOT="$SITE"
export PAMONG_SECRET="bench-secret-that-is-long-enough-0123456789"
say "seeding the demo and $clients synthetic clients"
"$bin" seed-demo --clients "$clients" >/dev/null
port=$((30000 + RANDOM % 20000))
"$bin" serve --listen "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"
  if declare -F pg_stop >/dev/null; then pg_stop; fi
}
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
cookie="$(bench_login "http://127.0.0.1:$port" pk.jakbar)"
# One pass of the queries first, so the first figures do not include a cold cache.
PAMONG_COOKIE="$cookie" wrk -t1 -c1 -d5s -s "$ROOT/bench/search.lua" "http://127.0.0.1:$port" >/dev/null
for c in $connections; do
  say "searching for ${seconds}s with $c connections (${PAMONG_BENCH_DB:-sqlite})"
  threads=$(( c < 2 ? c : 2 ))
  PAMONG_COOKIE="$cookie" wrk -t"$threads" -c"$c" -d"${seconds}s" -s "$ROOT/bench/search.lua" "http://127.0.0.1:$port"
done
