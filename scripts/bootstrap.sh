#!/usr/bin/env bash
# Installs the Debian packages gongkai needs, builds it and its web UI, and runs
# it on the bundled sample reports. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
missing=$(while read -r p; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done < scripts/packages.txt)
if [ -n "$missing" ]; then
  $sudo_cmd apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends $missing
fi
# Node.js for the web UI: NodeSource's or Debian's, installed only when there is none.
if ! command -v node >/dev/null 2>&1; then
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends nodejs npm
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
echo "== web UI: npm ci && npm run build (web/dist, served by gongkai serve) =="
(cd web && npm ci --no-audit --no-fund && npm run build)
echo "== gongkai extract tests/fixtures/seeds --out out/samples =="
./build/gongkai extract tests/fixtures/seeds --out out/samples
echo "== gongkai check tests/fixtures/seeds =="
# Exit status 1 means errors were found in a report (seed 004 has one): expected here.
./build/gongkai check tests/fixtures/seeds || [ $? -eq 1 ]
