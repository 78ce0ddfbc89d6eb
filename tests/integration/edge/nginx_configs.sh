#!/usr/bin/env bash
# `nginx -t` on both configurations the project ships: nginx/nginx.conf as scripts/lib/stack.sh
# renders it, and the production site nginx/sites/medassist.conf with its snippet folder,
# certificate and socket paths pointed at temporary ones, inside an http { } block like
# Debian's (whose http-level defaults the site must override, not repeat). Also checks that
# every snippet opens with the comment admins rely on. Needs no running stack.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
command -v nginx >/dev/null || { echo "nginx is not installed: skipped"; exit 77; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/medassist-nginx-t.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
fail=0

(umask 077; openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=medassist.example.org" -keyout "$TMP/key.pem" -out "$TMP/cert.pem" 2>/dev/null)

echo "== snippets open with what they do and what an admin may change"
for f in "$ROOT"/nginx/snippets/*.conf; do
    if ! head -n1 "$f" | grep -q '^# ' || ! head -n12 "$f" | grep -q 'Admins may change'; then
        echo "FAIL: $(basename "$f") must open with a comment saying what it does and what an admin may change"
        fail=1
    fi
done

echo "== development and test configuration (nginx/nginx.conf, rendered by stack.sh)"
(
    source "$ROOT/scripts/lib/stack.sh"
    stack_init "$TMP/dev" 28999 28998
    mkdir -p "$VAR/secrets/tls" "$VAR/log"
    cp "$TMP/cert.pem" "$TMP/key.pem" "$VAR/secrets/tls/"
    nginx_conf
    if grep -v '^[[:space:]]*#' "$VAR/run/nginx/nginx.conf" | grep '@[A-Z_]*@'; then
        echo "FAIL: placeholders left unrendered"; exit 1
    fi
    nginx -t -p "$VAR/run/nginx" -c "$VAR/run/nginx/nginx.conf" -e "$VAR/log/nginx-error.log"
) || { echo "FAIL: nginx -t on nginx/nginx.conf"; fail=1; }

echo "== production site (nginx/sites/medassist.conf) with test paths"
SNIPPETS="$TMP/prod/snippets/medassist"
mkdir -p "$SNIPPETS" "$TMP/prod/log" "$TMP/prod/temp"
cp "$ROOT"/nginx/snippets/*.conf "$SNIPPETS/"
sed -e "s|/etc/nginx/snippets/medassist/|$SNIPPETS/|g" \
    -e "s|/etc/letsencrypt/live/medassist.example.org/fullchain.pem|$TMP/cert.pem|g" \
    -e "s|/etc/letsencrypt/live/medassist.example.org/privkey.pem|$TMP/key.pem|g" \
    -e "s|unix:/run/medassist/medassist.sock|unix:$TMP/prod/medassist.sock|g" \
    "$ROOT/nginx/sites/medassist.conf" > "$TMP/prod/medassist.conf"
if grep -n '/etc/letsencrypt\|/etc/nginx/snippets/medassist\|/run/medassist/' "$TMP/prod/medassist.conf"; then
    echo "FAIL: the test could not substitute every production path above"; fail=1
fi
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat > "$TMP/prod/nginx.conf" <<CONF
$user_line
pid $TMP/prod/nginx.pid;
error_log $TMP/prod/log/error.log;
events { worker_connections 64; }
http {
    # As in Debian's /etc/nginx/nginx.conf, which the site must override where it matters.
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    access_log $TMP/prod/log/access.log;
    gzip on;
    client_body_temp_path $TMP/prod/temp/body;
    fastcgi_temp_path $TMP/prod/temp/fastcgi;
    proxy_temp_path $TMP/prod/temp/proxy;
    uwsgi_temp_path $TMP/prod/temp/uwsgi;
    scgi_temp_path $TMP/prod/temp/scgi;
    include $TMP/prod/medassist.conf;
}
CONF
nginx -t -p "$TMP/prod" -c "$TMP/prod/nginx.conf" -e "$TMP/prod/log/error.log" \
    || { echo "FAIL: nginx -t on nginx/sites/medassist.conf"; fail=1; }

[ "$fail" = 0 ] && echo "nginx configurations: OK"
exit "$fail"
