#!/usr/bin/env bash
# Wall time of `accord timeline` and `accord check`, process start included (hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/accord}
hyperfine --shell=none --warmup 20 --runs 300 --export-markdown build/bench_cli.md \
  "$bin timeline --rulebook naalc-1994 --from submission_received --to benefits_suspended --json" \
  "$bin check --rulebook naalc-1994 --office US-NAO --respondent MX --subjects minimum_wage,freedom_of_association --trade-related yes --mutually-recognized yes --persistent-pattern yes --json"
cat build/bench_cli.md
