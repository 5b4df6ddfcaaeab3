#!/usr/bin/env bash
# End-to-end tests: builds the app, starts it on a free port with a fresh demo database, and
# runs Playwright (Debian's chromium) at a phone and a desktop viewport.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/ensure-tools.sh" e2e
"$ROOT/scripts/build.sh" debug >/dev/null
start_demo_server "$CARGO_TARGET_DIR/debug/pamong"
cd "$ROOT/end2end"
# On a failure the server's last lines are printed; `make test` names the failed tests again
# just before its summary line.
if ! BASE_URL="http://127.0.0.1:$port" npx playwright test "$@"; then
  tail -50 "$tmp/server.log"
  exit 1
fi
