#!/usr/bin/env bash
# Builds the rulebook-loader fuzzer with clang 14 (libFuzzer + AddressSanitizer + UBSan) and runs
# it for a bounded time, seeded with the project's rulebooks. Usage: scripts/fuzz.sh [SECONDS]
# NDEBUG as in Debian's shipped toml++: its debug-only asserts fire on inputs the release parser
# reports as ordinary parse errors (found by this fuzzer: "[=stages]]").
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
out=build-fuzz
mkdir -p "$out" "$out/corpus"
srcs=(src/core/date.cpp src/core/calendar.cpp src/core/error.cpp src/core/toml_text.cpp src/rulebook/rulebook.cpp
      src/rulebook/loader.cpp src/rulebook/static_checks.cpp src/rulebook/render.cpp
      fuzz/rulebook_loader_fuzz.cpp)
bin=$out/rulebook_loader_fuzz
newest=$(ls -t "${srcs[@]}" src/*/*.hpp "$0" | head -n 1)
if [ ! -x "$bin" ] || [ "$newest" -nt "$bin" ]; then
  clang++-14 -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -DTOML_HEADER_ONLY=1 -DNDEBUG -Isrc "${srcs[@]}" -o "$bin"
fi
cp rulebooks/*.toml "$out/corpus/" 2>/dev/null || true
echo "fuzz: rulebook loader for ${seconds}s"
"$bin" -artifact_prefix="$out/" -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1 \
  "$out/corpus" 2>"$out/fuzz.log" || { tail -n 40 "$out/fuzz.log"; exit 1; }
grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "$out/fuzz.log" | sed 's/^/fuzz: /'
