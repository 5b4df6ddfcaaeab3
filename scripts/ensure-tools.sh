#!/usr/bin/env bash
# Installs what the build needs and is missing, saying what and why. Usage:
#   ensure-tools.sh build     wasm target and wasm-bindgen (for every build)
#   ensure-tools.sh test      + cargo-nextest and faketime
#   ensure-tools.sh release   + wasm-opt from npm's binaryen (smaller wasm)
#   ensure-tools.sh e2e       + Debian's chromium and Playwright from npm
#   ensure-tools.sh api       + schemathesis from PyPI (checks the REST API against its document)
source "$(dirname "$0")/lib.sh"
what="${1:-build}"

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) first"

if ! rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
  say "installing the $WASM_TARGET Rust target (the browser half of the app compiles to it)"
  rustup target add "$WASM_TARGET"
fi

want="$(wasm_bindgen_version)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (must equal the wasm-bindgen crate in Cargo.lock; had: ${have:-none}; about 4 minutes, once)"
  # --locked fails on this registry (a pinned dependency is not served); see shared/toolchain.md.
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ "$what" = test ] && ! cargo nextest --version >/dev/null 2>&1; then
  say "installing cargo-nextest (runs each test in its own process with a time limit; about 3 minutes, once)"
  cargo install --locked cargo-nextest
fi

# Installs Debian packages, as root or through sudo.
apt_install() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  fi
}

if [ "$what" = test ] && ! command -v faketime >/dev/null; then
  say "installing Debian's faketime (the tests run once more with the clock a year ahead)"
  apt_install faketime
fi

if [ "$what" = release ] || [ "$what" = e2e ]; then
  command -v npm >/dev/null || die "npm not found: install Node.js 20+ (apt-get install nodejs npm)"
fi

if [ "$what" = release ] && ! command -v brotli >/dev/null; then
  say "installing Debian's brotli (the release build reports the wasm's size as a phone downloads it)"
  apt_install brotli
fi

if [ "$what" = release ]; then
  if [ ! -x "$TOOLS/node_modules/.bin/wasm-opt" ]; then
    say "installing wasm-opt (npm package binaryen@132) into $TOOLS: it shrinks the release wasm; Debian's binaryen is too old and breaks the output"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --silent binaryen@132 >/dev/null
  fi
fi

if [ "$what" = e2e ]; then
  if ! command -v chromium >/dev/null; then
    say "installing Debian's chromium (the browser the end-to-end tests drive)"
    apt_install chromium
  fi
  if [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
    say "installing Playwright from npm into end2end/ (it drives chromium; no browser download)"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
  fi
fi

SCHEMATHESIS_VERSION=4.32.5
if [ "$what" = api ] && [ "$("$TOOLS/venv/bin/st" --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
  command -v python3 >/dev/null || die "python3 not found: install Python 3.9+ (apt-get install python3 python3-venv)"
  say "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $TOOLS/venv (it calls the REST API with generated requests and checks the answers against the OpenAPI document; about a minute, once)"
  python3 -m venv "$TOOLS/venv" || die "python3 -m venv failed: apt-get install python3-venv"
  "$TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
