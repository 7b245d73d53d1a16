#!/usr/bin/env bash
# Damaged scans (tests/fixtures/scanned-damaged, made by
# tools/fixtures/make_damaged_scans.py): extracted once, scored cell by cell
# (tools/score.py), all cells together at least MIN_TOTAL and every report at
# least MIN_EACH, a table of accuracy per
# kind of damage (damage_table.py, from the generator's manifest), and every
# cell read wrong flagged by a finding that locates it (check_flags.py).
# usage: score_damaged.sh FIXTURE_DIR OUT_DIR MIN_TOTAL MIN_EACH MAX_UNFLAGGED   (env GONGKAI=binary)
set -euo pipefail
fixtures=$1 out=$2 min_total=$3 min=$4 max_unflagged=$5
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rm -rf "$out" && mkdir -p "$out"
status=0
# Accuracy is measured here, not speed: on shared cores a long scan may take
# longer than the default time per file (the ctest TIMEOUT bounds the run).
"$GONGKAI" extract --time-limit 1500 --out "$out" "$fixtures"/*.pdf || status=$?
python3 "$root/tools/score.py" --min "$min_total" "$fixtures" "$out" > "$out/score.txt" || status=1
cat "$out/score.txt"
python3 "$here/damage_table.py" --min "$min" "${fixtures%/}.manifest.json" "$out/score.txt" || status=1
python3 "$here/check_flags.py" --max-unflagged "$max_unflagged" "$fixtures" "$out" || status=1
exit $status
