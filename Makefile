# Front door. `make run` and `make test` set up a fresh Debian machine, build and go.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: setup build test run bench fuzz format clean

setup:
	scripts/setup.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# Every test, beside a throwaway PostgreSQL server for the store's contract and durability tests.
test: build
	scripts/with_postgres.sh ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	scripts/fuzz.sh 20

# The main job on the embedded default: the historical cases imported into accord.db (a re-run
# imports nothing new), what they show beside the statutory figures, the statutory path, then the
# API and web UI at http://127.0.0.1:$(PORT) until interrupted.
PORT ?= 8080
run: build
	$(BUILD)/accord rulebook check naalc-1994
	$(BUILD)/accord rulebook check usmca-rrm-2020
	$(BUILD)/accord --db sqlite:accord.db import data/cases.csv
	$(BUILD)/accord --db sqlite:accord.db stats
	$(BUILD)/accord timeline --rulebook naalc-1994 --from submission_received --to benefits_suspended
	@echo "Open http://127.0.0.1:$(PORT)/ (tokens for writes: build/accord user add NAME --role ROLE [--party CC])"
	$(BUILD)/accord --db sqlite:accord.db serve --host 127.0.0.1 --port $(PORT)

bench: build
	$(BUILD)/apply_bench
	scripts/bench_cli.sh
	scripts/bench_store.sh
	scripts/bench_server.sh
	$(BUILD)/sim_bench 1000000
	bench/peers/compare.sh

fuzz: setup
	scripts/fuzz.sh 60

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) build-fuzz
