#!/usr/bin/env bash
# Load figures for the pages (issue 8): a signed-in GET /chat with a 20-message history, the
# booking page (GET /appointments/new, and its second step, the days of a specialty with
# free times), and POST /api/chat turns, each end to end through nginx (TLS, keep-alive) to
# the app and MariaDB, beside nginx serving a static file of exactly the same size over the
# same kind of connections in the same run (the ratio is the figure); then the login storm:
# the chat page alone, and again while a separate client signs in 10 times a second.
#
#   bash tests/load/pages.sh [seconds=20] [connections=16] [users=16]
#   STORM=0 bash tests/load/pages.sh ...   # without the storm phases
#
# Needs a build and wrk, like chat.sh; its own stack under var/load (ports 28443/28080),
# stopped afterwards. What differs from production is described in lib.sh. Each page
# scenario takes the `users` patients in turn, one a request (a wrk Lua script with their
# session cookies), so per-user pages are per-user. Prints one line per run and a table.
set -euo pipefail
DURATION="${1:-20}"
CONNECTIONS="${2:-16}"
USERS="${3:-16}"
STORM="${STORM:-1}"
STORM_ACCOUNTS=10
THREADS=2

source "$(dirname "$0")/lib.sh"
load_stack_up

echo "==> $USERS patients, signed in, each with a 20-message conversation (10 turns)"
TOKENS=()
: > "$OUT/sessions.lua.txt"
for i in $(seq 1 "$USERS"); do
    token=$(make_patient page "$i")
    conv=$(chat_history "$token" 10)
    TOKENS+=("$token")
    printf '{"%s","%s"},\n' "$token" "$conv" >> "$OUT/sessions.lua.txt"
done
if [ "$STORM" = 1 ]; then
    echo "==> $STORM_ACCOUNTS accounts for the login storm"
    for i in $(seq 1 "$STORM_ACCOUNTS"); do MAKE_PATIENT_NO_LOGIN=1 make_patient storm "$i"; done
fi

# page_size PATH: the body's size for the first patient, after checking it answers 200.
page_size() {
    local code
    code=$("${CURL[@]}" -o "$OUT/page.html" -w '%{http_code}' -H "Cookie: __Host-session=${TOKENS[0]}" "$BASE$1")
    [ "$code" = 200 ] || die "GET $1 answered $code"
    wc -c < "$OUT/page.html"
}

chat_page_size=$(page_size /chat)
# The page shows the conversation so far, a list item a message, and the latest reply apart.
messages_shown=$(( $(grep -c 'class="chat-line' "$OUT/page.html" || true) + 1 ))
booking_size=$(page_size /appointments/new)
# The first specialty offered (the select's options come first on the page).
slug=$(grep -o '<option value="[a-z-][a-z-]*"' "$OUT/page.html" | head -1 | cut -d'"' -f2 || true)
[ -n "$slug" ] || die "no specialty on the booking page"
days_path="/appointments/new?specialty=$slug"
days_size=$(page_size "$days_path")
turn_size=$("${CURL[@]}" -X POST "$BASE/api/chat" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer ${TOKENS[0]}" -d '{"message":"What are your opening hours?"}' | wc -c)

write_report_lua
write_cookie_lua "$OUT/chat_page.lua" /chat "${TOKENS[@]}"
write_cookie_lua "$OUT/booking.lua" /appointments/new "${TOKENS[@]}"
write_cookie_lua "$OUT/booking_days.lua" "$days_path" "${TOKENS[@]}"
write_chat_lua "$OUT/chat_turns.lua" "$OUT/sessions.lua.txt"

ROWS=()
# scenario NAME SIZE PATH LUA: the static file of SIZE bytes, then the scenario, same stack.
scenario() {
    local name=$1 size=$2 path=$3 lua=$4 probe
    probe=$(make_probe "$name" "$size")
    load_run "static_$name" -s "$OUT/report.lua" "$BASE$probe"
    local s_rps=$R_RPS s_p50=$R_P50 s_p99=$R_P99
    load_run "$name" -s "$lua" "$BASE$path"
    local ratio
    ratio=$(python3 -c "import sys; print('%.1f' % (float(sys.argv[1]) / float(sys.argv[2])) if float(sys.argv[2] or 0) else 'n/a')" "$s_rps" "${R_RPS:-0}")
    ROWS+=("| $name ($size B) | $R_RPS | $R_P50 | $R_P99 | $R_ERRORS | $s_rps (p50 $s_p50, p99 $s_p99) | $ratio | $R_APP_US | $R_DB_US | $R_NGINX_US |")
}

echo "==> wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s each; /chat shows $messages_shown messages"
scenario chat_page "$chat_page_size" /chat "$OUT/chat_page.lua"
scenario booking "$booking_size" /appointments/new "$OUT/booking.lua"
scenario booking_days "$days_size" "$days_path" "$OUT/booking_days.lua"

if [ "$STORM" = 1 ]; then
    echo "==> login storm: GET /chat alone, then with 10 sign-ins a second (${DURATION}s each)"
    storm_phase chat_page -s "$OUT/chat_page.lua" "$BASE/chat"
    ROWS+=("| chat_page, baseline before the storm | ${BASE_LINE[0]} | ${BASE_LINE[1]} | ${BASE_LINE[2]} | ${BASE_LINE[3]} | | | ${BASE_LINE[4]} | | |")
    ROWS+=("| chat_page during 10 sign-ins/s | $R_RPS | $R_P50 | $R_P99 | $R_ERRORS | | **$STORM_RATIO of baseline** | $R_APP_US | $R_DB_US | $R_NGINX_US |")
fi

# Last: the turns lengthen the conversations the chat page shows.
scenario chat_turns "$turn_size" /api/chat "$OUT/chat_turns.lua"

echo
echo "| scenario (body size) | req/s | p50 ms | p99 ms | errors | static file, same size: req/s | static/app | app CPU-µs/req | MariaDB CPU-µs/req | nginx CPU-µs/req |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
[ "$STORM" = 1 ] && echo "storm: ${STORM_LINE#STORM }"
echo "full wrk output in $OUT/"
