#!/usr/bin/env bash
# Store figures: bulk import into SQLite and PostgreSQL (one million synthetic cases), the query
# time of loading one case, and `accord case show` end to end on the million-case SQLite store.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1000000}
db=$(mktemp -d /tmp/accord-bench.XXXXXX)
trap 'rm -rf "$db"' EXIT
build/store_bench "sqlite:$db/bench.db" "$cases" 4
id=$(build/accord --db "sqlite:$db/bench.db" case file --rulebook naalc-1994 --office US-NAO --respondent MX \
      --subjects minimum_wage --submitter bench --on 2001-02-05)
build/accord --db "sqlite:$db/bench.db" case step "$id" accept --on 2001-03-01 >/dev/null
hyperfine --shell=none --warmup 10 --runs 200 \
  "build/accord --db sqlite:$db/bench.db case show $id --as-of 2001-07-01 --json"
scripts/with_postgres.sh bash -c "build/store_bench \"\$ACCORD_TEST_PG\" $cases 4"
