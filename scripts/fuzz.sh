#!/usr/bin/env bash
# A long libFuzzer run of each reader's fuzz target, one at a time, niced:
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 3600 s, every target)
# e.g. scripts/fuzz.sh 600 pdf_fuzz html_fuzz
# Builds build-fuzz (clang, ASan + UBSan + libFuzzer; incremental). Each target
# keeps its corpus in build-fuzz/corpus/TARGET (seeded from the fixtures of its
# format, small ones: see seeds_of) and
# writes crashes to build-fuzz/artifacts/TARGET/. Third-party leaks are
# suppressed by fuzz/lsan.supp. Prints per target: executions, executions/s,
# corpus size and findings (crash/leak/timeout/oom artifacts).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
shift || true
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DGONGKAI_FUZZ=ON -DGONGKAI_TESTS=OFF -DGONGKAI_BENCH=OFF >/dev/null
nice cmake --build build-fuzz -j "${GONGKAI_FUZZ_JOBS:-2}"
# The seeds of each target, and the largest input it is given: libFuzzer's
# default is the largest seed, and a whole report with its embedded CJK font
# (200 KB) keeps the PDF target in poppler's font parser at a few inputs a
# second; small seeds keep it in the reader's own code.
seeds_of() {
  case $1 in
    pdf_fuzz) echo fuzz/seeds/pdf ;;
    text_fuzz) echo tests/fixtures/seeds tests/fixtures/variants ;;
    html_fuzz) echo tests/fixtures/html ;;
    docx_fuzz) echo tests/fixtures/docx ;;
    ofd_fuzz) echo tests/fixtures/ofd ;;
    xlsx_fuzz) echo tests/fixtures/xlsx ;;
    *) echo tests/fixtures/seeds ;;
  esac
}
max_len_of() {
  case $1 in
    pdf_fuzz | text_fuzz) echo 16384 ;;
    html_fuzz) echo 32768 ;;
    *) echo 0 ;;  # libFuzzer's own guess from the seeds
  esac
}
# libFuzzer's flags of each target beyond the common ones. The PDF target's
# corpus fills with inputs poppler is slow over for reasons no mutation of
# the reader's code changes: a damaged ToUnicode CMap mapping a code of three
# bytes (<5E1744>) makes poppler allocate and zero a table of 4 bytes per code
# up to it (24-64 MB) for every page that uses the font, 20-50 ms an input
# under ASan. Scaling each input's share of mutations by its execution time
# (-entropic_scale_per_exec_time) keeps them in the corpus and mutated, but
# less often than the fast ones: about 3 times the inputs a second over the
# seeds (600 -> 1700-2000 here), with the same coverage after a minute.
extra_flags_of() {
  case $1 in
    pdf_fuzz) echo -entropic_scale_per_exec_time=1 ;;
    *) echo ;;
  esac
}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for t in build-fuzz/fuzz/*_fuzz; do targets+=("$(basename "$t")"); done
fi
export LSAN_OPTIONS="suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
status=0
for target in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$target artifacts=build-fuzz/artifacts/$target/
  mkdir -p "$corpus" "$artifacts"
  log=build-fuzz/$target.log
  set +e
  # shellcheck disable=SC2046
  nice -n 10 "build-fuzz/fuzz/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=30 \
    -max_len="$(max_len_of "$target")" $(extra_flags_of "$target") -print_final_stats=1 -artifact_prefix="$artifacts" \
    "$corpus" $(seeds_of "$target") >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  rate=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
  findings=$(find "$artifacts" -type f | wc -l)
  echo "$target: ${execs:-?} executions, ${rate:-?}/s over ${seconds}s, corpus $(ls "$corpus" | wc -l) files," \
       "$findings finding(s) in $artifacts (exit $rc; log $log)"
  if [ "$rc" -ne 0 ]; then
    tail -n 60 "$log"
    status=1
  fi
done
exit $status
