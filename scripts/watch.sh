#!/usr/bin/env bash
# `make watch`: cargo-leptos rebuilds and reloads on every change. It is not needed for
# run/test, so it is installed only here (with a faster-to-build profile).
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/ensure-tools.sh" build
if ! command -v cargo-leptos >/dev/null; then
  say "installing cargo-leptos 0.3 for make watch (about 15 minutes, once; tools come from PATH)"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install --locked --ignore-rust-version --features no_downloads cargo-leptos
fi
cd "$ROOT"
mkdir -p data
export PAMONG_DATABASE_URL="${PAMONG_DATABASE_URL:-sqlite://data/pamong.db?mode=rwc}"
export PAMONG_SEED_DEMO=true
# cargo-leptos builds with its own flags: keep its artefacts apart from make's.
CARGO_TARGET_DIR="$CARGO_TARGET_DIR/leptos" PAMONG_SITE_ROOT=target/site exec cargo leptos watch
