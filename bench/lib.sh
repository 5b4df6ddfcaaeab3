# Shared by the benchmark scripts (sourced after scripts/lib.sh): the release server and the
# load driver / bare-axum yardstick of bench/load, built once and found by the same names.

# Builds both and sets `bin` (the release server) and `load` (bench/load's binary).
build_bench_binaries() {
  cargo build --release -p pamong_server --bin pamong --quiet
  cargo build --release --manifest-path "$ROOT/bench/load/Cargo.toml" --target-dir "$CARGO_TARGET_DIR/bench" --quiet
  bin="$CARGO_TARGET_DIR/release/pamong"
  load="$CARGO_TARGET_DIR/bench/release/pamong_load"
}

# Benchmarks measure the requests: the notifications worker (a sweep over every officer's
# caseload each minute) stays off, as the figures' refresher does where a script says so.
export PAMONG_NOTIFICATIONS=false

# The demo users' password.
DEMO_PASSWORD="pamong-demo-2026"

# Signs in as the demo user $2 at the server $1 (`http://127.0.0.1:PORT`) and prints the
# session cookie (`name=value`); dies when the login is refused.
bench_login() {
  local base="$1" who="$2" cookie
  cookie="$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -H "Origin: $base" \
    -d "{\"username\":\"$who\",\"password\":\"$DEMO_PASSWORD\"}" "$base/api/auth/login" \
    | grep -i '^set-cookie:' | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')"
  [ -n "$cookie" ] || die "could not log in as $who"
  printf '%s' "$cookie"
}
