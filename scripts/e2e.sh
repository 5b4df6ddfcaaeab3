#!/usr/bin/env bash
# End-to-end tests: builds the app, starts it on a free port with a fresh demo database, and
# runs Playwright (Debian's chromium) at a phone and a desktop viewport.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/ensure-tools.sh" e2e
"$ROOT/scripts/build.sh" debug >/dev/null
start_demo_server "$CARGO_TARGET_DIR/debug/pamong"
cd "$ROOT/end2end"
# On a failure the server's last lines are printed, then the failed (and flaky) tests' names
# again, so that they are the last thing a CI log shows.
if ! BASE_URL="http://127.0.0.1:$port" npx playwright test "$@" | tee "$tmp/playwright.log"; then
  tail -50 "$tmp/server.log"
  # Names only: the counts were printed once, and make test's summary adds up every count.
  echo "--- the browser tests that failed (or passed only on their retry):"
  sed 's/\x1b\[[0-9;]*m//g' "$tmp/playwright.log" |
    sed -n '/^  [0-9]* \(failed\|flaky\|interrupted\)$/,${/^    \[/p}'
  exit 1
fi
