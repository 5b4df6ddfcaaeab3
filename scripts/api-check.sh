#!/usr/bin/env bash
# The REST API against its own OpenAPI document: schemathesis (PyPI) generates requests for
# every operation — valid ones, edge cases and malformed ones — on a throwaway server with
# demo data, as the token of an officer, a partner's user and a Kanwil, and fails on any 5xx
# or any answer (status, content type, body) that the document does not describe.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/ensure-tools.sh" api
bin="$CARGO_TARGET_DIR/debug/pamong"
if [ -z "${PAMONG_SERVER_PREBUILT:-}" ] || [ ! -x "$bin" ]; then
  say "building the server (debug)"
  cargo build -p pamong_server --bin pamong
fi
# Schemathesis makes a few hundred calls a minute: the server's limit is raised for the run
# (the limit itself is proven by the router tests).
start_demo_server "$bin" --api-rate-limit 100000
status=0
for user in pk.jakbar mitra.jakbar kanwil.dki; do
  token=$("$bin" token issue --user "$user" --name schemathesis 2>/dev/null)
  say "schemathesis as $user"
  # A fixed seed: the same requests every run, so a failure reproduces. Run from the
  # temporary directory, where schemathesis leaves its cache (`.schemathesis/`). One worker:
  # with two threads, CPython before 3.11.8 (this machine has 3.11.7) can fail
  # `ast.parse` in hypothesis with "AST constructor recursion depth mismatch" (cpython#106905),
  # an error of the checker, not of the API.
  (cd "$tmp" && "$TOOLS/venv/bin/st" run "http://127.0.0.1:$port/api/v1/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
    --max-examples 50 --seed 20261206 --workers 1 --warnings off --output-truncate true \
    >"$tmp/st-$user.log" 2>&1) && ok=1 || ok=0
  # Only this script's own line counts towards make test's summary, not schemathesis's.
  cases=$(grep -oE '[0-9]+ generated' "$tmp/st-$user.log" | tail -1 || true)
  if [ "$ok" = 1 ]; then
    echo "as $user: ${cases:-?} requests, every answer as documented"
  else
    status=1; sed 's/passed/ok/g' "$tmp/st-$user.log"; tail -30 "$tmp/server.log"
  fi
done
[ "$status" = 0 ] && echo "api-schema: 3 passed" || echo "api-schema: 1 failed"
exit "$status"
