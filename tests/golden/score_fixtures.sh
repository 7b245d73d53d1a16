#!/usr/bin/env bash
# Extracts every report in a fixture folder and scores it with tools/score.py.
# usage: score_fixtures.sh FIXTURE_DIR OUT_DIR MIN_ACCURACY   (env GONGKAI=binary)
set -euo pipefail
fixtures=$1 out=$2 min=$3
here=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$out" && mkdir -p "$out"
shopt -s nullglob
inputs=()
for f in "$fixtures"/*; do
  case "$f" in *.expected.json) continue ;; esac
  [ -f "$f" ] && inputs+=("$f")
done
[ ${#inputs[@]} -gt 0 ] || { echo "no fixtures in $fixtures" >&2; exit 1; }
"$GONGKAI" extract --out "$out" "${inputs[@]}"
python3 "$here/tools/score.py" --min "$min" "$fixtures" "$out"
