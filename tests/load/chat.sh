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
# What differs from production (nginx's per-address limits lifted, the chat's per-user
# limit on a 1 s window) is described in lib.sh, which this shares with pages.sh.
# Prints requests/s, p50/p99 latency and non-2xx counts for each scenario, and the app's
# CPU time per chat turn.
set -euo pipefail
DURATION="${1:-20}"
CONNECTIONS="${2:-16}"
USERS="${3:-40}"
THREADS=2

source "$(dirname "$0")/lib.sh"
load_stack_up

# Patients, each signed in to the API and with one conversation opened.
echo "==> $USERS patients, signed in, one conversation each"
: > "$OUT/sessions.lua.txt"
for i in $(seq 1 "$USERS"); do
    token=$(make_patient chat "$i")
    conv=$("${CURL[@]}" -X POST "$BASE/api/chat" -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
        -d '{"message":"hello"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["conversation_id"])')
    printf '{"%s","%s"},\n' "$token" "$conv" >> "$OUT/sessions.lua.txt"
done

write_chat_lua "$OUT/chat.lua" "$OUT/sessions.lua.txt"

# A static file of the size of one chat reply, served by the same nginx.
reply_size=$("${CURL[@]}" -X POST "$BASE/api/chat" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $(head -1 "$OUT/sessions.lua.txt" | cut -d'"' -f2)" \
    -d '{"message":"What are your opening hours?"}' | wc -c)
probe=$(make_probe chat "$reply_size")
write_report_lua

echo "==> wrk: $THREADS threads, $CONNECTIONS connections, ${DURATION}s each; reply size ${reply_size} bytes"
load_run static -s "$OUT/report.lua" "$BASE$probe"
load_run chat_turns -s "$OUT/chat.lua" "$BASE/api/chat"
echo "full wrk output in $OUT/"
