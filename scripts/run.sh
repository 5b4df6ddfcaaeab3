#!/usr/bin/env bash
# `make run`: build, migrate and seed a SQLite database under data/, then serve.
#
# The first run on a machine has to install the wasm32 target and wasm-bindgen-cli and build
# the browser app as well as the server. Pages are rendered on the server and work without the
# browser app (forms post, links are links; the wasm only enhances), so the first run builds
# the server alone, serves, and builds the browser app while Pamong already answers; it then
# restarts the server with it. Sessions are rows in the database: nobody is signed out.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bin="$CARGO_TARGET_DIR/debug/pamong"
if [ -f "$SITE/pkg/pamong_bg.wasm" ]; then
  first_run=false
  "$ROOT/scripts/build.sh" debug
else
  first_run=true
  say "first run: building the server first, then the browser app while Pamong already serves"
  "$ROOT/scripts/build.sh" debug server
fi
mkdir -p data
if [ ! -s data/secret ]; then
  # A stable local secret so logins survive restarts of `make run`.
  head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > data/secret
fi
export PAMONG_DATABASE_URL="${PAMONG_DATABASE_URL:-sqlite://data/pamong.db?mode=rwc}"
export PAMONG_SECRET="${PAMONG_SECRET:-$(cat data/secret)}"
export PAMONG_SITE_ROOT="$SITE"
"$bin" migrate up
logins="$("$bin" seed-demo)"
printf '%s\n' "$logins"
listen="${PAMONG_LISTEN:-127.0.0.1:3000}"
if ! $first_run; then
  say "Pamong runs on http://$listen (Ctrl+C stops it)"
  exec "$bin" serve --listen "$listen"
fi

log="data/first-run.log"
"$bin" serve --listen "$listen" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  curl -fs -o /dev/null "http://$listen/readyz" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; die "the server stopped (its log is above)"; }
  sleep 0.2
done
say "Pamong runs on http://$listen: its pages work now, without the browser app, which builds next (about 9 minutes on a new machine, once; the server's log goes to $log meanwhile)"
"$ROOT/scripts/build.sh" debug
kill "$server" 2>/dev/null || true
wait "$server" 2>/dev/null || true
trap - EXIT
printf '%s\n' "$logins"
say "the browser app is built: Pamong runs with it on http://$listen (Ctrl+C stops it)"
exec "$bin" serve --listen "$listen"
