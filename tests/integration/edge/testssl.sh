#!/usr/bin/env bash
# Debian's testssl.sh against the test instance's HTTPS port: protocols, cipher categories,
# forward secrecy, server preferences and certificate, each cipher per protocol, HTTP
# security headers and every vulnerability check. Fails on any MEDIUM, HIGH or CRITICAL
# finding (and on any scan warning) except the few listed in EXCEPTED below, which come
# from the development certificate being self-signed or are checked otherwise here.
# Keeps testssl.txt, testssl.json and testssl-summary.txt in <var>/artifacts/.
set -euo pipefail

if [ -z "${MEDASSIST_TEST_BASE_URL:-}" ] || [ -z "${MEDASSIST_TEST_VAR:-}" ]; then
    echo "integration tests need the stack: run scripts/test"
    exit 77
fi
command -v testssl >/dev/null || { echo "FAIL: testssl is not installed (scripts/install-deps installs testssl.sh)"; exit 1; }

port="${MEDASSIST_TEST_BASE_URL##*:}"
port="${port%%/*}"
out="$MEDASSIST_TEST_VAR/artifacts"
mkdir -p "$out"

# 127.0.0.1, not localhost: nginx listens on IPv4 only, and no DNS is needed.
# Client simulation (-c) is left out: it only says which old clients could connect.
# --warnings off: no prompts; problems still show up as WARN findings, which fail below.
# One scan; a second one only when every failure of the first was the scanner losing its
# own connection ("check failed because of connect problem", seen once in CI on a busy
# machine), never to paper over a real finding.
scan() {
    rm -f "$out/testssl.json" "$out/testssl.txt" "$out/testssl-summary.txt"
    local started status
    started=$(date +%s)
    status=0
    timeout 300 testssl --quiet --color 0 --warnings off --nodns none \
        --openssl /usr/bin/openssl --connect-timeout 10 --openssl-timeout 10 \
        -p -s -f -P -S -h -U -E \
        --jsonfile "$out/testssl.json" --logfile "$out/testssl.txt" \
        "127.0.0.1:$port" >/dev/null 2>&1 || status=$?
    echo "testssl.sh took $(( $(date +%s) - started )) s (exit status $status); full output in $out/testssl.txt"
    [ "$status" = 124 ] && { echo "FAIL: testssl.sh did not finish within 300 s"; return 1; }
    [ -s "$out/testssl.json" ] || { echo "FAIL: testssl.sh wrote no JSON"; return 1; }
    verdict
}

verdict() {
python3 - "$out/testssl.json" "$out/testssl-summary.txt" <<'PY'
import json, sys

findings = json.load(open(sys.argv[1]))
by_id = {}
for f in findings:
    by_id.setdefault(f["id"], []).append(f)

# Findings accepted, each for a stated reason. Keep this list short.
EXCEPTED = {
    # The development certificate is self-signed: no public CA vouches for it (a real
    # deployment uses Let's Encrypt, nginx/README.md).
    "cert_chain_of_trust": "self-signed development certificate",
    # A self-signed certificate names no CRL or OCSP responder.
    "cert_revocation": "self-signed development certificate (no CRL/OCSP URI)",
    # ssl_prefer_server_ciphers off, as Mozilla's intermediate profile says: testssl.sh 3.0
    # flags any client-chosen order, even when every suite offered is strong (upstream
    # issue testssl/testssl.sh#1311). Accepted only because the offered suites are
    # checked below to be exactly the strong ones.
    "cipher_order": "client order on purpose; offered suites checked to be AEAD + ECDHE only",
    # Debian's OpenSSL has no GOST engine; that only limits which exotic ciphers the
    # scanner itself can try, and the socket-based checks cover the server anyway.
    "engine_problem": "scanner's own OpenSSL lacks the GOST engine",
}
FAILING = {"MEDIUM", "HIGH", "CRITICAL", "WARN", "FATAL"}

problems = []
def expect(cond, message):
    if not cond:
        problems.append(message)

def finding(id_):
    return " / ".join(f["finding"] for f in by_id.get(id_, [])) or "(missing)"

# The scan really covered what it must (an aborted scan would otherwise look clean).
for id_ in ["SSLv2", "SSLv3", "TLS1", "TLS1_1", "TLS1_2", "TLS1_3", "cipherlist_NULL",
            "cipherlist_STRONG", "PFS", "HSTS_time", "HSTS_subdomains", "X-Frame-Options", "heartbleed", "CCS",
            "ticketbleed", "ROBOT", "secure_renego", "secure_client_renego", "CRIME_TLS",
            "BREACH", "POODLE_SSL", "fallback_SCSV", "SWEET32", "FREAK", "DROWN", "LOGJAM",
            "BEAST", "LUCKY13", "RC4"]:
    expect(id_ in by_id, f"scan has no result for {id_}")
for id_ in ["SSLv2", "SSLv3", "TLS1", "TLS1_1"]:
    expect(finding(id_).startswith("not offered"), f"{id_} must not be offered: {finding(id_)}")
for id_ in ["TLS1_2", "TLS1_3"]:
    expect(finding(id_).startswith("offered"), f"{id_} must be offered: {finding(id_)}")
expect(finding("HSTS_time").startswith("730 days"), f"HSTS: {finding('HSTS_time')}")
expect("no HTTP compression" in finding("BREACH"), f"BREACH: {finding('BREACH')}")

# Offered suites (-E): TLS 1.2 only the six ECDHE AEAD suites, TLS 1.3 its standard three.
tls12_ok = {"xc02b", "xc02f", "xc02c", "xc030", "xcca9", "xcca8"}
tls13_ok = {"x1301", "x1302", "x1303"}
offered = [f["id"] for f in findings if f["id"].startswith("cipher-")]
tls12 = {i.split("_")[-1] for i in offered if i.startswith("cipher-tls1_2_")}
tls13 = {i.split("_")[-1] for i in offered if i.startswith("cipher-tls1_3_")}
others = [i for i in offered if not i.startswith(("cipher-tls1_2_", "cipher-tls1_3_"))]
expect(tls12 and tls12 <= tls12_ok, f"TLS 1.2 suites outside the allowed six: {sorted(tls12 - tls12_ok) or 'none found'}")
expect(tls13 and tls13 <= tls13_ok, f"TLS 1.3 suites: {sorted(tls13) or 'none found'}")
expect(not others, f"suites offered on other protocols: {others}")

excepted = []
for f in findings:
    if f["severity"] not in FAILING:
        continue
    if f["id"] in EXCEPTED:
        excepted.append(f)
    else:
        problems.append(f"{f['severity']} {f['id']}: {f['finding']}")

lines = ["testssl.sh findings above LOW, and the verdict", ""]
lines += [f"excepted  {f['severity']:8} {f['id']}: {f['finding']}  [{EXCEPTED[f['id']]}]" for f in excepted]
lines += [f"FAILED    {p}" for p in problems]
lines += ["", f"offered TLS 1.2 suites: {' '.join(sorted(tls12))}; TLS 1.3: {' '.join(sorted(tls13))}",
          f"{len(findings)} findings; verdict: {'FAIL' if problems else 'PASS'}"]
open(sys.argv[2], "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
transient = problems and all("connect problem" in p for p in problems)
sys.exit(3 if transient else (1 if problems else 0))
PY
}

for attempt in 1 2; do
    result=0
    scan || result=$?
    if [ "$result" = 3 ] && [ "$attempt" = 1 ]; then
        echo "only connect problems of the scanner itself: scanning once more"
        continue
    fi
    [ "$result" = 0 ] && exit 0
    exit 1
done
