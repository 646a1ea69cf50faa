#!/usr/bin/env bash
# Runs one fuzz target for a while, at the lowest priority, one process (FUZZING.md).
#
#   fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
#
# The working corpus grows in fuzz/corpus/TARGET (not committed); the seeds (fuzz/seeds,
# and the certificate fixtures for the certificate targets) are read, never written.
# Crashes, timeouts and out-of-memory inputs land in fuzz/artifacts/TARGET. The log goes
# to fuzz/logs/TARGET-<date>.log; its last lines are the campaign's numbers for FUZZING.md
# (python3 fuzz/summary.py prints them as table rows).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

target=${1:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags]}
shift 2

cert_seeds=("$root/fuzz/seeds/cert" "$root/tests/fixtures/cert" "$root/static/samples")
case $target in
  cert_parse | cert_judge) seeds=("${cert_seeds[@]}") dict=cert max_len=10000 ;;
  cert_session) seeds=("$root/fuzz/seeds/cert_session") dict=cert max_len=10000 ;;
  hostname) seeds=("$root/fuzz/seeds/hostname") dict=route max_len=1024 ;;
  route) seeds=("$root/fuzz/seeds/route") dict=route max_len=2048 ;;
  mail_session) seeds=("$root/fuzz/seeds/mail_session") dict=mail max_len=4096 ;;
  mail_recording) seeds=("$root/tests/fixtures/recordings") dict=mail max_len=16384 ;;
  *) echo "unknown target: $target" >&2; exit 2 ;;
esac

mkdir -p "fuzz/corpus/$target" fuzz/logs
log="fuzz/logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
echo "fuzz: $target for ${seconds}s, log in $log"
# The code fuzzed, for FUZZING.md (fuzz/summary.py reads this line): the commit, and
# "+dirty" when the code fuzzed (src, fuzz, the build files) has uncommitted changes.
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src fuzz build.rs Cargo.toml Cargo.lock 2>/dev/null || commit="$commit+dirty"
echo "# commit $commit" > "$log"
# -s none: the crate forbids unsafe code, so AddressSanitizer would find little and halve
# the speed; debug assertions and overflow checks stay on (cargo-fuzz's default build).
# One process: libFuzzer's in-process mode (no -jobs/-workers, which would fork).
# -timeout: an input that takes seconds is a bug for the page (bounded work), with room
# for a machine shared with other work at nice 19.
status=0
nice -n 19 cargo +nightly fuzz run -s none "$target" "$root/fuzz/corpus/$target" "${seeds[@]}" -- \
  -dict="$root/fuzz/$dict.dict" -max_len="$max_len" -max_total_time="$seconds" \
  -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 "$@" \
  >> "$log" 2>&1 || status=$?
# The numbers FUZZING.md records: the last status line (executions, corpus size, exec/s),
# the final stats, and any input written as a crash, timeout or leak.
grep -E '^#[0-9]+' "$log" | tail -1 || true
grep -E '^stat::|Test unit written|^SUMMARY|panicked at' "$log" || true
exit $status
