#!/usr/bin/env bash
# The reliability harness of issue 10 (not in CI; figures in the README):
#   kill  — 8 PKs check clients in as fast as they can; the server is killed -9 in the
#           middle and restarted; every save it acknowledged must be in the database
#           (SQLite, then PostgreSQL when one answers on 127.0.0.1:5432).
#   soak  — SESSIONS (200) signed-in sessions for SOAK_SECONDS (600) against the release
#           server on SQLite, pages and server fns mixed: 0 errors, RSS growth under 10 %;
#           then the same with MALFORMED (1 %) malformed and oversized requests for
#           MALFORMED_SECONDS (600): the good ones all succeed, the bad ones get a 4xx.
#
#   bench/reliability.sh [kill|soak|malformed|all]   (malformed: only the second soak)
source "$(dirname "$0")/../scripts/lib.sh"
source "$(dirname "$0")/lib.sh"
what="${1:-all}"
status=0
PASSWORD="bench-password-2026"
SESSIONS="${SESSIONS:-200}"
SOAK_SECONDS="${SOAK_SECONDS:-600}"
MALFORMED_SECONDS="${MALFORMED_SECONDS:-600}"
MALFORMED="${MALFORMED:-0.01}"
OFFICERS=(bench.pk1 bench.pk2 bench.pk3 bench.pk4 bench.pk5 bench.pk6 bench.pk7 bench.pk8)
officers_csv="$(IFS=,; echo "${OFFICERS[*]}")"

say "building the release server and the load driver"
build_bench_binaries
tmp="$(mktemp -d /tmp/pamong-reliability.XXXXXX)"
export PAMONG_SITE_ROOT="$SITE" PAMONG_SECRET="bench-secret-that-is-long-enough-0123456789" RUST_LOG=warn
port=$((30000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
server=""
stop_server() { [ -z "$server" ] || { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; }; }
trap 'stop_server' EXIT

start_server() { # URL LOG
  PAMONG_DATABASE_URL="$1" "$bin" serve --listen "127.0.0.1:$port" >>"$2" 2>&1 &
  server=$!
  for _ in $(seq 1 150); do curl -fs "$base/readyz" >/dev/null 2>&1 && return 0; sleep 0.2; done
  die "the server did not get ready (log: $2)"
}

prepare() { # URL: demo offices and users, plus the eight bench PKs of Bapas Jakarta Barat
  PAMONG_DATABASE_URL="$1" "$bin" seed-demo >/dev/null
  local name
  for name in "${OFFICERS[@]}"; do
    PAMONG_DATABASE_URL="$1" PAMONG_USER_PASSWORD="$PASSWORD" "$bin" user create --username "$name" \
      --full-name "PK Uji ${name#bench.}" --role pk --office JAKBAR >/dev/null
  done
}

stored_sqlite() { python3 - "$1" <<'PY'
import sqlite3, sys
for (notes,) in sqlite3.connect(sys.argv[1]).execute("select notes from client_reports where notes like 'bench %'"):
    print(notes)
PY
}

kill_run() { # NAME URL STORED-CMD...
  local name="$1" url="$2"; shift 2
  local log="$tmp/$name.log" acked="$tmp/$name.acked"
  say "$name: 8 officers checking in; kill -9 of the server after a few seconds"
  prepare "$url"
  start_server "$url" "$log"
  "$load" checkins --base "$base" --users "$officers_csv" --password "$PASSWORD" --acked "$acked" --seconds 14 &
  local driver=$!
  sleep $((6 + RANDOM % 4))
  kill -9 "$server"; wait "$server" 2>/dev/null || true; server=""
  wait "$driver" || die "$name: saves were refused while the server was up"
  start_server "$url" "$log"
  stop_server
  local acked_n stored_n lost
  acked_n=$(wc -l <"$acked")
  stored_n=$("$@" | wc -l)
  lost=$(comm -23 <(sort "$acked") <("$@" | sort) | wc -l)
  printf '%s: %s saves acknowledged before the kill, %s stored after the restart, %s lost\n' \
    "$name" "$acked_n" "$stored_n" "$lost" | tee -a "$tmp/summary"
  [ "$lost" -eq 0 ] || die "$name lost $lost acknowledged saves"
}

if [ "$what" = kill ] || [ "$what" = all ]; then
  db="$tmp/kill.db"
  kill_run "kill -9, SQLite" "sqlite://$db?mode=rwc" stored_sqlite "$db"
  if pg_isready -q -h 127.0.0.1 -p 5432 -U postgres 2>/dev/null; then
    pgdb="pamong_bench_$$"
    psql -q -h 127.0.0.1 -U postgres -c "create database $pgdb" postgres
    kill_run "kill -9, PostgreSQL" "postgres://postgres@127.0.0.1:5432/$pgdb" \
      psql -At -h 127.0.0.1 -U postgres -d "$pgdb" -c "select notes from client_reports where notes like 'bench %'"
    psql -q -h 127.0.0.1 -U postgres -c "drop database $pgdb" postgres
  else
    warn "no PostgreSQL on 127.0.0.1:5432: the PostgreSQL kill run is skipped"
  fi
fi

if [ "$what" = soak ] || [ "$what" = malformed ] || [ "$what" = all ]; then
  url="sqlite://$tmp/soak.db?mode=rwc"
  prepare "$url"
  start_server "$url" "$tmp/soak.log"
  if [ "$what" != malformed ]; then
    say "soak: $SESSIONS sessions for ${SOAK_SECONDS}s"
    "$load" soak --base "$base" --users "$officers_csv" --password "$PASSWORD" --sessions "$SESSIONS" \
      --seconds "$SOAK_SECONDS" --pid "$server" | tee -a "$tmp/summary" || status=1
  fi
  say "soak with $MALFORMED malformed: $SESSIONS sessions for ${MALFORMED_SECONDS}s"
  "$load" soak --base "$base" --users "$officers_csv" --password "$PASSWORD" --sessions "$SESSIONS" \
    --seconds "$MALFORMED_SECONDS" --malformed "$MALFORMED" --pid "$server" | tee -a "$tmp/summary" || status=1
  if grep -qi "panicked\|overflow" "$tmp/soak.log"; then warn "the server log shows panics: $tmp/soak.log"; status=1; fi
fi
say "summary (logs in $tmp)"
cat "$tmp/summary"
exit "$status"
