#!/usr/bin/env bash
# The client-search benchmark of issue 3: 100,000 synthetic clients in a fresh SQLite
# database, the release server, and wrk posting name searches as the demo PK of Bapas
# Jakarta Barat (whose scope holds a third of them). Prints wrk's summary and p50/p95/p99.
#
#   bench/search.sh [CLIENTS] [SECONDS] [CONNECTIONS]
source "$(dirname "$0")/../scripts/lib.sh"
DEMO_PASSWORD="pamong-demo-2026"
clients="${1:-100000}"
seconds="${2:-30}"
connections="${3:-4}"
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"
say "building the server (release)"
cargo build --release -p pamong_server --bin pamong --quiet
bin="$CARGO_TARGET_DIR/release/pamong"
tmp="$(mktemp -d /tmp/pamong-bench.XXXXXX)"
export PAMONG_DATABASE_URL="sqlite://$tmp/bench.db?mode=rwc"
export PAMONG_SITE_ROOT="$SITE"
export PAMONG_SECRET="bench-secret-that-is-long-enough-0123456789"
say "seeding the demo and $clients synthetic clients"
"$bin" seed-demo --clients "$clients" >/dev/null
port=$((30000 + RANDOM % 20000))
"$bin" serve --listen "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
cookie="$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"pk.jakbar\",\"password\":\"$DEMO_PASSWORD\"}" "http://127.0.0.1:$port/api/auth/login" \
  | grep -i '^set-cookie:' | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')"
[ -n "$cookie" ] || die "could not log in"
say "searching for ${seconds}s with $connections connections"
threads=$(( connections < 2 ? connections : 2 ))
PAMONG_COOKIE="$cookie" wrk -t"$threads" -c"$connections" -d"${seconds}s" -s "$ROOT/bench/search.lua" "http://127.0.0.1:$port"
