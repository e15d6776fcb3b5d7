#!/usr/bin/env bash
# Runs the browser tests: a fresh SQLite store with the historical cases and three users, a real
# accord-serve on a free loopback port, then tests/web/e2e.mjs in Debian's chromium.
# Usage: tests/web/run.sh BUILD_DIR [ARTIFACTS_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
artifacts=${2:-$build/test-artifacts/web}
tmp=$(mktemp -d)
server=0
cleanup() { [ "$server" -eq 0 ] || kill "$server" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

db="sqlite:$tmp/web.db"
cd "$root"
"$build/accord" --db "$db" import data/cases.csv >/dev/null
export TOKEN_SUBMITTER=$("$build/accord" --db "$db" user add ana --role submitter 2>/dev/null)
export TOKEN_NAO_US=$("$build/accord" --db "$db" user add nora --role nao --party US 2>/dev/null)
export TOKEN_COUNCIL_US=$("$build/accord" --db "$db" user add carl --role council --party US 2>/dev/null)

"$build/accord-serve" --db "$db" --port 0 --web "$root/web" >"$tmp/serve.out" 2>"$tmp/serve.err" &
server=$!
for _ in $(seq 100); do
  grep -q "listening on" "$tmp/serve.out" && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/serve.err"; exit 1; }
  sleep 0.05
done
export ACCORD_URL=$(grep -o "http://[0-9.:]*" "$tmp/serve.out")
export ARTIFACTS="$artifacts"
node "$root/tests/web/e2e.mjs"
