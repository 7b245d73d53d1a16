#!/usr/bin/env bash
# The narrative fixtures: every cell right (score_fixtures.sh), then the
# audit's findings: no false alarm, no miss (score_narrative.py).
# usage: score_narrative_fixtures.sh FIXTURE_DIR OUT_DIR   (env GONGKAI=binary)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/score_fixtures.sh" "$1" "$2" 1.0
python3 "$here/score_narrative.py" --max-false 0 --max-miss 0 "$1"
