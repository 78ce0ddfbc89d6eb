# Shared by the load scripts in tests/load (chat.sh, pages.sh, storm_check.sh): their own
# stack under var/load, signed-in patients, static probes of a given size, and wrk runs
# that report requests/s, latency, errors and the CPU each process spent per request.
# Sourced, not run; the caller sets DURATION, CONNECTIONS and THREADS before load_run.
#
# What differs from production, and why:
# - nginx's per-address limits (10 requests/s, 32 connections, 5 logins/min) are lifted
#   in a copy of nginx/ made for this run: every request here comes from one address, so
#   they would measure the limiter, not the server. Everything else is the shipped config.
# - The app's per-user chat limit (30 turns a minute) stays, with its window shortened to
#   1 s (RATE_LIMIT_MINUTE_SECONDS=1) and the turns spread over many patients, so the load
#   never hits it and it still costs what it costs. The app's per-address limits stay too:
#   each patient signs in from an X-Forwarded-For address of its own (nginx believes it
#   from loopback, set_real_ip_from 127.0.0.1), and the default hourly limit of routes
#   that name none is raised (RATE_LIMIT_PER_HOUR).

source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/stack.sh"
stack_init "$ROOT/var/load" "${MEDASSIST_LOAD_HTTPS_PORT:-28443}" "${MEDASSIST_LOAD_HTTP_PORT:-28080}"

export SMTP_HOST=127.0.0.1 SMTP_PORT=28025 SMTP_STARTTLS=false  # nobody listens: mails wait in the outbox
export PUBLIC_URL="https://localhost:$HTTPS_PORT"
export RATE_LIMIT_MINUTE_SECONDS=1 RATE_LIMIT_PER_HOUR=1000000

BASE="https://localhost:$HTTPS_PORT"
CURL=(curl -sS --cacert "$VAR/secrets/tls/cert.pem")
OUT="$VAR/load"

load_checks() {
    command -v wrk >/dev/null || die "wrk is not installed: run scripts/install-deps"
    [ -x "$BUILD/bin/medassist-fcgi" ] || die "no build in $BUILD: run scripts/test or scripts/run first"
}

# nginx with the per-address limits lifted (see above), from a copy of nginx/. Replaces
# stack.sh's nginx_conf, which nginx_start calls.
nginx_conf() { nginx_conf_unlimited load-nginx; }

load_cleanup() {
    rm -f "$ROOT"/templates/static/load-probe-*.txt  # make_probe's (it runs in $(...) subshells)
    stack_down
}

# A fresh stack (the previous run's state is removed), stopped when the script exits.
load_stack_up() {
    load_checks
    stack_down
    rm -rf "$VAR"
    trap load_cleanup EXIT
    stack_up
    mkdir -p "$OUT"
    (umask 077; : > "$OUT/accounts.txt")  # email and password of every account made here
    LOAD_PASSWORD="quiet-lantern-$(rand_alnum 16)"  # must not contain the name ("Load Patient")
    CONSENT_VERSION=$("${CURL[@]}" "$BASE/api/consent" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
}

# make_patient TAG N: a patient account (through medassist-admin), signed in through
# POST /auth/login from an address of its own, who agreed to the consent text. Prints the
# session token, which is also the __Host-session cookie's value. The email and password
# go to $OUT/accounts.txt (0600), never to the terminal.
make_patient() {
    local tag=$1 n=$2 email token
    email="load.$tag.$n.$(rand_alnum 6)@example.com"
    printf '%s\n' "$LOAD_PASSWORD" | admin create-user --role patient --email "$email" --name "Load Patient $n" >/dev/null
    printf '%s %s %s\n' "$tag" "$email" "$LOAD_PASSWORD" >> "$OUT/accounts.txt"
    [ "${MAKE_PATIENT_NO_LOGIN:-0}" = 1 ] && return 0
    token=$("${CURL[@]}" -X POST "$BASE/auth/login" -H 'Content-Type: application/json' \
        -H "X-Forwarded-For: 10.77.$(( n / 250 )).$(( n % 250 + 1 ))" \
        -d "{\"email\":\"$email\",\"password\":\"$LOAD_PASSWORD\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
    # The chat keeps nothing without the patient's consent (issue 5): they agree first.
    "${CURL[@]}" -X POST "$BASE/api/me/consent" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
        -d "{\"version\":\"$CONSENT_VERSION\",\"agree\":true}" >/dev/null
    printf '%s\n' "$token"
}

# make_probe NAME BYTES: a static file of exactly BYTES bytes that the same nginx serves at
# /static/load-probe-NAME.txt (removed on exit). Prints its path on the site.
make_probe() {
    local name=$1 size=$2 file="$ROOT/templates/static/load-probe-$1.txt"
    head -c "$(( size + 3 ))" /dev/urandom | base64 -w 0 | head -c "$size" > "$file"
    printf '/static/load-probe-%s.txt\n' "$name"
}

# wrk's summary as one line, appended to any request script.
LOAD_REPORT_LUA='
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
               + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, errors,
    summary.errors.status, errors - summary.errors.status))
end
'
write_report_lua() { mkdir -p "$OUT"; printf '%s\n' "$LOAD_REPORT_LUA" > "$OUT/report.lua"; }

# A GET of PATH with a session cookie, the patients taken in turn (one a request).
# write_cookie_lua FILE PATH TOKEN...
write_cookie_lua() {
    local file=$1 path=$2; shift 2
    {
        echo "local tokens = {"
        local t
        for t in "$@"; do printf '  "%s",\n' "$t"; done
        echo "}"
        cat <<LUA
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "$path", {["Cookie"] = "__Host-session=" .. tokens[(counter % #tokens) + 1]})
end
LUA
        printf '%s\n' "$LOAD_REPORT_LUA"
    } > "$file"
}

ticks_of() {  # user+system clock ticks of the processes with these pids (all their threads)
    local total=0 pid
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] && total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
    done
    echo "$total"
}
app_cpu() { ticks_of "$(cat "$VAR/run/medassist.pid")"; }
db_cpu() { ticks_of "$(cat "$VAR/run/mysqld.pid")"; }
# This stack's nginx only: its master and the master's workers (other stacks may run nginx).
nginx_cpu() {
    local master; master=$(cat "$VAR/run/nginx/nginx.pid" 2>/dev/null || echo 0)
    ticks_of "$master" $(pgrep -P "$master" | tr '\n' ' ')
}

# load_run NAME WRK-ARGS...: one wrk run of DURATION seconds with CONNECTIONS connections.
# Prints one line and sets R_REQUESTS R_RPS R_P50 R_P99 R_ERRORS R_NON2XX R_APP_US R_DB_US
# R_NGINX_US for the caller (CPU-µs per request; clock ticks are 10 ms, so short runs of
# slow requests round).
load_run() {
    local name=$1; shift
    local app0 db0 ngx0 app1 db1 ngx1
    app0=$(app_cpu); db0=$(db_cpu); ngx0=$(nginx_cpu)
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --latency "$@" > "$OUT/$name.txt" 2>&1 || true
    app1=$(app_cpu); db1=$(db_cpu); ngx1=$(nginx_cpu)
    local result; result=$(grep '^RESULT' "$OUT/$name.txt" || echo "RESULT (wrk failed: see $OUT/$name.txt)")
    field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<" ${result#RESULT }"; }
    R_REQUESTS=$(field requests); R_RPS=$(field rps); R_P50=$(field p50_ms); R_P99=$(field p99_ms)
    R_ERRORS=$(field errors); R_NON2XX=$(field non2xx)
    R_APP_US=n/a; R_DB_US=n/a; R_NGINX_US=n/a
    local per="n/a"
    if [ -n "$R_REQUESTS" ] && [ "$R_REQUESTS" -gt 0 ]; then
        local hz; hz=$(getconf CLK_TCK)
        R_APP_US=$(( (app1 - app0) * 1000000 / hz / R_REQUESTS ))
        R_DB_US=$(( (db1 - db0) * 1000000 / hz / R_REQUESTS ))
        R_NGINX_US=$(( (ngx1 - ngx0) * 1000000 / hz / R_REQUESTS ))
        per="app_cpu_us=$R_APP_US mariadb_cpu_us=$R_DB_US nginx_cpu_us=$R_NGINX_US"
    fi
    printf '%-16s %s per_request: %s\n' "$name" "${result#RESULT }" "$per"
}

# Messages a patient types that the assistant answers without writing a booking: FAQ,
# greetings, listing, starting a booking (offers slots, then starts over) — the mix keeps
# every conversation's state bounded however long the run.
LOAD_CHAT_MESSAGES=(
  "What are your opening hours?"
  "Is there parking near the practice?"
  "hello"
  "what appointments do I have?"
  "I need to see a dermatologist next week, mornings if possible"
  "start over"
  "Do you accept private insurance?"
  "thanks"
  "how do I get a repeat prescription"
  "who are the cardiologists?"
)

# chat_history TOKEN TURNS: TURNS turns in the patient's current conversation (each turn is
# two messages, the patient's and the reply). Prints the conversation's id.
chat_history() {
    local token=$1 turns=$2 i m conv=""
    for i in $(seq 0 $(( turns - 1 ))); do
        m=${LOAD_CHAT_MESSAGES[$(( i % ${#LOAD_CHAT_MESSAGES[@]} ))]}
        conv=$("${CURL[@]}" --fail -X POST "$BASE/api/chat" -H 'Content-Type: application/json' \
            -H "Authorization: Bearer $token" -d "{\"message\":\"$m\"}" \
            | python3 -c 'import json,sys; print(json.load(sys.stdin)["conversation_id"])') \
            || die "a chat turn failed while making the history"
    done
    printf '%s\n' "$conv"
}

# write_chat_lua FILE SESSIONS: a wrk script of POST /api/chat turns, the patients taken in
# turn; SESSIONS holds lines {"token","conversation id"},
write_chat_lua() {
    cat > "$1" <<LUA
local sessions = {
$(cat "$2")
}
local messages = {
$(printf '  "%s",\n' "${LOAD_CHAT_MESSAGES[@]}")
}
local counter = 0
request = function()
  counter = counter + 1
  local s = sessions[(counter % #sessions) + 1]
  local m = messages[(math.floor(counter / #sessions) % #messages) + 1]
  local body = '{"message":"' .. m .. '","conversation_id":"' .. s[2] .. '"}'
  return wrk.format("POST", "/api/chat", {["Content-Type"] = "application/json",
                                          ["Authorization"] = "Bearer " .. s[1]}, body)
end
$LOAD_REPORT_LUA
LUA
}

# login_storm SECONDS [RATE]: the paced sign-in client (login_storm.py) against the
# accounts tagged "storm"; prints its STORM line. STORM_FIRST_ADDRESS keeps the
# X-Forwarded-For addresses of successive storms apart.
STORM_FIRST_ADDRESS=0
login_storm() {
    PYTHONDONTWRITEBYTECODE=1 python3 "$ROOT/tests/load/login_storm.py" --port "$HTTPS_PORT" --cafile "$VAR/secrets/tls/cert.pem" \
        --accounts "$OUT/accounts.txt" --tag storm --rate "${2:-10}" --duration "$1" \
        --first-address "$STORM_FIRST_ADDRESS"
}

# storm_phase NAME WRK-ARGS...: the same wrk load twice, DURATION seconds each: alone
# (NAME_baseline), then with 10 sign-ins a second running from a separate client for the
# whole run (NAME_storm). Sets STORM_RATIO (storm req/s over baseline req/s) and STORM_LINE.
storm_phase() {
    local name=$1; shift
    load_run "${name}_baseline" "$@"
    local base_rps=$R_RPS
    BASE_LINE=("$R_RPS" "$R_P50" "$R_P99" "$R_ERRORS" "$R_APP_US")
    login_storm "$(( DURATION + 1 ))" > "$OUT/storm.txt" 2>&1 &
    local storm_pid=$!
    sleep 0.5
    load_run "${name}_storm" "$@"
    wait "$storm_pid" || true
    STORM_FIRST_ADDRESS=$(( STORM_FIRST_ADDRESS + 10 * (DURATION + 1) ))
    STORM_LINE=$(grep '^STORM' "$OUT/storm.txt" || echo "STORM (failed: see $OUT/storm.txt)")
    echo "  login storm:   ${STORM_LINE#STORM }"
    STORM_RATIO=$(python3 -c "import sys; b=float(sys.argv[1] or 0); s=float(sys.argv[2] or 0); print('%.2f' % (s / b if b else 0))" "$base_rps" "$R_RPS")
    echo "  ${name} under the storm / baseline: $STORM_RATIO (requirement: >= 0.5)"
}
