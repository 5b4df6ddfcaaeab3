#!/usr/bin/env bash
# The page benchmark of issue 12: the release server on the demo data, signed in as pk.jakbar,
# and, in the same run on the same machine, a bare axum server answering with the very bytes
# the page answered. wrk drives each in turn (CONNECTIONS, SECONDS each) and the script prints
# requests/s, p50 and p99 of both and the ratio. The goal: each page at ≥ 10 % of bare axum,
# p99 ≤ 25 ms at 32 connections.
#
#   bench/ssr.sh [SECONDS] [CONNECTIONS]
source "$(dirname "$0")/../scripts/lib.sh"
source "$(dirname "$0")/lib.sh"
seconds="${1:-20}"
connections="${2:-32}"
threads=2
if ! command -v wrk >/dev/null; then
  say "installing Debian's wrk (the HTTP load generator of the benchmarks)"
  apt-get install -y -qq wrk >/dev/null || die "wrk is missing: apt-get install wrk"
fi
say "building the release server and the bare-axum yardstick"
build_bench_binaries
tmp="$(mktemp -d /tmp/pamong-ssr.XXXXXX)"
export PAMONG_DATABASE_URL="sqlite://$tmp/bench.db?mode=rwc" PAMONG_SITE_ROOT="$SITE" RUST_LOG=warn
export PAMONG_SECRET="bench-secret-that-is-long-enough-0123456789"
"$bin" seed-demo >/dev/null
port=$((30000 + RANDOM % 10000)); bare_port=$((port + 10000))
"$bin" serve --listen "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server=$!
bare=""
cleanup() { kill "$server" $bare 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
cookie="$(bench_login "http://127.0.0.1:$port" pk.jakbar)"

# wrk's requests/s, p50 and p99 (in ms) of one run.
measure() { # URL [COOKIE]
  local out
  out="$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency ${2:+-H "Cookie: $2"} "$1")"
  local rps p50 p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  echo "$rps ${p50:-?} ${p99:-?} ${non2xx:-0}"
}

printf '%-8s %10s %10s %10s %12s %10s %10s %8s\n' page bytes "pamong r/s" p50 p99 "bare r/s" "bare p99" ratio
for page in /klien /; do
  curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port$page" -o "$tmp/page.html" || die "GET $page failed"
  bytes=$(stat -c %s "$tmp/page.html")
  read -r rps p50 p99 bad < <(measure "http://127.0.0.1:$port$page" "$cookie")
  [ "${bad:-0}" = 0 ] || warn "$page: $bad answers were not 2xx"
  "$load" bare --file "$tmp/page.html" --listen "127.0.0.1:$bare_port" &
  bare=$!
  for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$bare_port/" && break; sleep 0.1; done
  read -r brps _ bp99 _ < <(measure "http://127.0.0.1:$bare_port$page")
  kill "$bare" 2>/dev/null; wait "$bare" 2>/dev/null || true; bare=""
  ratio=$(awk -v a="$rps" -v b="$brps" 'BEGIN { printf "%.1f %%", (b > 0 ? a / b * 100 : 0) }')
  printf '%-8s %10s %10s %10s %12s %10s %10s %8s\n' "$page" "$bytes" "$rps" "$p50" "$p99" "$brps" "$bp99" "$ratio"
done
