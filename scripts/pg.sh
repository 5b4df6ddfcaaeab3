# Sourced by test.sh: makes PAMONG_TEST_PG_URL point at a PostgreSQL server, starting a
# throwaway cluster with the local PostgreSQL binaries when none is given. Never skips: with
# no server and no binaries it stops with a message saying what to do.
# shellcheck shell=bash

pg_bin_dir() {
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"; return
  fi
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  return 1
}

PG_TMP=""
pg_stop() {
  if [ -n "$PG_TMP" ] && [ -d "$PG_TMP" ]; then
    $PG_AS "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}

pg_start() {
  if [ -n "${PAMONG_TEST_PG_URL:-}" ]; then
    say "PostgreSQL tests use PAMONG_TEST_PG_URL"
    return
  fi
  PG_BIN="$(pg_bin_dir)" || die "PostgreSQL tests need a server: set PAMONG_TEST_PG_URL=postgres://user@host:port/db, or install the PostgreSQL binaries (apt-get install postgresql) so a throwaway cluster can be started"
  PG_TMP="$(mktemp -d /tmp/pamong-pg.XXXXXX)"
  PG_AS=""
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root.
    id postgres >/dev/null 2>&1 || die "running as root and no 'postgres' user to run a throwaway cluster as"
    chown postgres "$PG_TMP"
    PG_AS="runuser -u postgres --"
  fi
  local port=$((20000 + RANDOM % 20000))
  say "starting a throwaway PostgreSQL cluster on port $port ($PG_BIN)"
  $PG_AS "$PG_BIN/initdb" -D "$PG_TMP/data" -A trust -U postgres >/dev/null
  $PG_AS "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
    -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  trap pg_stop EXIT
  export PAMONG_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/postgres"
}
