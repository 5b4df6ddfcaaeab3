#!/usr/bin/env bash
# Builds the site (wasm + JS + CSS + assets) and the server. Usage:
#   build.sh [debug|release]          everything
#   build.sh debug server             the style, the assets and the server, without the browser
#                                     app: pages work without it (the first `make run` serves
#                                     them while the wasm is still building)
# Plain cargo + wasm-bindgen rather than cargo-leptos: cargo-leptos takes ~24 minutes to
# install here, which would blow the newcomer's first-run budget (see README).
source "$(dirname "$0")/lib.sh"
mode="${1:-debug}"
what="${2:-all}"

# The style sheet and the public files, with a content-hashed copy of the style.
hash_of() { sha256sum "$1" | cut -c1-16; }
copy_style_and_assets() {
  mkdir -p "$SITE/pkg"
  cp "$ROOT/style/main.css" "$SITE/pkg/pamong.css"
  cp -r "$ROOT/public/." "$SITE/"
  rm -f "$SITE"/pkg/pamong.*.css
  css_hash=$(hash_of "$SITE/pkg/pamong.css")
  cp "$SITE/pkg/pamong.css" "$SITE/pkg/pamong.$css_hash.css"
}

build_server() {
  say "building the server ($mode)"
  cargo build -p pamong_server "${server_flags[@]}"
  ln -sf "$CARGO_TARGET_DIR/$server_dir/pamong" "$CARGO_TARGET_DIR/pamong-current"
}

if [ "$mode" = release ]; then
  wasm_profile=wasm-release; server_flags=(--release); server_dir=release
else
  wasm_profile=dev; server_flags=(); server_dir=debug
fi
wasm_dir=$([ "$wasm_profile" = dev ] && echo debug || echo "$wasm_profile")

if [ "$what" = server ]; then
  copy_style_and_assets
  # A hash file naming only the style tells the server that no browser app was built: its
  # pages then name no script (nothing to fail to load). A later full build replaces it.
  [ -f "$SITE/pkg/pamong_bg.wasm" ] || printf 'css: %s\n' "$css_hash" >"$SITE/pkg/hash.txt"
  build_server
  exit 0
fi
"$ROOT/scripts/ensure-tools.sh" "$([ "$mode" = release ] && echo release || echo build)"

say "building the browser app (wasm, $mode)"
cargo build -p pamong_frontend --target "$WASM_TARGET" --profile "$wasm_profile"

mkdir -p "$SITE/pkg"
wasm-bindgen --target web --no-typescript --out-dir "$SITE/pkg" --out-name pamong \
  "$CARGO_TARGET_DIR/$WASM_TARGET/$wasm_dir/pamong_frontend.wasm"

if [ "$mode" = release ]; then
  say "optimising the wasm for size (wasm-opt -Oz)"
  "$TOOLS/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types \
    -o "$SITE/pkg/pamong_bg.wasm.opt" "$SITE/pkg/pamong_bg.wasm"
  mv "$SITE/pkg/pamong_bg.wasm.opt" "$SITE/pkg/pamong_bg.wasm"
fi

copy_style_and_assets

# Content-hashed copies of the script, the wasm and the style: the server names them in every
# page (pkg/hash.txt) and lets browsers keep them a year, so a repeat visit fetches only the
# page. The names Leptos expects: pamong.<js>.js and pamong.<wasm>.wasm.
rm -f "$SITE"/pkg/pamong.*.js "$SITE"/pkg/pamong.*.wasm
js_hash=$(hash_of "$SITE/pkg/pamong.js")
wasm_hash=$(hash_of "$SITE/pkg/pamong_bg.wasm")
cp "$SITE/pkg/pamong.js" "$SITE/pkg/pamong.$js_hash.js"
cp "$SITE/pkg/pamong_bg.wasm" "$SITE/pkg/pamong.$wasm_hash.wasm"
printf 'js: %s\nwasm: %s\ncss: %s\n' "$js_hash" "$wasm_hash" "$css_hash" >"$SITE/pkg/hash.txt"

# `make test` has just built the debug server for its test suites (with the test suites'
# features); building it again with the plain feature set would recompile the server's whole
# dependency tree for nothing.
if [ "$mode" = debug ] && [ -n "${PAMONG_SERVER_PREBUILT:-}" ] && [ -x "$CARGO_TARGET_DIR/debug/pamong" ]; then
  say "using the server the test suites just built"
  ln -sf "$CARGO_TARGET_DIR/$server_dir/pamong" "$CARGO_TARGET_DIR/pamong-current"
else
  build_server
fi

if [ "$mode" = release ]; then
  raw=$(stat -c %s "$SITE/pkg/pamong_bg.wasm")
  gz=$(gzip -9 -c "$SITE/pkg/pamong_bg.wasm" | wc -c)
  say "release wasm: $raw bytes raw, $gz gzip"
  first_load "$SITE/pkg"
fi
