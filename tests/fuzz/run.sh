#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz/ and runs each for a short,
# bounded time from its committed seed corpus (tests/fuzz/corpus/<target>). New inputs go to a
# scratch folder, so the committed corpus only changes by hand. Exits non-zero on the first
# finding; the crashing input is kept in var/fuzz/ and named in the output.
#
#   bash tests/fuzz/run.sh [seconds per target = 10]
#   bash tests/fuzz/run.sh 600            # the longer run (10 minutes a target)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SECONDS_EACH="${1:-10}"
BUILD="$ROOT/build-fuzz"
OUT="$ROOT/var/fuzz"
command -v clang++ >/dev/null || { echo "clang++ is not installed: run scripts/install-deps" >&2; exit 1; }

CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -DMEDASSIST_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)" 2>&1 | grep -E "error|warning:" || true
[ "${PIPESTATUS[0]}" = 0 ] || { echo "fuzz build failed" >&2; exit 1; }

mkdir -p "$OUT"
status=0
for target in request json_fields jwt datetime guards mustache nlu; do
    scratch=$(mktemp -d)
    log="$OUT/$target.log"
    # -rss_limit_mb: the ASan build's own overhead stays well under it; a leak or a runaway
    # allocation does not. -timeout: one input taking over 10 s is a finding too.
    if "$BUILD/bin/fuzz_$target" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 \
        -artifact_prefix="$OUT/$target-" -print_final_stats=1 \
        "$scratch" "$ROOT/tests/fuzz/corpus/$target" > "$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        printf 'fuzz_%-12s ok: %s inputs in %s s\n' "$target" "${runs:-?}" "$SECONDS_EACH"
    else
        echo "fuzz_$target FOUND A PROBLEM (input kept as $OUT/$target-*):"
        grep -E "ERROR|SUMMARY|runtime error|deadly signal|Test unit written" "$log" | head -20
        status=1
    fi
    rm -rf "$scratch"
done
exit "$status"
