#!/usr/bin/env bash
# Builds the release wasm alone (as `make release` does, without the server) into a scratch
# directory and checks the first-load budget. `make test` runs it, so a change that makes the
# phone's download too large fails the suite.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/ensure-tools.sh" release
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo build -p pamong_frontend --target "$WASM_TARGET" --profile wasm-release
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name pamong \
  "$CARGO_TARGET_DIR/$WASM_TARGET/wasm-release/pamong_frontend.wasm"
"$TOOLS/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types \
  -o "$out/pamong_bg.wasm" "$out/pamong_bg.wasm"
cp "$ROOT/style/main.css" "$out/pamong.css"
first_load "$out"
