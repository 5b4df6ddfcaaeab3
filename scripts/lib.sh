# Shared helpers for the Makefile's scripts. Sourced, not run.
# shellcheck shell=bash

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/pamong-target}"
SITE="${PAMONG_SITE_ROOT:-$CARGO_TARGET_DIR/site}"
TOOLS="${PAMONG_TOOLS_DIR:-$HOME/.cache/pamong-tools}"
WASM_TARGET=wasm32-unknown-unknown

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# The wasm-bindgen version Cargo.lock pins: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

# What a phone downloads on its first visit, besides the page itself: the wasm, its JS glue
# and the style sheet, each brotli-compressed as the server sends them. The budget for the
# whole first load is 250 KB; these static files get 235 KB of it, leaving the rest for a
# page's HTML (the largest, a client's page, is about 6 KB brotli).
FIRST_LOAD_BUDGET=235000

# Prints the first-load figure for the files in $1 (a pkg directory) and fails over budget.
first_load() {
  local dir="$1" total=0 line="" f n
  command -v brotli >/dev/null || die "brotli not found (scripts/ensure-tools.sh release installs it)"
  for f in pamong_bg.wasm pamong.js pamong.css; do
    n=$(brotli -c -q 11 "$dir/$f" | wc -c)
    total=$((total + n))
    line+="$f $n + "
  done
  say "first load (brotli): ${line% + } = $total bytes (budget $FIRST_LOAD_BUDGET)"
  [ "$total" -le "$FIRST_LOAD_BUDGET" ] || die "the first load is over budget by $((total - FIRST_LOAD_BUDGET)) bytes: see README (Size of the wasm)"
}

# Starts `$1` (a server binary) on a free port with a fresh demo database in a temporary
# directory, and waits until it is ready. Sets `port`, `server` (its pid) and `tmp`; stops it
# and removes the directory on exit. Any further arguments are passed to `serve`.
start_demo_server() {
  local bin="$1"; shift
  tmp="$(mktemp -d /tmp/pamong-server.XXXXXX)"
  port=$((30000 + RANDOM % 20000))
  export PAMONG_DATABASE_URL="sqlite://$tmp/demo.db?mode=rwc"
  export PAMONG_SITE_ROOT="$SITE"
  export PAMONG_SECRET="throwaway-secret-that-is-long-enough-0123456789"
  export PAMONG_SEED_DEMO=true
  "$bin" serve --listen "127.0.0.1:$port" "$@" >"$tmp/server.log" 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    kill -0 "$server" 2>/dev/null || { cat "$tmp/server.log"; die "server did not start"; }
    sleep 0.2
  done
  tail -20 "$tmp/server.log"; die "server not ready after 30 s"
}
