# Shared by the benchmark scripts (sourced after scripts/lib.sh): the release server and the
# load driver / bare-axum yardstick of bench/load, built once and found by the same names.

# Builds both and sets `bin` (the release server) and `load` (bench/load's binary).
build_bench_binaries() {
  cargo build --release -p pamong_server --bin pamong --quiet
  cargo build --release --manifest-path "$ROOT/bench/load/Cargo.toml" --target-dir "$CARGO_TARGET_DIR/bench" --quiet
  bin="$CARGO_TARGET_DIR/release/pamong"
  load="$CARGO_TARGET_DIR/bench/release/pamong_load"
}

# Benchmarks measure the requests: the notifications worker (a sweep over every officer's
# caseload each minute) stays off, as the figures' refresher does where a script says so.
export PAMONG_NOTIFICATIONS=false

# The demo users' password.
DEMO_PASSWORD="pamong-demo-2026"

# The demo's authenticator key (DEMO_TOTP_KEY in crates/service/src/seed/mod.rs): the admin,
# pusat, kanwil.dki and kabapas.jakbar type a code from it after the password.
DEMO_TOTP_KEY="PAMONGDEMOSECRETKEYFORTWOFACTOR2"

# The current TOTP code of the demo key (RFC 6238), with Python's standard library.
demo_code() {
  python3 - "$DEMO_TOTP_KEY" <<'PY'
import base64, hashlib, hmac, struct, sys, time
mac = hmac.new(base64.b32decode(sys.argv[1]), struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
PY
}

# Signs in as the demo user $2 at the server $1 (`http://127.0.0.1:PORT`) and prints the
# session cookie (`name=value`); dies when the login is refused. A user with a second factor
# types the demo key's code next.
bench_login() {
  local base="$1" who="$2" headers cookie
  headers="$(curl -s -D - -o "$tmp/login.json" -H 'Content-Type: application/json' -H "Origin: $base" \
    -d "{\"username\":\"$who\",\"password\":\"$DEMO_PASSWORD\"}" "$base/api/auth/login")"
  cookie="$(printf '%s' "$headers" | grep -i '^set-cookie:' | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')"
  [ -n "$cookie" ] || die "could not log in as $who"
  if grep -q '"kode"' "$tmp/login.json"; then
    cookie="$(curl -s -D - -o /dev/null -H "Origin: $base" -H "Cookie: $cookie" \
      --data "code=$(demo_code)" "$base/api/auth/code" \
      | grep -i '^set-cookie:' | head -1 | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')"
    [ -n "$cookie" ] || die "the second step refused $who"
  fi
  printf '%s' "$cookie"
}
