#!/usr/bin/env bash
# The long test of scans: every kind of damage (tools/fixtures/make_damaged_scans.py)
# on every seed report, with a random seed (or SEED=N to replay one), read by
# gongkai and scored cell by cell, with a table of accuracy per kind of damage.
# Not part of ctest (an hour of OCR on two cores); the fixed-seed fixtures of
# tests/fixtures/scanned-damaged are (ctest -R scanned_damaged).
#
# usage: scripts/damaged_scans_nightly.sh [BUILD_DIR]   (default build)
# env:   SEED=N          replay a run (printed at the start of every run)
#        KINDS=a,b       only these kinds (default all; --list of the generator shows them)
#        REPORTS=r,s     only these seed reports
#        MIN=0.99        accuracy every damaged scan must reach (exit 1 otherwise)
#        KEEP=DIR        keep the fixtures and outputs in DIR
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
gongkai=${GONGKAI:-$build/gongkai}
seed=${SEED:-$(( (RANDOM << 15) | RANDOM ))}
min=${MIN:-0.99}
work=${KEEP:-$(mktemp -d)}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work/fixtures" "$work/out"
echo "damaged scans: seed $seed (SEED=$seed replays this run), work in $work"
args=(--out "$work/fixtures" --seed "$seed")
[ -n "${KINDS:-}" ] && args+=(--kinds "$KINDS")
[ -n "${REPORTS:-}" ] && args+=(--reports "$REPORTS")
python3 "$here/tools/fixtures/make_damaged_scans.py" "${args[@]}"
start=$(date +%s)
status=0
"$gongkai" extract --out "$work/out" "$work"/fixtures/*.pdf || status=$?
echo "read in $(( $(date +%s) - start )) s"
python3 "$here/tools/score.py" "$work/fixtures" "$work/out" | tee "$work/score.txt" || status=1
python3 "$here/tests/golden/check_flags.py" "$work/fixtures" "$work/out" || status=1
python3 "$here/tests/golden/damage_table.py" --min "$min" "$work/fixtures.manifest.json" "$work/score.txt" || status=1
exit $status
