// Simulated NAALC cases per second through the real engine, on 1 and on 2 threads.
// Usage: sim_bench [CASES]
#include <chrono>
#include <cstdio>
#include <string>

#include "rulebook/registry.hpp"
#include "sim/simulator.hpp"

using namespace accord;

int main(int argc, char** argv) {
    const int64_t cases = argc > 1 ? std::stoll(argv[1]) : 1'000'000;
    RulebookRegistry reg(ACCORD_SOURCE_DIR "/rulebooks");
    const Rulebook& rb = reg.get("naalc-1994");
    const Scenario sc = load_scenario_file(ACCORD_SOURCE_DIR "/scenarios/naalc-historical.toml");
    double one = 0;
    for (int threads : {1, 2}) {
        SimulationOptions o;
        o.cases = cases;
        o.seed = 1;
        o.threads = threads;
        const auto t0 = std::chrono::steady_clock::now();
        const RulebookRun run = simulate(rb, sc, o);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        int64_t steps = 0;
        for (const auto& c : run.cases) steps += c.days >= 0;
        const double rate = double(cases) / s;
        if (threads == 1) one = rate;
        std::printf("%d thread%s: %lld cases in %.2f s: %.0f cases/s%s\n", threads, threads == 1 ? "" : "s",
                    static_cast<long long>(cases), s, rate,
                    threads == 1 ? "" : (" (" + std::to_string(rate / one).substr(0, 4) + "x one thread)").c_str());
    }
    return 0;
}
