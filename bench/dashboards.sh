#!/usr/bin/env bash
# The oversight benchmark of issue 15: the demo plus synthetic offices up to 94 Bapas and
# CLIENTS synthetic clients (200,000 by default) in a fresh SQLite database, the release
# server, and wrk loading the regional comparison as the DKI Kanwil (its offices) and as
# headquarters (every Kanwil of the country). Prints the time the first (cold) read took and
# wrk's p50/p95/p99 for each. The goal: p95 ≤ 300 ms.
#
#   bench/dashboards.sh [CLIENTS] [SECONDS] [CONNECTIONS]
source "$(dirname "$0")/../scripts/lib.sh"
source "$(dirname "$0")/lib.sh"
clients="${1:-200000}"
seconds="${2:-30}"
connections="${3:-4}"
if ! command -v wrk >/dev/null; then
  say "installing Debian's wrk (the HTTP load generator of the benchmarks)"
  apt-get install -y -qq wrk >/dev/null || die "wrk is missing: apt-get install wrk"
fi
say "building the release server"
build_bench_binaries
tmp="$(mktemp -d /tmp/pamong-dash.XXXXXX)"
export PAMONG_DATABASE_URL="sqlite://$tmp/bench.db?mode=rwc" PAMONG_SITE_ROOT="$SITE" RUST_LOG=warn
export PAMONG_SECRET="bench-secret-that-is-long-enough-0123456789"
say "seeding the demo, 94 Bapas and $clients synthetic clients"
started=$(date +%s)
"$bin" seed-demo --offices 94 --clients "$clients" >/dev/null
say "seeded in $(( $(date +%s) - started )) s"
port=$((30000 + RANDOM % 20000))
"$bin" serve --listen "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
for who in kanwil.dki pusat; do
  cookie="$(bench_login "http://127.0.0.1:$port" "$who")"
  # The first read computes what is not kept yet (the month-ends of every office, today's
  # figures), unless the server's background refresh got there first.
  cold=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" "http://127.0.0.1:$port/dasbor-wilayah")
  say "$who: /dasbor-wilayah, first read ${cold}s; then ${seconds}s with $connections connections"
  PAMONG_COOKIE="$cookie" wrk -t2 -c"$connections" -d"${seconds}s" -s "$ROOT/bench/get.lua" \
    "http://127.0.0.1:$port/dasbor-wilayah"
done
