#!/usr/bin/env bash
# Extracts every report in a fixture folder, scores its cells with
# tools/score.py and checks its findings with check_findings.py (the
# "findings" key of NAME.expected.json).
# usage: score_findings.sh FIXTURE_DIR OUT_DIR MIN_ACCURACY   (env GONGKAI=binary)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/score_fixtures.sh" "$1" "$2" "$3"
python3 "$here/check_findings.py" "$1" "$2"
