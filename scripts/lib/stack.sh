# Shared by scripts/run and scripts/test: build, and start or stop one MedAssist instance
# (MariaDB, medassist-fcgi, nginx) whose state lives under one folder ($VAR). Sourced,
# not run. Every function is idempotent enough to be called again after a failure.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$ROOT/build"
PROPS="$ROOT/fcgi_app/config/medassist.properties"
RUN_USER="$(id -un)"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

stack_init() {  # VAR HTTPS_PORT HTTP_PORT
    VAR="$1"; HTTPS_PORT="$2"; HTTP_PORT="$3"
    MYSQL_SOCK="$VAR/run/mysqld.sock"
    export MEDASSIST_VAR_DIR="$VAR"
}

# install_deps [--test]: the packages building and running need; --test adds the test tools.
install_deps() { bash "$ROOT/scripts/install-deps" "$@"; }

# build_progress: reads a build's output (stdout and stderr) and shows that it is alive.
# The build tool's progress lines ("[ 42%] Building CXX object .../x.cpp.o", ninja's
# "[12/300] ...") become one status line, its percentage, what it is doing and the time so
# far: rewritten in place on a terminal, printed every 10 seconds otherwise (a log, CI),
# also while one long file compiles. Everything else (warnings, errors, make's "*** Error"
# lines) is printed as it comes.
build_progress() {
    local line="" buf="" pct="" what="" status tty=0 cols=100 shown=0 last=-100 start=$SECONDS rc eof=0
    if [ -t 2 ]; then
        tty=1
        cols=$(tput cols 2>/dev/null || echo 100)
    fi
    while [ "$eof" = 0 ]; do
        rc=0
        IFS= read -r -t 2 line || rc=$?
        if [ "$rc" -gt 128 ]; then  # no new line for 2 s: keep what came, refresh the status
            buf+="$line"
            line=""
        else
            line="$buf$line"
            buf=""
            if [ "$rc" != 0 ]; then  # end of the output
                eof=1
                [ -n "$line" ] || break
            fi
            if [[ $line =~ ^\[\ *([0-9]+)%\]\ (.*)$ ]]; then
                pct="${BASH_REMATCH[1]}"; what="${BASH_REMATCH[2]}"
            elif [[ $line =~ ^\[([0-9]+)/([0-9]+)\]\ (.*)$ ]]; then
                pct=$(( BASH_REMATCH[1] * 100 / BASH_REMATCH[2] )); what="${BASH_REMATCH[3]}"
            elif [[ $line =~ ^g?make(\[[0-9]+\])?:\ (Entering|Leaving)\ directory ]]; then
                continue
            else
                if [ "$shown" = 1 ]; then printf '\r\033[K' >&2; fi
                shown=0
                printf '%s\n' "$line" >&2
                continue
            fi
            if [[ $what =~ ^Building\ [A-Z]+\ object\ .*\.dir/(.*)\.o$ ]]; then
                what="compiling ${BASH_REMATCH[1]}"
            elif [[ $what =~ ^Linking\ [A-Z]+\ (static\ library|executable)\ (.*)$ ]]; then
                what="linking ${BASH_REMATCH[2]}"
            fi
        fi
        [ -n "$pct" ] || continue
        status=$(printf '    [%3s%%] %s  (%d:%02d)' "$pct" "$what" $(( (SECONDS - start) / 60 )) $(( (SECONDS - start) % 60 )))
        if [ "$tty" = 1 ]; then
            printf '\r\033[K%s' "${status:0:cols-1}" >&2
            shown=1
        elif (( SECONDS - last >= 10 )); then
            printf '%s\n' "$status" >&2
            last=$SECONDS
        fi
    done
    if [ "$shown" = 1 ]; then printf '\r\033[K' >&2; fi
}

# build_targets DIR [cmake --build options...]: one build with its progress shown.
build_targets() {
    local dir="$1" start=$SECONDS
    shift
    if ! cmake --build "$dir" -j"$(nproc)" "$@" 2>&1 | build_progress; then
        die "build failed (the lines above say why)"
    fi
    say "built in $(( (SECONDS - start) / 60 )) min $(( (SECONDS - start) % 60 )) s"
}

# build_app: what running needs (scripts/run): the server, the admin tool, the assistant's
# intent model and the message catalogs; the tests are left for scripts/test.
build_app() {
    say "building build/bin/medassist-fcgi and build/bin/medassist-admin (a first build takes minutes, several on 2 cores; later ones redo only what changed)"
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
    build_targets "$BUILD" --target medassist-fcgi medassist-admin nlu_model catalogs
}

# build_all: the app and every test program (scripts/test).
build_all() {
    say "building (build/bin/medassist-fcgi, build/bin/medassist-admin, tests)"
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
    build_targets "$BUILD"
}

# build_sanitized: a second build with AddressSanitizer and UndefinedBehaviorSanitizer in
# build-asan/ (RelWithDebInfo, so reports name files and lines). scripts/test runs the unit
# and integration suites against it after the plain build's run.
build_sanitized() {
    say "building with ASan + UBSan (build-asan/)"
    # The intent model is the plain build's (training is byte-deterministic): the trainer under
    # ASan would take twice as long to write the same bytes.
    # -g1: line tables only, which is all a sanitizer report needs to name files and lines;
    # full debug info made each file about 30% slower to compile (the largest part of CI).
    # -O1, the level the sanitizers' documentation recommends: it compiles much faster than
    # -O2 under instrumentation, and the suites it then runs are mostly waiting on I/O.
    cmake -S "$ROOT" -B "$ROOT/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
        -DMEDASSIST_SANITIZE=address,undefined -DMEDASSIST_NLU_MODEL_FROM="$BUILD/nlu/intents.bin" >/dev/null
    build_targets "$ROOT/build-asan"
}

rand_alnum() { openssl rand -base64 64 | tr -dc 'A-Za-z0-9' | head -c "$1"; }

write_secret() {  # FILE CONTENT: created once, mode 0600
    [ -s "$1" ] && return 0
    (umask 077; printf '%s\n' "$2" > "$1")
}

make_secrets() {
    mkdir -p "$VAR"/{run,log,mail,run/nginx,secrets/tls}
    chmod 700 "$VAR/secrets" "$VAR/secrets/tls"
    write_secret "$VAR/secrets/secret_key" "$(openssl rand -base64 48)"
    write_secret "$VAR/secrets/pepper" "$(openssl rand -base64 48)"
    write_secret "$VAR/secrets/blind_index_key" "$(openssl rand -base64 48)"
    mkdir -p "$VAR/secrets/master_keys"
    chmod 700 "$VAR/secrets/master_keys"
    ls "$VAR/secrets/master_keys"/master_key_v* >/dev/null 2>&1 \
        || write_secret "$VAR/secrets/master_keys/master_key_v1" "$(openssl rand -base64 32)"
    write_secret "$VAR/secrets/db_app_password" "$(rand_alnum 32)"
    write_secret "$VAR/secrets/db_migrate_password" "$(rand_alnum 32)"
    local app mig
    app="$(cat "$VAR/secrets/db_app_password")"
    mig="$(cat "$VAR/secrets/db_migrate_password")"
    write_secret "$VAR/secrets/database_url" "mysql://medassist_app:$app@localhost/medassist?socket=$MYSQL_SOCK"
    write_secret "$VAR/secrets/migrate_database_url" "mysql://medassist_migrate:$mig@localhost/medassist?socket=$MYSQL_SOCK"
    if [ ! -s "$VAR/secrets/tls/key.pem" ]; then
        say "creating a development TLS certificate for localhost"
        (umask 077; openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 825 \
            -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            -addext "basicConstraints=critical,CA:TRUE" \
            -keyout "$VAR/secrets/tls/key.pem" -out "$VAR/secrets/tls/cert.pem" 2>/dev/null)
        chmod 644 "$VAR/secrets/tls/cert.pem"
    fi
}

db_client() { mariadb --no-defaults --socket="$MYSQL_SOCK" -u "$RUN_USER" "$@"; }

db_start() {
    mkdir -p "$VAR/run" "$VAR/log"
    if [ ! -d "$VAR/mysql/mysql" ]; then
        say "creating the MariaDB instance in $VAR/mysql"
        mkdir -p "$VAR/mysql"
        mariadb-install-db --no-defaults --datadir="$VAR/mysql" --user="$RUN_USER" \
            --auth-root-authentication-method=socket --skip-test-db >"$VAR/log/mariadb-install.log" 2>&1 \
            || die "mariadb-install-db failed; see $VAR/log/mariadb-install.log"
    fi
    if db_client -e 'SELECT 1' >/dev/null 2>&1; then return 0; fi
    # No TCP port at all: the app and the tools use the unix socket under $VAR/run.
    mariadbd --no-defaults --datadir="$VAR/mysql" --socket="$MYSQL_SOCK" \
        --pid-file="$VAR/run/mysqld.pid" --skip-networking --user="$RUN_USER" \
        --log-error="$VAR/log/mariadb.log" --innodb-buffer-pool-size=128M --innodb-print-all-deadlocks=ON \
        --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >/dev/null 2>&1 &
    local i
    for i in $(seq 1 150); do
        db_client -e 'SELECT 1' >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    die "MariaDB did not start; see $VAR/log/mariadb.log"
}

# stop_pidfile FILE SIGNAL TENTHS: asks the process in FILE to stop, waits up to TENTHS
# tenths of a second, then kills it; the pid file is removed either way.
stop_pidfile() {
    local pidfile="$1" signal="$2" tenths="$3" pid i
    [ -f "$pidfile" ] || return 0
    pid="$(cat "$pidfile")"
    if kill -"$signal" "$pid" 2>/dev/null; then
        for i in $(seq 1 "$tenths"); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}

db_stop() { stop_pidfile "$VAR/run/mysqld.pid" TERM 300; }

db_accounts() {
    local app mig
    app="$(cat "$VAR/secrets/db_app_password")"
    mig="$(cat "$VAR/secrets/db_migrate_password")"
    # The app may only read and write rows; schema changes need the migrations account.
    db_client <<SQL
CREATE DATABASE IF NOT EXISTS medassist CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'medassist_app'@'localhost' IDENTIFIED BY '$app';
ALTER USER 'medassist_app'@'localhost' IDENTIFIED BY '$app';
GRANT SELECT, INSERT, UPDATE, DELETE ON medassist.* TO 'medassist_app'@'localhost';
CREATE USER IF NOT EXISTS 'medassist_migrate'@'localhost' IDENTIFIED BY '$mig';
ALTER USER 'medassist_migrate'@'localhost' IDENTIFIED BY '$mig';
GRANT ALL PRIVILEGES ON medassist.* TO 'medassist_migrate'@'localhost';
FLUSH PRIVILEGES;
SQL
}

admin() { (cd "$ROOT" && "$BUILD/bin/medassist-admin" --config "$PROPS" "$@"); }

db_prepare() {
    db_accounts
    admin migrate "$ROOT/sql/migrations"
    admin seed-demo "$ROOT/sql/seed"
    admin render-error-pages "$VAR/run/errors" >/dev/null
    # Test instances keep the practice open on public holidays (MEDASSIST_TEST_CALENDAR=off),
    # so tests that book "in N days" do not depend on the date they run; the scheduling
    # suite turns the calendar on to test it.
    if [ "${MEDASSIST_TEST_CALENDAR:-}" = off ]; then
        db_client medassist -e "INSERT INTO practice_settings (setting_key, setting_value) VALUES ('closed_on_holidays', '0') ON DUPLICATE KEY UPDATE setting_value = '0'"
    fi
}

app_start() {
    (cd "$ROOT" && exec "$BUILD/bin/medassist-fcgi" --config="$PROPS") 2>>"$VAR/log/app-stderr.log" &
    echo $! > "$VAR/run/medassist.pid"
    local i
    for i in $(seq 1 100); do
        [ -S "$VAR/run/medassist.sock" ] && return 0
        kill -0 "$(cat "$VAR/run/medassist.pid")" 2>/dev/null || die "medassist-fcgi exited; see $VAR/log/app-stderr.log"
        sleep 0.1
    done
    die "medassist-fcgi did not open its socket"
}

app_stop() { stop_pidfile "$VAR/run/medassist.pid" TERM 300; }

nginx_conf() {
    local user_directive="# (not root: nginx runs as the current user)"
    # As root, workers run as the same user as the app so they can reach its socket and
    # the checkout (which may sit in a private temporary folder in CI).
    [ "$(id -u)" = 0 ] && user_directive="user root;"
    mkdir -p "$VAR/run/nginx"
    sed -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" \
        -e "s|@HTTP_PORT@|$HTTP_PORT|g" -e "s|@USER_DIRECTIVE@|$user_directive|g" \
        "$ROOT/nginx/nginx.conf" > "$VAR/run/nginx/nginx.conf"
}

# nginx_conf_unlimited COPY [sed expressions...]: an nginx_conf for the stacks of tests/load,
# tests/faults and tests/attack, where every request comes from one address, so nginx's
# per-address limits would measure the limiter: a copy of nginx/snippets under $VAR/COPY with
# the rates, bursts and connection limit lifted; everything else is the shipped
# configuration. Extra sed expressions (-e ...) apply to nginx.conf itself.
nginx_conf_unlimited() {
    local copy="$VAR/$1" user_directive="# (not root: nginx runs as the current user)"
    shift
    [ "$(id -u)" = 0 ] && user_directive="user root;"
    rm -rf "$copy" && mkdir -p "$VAR/run/nginx" "$copy"
    cp -r "$ROOT/nginx/snippets" "$copy/"
    sed -i -E 's/rate=[0-9]+r\/[ms]/rate=1000000r\/s/' "$copy/snippets/limits-http.conf"
    # The bursts too: nginx counts in milliseconds, so 16 connections starting at once
    # overflow even a huge rate's burst of 40.
    sed -i -E -e 's/^limit_conn medassist_conn [0-9]+;/limit_conn medassist_conn 60000;/' \
        -e 's/burst=[0-9]+/burst=100000/' "$copy/snippets/limits.conf"
    sed -e "s|@ROOT@/nginx/|$copy/|g" -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" \
        -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" -e "s|@HTTP_PORT@|$HTTP_PORT|g" \
        -e "s|@USER_DIRECTIVE@|$user_directive|g" "$@" "$ROOT/nginx/nginx.conf" > "$VAR/run/nginx/nginx.conf"
}

nginx_start() {
    nginx_conf
    nginx -t -q -p "$VAR/run/nginx" -c "$VAR/run/nginx/nginx.conf" -e "$VAR/log/nginx-error.log" \
        || die "nginx configuration test failed"
    nginx -p "$VAR/run/nginx" -c "$VAR/run/nginx/nginx.conf" -e "$VAR/log/nginx-error.log" \
        || die "nginx did not start; see $VAR/log/nginx-error.log"
}

nginx_stop() { stop_pidfile "$VAR/run/nginx/nginx.pid" QUIT 100; }

# demo_accounts: one account per role with a random password, made once through
# `medassist-admin create-user` and kept in $VAR/secrets/demo-accounts.txt (0600). No
# password is in the repository. Sets DEMO_CREATED=1 when they were made just now.
DEMO_CREATED=0
demo_accounts() {
    local file="$VAR/secrets/demo-accounts.txt" role email name pw
    [ -s "$file" ] && return 0
    local tmp="$file.tmp"
    (umask 077; printf '%-10s %-40s %s\n' role email password > "$tmp")
    while read -r role email name; do
        pw="$(rand_alnum 20)"
        printf '%s\n' "$pw" | admin create-user --role "$role" --email "$email" --name "${name//_/ }" >/dev/null \
            || die "could not create the demo $role account"
        printf '%-10s %-40s %s\n' "$role" "$email" "$pw" >> "$tmp"
    done <<'ACCOUNTS'
admin admin@aurora-practice.example Practice_Administrator
doctor giulia.rossi@aurora-practice.example Dr._Giulia_Rossi
patient maria.bianchi@example.com Maria_Bianchi
caregiver luca.bianchi@example.com Luca_Bianchi
ACCOUNTS
    mv "$tmp" "$file"
    DEMO_CREATED=1
}

stack_up() {
    make_secrets
    db_start
    db_prepare
    demo_accounts
    admin seed-demo-people >/dev/null
    app_start
    nginx_start
}

stack_down() {
    nginx_stop
    app_stop
    db_stop
}
