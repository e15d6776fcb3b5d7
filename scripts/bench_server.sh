#!/usr/bin/env bash
# Server figures (wrk on loopback, 2 threads, 64 connections): time until `accord serve` answers
# with the historical cases loaded; GET one case; GET many cases in turn; POST a step (durable on
# SQLite: WAL, synchronous=FULL). Usage: scripts/bench_server.sh [SECONDS] [CASES]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-20}
cases=${2:-1000}
tmp=$(mktemp -d /tmp/accord-bench-http.XXXXXX)
server=0
trap '[ "$server" -eq 0 ] || kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
db="sqlite:$tmp/bench.db"
A=build/accord
$A --db "$db" import data/cases.csv >/dev/null
export TOKEN=$($A --db "$db" user add bench --role admin 2>/dev/null)
export CASES=$cases
echo "filing $cases cases..."
for i in $(seq "$cases"); do
  $A --db "$db" case file --rulebook naalc-1994 --office US-NAO --respondent MX --subjects minimum_wage \
     --submitter "bench $i" --on 2001-02-05 >/dev/null
done

port=18080
start=$(date +%s%N)
build/accord-serve --db "$db" --port $port >"$tmp/serve.out" 2>&1 &
server=$!
until curl -sf "http://127.0.0.1:$port/api/health" >/dev/null; do sleep 0.002; done
ready=$(( ($(date +%s%N) - start) / 1000000 ))
echo "ready: $ready ms from start to the first answer ($(curl -s http://127.0.0.1:$port/api/health))"

run() {  # NAME ARGS...
  echo "== $1"
  shift
  wrk -t2 -c64 -d"${secs}s" --latency "$@" | grep -E "Requests/sec|Non-2xx|Socket errors|  50%|  90%|  99%|^status|^first error"
}
run "GET one case (US-9601)" "http://127.0.0.1:$port/api/cases/US-9601"
run "GET $cases cases in turn" -s bench/http/get.lua "http://127.0.0.1:$port"
before=$(($($A --db "$db" export --format csv | wc -l) - 1))
run "POST a step (record_fact) over $cases cases" -s bench/http/step.lua "http://127.0.0.1:$port"
after=$(($($A --db "$db" export --format csv | wc -l) - 1))
echo "events appended during the POST run: $before -> $after"
run "GET $cases cases in turn, after the appends" -s bench/http/get.lua "http://127.0.0.1:$port"
