#!/usr/bin/env bash
# The demo data of a release, as that release's own seed wrote it: what the upgrade test
# (crates/service/tests/upgrade.rs) migrates to this version. Builds the release's server in
# a scratch worktree, seeds a SQLite file and a PostgreSQL database with it, and writes
#   crates/service/tests/fixtures/release-COMMIT.sqlite   (a SQLite file, VACUUMed)
#   crates/service/tests/fixtures/release-COMMIT.pgdump   (pg_dump's custom format)
# Run it for the last release when a migration is added, then set RELEASE in the test.
#
#   scripts/release-fixture.sh COMMIT [postgres://postgres@127.0.0.1:5432/postgres]
source "$(dirname "$0")/lib.sh"

commit="${1:?usage: scripts/release-fixture.sh COMMIT [ADMIN_PG_URL]}"
admin_url="${2:-postgres://postgres@127.0.0.1:5432/postgres}"
short=$(git -C "$ROOT" rev-parse --short=7 "$commit")
out="$ROOT/crates/service/tests/fixtures"
work=$(mktemp -d)
db_name="pamong_fixture_$short"
trap 'git -C "$ROOT" worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

say "building the server of $short"
git -C "$ROOT" worktree add --detach "$work/src" "$commit" >/dev/null
cargo build -q --manifest-path "$work/src/Cargo.toml" -p pamong_server
# The shared target directory's `pamong` is the release's until the next build: keep a copy.
bin="$work/pamong-$short"
cp "$CARGO_TARGET_DIR/debug/pamong" "$bin"

mkdir -p "$out"
say "seeding SQLite"
PAMONG_DATABASE_URL="sqlite://$work/seed.db?mode=rwc" "$bin" seed-demo >/dev/null
rm -f "$out/release-$short.sqlite"
sqlite3 "$work/seed.db" "VACUUM INTO '$out/release-$short.sqlite'"

say "seeding PostgreSQL ($db_name)"
base="${admin_url%/*}"
psql -q "$admin_url" -c "DROP DATABASE IF EXISTS $db_name" -c "CREATE DATABASE $db_name"
PAMONG_DATABASE_URL="$base/$db_name" "$bin" seed-demo >/dev/null
pg_dump --format=custom --no-owner --file "$out/release-$short.pgdump" "$base/$db_name"
psql -q "$admin_url" -c "DROP DATABASE $db_name"

ls -l "$out"/release-"$short".*
say "now set RELEASE = \"$short\" in crates/service/tests/upgrade.rs"
