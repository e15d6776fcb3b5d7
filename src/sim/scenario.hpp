#pragma once
// A scenario: how cases arrive and how the actors behave, independent of the rulebook. The same
// scenario runs under several rulebooks (the design variants) so their outcomes can be compared.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace accord {

struct Weighted {
    std::string id;
    double weight = 1;
};

// At stage `at`, the actor takes `event` with relative `weight`, `days` after the previous step
// drawn from a triangular distribution [min, mode, max]; the rulebook's limits then apply.
struct ScenarioStep {
    std::string at;
    std::string event;
    double weight = 1;
    double min_days = 0, mode_days = 0, max_days = 0;
    std::optional<std::array<double, 3>> votes;  // yes-vote probabilities (complainant, respondent, other) for this step
    int line = 0;
};

struct Scenario {
    std::string id;
    std::string description;
    std::string source;
    Date from, to;                       // filing dates, uniform
    std::vector<Weighted> offices;       // receiving office, by weight
    std::vector<Weighted> respondents;   // respondent Party, by weight (never the office's own Party)
    std::vector<Weighted> subjects;      // each subject independently with probability `weight`
    std::vector<Weighted> facts;         // each fact yes with probability `weight`
    double vote_complainant = 1, vote_respondent = 0, vote_other = 0.5;  // probability of a yes vote
    double assessment_share_of_cap = 0.5;
    double trade_usd = 0;
    std::vector<ScenarioStep> steps;
};

// Throws Error(bad_argument) with file:line:column and the key at fault.
Scenario load_scenario_file(const std::filesystem::path& path);
Scenario load_scenario_text(std::string_view text, const std::string& source);

}  // namespace accord
