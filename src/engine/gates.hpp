#pragma once
// Gates: the conditions a step, a tier or a filing must meet, each with its article.
#include <optional>
#include <string>

#include "engine/case_state.hpp"

namespace accord {

// nullopt if the gate is open; otherwise why it is closed, in one clause without the article
// ("persistent_pattern is recorded as unknown").
std::optional<std::string> gate_blocks(const Rulebook& rb, const CaseState& state, const Gate& gate);

// Highest tier rank `subject` can reach given the case's facts (requirements recorded as no block;
// unknown ones block too when `unknown_blocks`).
int subject_reach(const Rulebook& rb, Index subject, const std::array<FactValue, kMaxFacts>& facts,
                  bool unknown_blocks);

// Highest tier any of the case's subjects can reach.
int case_reach(const Rulebook& rb, const CaseState& state, bool unknown_blocks);

}  // namespace accord
