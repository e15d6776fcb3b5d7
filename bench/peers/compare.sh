#!/usr/bin/env bash
# The same NAALC happy path in xstate and in Accord's engine, on this machine, in one run.
# Usage: bench/peers/compare.sh   (needs build/apply_bench; installs xstate from npm if missing)
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/xstate ] || npm install --no-audit --no-fund >/dev/null
peer=$(node xstate-naalc.mjs 20000)
ours=$(taskset -c 0 ../../build/apply_bench --benchmark_filter='BM_ReplayInPlace|BM_DecideAndApply' \
        --benchmark_min_time=1 --benchmark_format=json 2>/dev/null)
python3 - "$peer" "$ours" <<'PY'
import json, sys
peer = json.loads(sys.argv[1])
ours = {b["name"]: b for b in json.loads(sys.argv[2])["benchmarks"]}
x = peer["events_per_second"]
print(f"xstate {peer['version']}: {peer['cases_per_second']:.0f} cases/s, {x/1e6:.3f} M events/s")
for name, label in [("BM_DecideAndApply", "Accord decide + apply (every step validated)"),
                    ("BM_ReplayInPlace", "Accord apply replay with deadline bookkeeping")]:
    e = ours[name]["items_per_second"]
    print(f"{label}: {e/1e6:.2f} M events/s = {e/x:.0f}x xstate")
PY
