#!/usr/bin/env bash
# Attack test (issue "Attack: Debian's sqlmap ..."): Debian's sqlmap against the HTML
# sign-in form (POST /login), the register API (POST /auth/register) and the assistant's
# API (POST /api/chat), on loopback, each bounded in time. Passes when sqlmap finds
# nothing injectable, the scans' requests were really processed (not refused with
# 403/429), no answer was a 5xx and the app is healthy afterwards.
#
#   bash tests/attack/sqlmap.sh            # exit 0 pass, 1 fail, 77 sqlmap missing
#
# Environment: SQLMAP_LEVEL (2), SQLMAP_RISK (1), SQLMAP_TIMEOUT (seconds per target, 200),
# MEDASSIST_ATTACK_HTTPS_PORT / _HTTP_PORT (25443 / 25080).
#
# Starts its own stack under var/attack (MariaDB, medassist-fcgi, nginx) and stops it on
# exit; scripts/run's and scripts/test's stacks may stay up. Everything sqlmap wrote is
# kept under var/attack/artifacts/sqlmap/ (one <target>.log per target, sqlmap's own
# output folder beside it). No password, token, name or email is printed.
#
# What differs from production, and why (sqlmap sends hundreds of requests from one
# address, against one account; with the shipped limits nearly every answer would be a
# 429 and the scan would prove nothing):
# - nginx's per-address limits are lifted in a copy of nginx/ made for this run (as
#   tests/load/chat.sh does). Everything else is the shipped config.
# - The app's per-address limits: the per-minute and per-hour windows shortened to 1 s
#   (RATE_LIMIT_MINUTE_SECONDS / RATE_LIMIT_HOUR_SECONDS; sign-in then allows 5 a second,
#   each register route 3 a second), the default per-route limit raised
#   (RATE_LIMIT_PER_HOUR). The counts stay, so on top each request sqlmap sends comes from
#   an address of its own: --eval sets X-Forwarded-For, which the stack believes from
#   loopback, to a random 10.x.y.z address (sqlmap's tamper scripts would only cover the
#   requests carrying a payload, and its reference requests then met 429s).
# - The account lockout (5 failed sign-ins for one email within 15 minutes) is raised to
#   1000 failures within 1 minute in a copy of medassist.properties: the sign-in form's
#   password is tested against one real account, and a locked account answers every
#   payload alike (429), which would hide a difference sqlmap looks for.
# - bcrypt's cost is 4 instead of 12 (BCRYPT_COST): every sign-in and registration hashes,
#   which at cost 12 takes about 0.3 s on two cores, so a scan of the register API alone
#   would not fit its time bound. The SQL the requests reach is the same.
# - Register: sqlmap's --eval gives each request's email a random suffix (the payload, when
#   the email is the tested parameter, is kept), so the request sqlmap compares against
#   creates a new account each time instead of "email already used" after the first.
set -uo pipefail

source "$(dirname "$0")/../../scripts/lib/stack.sh"
stack_init "$ROOT/var/attack" "${MEDASSIST_ATTACK_HTTPS_PORT:-25443}" "${MEDASSIST_ATTACK_HTTP_PORT:-25080}"

if ! command -v sqlmap >/dev/null; then
    echo "SKIP: sqlmap is not installed (apt-get install sqlmap)" >&2
    exit 77
fi
[ -x "$BUILD/bin/medassist-fcgi" ] || die "no build in $BUILD: run scripts/test or scripts/run first"

LEVEL="${SQLMAP_LEVEL:-2}"
RISK="${SQLMAP_RISK:-1}"
TARGET_TIMEOUT="${SQLMAP_TIMEOUT:-200}"

export SMTP_HOST=127.0.0.1 SMTP_PORT=25025 SMTP_STARTTLS=false  # nobody listens: mails wait in the outbox
export PUBLIC_URL="https://localhost:$HTTPS_PORT"
export RATE_LIMIT_MINUTE_SECONDS=1 RATE_LIMIT_HOUR_SECONDS=1 RATE_LIMIT_PER_HOUR=1000000
export BCRYPT_COST=4  # see above
export MEDASSIST_TEST_CALENDAR=off
export MEDASSIST_DEFAULT_LANGUAGE=en  # the tests read English pages unless they ask for another language

# nginx with the per-address limits lifted (see above), from a copy of nginx/.
nginx_conf() { nginx_conf_unlimited attack-nginx; }

stack_down
rm -rf "$VAR"
mkdir -p "$VAR"
trap stack_down EXIT

# The shipped settings with the lockout raised (see above); relative paths in it resolve
# from the repository root, as for the shipped file.
sed -E -e 's/^auth\.lockout_failures *=.*/auth.lockout_failures = 1000/' \
    -e 's/^auth\.lockout_minutes *=.*/auth.lockout_minutes = 1/' "$PROPS" > "$VAR/attack.properties"
grep -q '^auth.lockout_failures = 1000$' "$VAR/attack.properties" || die "could not raise the lockout in a copy of $PROPS"
PROPS="$VAR/attack.properties"

stack_up >"$VAR/stack-up.log" 2>&1 || { tail -20 "$VAR/stack-up.log" >&2; die "the stack did not start"; }

BASE="https://localhost:$HTTPS_PORT"
CURL=(curl -sS --cacert "$VAR/secrets/tls/cert.pem")
ART="$VAR/artifacts/sqlmap"
mkdir -p "$ART"

# Each request from an address of its own (see above): sqlmap's --eval runs before every
# request it sends (reference and payload alike) and may add headers through the request's
# header dict. Semicolons separate statements in --eval, so none inside the strings.
CLIENT_ADDRESS='import random; _locals["auxHeaders"]["X-Forwarded-For"] = "10.%d.%d.%d" % (random.randint(0, 255), random.randint(0, 255), random.randint(1, 254))'

# ---- accounts used by the scans ---------------------------------------------------------
# A patient whose email the sign-in form's password is tested against, and one signed in to
# the API (with consent given and a conversation open) for the chat. Random addresses and
# passwords, never printed.
PASSWORD="amber-harbour-$(rand_alnum 16)"
LOGIN_EMAIL="attack.login.$(rand_alnum 8 | tr 'A-Z' 'a-z')@example.com"
CHAT_EMAIL="attack.chat.$(rand_alnum 8 | tr 'A-Z' 'a-z')@example.com"
printf '%s\n' "$PASSWORD" | admin create-user --role patient --email "$LOGIN_EMAIL" --name "Attack Login" >/dev/null \
    || die "could not create the sign-in patient"
printf '%s\n' "$PASSWORD" | admin create-user --role patient --email "$CHAT_EMAIL" --name "Attack Chat" >/dev/null \
    || die "could not create the chat patient"
json_get() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
TOKEN=$("${CURL[@]}" -X POST "$BASE/auth/login" -H 'Content-Type: application/json' -H 'X-Forwarded-For: 10.254.0.1' \
    -d "{\"email\":\"$CHAT_EMAIL\",\"password\":\"$PASSWORD\"}" | json_get token) || die "the chat patient could not sign in"
CONSENT_VERSION=$("${CURL[@]}" "$BASE/api/consent" | json_get version) || die "GET /api/consent failed"
code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' -X POST "$BASE/api/me/consent" -H 'Content-Type: application/json' \
    -H "Authorization: Bearer $TOKEN" -d "{\"version\":\"$CONSENT_VERSION\",\"agree\":true}")
[[ "$code" == 2* ]] || die "granting consent answered $code"
CONVERSATION=$("${CURL[@]}" -X POST "$BASE/api/chat" -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    -d '{"message":"hello"}' | json_get conversation_id) || die "the first chat turn failed"

# ---- the scans --------------------------------------------------------------------------
COMMON=(--batch --level "$LEVEL" --risk "$RISK" --technique=BEUST --time-sec 2 --dbms=MySQL
        --flush-session --disable-coloring --output-dir "$ART" -v 1)
FAIL=0
fail() { printf 'FAIL: %s\n' "$*"; FAIL=1; }

ngx_log="$VAR/log/nginx-access.log"
app_log="$VAR/log/access.log"
lines_of() { [ -f "$1" ] && wc -l < "$1" || echo 0; }

# scan NAME "METHOD ROUTE" PARAMS... -- SQLMAP-ARGS...: runs sqlmap on one target and
# checks its verdict, and the status mix of the target route's requests during the scan.
scan() {
    local name=$1 route=$2; shift 2
    local params=()
    while [ "$1" != "--" ]; do params+=("$1"); shift; done
    shift
    local log="$ART/$name.log" ngx0 app0 t0 t1 rc
    ngx0=$(lines_of "$ngx_log"); app0=$(lines_of "$app_log")
    echo "==> sqlmap: $name ($route), level $LEVEL risk $RISK, at most ${TARGET_TIMEOUT}s"
    t0=$(date +%s)
    TERM=dumb timeout --signal=TERM --kill-after=10 "$TARGET_TIMEOUT" sqlmap "${COMMON[@]}" "$@" > "$log" 2>&1
    rc=$?
    t1=$(date +%s)
    tail -n +"$((ngx0 + 1))" "$ngx_log" > "$ART/$name.nginx-access.log"
    tail -n +"$((app0 + 1))" "$app_log" > "$ART/$name.app-access.log"

    python3 - "$name" "$route" "$((t1 - t0))" "$rc" "$log" "$ART/$name.app-access.log" "$ART/$name.nginx-access.log" \
        "${params[@]}" <<'PY'
import collections, json, re, sys
name, route, seconds, rc, log, app_log, ngx_log = sys.argv[1:8]
params = sys.argv[8:]
method, path = route.split(" ", 1)
text = open(log, encoding="utf-8", errors="replace").read()
ok = True
def fail(msg):
    global ok
    ok = False
    print("FAIL: %s: %s" % (name, msg))

# nginx's view: every request the scan sent (the CSRF page fetches included).
ngx = collections.Counter()
target = collections.Counter()
for line in open(ngx_log, encoding="utf-8", errors="replace"):
    m = re.search(r'"(\S+) (\S+)" (\d{3})', line)
    if not m:
        continue
    ngx[m.group(3)] += 1
    if m.group(1) == method and m.group(2) == path:
        target[m.group(3)] += 1
app = collections.Counter()
app5 = []
for line in open(app_log, encoding="utf-8", errors="replace"):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    app[str(e.get("status"))] += 1
    if int(e.get("status", 0)) >= 500:
        app5.append("%s %s %s" % (e.get("method"), e.get("route"), e.get("status")))
total = sum(target.values())
refused = target["403"] + target["429"]
mix = lambda c: " ".join("%s:%d" % kv for kv in sorted(c.items()))
print("    %s: %ss, %d requests (%d to %s), sqlmap exit %s" % (name, seconds, sum(ngx.values()), total, route, rc))
print("    status mix of %s: %s" % (route, mix(target)))
print("    status mix of all requests (nginx): %s" % mix(ngx))

if rc == "124" or rc == "137":
    fail("sqlmap did not finish within the time bound")
elif rc != "0":
    fail("sqlmap exited with %s (see %s)" % (rc, log))
# A candidate ("appears to be ... injectable") is what sqlmap then checks for a false
# positive; it is reported, and only a confirmed finding fails. Each tested parameter must
# end with sqlmap's negative verdict.
for l in text.splitlines():
    l = re.sub(r"^\[[^]]*\] ", "", l.strip())
    if re.search(r"identified the following injection point|is vulnerable|parameter '[^']*' is '[^']*' injectable", l, re.I):
        fail("sqlmap reports: %s" % l)
    elif re.search(r"appears to be '.*' injectable|false positive or unexploitable", l):
        print("    note: %s" % l)
for p in params:
    if not re.search(r"parameter '(JSON )?%s' does not seem to be injectable" % re.escape(p), text):
        fail("no 'does not seem to be injectable' verdict for parameter %s" % p)
if total == 0:
    fail("no request reached %s" % route)
elif refused * 2 >= total:
    fail("%d of %d requests to %s were refused (403/429): the scan tested the refusal, not the app"
         % (refused, total, route))
bad = [s for s in ngx if s.startswith("5")]
if bad or app5:
    fail("5xx answers: nginx %s; app %s" % (mix({s: ngx[s] for s in bad}), "; ".join(sorted(set(app5)))))
print("    verdict: %s" % ("PASS (nothing injectable)" if ok else "FAIL"))
sys.exit(0 if ok else 1)
PY
    [ $? = 0 ] || FAIL=1
}

# 1. The HTML sign-in form: the CSRF token comes from GET /login (bound to the __Host-pre
#    cookie it sets, which sqlmap keeps). The token page's URL differs from the form's
#    (a query string) and is fetched with GET: otherwise sqlmap fetches it with the form's body or
#    method, as a POST, which the app refuses (415). The email is tested with a wrong password, the
#    password against the real account; 401 is the form's answer to a wrong sign-in.
scan login "POST /login" email password next -- \
    -u "$BASE/login" \
    --data "csrf_token=x&next=%2Faccount&email=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$LOGIN_EMAIL")&password=wrong-password-1" \
    --csrf-token=csrf_token --csrf-url="$BASE/login?next=%2Faccount" --csrf-method=GET --ignore-code=401 \
    -p "email,password,next" --eval "$CLIENT_ADDRESS"

# 2. The register API, JSON body.
scan register "POST /auth/register" name email password phone date_of_birth -- \
    -u "$BASE/auth/register" --method POST -H 'Content-Type: application/json' \
    --drop-set-cookie --data "{\"name\":\"Rosa Attack\",\"email\":\"attack.register@example.com\",\"password\":\"$PASSWORD\",\"phone\":\"+39 055 123456\",\"date_of_birth\":\"1980-05-17\"}" \
    --eval "$CLIENT_ADDRESS; email = email.replace(\"@\", \".%d@\" % random.randint(10**8, 10**9), 1)"

# 3. The assistant's API, as a signed-in patient (Bearer token, no CSRF for Bearer calls).
scan chat "POST /api/chat" message conversation_id -- \
    -u "$BASE/api/chat" --method POST -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    --drop-set-cookie --data "{\"message\":\"What are your opening hours?\",\"conversation_id\":\"$CONVERSATION\"}" \
    --eval "$CLIENT_ADDRESS"

# ---- afterwards -------------------------------------------------------------------------
code=$("${CURL[@]}" -o /dev/null -w '%{http_code}' "$BASE/healthz")
if [ "$code" = 200 ]; then echo "==> GET /healthz: 200"; else fail "GET /healthz answered $code after the scans"; fi
if grep -qE '"status":5[0-9][0-9]' "$app_log"; then
    fail "the app answered 5xx during the run: $(grep -oE '"method":"[A-Z]+","route":"[^"]*","status":5[0-9][0-9]' "$app_log" | sort | uniq -c | tr '\n' ';')"
fi

if [ "$FAIL" = 0 ]; then echo "PASS: sqlmap found nothing injectable"; exit 0; fi
echo "FAIL (sqlmap's logs: $ART)"
exit 1
