#!/usr/bin/env bash
# `make fuzz`: runs every cargo-fuzz target in fuzz/ for FUZZ_SECONDS each (default 600),
# one after the other, and prints one line per target. Not part of `make test`: it takes
# an hour. A crash leaves its input in fuzz/artifacts/<target>/ and stops the run.
#
#   scripts/fuzz.sh [TARGET...]        (default: every target)
source "$(dirname "$0")/lib.sh"
seconds="${FUZZ_SECONDS:-600}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(nik dates search region_csv forms)

if ! command -v cargo-fuzz >/dev/null; then
  say "installing cargo-fuzz (drives libFuzzer over the targets in fuzz/; once, ~3 min)"
  # A throwaway target directory: the build cache of the app is not the place for it.
  env -u CARGO_TARGET_DIR cargo install cargo-fuzz --locked --quiet
fi
# The address sanitizer is behind -Z flags, which only a nightly compiler takes; this
# machine has the stable one, which takes them when told it is building itself.
export RUSTC_BOOTSTRAP=1
# Builds with sanitizer flags share nothing with the app's, so they get their own cache.
export CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz"
cd "$ROOT/fuzz"
logs="$(mktemp -d /tmp/pamong-fuzz.XXXXXX)"
for target in "${targets[@]}"; do
  say "fuzzing $target for ${seconds}s (log: $logs/$target.log)"
  mkdir -p "corpus/$target"
  features=()
  case "$target" in search | region_csv) features=(--features service) ;; esac
  if ! cargo fuzz run "${features[@]}" "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=65536 \
      -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 >"$logs/$target.log" 2>&1; then
    tail -40 "$logs/$target.log" >&2
    die "$target found a crash: see fuzz/artifacts/$target/ and $logs/$target.log"
  fi
  runs=$(awk '/stat::number_of_executed_units/ {print $NF}' "$logs/$target.log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$logs/$target.log" | tail -1)
  printf '%-12s %ss, %s runs, %s, corpus %s inputs, no crash\n' \
    "$target" "$seconds" "${runs:-?}" "${cov:-cov: ?}" "$(ls "corpus/$target" | wc -l)"
done
