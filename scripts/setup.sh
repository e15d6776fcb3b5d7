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
  # tests, benchmarks, fuzzing
  # server
  libcpp-httplib-dev
  # simulator
  libpcg-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev clang-14 libclang-rt-14-dev hyperfine
)

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
