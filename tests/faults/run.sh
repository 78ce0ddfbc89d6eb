#!/usr/bin/env bash
# Fault-injection tests: two medassist-fcgi processes behind one nginx upstream, MariaDB
# under them, and three faults injected while a load runs through nginx (TLS):
#
#   1. kill -9 one app process during a booking load: every booking the client got a 2xx
#      for is in MariaDB, no slot holds two active bookings, the error rate is reported.
#   2. MariaDB stopped for 10 s during load: meanwhile the friendly 503 (never a 500, never
#      a stack trace); afterwards the same app processes answer again by themselves, and
#      nothing committed before the outage is lost.
#   3. SIGTERM one app process during load: every request sent gets a complete response,
#      the process exits 0 within a few seconds and logs that it stopped.
#
#   bash tests/faults/run.sh          # the whole run (about 1 minute); exit 0 pass, 1 fail
#   bash tests/faults/run.sh --up     # only start the stack (stays up; --down stops it)
#   bash tests/faults/run.sh --down
#
# Starts its own stack under var/faults on ports 26443 (https) and 26080 (http); SMTP goes
# to 127.0.0.1:26025 where nobody listens (mails wait in the outbox). scripts/run's and
# scripts/test's stacks may stay up. Exits 77 when python3 (the load client, stdlib only)
# or another tool it needs is missing. See tests/faults/README.md for the figures.
#
# What differs from production, and why:
# - nginx's per-address limits are lifted in a copy of nginx/ (all load comes from one
#   address; tests/load/chat.sh does the same), and the copy's upstream has two servers.
#   Everything else, fastcgi_next_upstream included, is the shipped configuration.
# - The app's per-route windows are shortened and its hourly default raised
#   (RATE_LIMIT_MINUTE_SECONDS=1, RATE_LIMIT_PER_HOUR=1000000), and bcrypt runs at its
#   lowest accepted cost (BCRYPT_COST=4) so registering the test patients takes seconds.
set -uo pipefail

FAULTS_DIR="$(cd "$(dirname "$0")" && pwd)"
source "$FAULTS_DIR/../../scripts/lib/stack.sh"

for tool in python3 curl nginx mariadbd mariadb; do
    command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed" >&2; exit 77; }
done
[ -x "$BUILD/bin/medassist-fcgi" ] && [ -x "$BUILD/bin/medassist-admin" ] \
    || { echo "SKIP: no build in $BUILD (run scripts/test or scripts/run first)" >&2; exit 77; }

stack_init "$ROOT/var/faults" "${MEDASSIST_FAULTS_HTTPS_PORT:-26443}" "${MEDASSIST_FAULTS_HTTP_PORT:-26080}"

# Nothing from a caller's stack (scripts/test exports its own) may leak into this one.
unset DATABASE_URL MIGRATE_DATABASE_URL SECRET_KEY PASSWORD_PEPPER BLIND_INDEX_KEY SMTP_PASSWORD \
      MEDASSIST_SOCKET MEDASSIST_LOG_DIR MEDASSIST_MAIL_DIR MEDASSIST_MASTER_KEYS_DIR \
      MEDASSIST_TEMPLATES MEDASSIST_THREADS JWT_EXP_MINUTES EMAIL_FROM
export SMTP_HOST=127.0.0.1 SMTP_PORT="${MEDASSIST_FAULTS_SMTP_PORT:-26025}" SMTP_STARTTLS=false
export PUBLIC_URL="https://localhost:$HTTPS_PORT"
export RATE_LIMIT_MINUTE_SECONDS=1 RATE_LIMIT_HOUR_SECONDS=3600 RATE_LIMIT_PER_HOUR=1000000
export BCRYPT_COST=4
export MEDASSIST_TEST_CALENDAR=off  # open on holidays: the load books "in N days" (scripts/lib/stack.sh)
export MEDASSIST_DEFAULT_LANGUAGE=en  # the tests read English pages unless they ask for another language

APP2_SOCK="$VAR/run/medassist-2.sock"
APP2_PID="$VAR/run/medassist-2.pid"
OUT="$VAR/faults"

# nginx from a copy of nginx/: per-address limits lifted, two servers in the upstream.
nginx_conf() {
    nginx_conf_unlimited faults-nginx -e "s|^\( *\)server unix:$VAR/run/medassist.sock;|&\n\1server unix:$APP2_SOCK;|"
    grep -q "server unix:$APP2_SOCK;" "$VAR/run/nginx/nginx.conf" \
        || die "could not add the second app to the upstream of the nginx copy"
}

# The second app process: the same binary and config, its own socket and pid file.
app2_start() {
    # Its own log folder: two processes must not rotate one app.log.
    mkdir -p "$VAR/log/app2"
    (cd "$ROOT" && MEDASSIST_SOCKET="$APP2_SOCK" MEDASSIST_LOG_DIR="$VAR/log/app2" \
        exec "$BUILD/bin/medassist-fcgi" --config="$PROPS") 2>>"$VAR/log/app2/stderr.log" &
    echo $! > "$APP2_PID"
    local i
    for i in $(seq 1 100); do
        [ -S "$APP2_SOCK" ] && return 0
        kill -0 "$(cat "$APP2_PID")" 2>/dev/null || die "the second medassist-fcgi exited; see $VAR/log/app2/stderr.log"
        sleep 0.1
    done
    die "the second medassist-fcgi did not open its socket"
}
app2_stop() { stop_pidfile "$APP2_PID" TERM 300; }

faults_down() {
    nginx_stop
    app_stop
    app2_stop
    db_stop
}

faults_up() {
    faults_down
    rm -rf "$VAR"
    # In a subshell, so that a failure (stack.sh's die exits) still shows its log here.
    (stack_up) >"$VAR.setup.log" 2>&1 || { cat "$VAR.setup.log" >&2; rm -f "$VAR.setup.log"; return 1; }
    mv "$VAR.setup.log" "$VAR/log/setup.log"
    app2_start
    mkdir -p "$OUT"
    chmod 700 "$OUT"
}

case "${1:-}" in
    --up) faults_up || exit 1; echo "stack up: https://localhost:$HTTPS_PORT (state in $VAR)"; exit 0 ;;
    --down) faults_down; exit 0 ;;
    "") ;;
    *) echo "usage: $0 [--up|--down]" >&2; exit 2 ;;
esac

# ---------------------------------------------------------------------------------------
# The run.

CA="$VAR/secrets/tls/cert.pem"
LOAD=(python3 "$FAULTS_DIR/load.py" --base "https://localhost:$HTTPS_PORT" --ca "$CA" --state "$OUT"
      --db-socket "$MYSQL_SOCK" --admin "$BUILD/bin/medassist-admin" --admin-config "$PROPS" --root "$ROOT")
FAILED=()
T_START=$(date +%s)

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    # Anything still running in the background (a load client) goes first.
    [ -n "${LOAD_PID:-}" ] && kill "$LOAD_PID" 2>/dev/null
    echo "==> stopping the stack (logs stay in $VAR/log)"
    faults_down
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

event() { echo "$(date +%s.%N) $1" >> "$OUT/events"; }
wait_started() {  # NAME: waits until the load client writes OUT/NAME.started
    local i
    for i in $(seq 1 300); do
        [ -f "$OUT/$1.started" ] && return 0
        kill -0 "$LOAD_PID" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
fail() { echo "  FAIL  $*"; FAILED+=("$*"); }
ok() { echo "  ok    $*"; }
pid_of() { cat "$1" 2>/dev/null; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
# Waits until PID has exited, up to TENTHS tenths of a second; prints the tenths it took.
wait_exit() {
    local pid=$1 tenths=$2 i
    for i in $(seq 0 "$tenths"); do
        alive "$pid" || { echo "$i"; return 0; }
        sleep 0.1
    done
    echo "$tenths"
    return 1
}
# What nginx logged about its upstreams since line FROM of its error log: each kind of
# failure, the route and which app's socket, counted (no client address, no id).
nginx_upstream_log() {
    tail -n +"$(($1 + 1))" "$VAR/log/nginx-error.log" | grep -v 'limiting\|temporarily disabled' \
        | grep 'upstream' \
        | sed -E 's/^.*\[(error|warn|crit|alert)\] [0-9#]+: \*[0-9]+ //; s/ to unix:[^ ]* / /' \
        | sed -E 's/, client:.*request: "([A-Z]+) ([^ ?]*)[^"]*".*upstream: "[^"]*(medassist[-0-9]*\.sock).*/ -- \1 \2 (\3)/' \
        | sed -E 's#/[0-9]+#/{id}#g' | sort | uniq -c | sed 's/^/  nginx:/'
}
log_mark() { wc -l < "$VAR/log/nginx-error.log"; }
healthy() {  # both app processes answer /healthz through nginx
    curl -sS --cacert "$CA" -o /dev/null -w '%{http_code}' "https://localhost:$HTTPS_PORT/healthz" 2>/dev/null
}

echo "==> fault-injection stack under $VAR (https $HTTPS_PORT, http $HTTP_PORT): MariaDB, two medassist-fcgi, nginx"
faults_up || exit 1
APP1=$(pid_of "$VAR/run/medassist.pid"); APP2=$(pid_of "$APP2_PID")
echo "  app 1 pid $APP1 on run/medassist.sock, app 2 pid $APP2 on run/medassist-2.sock (8 worker threads each)"

echo "==> setup"
"${LOAD[@]}" setup --patients 48 || exit 1

# -- 1 ---------------------------------------------------------------------------------
echo "==> scenario 1: kill -9 one app process during a booking load"
MARK=$(log_mark)
"${LOAD[@]}" book --threads 8 --seconds 10 > "$OUT/book.txt" 2>&1 &
LOAD_PID=$!
if wait_started book; then
    sleep 5
    event kill9
    kill -KILL "$APP1"
    wait "$APP1" 2>/dev/null  # (bash would print "Killed")
fi
wait "$LOAD_PID"; rc=$?; LOAD_PID=
cat "$OUT/book.txt"
nginx_upstream_log "$MARK"
[ "$rc" -eq 0 ] || FAILED+=("scenario 1")
alive "$APP1" && fail "app 1 is still running after kill -9"
alive "$APP2" && ok "app 2 kept serving" || fail "app 2 died"
app_start >/dev/null
APP1=$(pid_of "$VAR/run/medassist.pid")
[ "$(healthy)" = 200 ] && ok "app 1 restarted (pid $APP1); /healthz 200" || fail "app 1 did not come back"

# -- 2 ---------------------------------------------------------------------------------
echo "==> scenario 2: MariaDB stopped for 10 s during load"
MARK=$(log_mark)
"${LOAD[@]}" outage --threads 6 --seconds 24 > "$OUT/outage.txt" 2>&1 &
LOAD_PID=$!
if wait_started outage; then
    sleep 4
    event db_stop_sent
    db_stop
    event db_stopped
    sleep 10
    event db_start_sent
    db_start
    event db_started
fi
wait "$LOAD_PID"; rc=$?; LOAD_PID=
cat "$OUT/outage.txt"
nginx_upstream_log "$MARK"
[ "$rc" -eq 0 ] || FAILED+=("scenario 2")
if [ "$(pid_of "$VAR/run/medassist.pid")" = "$APP1" ] && alive "$APP1" \
   && [ "$(pid_of "$APP2_PID")" = "$APP2" ] && alive "$APP2"; then
    ok "both app processes are the ones from before the outage (no restart)"
else
    fail "an app process died or was restarted during the outage"
fi
n500=$(cat "$VAR/log/access.log" "$VAR/log/app2/access.log" 2>/dev/null | grep -c '"status":500')
[ "${n500:-0}" -eq 0 ] && ok "no 500 in the apps' access logs" || fail "$n500 requests answered 500 (access logs)"

# -- 3 ---------------------------------------------------------------------------------
echo "==> scenario 3: SIGTERM one app process during load"
MARK=$(log_mark)
"${LOAD[@]}" drain --threads 32 --seconds 8 > "$OUT/drain.txt" 2>&1 &
LOAD_PID=$!
term_rc=; took=
if wait_started drain; then
    sleep 3
    event sigterm
    kill -TERM "$APP2"
    took=$(wait_exit "$APP2" 100)
    wait "$APP2" 2>/dev/null; term_rc=$?
    event app2_exited
fi
wait "$LOAD_PID"; rc=$?; LOAD_PID=
cat "$OUT/drain.txt"
nginx_upstream_log "$MARK"
[ "$rc" -eq 0 ] || FAILED+=("scenario 3")
if [ -n "$took" ] && [ "$took" -lt 100 ]; then
    ok "app 2 exited $(awk "BEGIN{printf \"%.1f\", $took/10}") s after SIGTERM"
    [ "$took" -le 50 ] || fail "app 2 took more than 5 s to exit"
else
    fail "app 2 had not exited 10 s after SIGTERM"
fi
[ "$term_rc" = 0 ] && ok "app 2 exit status 0" || fail "app 2 exit status ${term_rc:-unknown}"
if grep -q 'stop requested' "$VAR/log/app2/app.log" && grep -q 'app: stopped' "$VAR/log/app2/app.log"; then
    ok "app 2 logged: $(grep -h 'stop requested\|app: stopped' "$VAR/log/app2/app.log" | cut -d' ' -f3- | paste -sd'|')"
else
    fail "app 2 did not log that it stopped"
fi
[ -S "$APP2_SOCK" ] && fail "app 2 left its socket behind" || ok "app 2 removed its socket"
alive "$APP1" && ok "app 1 kept serving" || fail "app 1 died"

echo "==> $(($(date +%s) - T_START)) s; details in $OUT/"
if [ ${#FAILED[@]} -gt 0 ]; then
    echo "FAIL: ${FAILED[*]}"
    exit 1
fi
echo "PASS"
exit 0
