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
