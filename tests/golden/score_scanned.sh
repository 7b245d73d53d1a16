#!/usr/bin/env bash
# Scanned fixtures: extracted once (OCR is slow), then scored cell by cell
# with tools/score.py (at least MIN_ACCURACY) and checked by check_flags.py:
# every cell read wrong must be flagged by a finding that locates it.
# usage: score_scanned.sh FIXTURE_DIR OUT_DIR MIN_ACCURACY MAX_UNFLAGGED   (env GONGKAI=binary)
set -euo pipefail
fixtures=$1 out=$2 min=$3 max_unflagged=$4
here=$(cd "$(dirname "$0")" && pwd)
status=0
"$here/score_fixtures.sh" "$fixtures" "$out" "$min" || status=$?
python3 "$here/check_flags.py" --max-unflagged "$max_unflagged" "$fixtures" "$out" || status=1
exit $status
