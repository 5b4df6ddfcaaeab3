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
