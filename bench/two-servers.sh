#!/usr/bin/env bash
# Two release servers on one PostgreSQL (issue 17; not in CI, figures in the README): both
# start with the notifications worker on (each sweeps at once on start, racing for the same
# reminders), then 8 PKs check clients in for SECONDS with every request sent to the other
# server than the last, round-robin as a proxy would, on sessions that one server signed in.
# Checks: no save refused, every acknowledged save stored once, no reminder written or e-mailed
# twice (both servers send through one local SMTP sink, which counts what arrives), and each
# server's share of the requests (read from its /metrics).
#
#   bench/two-servers.sh [SECONDS]
source "$(dirname "$0")/../scripts/lib.sh"
source "$(dirname "$0")/lib.sh"
seconds="${1:-30}"
PASSWORD="bench-password-2026"
OFFICERS=(bench.pk1 bench.pk2 bench.pk3 bench.pk4 bench.pk5 bench.pk6 bench.pk7 bench.pk8)
officers_csv="$(IFS=,; echo "${OFFICERS[*]}")"
TOKEN="two-servers-metrics-token"

say "building the release server and the load driver"
build_bench_binaries
tmp="$(mktemp -d /tmp/pamong-two.XXXXXX)"
source "$ROOT/scripts/pg.sh"
pg_start
psql -q "$PAMONG_TEST_PG_URL" -c "CREATE DATABASE pamong_two"
url="${PAMONG_TEST_PG_URL%/*}/pamong_two"
export PAMONG_DATABASE_URL="$url" PAMONG_SITE_ROOT="$SITE" RUST_LOG=warn PAMONG_REFRESH_FIGURES=false
export PAMONG_SECRET="bench-secret-that-is-long-enough-0123456789" PAMONG_METRICS_TOKEN="$TOKEN"
# Both servers write and send notifications, as a deployment that did not turn one off, to
# one SMTP sink that writes a line per message received (recipient and a digest of the text).
export PAMONG_NOTIFICATIONS=true
smtp_port=$((20000 + RANDOM % 10000))
python3 -W ignore - "$smtp_port" "$tmp/mail" <<'PY' &
import asyncore, hashlib, smtpd, sys
class Sink(smtpd.SMTPServer):
    def process_message(self, peer, sender, rcpttos, data, **kw):
        body = data if isinstance(data, bytes) else data.encode()
        # The Date and Message-ID headers differ per sending: the digest is of the text.
        text = body.split(b"\r\n\r\n", 1)[-1]
        with open(sys.argv[2], "a") as f:
            f.write(f"{','.join(rcpttos)} {hashlib.sha256(text).hexdigest()}\n")
Sink(("127.0.0.1", int(sys.argv[1])), None)
asyncore.loop()
PY
sink=$!
export PAMONG_SMTP_URL="smtp://127.0.0.1:$smtp_port"

say "seeding the demo and the eight bench PKs"
"$bin" seed-demo >/dev/null
for name in "${OFFICERS[@]}"; do
  PAMONG_USER_PASSWORD="$PASSWORD" "$bin" user create --username "$name" \
    --full-name "PK Uji ${name#bench.}" --role pk --office JAKBAR >/dev/null
done

# Every officer has an e-mail address, so that their reminders go by e-mail as well.
psql -q "$url" -c "UPDATE users SET email = username || '@bapas.example'"

ports=($((30000 + RANDOM % 10000)) $((40000 + RANDOM % 10000)))
servers=()
cleanup() {
  kill "$sink" 2>/dev/null || true
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  pg_stop
}
trap cleanup EXIT
for port in "${ports[@]}"; do
  "$bin" serve --listen "127.0.0.1:$port" >"$tmp/server-$port.log" 2>&1 &
  servers+=($!)
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
done
bases="http://127.0.0.1:${ports[0]},http://127.0.0.1:${ports[1]}"

say "8 officers checking in for ${seconds}s, alternating between the two servers"
"$load" checkins --base "$bases" --users "$officers_csv" --password "$PASSWORD" --acked "$tmp/acked" \
  --seconds "$seconds" | tee "$tmp/driver" || die "saves were refused (logs in $tmp)"

q() { psql -At "$url" -c "$1"; }
acked=$(wc -l <"$tmp/acked")
stored=$(q "select count(*) from client_reports where notes like 'bench %'")
distinct=$(q "select count(distinct notes) from client_reports where notes like 'bench %'")
lost=$(comm -23 <(sort "$tmp/acked") <(q "select notes from client_reports where notes like 'bench %'" | sort) | wc -l)
notices=$(q "select count(*) from notifications")
twice=$(q "select count(*) from (select kind, dedup_key, channel from notifications group by 1, 2, 3 having count(*) > 1) d")
share() { # PORT: check-ins that server answered, from its /metrics
  curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$1/metrics" |
    awk '/^pamong_http_requests_total\{.*route="\/api\/clients\/report"/ {n += $NF} END {print n + 0}'
}
# The sweep runs each minute: wait for the one after the load, then count the mail.
sleep 65
touch "$tmp/mail"
mails=$(wc -l <"$tmp/mail")
mailed_twice=$(sort "$tmp/mail" | uniq -d | wc -l)
a=$(share "${ports[0]}"); b=$(share "${ports[1]}")
printf '%-28s %s\n' "check-ins acknowledged" "$acked" "stored" "$stored" "stored twice" "$((stored - distinct))" \
  "acknowledged but lost" "$lost" "answered by server 1" "$a" "answered by server 2" "$b" \
  "notifications written" "$notices" "notifications written twice" "$twice" \
  "e-mails received" "$mails" "e-mails received twice" "$mailed_twice" | tee "$tmp/summary"
if grep -qi "panicked" "$tmp"/server-*.log; then die "a server panicked (logs in $tmp)"; fi
[ "$lost" -eq 0 ] && [ "$stored" -eq "$distinct" ] && [ "$twice" -eq 0 ] && [ "$mailed_twice" -eq 0 ] || die "the check failed (logs in $tmp)"
say "two servers: no errors, nothing lost, nothing written twice"
