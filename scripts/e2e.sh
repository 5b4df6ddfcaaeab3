#!/usr/bin/env bash
# End-to-end tests: builds the app, starts it on a free port with a fresh demo database, and
# runs Playwright (Debian's chromium) at a phone and a desktop viewport.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/ensure-tools.sh" e2e
"$ROOT/scripts/build.sh" debug >/dev/null
tmp="$(mktemp -d /tmp/pamong-e2e.XXXXXX)"
port=$((30000 + RANDOM % 20000))
export PAMONG_DATABASE_URL="sqlite://$tmp/e2e.db?mode=rwc"
export PAMONG_SITE_ROOT="$SITE"
export PAMONG_SECRET="e2e-secret-that-is-long-enough-0123456789"
export PAMONG_SEED_DEMO=true
"$CARGO_TARGET_DIR/debug/pamong" serve --listen "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/server.log"; die "server did not start"; }
  sleep 0.2
done
cd "$ROOT/end2end"
BASE_URL="http://127.0.0.1:$port" npx playwright test "$@" || { tail -50 "$tmp/server.log"; exit 1; }
