#!/usr/bin/env bash
# Load figures for the assistant (issue 8): POST /api/chat end to end through nginx (TLS,
# keep-alive) to the app and MariaDB, beside nginx serving a static file of about the same
# size over the same kind of connections in the same run (the ratio is the figure).
#
#   bash tests/load/chat.sh [seconds=20] [connections=16] [users=40]
#
# Needs a build (scripts/test or scripts/run builds one into build/) and wrk (installed by
# scripts/install-deps). Starts its own stack under var/load on ports 28443/28080 and stops
# it afterwards; scripts/run's and scripts/test's stacks may stay up.
#
# What differs from production, and why:
# - nginx's per-address limits (10 requests/s, 32 connections, 5 logins/min) are lifted
#   in a copy of nginx/ made for this run: every request here comes from one address, so
#   they would measure the limiter, not the server. Everything else is the shipped config.
# - The app's per-user chat limit (30 turns a minute) stays, with its window shortened to
#   1 s (RATE_LIMIT_MINUTE_SECONDS=1) and the turns spread over `users` patients: each may
#   send 30 turns a second, so the load never hits it and it still costs what it costs.
# Prints requests/s, p50/p99 latency and non-2xx counts for each scenario, and the app's
# CPU time per chat turn.
set -euo pipefail
DURATION="${1:-20}"
CONNECTIONS="${2:-16}"
USERS="${3:-40}"
THREADS=2

source "$(dirname "$0")/../../scripts/lib/stack.sh"
stack_init "$ROOT/var/load" "${MEDASSIST_LOAD_HTTPS_PORT:-28443}" "${MEDASSIST_LOAD_HTTP_PORT:-28080}"
command -v wrk >/dev/null || die "wrk is not installed: run scripts/install-deps"
[ -x "$BUILD/bin/medassist-fcgi" ] || die "no build in $BUILD: run scripts/test or scripts/run first"

export SMTP_HOST=127.0.0.1 SMTP_PORT=28025 SMTP_STARTTLS=false  # nobody listens: mails wait in the outbox
export PUBLIC_URL="https://localhost:$HTTPS_PORT"
export RATE_LIMIT_MINUTE_SECONDS=1 RATE_LIMIT_PER_HOUR=1000000

# nginx with the per-address limits lifted (see above), from a copy of nginx/.
nginx_conf() {
    local user_directive="# (not root: nginx runs as the current user)"
    [ "$(id -u)" = 0 ] && user_directive="user root;"
    rm -rf "$VAR/load-nginx" && mkdir -p "$VAR/run/nginx" "$VAR/load-nginx"
    cp -r "$ROOT/nginx/snippets" "$VAR/load-nginx/"
    sed -i -E 's/rate=[0-9]+r\/[ms]/rate=1000000r\/s/' "$VAR/load-nginx/snippets/limits-http.conf"
    sed -i -E 's/^limit_conn medassist_conn [0-9]+;/limit_conn medassist_conn 60000;/' \
        "$VAR/load-nginx/snippets/limits.conf"
    sed -e "s|@ROOT@/nginx/|$VAR/load-nginx/|g" -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" \
        -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" \
        -e "s|@USER_DIRECTIVE@|$user_directive|g" "$ROOT/nginx/nginx.conf" > "$VAR/run/nginx/nginx.conf"
}

stack_down
rm -rf "$VAR"
trap stack_down EXIT
stack_up

BASE="https://localhost:$HTTPS_PORT"
CURL=(curl -sS --cacert "$VAR/secrets/tls/cert.pem")
OUT="$VAR/load"
mkdir -p "$OUT"

# Patients, each signed in to the API and with one conversation opened.
echo "==> $USERS patients, signed in, one conversation each"
PASSWORD="quiet-lantern-$(rand_alnum 16)"  # must not contain the name ("Load Patient")
CONSENT_VERSION=$("${CURL[@]}" "$BASE/api/consent" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
: > "$OUT/sessions.lua.txt"
for i in $(seq 1 "$USERS"); do
    email="load.patient.$i.$(rand_alnum 6)@example.com"
    printf '%s\n' "$PASSWORD" | admin create-user --role patient --email "$email" --name "Load Patient $i" >/dev/null
    # Each patient signs in from an address of their own (the stack believes X-Forwarded-For
    # from loopback), so 40 sign-ins stay inside the per-address sign-in limits.
    token=$("${CURL[@]}" -X POST "$BASE/auth/login" -H 'Content-Type: application/json' -H "X-Forwarded-For: 10.77.$i.1" \
        -d "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    # The chat keeps nothing without the patient's consent (issue 5): they agree first.
    "${CURL[@]}" -X POST "$BASE/api/me/consent" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
        -d "{\"version\":\"$CONSENT_VERSION\",\"agree\":true}" >/dev/null
    conv=$("${CURL[@]}" -X POST "$BASE/api/chat" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
        -d '{"message":"hello"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["conversation_id"])')
    printf '{"%s","%s"},\n' "$token" "$conv" >> "$OUT/sessions.lua.txt"
done

# Messages a patient types that the assistant answers without writing a booking: FAQ,
# greetings, listing, starting a booking (offers slots, then starts over) — the mix keeps
# every conversation's state bounded however long the run.
cat > "$OUT/chat.lua" <<LUA
local sessions = {
$(cat "$OUT/sessions.lua.txt")
}
local messages = {
  "What are your opening hours?",
  "Is there parking near the practice?",
  "hello",
  "what appointments do I have?",
  "I need to see a dermatologist next week, mornings if possible",
  "start over",
  "Do you accept private insurance?",
  "thanks",
  "how do I get a repeat prescription",
  "who are the cardiologists?",
}
local counter = 0
local statuses = {}
request = function()
  counter = counter + 1
  local s = sessions[(counter % #sessions) + 1]
  local m = messages[(math.floor(counter / #sessions) % #messages) + 1]
  local body = '{"message":"' .. m .. '","conversation_id":"' .. s[2] .. '"}'
  return wrk.format("POST", "/api/chat", {["Content-Type"] = "application/json",
                                          ["Authorization"] = "Bearer " .. s[1]}, body)
end
LUA

# A static file of about the size of one chat reply, served by the same nginx.
reply_size=$("${CURL[@]}" -X POST "$BASE/api/chat" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $(head -1 "$OUT/sessions.lua.txt" | cut -d'"' -f2)" \
    -d '{"message":"What are your opening hours?"}' | wc -c)
head -c "$reply_size" /dev/urandom | base64 -w 0 | head -c "$reply_size" > "$ROOT/templates/static/load-probe.txt"
trap 'rm -f "$ROOT/templates/static/load-probe.txt"; stack_down' EXIT

cat > "$OUT/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
               + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors))
end
LUA
cat "$OUT/report.lua" >> "$OUT/chat.lua"

ticks_of() {  # user+system clock ticks of the processes with these pids
    local total=0 pid
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] && total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
    done
    echo "$total"
}
app_cpu() { ticks_of "$(cat "$VAR/run/medassist.pid")"; }
db_cpu() { ticks_of "$(cat "$VAR/run/mysqld.pid")"; }
nginx_cpu() { ticks_of $(pgrep -f "nginx: worker process" | tr '\n' ' ') "$(cat "$VAR/run/nginx/nginx.pid" 2>/dev/null || echo 0)"; }

run() {  # name, wrk arguments...
    local name=$1; shift
    local app0 db0 ngx0 app1 db1 ngx1
    app0=$(app_cpu); db0=$(db_cpu); ngx0=$(nginx_cpu)
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency "$@" > "$OUT/$name.txt" 2>&1 || true
    app1=$(app_cpu); db1=$(db_cpu); ngx1=$(nginx_cpu)
    local result; result=$(grep '^RESULT' "$OUT/$name.txt" || echo "RESULT (wrk failed: see $OUT/$name.txt)")
    local requests; requests=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$result")
    local per="n/a"
    if [ -n "$requests" ] && [ "$requests" -gt 0 ]; then
        local hz; hz=$(getconf CLK_TCK)
        per="app_cpu_us=$(( (app1 - app0) * 1000000 / hz / requests ))"
        per+=" mariadb_cpu_us=$(( (db1 - db0) * 1000000 / hz / requests ))"
        per+=" nginx_cpu_us=$(( (ngx1 - ngx0) * 1000000 / hz / requests ))"
    fi
    printf '%-14s %s per_request: %s\n' "$name" "${result#RESULT }" "$per"
}

echo "==> wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s each; reply size ${reply_size} bytes"
run static -s "$OUT/report.lua" "$BASE/static/load-probe.txt"
run chat_turns -s "$OUT/chat.lua" "$BASE/api/chat"
echo "full wrk output in $OUT/"
