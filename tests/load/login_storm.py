#!/usr/bin/env python3
"""A paced login storm: POST /auth/login at a fixed rate for a given time, from a separate
client, while wrk loads something else. Most sign-ins use a real account and its
password; every `--wrong-every`-th uses an unknown address and a wrong password (the app
spends the same bcrypt time on it). Each sign-in comes from an X-Forwarded-For address of
its own, which the stack believes from loopback, so the app's per-address sign-in limit
(5 a minute) is not what answers.

Requests are started on a fixed schedule (t0 + i / rate) however slowly earlier ones are
answered, each on a fresh TLS connection, as separate browsers would. Prints one line:
    STORM sent=... rate=... ok=... invalid=... busy_503=... limited_429=... other=... errors=... p50_ms=... p99_ms=...
Reads accounts as lines "tag email password" (only tag `--tag`); prints no email,
password or token.
"""
import argparse
import concurrent.futures
import http.client
import json
import secrets
import ssl
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="localhost")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--cafile", required=True)
    ap.add_argument("--accounts", required=True)
    ap.add_argument("--tag", default="storm")
    ap.add_argument("--rate", type=float, default=10.0)
    ap.add_argument("--duration", type=float, required=True)
    ap.add_argument("--wrong-every", type=int, default=5)
    ap.add_argument("--first-address", type=int, default=0, help="offset of the X-Forwarded-For addresses")
    args = ap.parse_args()

    accounts = []
    with open(args.accounts) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and parts[0] == args.tag:
                accounts.append((parts[1], parts[2]))
    if not accounts:
        raise SystemExit("no accounts tagged " + args.tag)

    ctx = ssl.create_default_context(cafile=args.cafile)
    lock = threading.Lock()
    counts = {"ok": 0, "invalid": 0, "busy_503": 0, "limited_429": 0, "other": 0, "errors": 0}
    latencies = []

    def sign_in(i):
        n = args.first_address + i
        address = "10.88.%d.%d" % (n // 250 % 250, n % 250 + 1)
        if args.wrong_every > 0 and i % args.wrong_every == args.wrong_every - 1:
            email = "nobody.%s@example.com" % secrets.token_hex(6)
            password = "wrong-" + secrets.token_hex(8)
        else:
            email, password = accounts[i % len(accounts)]
        body = json.dumps({"email": email, "password": password})
        start = time.monotonic()
        try:
            conn = http.client.HTTPSConnection(args.host, args.port, context=ctx, timeout=60)
            conn.request("POST", "/auth/login", body=body,
                         headers={"Content-Type": "application/json", "Accept": "application/json",
                                  "X-Forwarded-For": address})
            resp = conn.getresponse()
            resp.read()
            conn.close()
            status = resp.status
        except Exception:
            status = None
        elapsed = time.monotonic() - start
        with lock:
            latencies.append(elapsed)
            if status is None:
                counts["errors"] += 1
            elif status == 200:
                counts["ok"] += 1
            elif status in (400, 401, 403, 422):
                counts["invalid"] += 1
            elif status == 503:
                counts["busy_503"] += 1
            elif status == 429:
                counts["limited_429"] += 1
            else:
                counts["other"] += 1

    total = int(round(args.rate * args.duration))
    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=256) as pool:
        for i in range(total):
            delay = t0 + i / args.rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(sign_in, i)
        sent_for = time.monotonic() - t0
    latencies.sort()

    def pct(p):
        if not latencies:
            return 0.0
        return latencies[min(len(latencies) - 1, int(p / 100.0 * len(latencies)))] * 1000

    # rate: requests started per second over the span in which they were started
    rate = (total - 1) / sent_for if total > 1 and sent_for > 0 else float(total)
    print("STORM sent=%d rate=%.2f ok=%d invalid=%d busy_503=%d limited_429=%d other=%d errors=%d p50_ms=%.0f p99_ms=%.0f"
          % (total, rate, counts["ok"], counts["invalid"], counts["busy_503"], counts["limited_429"],
             counts["other"], counts["errors"], pct(50), pct(99)), flush=True)


if __name__ == "__main__":
    main()
