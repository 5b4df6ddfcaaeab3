#!/usr/bin/env bash
# The export benchmark of issue 15: the demo plus synthetic clients (3 × ROWS, spread over
# the three demo offices, so Jakarta Barat holds about ROWS), the release server, and the
# Kabapas of Jakarta Barat downloading the whole client list as XLSX and as CSV. Prints each
# file's rows, size and time, and the server's resident memory before and at its peak during
# the download (VmRSS and VmHWM from /proc). The goal: a 100,000-row XLSX with the RSS
# growing by less than 50 MB.
#
#   bench/export.sh [ROWS]
source "$(dirname "$0")/../scripts/lib.sh"
source "$(dirname "$0")/lib.sh"
rows="${1:-100000}"
say "building the release server"
build_bench_binaries
tmp="$(mktemp -d /tmp/pamong-export.XXXXXX)"
export PAMONG_DATABASE_URL="sqlite://$tmp/bench.db?mode=rwc" PAMONG_SITE_ROOT="$SITE" RUST_LOG=warn
export PAMONG_SECRET="bench-secret-that-is-long-enough-0123456789"
say "seeding the demo and $((rows * 3)) synthetic clients"
"$bin" seed-demo --clients "$((rows * 3))" >/dev/null
port=$((30000 + RANDOM % 20000))
"$bin" serve --listen "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
cookie="$(bench_login "http://127.0.0.1:$port" kabapas.jakbar)"
kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$server/status"; }
# The server computes every office's dashboard figures as it starts (see
# oversight::snapshots::refresh); with ROWS clients in one office that takes most of a minute
# and much memory. Wait until the resident memory holds still (within 1 MB) for 10 s, so that what follows
# measures the download and not the refresh.
say "waiting for the startup refresh of the figures to finish"
last=0
for _ in $(seq 1 60); do
  now=$(kb VmRSS)
  delta=$(( now > last ? now - last : last - now ))
  [ "$delta" -lt 1024 ] && break
  last=$now
  sleep 10
done
# A short export first, so the pool, the caches and the allocator are warm.
curl -fs -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$port/api/clients/export?q=budi&format=xlsx"
printf '%-10s %8s %10s %8s %12s %12s %10s\n' format rows "size (MB)" "time (s)" "RSS before" "RSS peak" growth
for format in xlsx csv; do
  before=$(kb VmRSS)
  # VmHWM is the peak since start; reset it so it is the peak of this download.
  echo 5 > "/proc/$server/clear_refs" 2>/dev/null || true
  out="$tmp/export.$format"
  time=$(curl -fs -o "$out" -w '%{time_total}' -H "Cookie: $cookie" \
    "http://127.0.0.1:$port/api/clients/export?format=$format")
  peak=$(kb VmHWM)
  if [ "$format" = xlsx ]; then
    n=$(unzip -p "$out" xl/worksheets/sheet1.xml | grep -o '<row ' | wc -l)
  else
    n=$(wc -l < "$out")
  fi
  size=$(awk -v b="$(stat -c %s "$out")" 'BEGIN {printf "%.1f", b / 1e6}')
  printf '%-10s %8d %10s %8s %9d MB %9d MB %7d MB\n' "$format" "$((n - 1))" "$size" "$time" \
    "$((before / 1024))" "$((peak / 1024))" "$(((peak - before) / 1024))"
done
