#!/usr/bin/env bash
# Installs every Debian package Accord needs to build, run and test. Idempotent: packages
# already present are skipped, so a second run costs one dpkg query.
set -euo pipefail

packages=(
  # build
  g++ cmake ninja-build make pkg-config
  # libraries
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  # case store: SQLite embedded, PostgreSQL client library and a server for the tests
  libsqlite3-dev libsqlitecpp-dev libpqxx-dev postgresql
  # server
  libcpp-httplib-dev
  # simulator
  libpcg-cpp-dev
  # tests, benchmarks, fuzzing; the browser the web UI is tested in
  libgtest-dev libgmock-dev libbenchmark-dev clang-14 libclang-rt-14-dev hyperfine wrk chromium
)
# Node.js for the web UI's packages and browser tests: the machine's own if it has one (a newer
# one from elsewhere is kept), else Debian's.
command -v node >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The web UI's packages (mermaid, playwright-core), pinned by web/package-lock.json.
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$root/web/node_modules/.package-lock.json" ] || [ "$root/web/package-lock.json" -nt "$root/web/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci in web/"
  (cd "$root/web" && npm ci --no-audit --no-fund --loglevel=error)
fi
