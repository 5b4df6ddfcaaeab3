#!/usr/bin/env bash
# Runs the checks and ends with one summary line. Usage: test.sh all|fast|lint|e2e|api
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/pg.sh"
cd "$ROOT"
what="${1:-all}"
LOG="$(mktemp -d /tmp/pamong-test.XXXXXX)"
passed=0; failed=0; failed_steps=(); timings=(); flaky=(); failed_tests=()

# The tests Playwright lists by name under its closing "N failed", "N interrupted" and
# "N flaky" headings, as "kind<TAB>name" lines (colours stripped).
playwright_names() {
  sed 's/\x1b\[[0-9;]*m//g' "$1" | awk '
    /^  [0-9]+ (failed|flaky|interrupted)$/ { kind = $2; next }
    /^  [0-9]+ / { kind = ""; next }
    kind != "" && /^    \[/ { sub(/^ +/, ""); print kind "\t" $0 }'
}

# Runs one step, keeping its output in a log, counting the tests its runner reports.
step() {
  local name="$1"; shift
  say "$name"
  local started=$SECONDS
  if "$@" 2>&1 | tee "$LOG/$name.log"; then
    :
  else
    failed_steps+=("$name")
  fi
  # Where a run's minutes go, printed before the summary: CI's budget is defended with it.
  timings+=("$name $((SECONDS - started))s")
  local p f
  p=$( { grep -hoE '[0-9]+ passed' "$LOG/$name.log" || true; } | awk '{s+=$1} END {print s+0}')
  f=$( { grep -hoE '[0-9]+ failed' "$LOG/$name.log" || true; } | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  # The browser tests that failed, and those that failed once and passed on their retry
  # (they pass the run but are reported), by name: printed just before the summary line, the
  # last thing a CI log shows.
  local kind test_name
  while IFS=$'\t' read -r kind test_name; do
    if [ "$kind" = flaky ]; then flaky+=("$test_name"); else failed_tests+=("$test_name"); fi
  done < <(playwright_names "$LOG/$name.log")
}

lint() {
  step fmt cargo fmt --all --check
  step clippy-ssr cargo clippy -p pamong_domain -p pamong_entity -p pamong_migration -p pamong_service -p pamong_server --all-targets -- -D warnings
  step clippy-app-ssr cargo clippy -p pamong_app --features ssr --all-targets -- -D warnings
  step clippy-hydrate cargo clippy -p pamong_app -p pamong_frontend --features pamong_app/hydrate --target "$WASM_TARGET" -- -D warnings
  step wasm-tree check_wasm_tree
}

# sea-orm, sqlx and tokio must never reach the browser build.
check_wasm_tree() {
  local leak
  leak=$(cargo tree -q -p pamong_frontend --target "$WASM_TARGET" -e normal | grep -E 'sea-orm|sqlx|tokio v' || true)
  if [ -n "$leak" ]; then
    echo "server-only crates in the wasm dependency tree:"; echo "$leak"; return 1
  fi
  echo "wasm dependency tree is free of sea-orm, sqlx and tokio"
}

# Every test run builds the same set of crates with the same features, so the runs after
# the first reuse its build (a different `-p` or feature set would compile the app again);
# the later runs pick their suites with a filter instead.
NEXTEST=(cargo nextest run --workspace --exclude pamong_frontend --features pamong_app/ssr)
SERVICE_SUITES=(-E 'package(pamong_service) | package(pamong_server)')

sqlite_tests() {
  step tests-sqlite env PAMONG_TEST_DB=sqlite "${NEXTEST[@]}"
}

# The same service and server suites with the clock a year ahead: a test that mixes its fixed
# dates with the wall clock fails here, not next month in everyone's CI. Only the test
# binaries run under faketime (cargo and nextest themselves hang under it); the monotonic
# clock stays real so time limits still hold.
clock_ahead_tests() {
  step tests-clock-ahead env PAMONG_TEST_DB=sqlite FAKETIME_DONT_FAKE_MONOTONIC=1 \
    CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER="faketime -f +365d" \
    "${NEXTEST[@]}" "${SERVICE_SUITES[@]}"
}

pg_tests() {
  pg_start
  step tests-postgres env PAMONG_TEST_DB=postgres "${NEXTEST[@]}" "${SERVICE_SUITES[@]}"
}

# The release wasm within the first-load budget (builds only the wasm, in release).
wasm_budget() {
  step wasm-budget "$ROOT/scripts/wasm-size.sh"
}

e2e() {
  step e2e "$ROOT/scripts/e2e.sh"
}

# After the test suites, the browser tests drive the server those suites built.
e2e_after_tests() {
  step e2e env PAMONG_SERVER_PREBUILT=1 "$ROOT/scripts/e2e.sh"
}

# The REST API against its OpenAPI document, on that same server binary.
api_schema() {
  step api-schema env PAMONG_SERVER_PREBUILT=1 "$ROOT/scripts/api-check.sh"
}

tools_started=$SECONDS
"$ROOT/scripts/ensure-tools.sh" test
timings+=("tools $((SECONDS - tools_started))s")
case "$what" in
  all) lint; wasm_budget; sqlite_tests; clock_ahead_tests; pg_tests; e2e_after_tests; api_schema ;;
  fast) lint; sqlite_tests; clock_ahead_tests ;;
  lint) lint ;;
  e2e) e2e ;;
  api) step api-schema "$ROOT/scripts/api-check.sh" ;;
  *) die "unknown: $what (all|fast|lint|e2e|api)" ;;
esac

echo "step times (total ${SECONDS}s): ${timings[*]}"
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]} (logs in $LOG)"
  # A failed step that counted no failing test still fails the run.
  [ "$failed" -gt 0 ] || failed=${#failed_steps[@]}
fi
if [ ${#failed_tests[@]} -gt 0 ]; then
  printf 'failed browser test: %s\n' "${failed_tests[@]}"
fi
if [ ${#flaky[@]} -gt 0 ]; then
  printf 'flaky (failed once, passed on the retry): %s\n' "${flaky[@]}"
fi
echo "summary: $passed passed, $failed failed${flaky:+, ${#flaky[@]} flaky}"
[ ${#failed_steps[@]} -eq 0 ]
