#!/usr/bin/env bash
# score_fixtures.sh for the formats read through LibreOffice (.doc, .xls):
# exits 77 (ctest: skipped, shown as such) when soffice is not installed.
# usage: score_office.sh FIXTURE_DIR OUT_DIR MIN_ACCURACY   (env GONGKAI=binary)
set -euo pipefail
if ! command -v soffice >/dev/null 2>&1 && ! command -v libreoffice >/dev/null 2>&1 && [ -z "${GONGKAI_SOFFICE:-}" ]; then
  echo "SKIP: soffice not installed (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)" >&2
  exit 77
fi
exec "$(dirname "$0")/score_fixtures.sh" "$@"
