#!/usr/bin/env bash
# `make run`: build, migrate and seed a SQLite database under data/, then serve.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
"$ROOT/scripts/build.sh" debug
mkdir -p data
if [ ! -s data/secret ]; then
  # A stable local secret so logins survive restarts of `make run`.
  head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > data/secret
fi
export PAMONG_DATABASE_URL="${PAMONG_DATABASE_URL:-sqlite://data/pamong.db?mode=rwc}"
export PAMONG_SECRET="${PAMONG_SECRET:-$(cat data/secret)}"
export PAMONG_SITE_ROOT="$SITE"
bin="$CARGO_TARGET_DIR/debug/pamong"
"$bin" migrate up
"$bin" seed-demo
listen="${PAMONG_LISTEN:-127.0.0.1:3000}"
say "Pamong runs on http://$listen (Ctrl+C stops it)"
exec "$bin" serve --listen "$listen"
