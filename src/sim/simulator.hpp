#pragma once
// The simulator: many cases drawn from a scenario, each run through the real engine (decide and
// apply) under one or more rulebooks. Case i draws from its own random stream (seed, i), so the
// result is the same whatever the number of threads.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "rulebook/rulebook.hpp"
#include "sim/scenario.hpp"

namespace accord {

struct SimulationOptions {
    int64_t cases = 1000;
    uint64_t seed = 1;
    int threads = 1;
    std::function<void(double)> progress;  // fraction done, from time to time
};

struct CaseOutcome {
    Index final_stage = kNone;
    int32_t days = 0;            // filing to the last step
    uint8_t tiers = 0;           // bit r: reached tier rank r
    bool sanction = false;       // an assessment, a suspension or a remedy was imposed
    bool refused = false;        // the case stopped because no step the scenario allows was accepted
    int64_t assessment_usd = 0;
    std::vector<int32_t> measure_days;  // per rulebook measure: days, or -1
    std::vector<int8_t> measure_share;  // per share measure: -1 undecided, 0 no, 1 yes
};

struct RulebookRun {
    const Rulebook* rulebook = nullptr;
    std::vector<CaseOutcome> cases;
};

// Throws Error(bad_argument) naming the scenario line when a step names a stage or an event that
// none of the rulebooks has.
void check_scenario(const Scenario& scenario, const std::vector<const Rulebook*>& rulebooks);

// Throws Error(bad_argument) when the scenario's arrivals name an office, Party, subject or fact
// the rulebook does not have.
RulebookRun simulate(const Rulebook& rb, const Scenario& scenario, const SimulationOptions& options);

// Summary of runs under several rulebooks; differences are against the first.
nlohmann::json summarize(const Scenario& scenario, const SimulationOptions& options, const std::vector<RulebookRun>& runs);

// Time-to-outcome distributions and outcome shares, one series per rulebook.
std::string plot_svg(const nlohmann::json& summary, const std::vector<RulebookRun>& runs);

}  // namespace accord
