#pragma once
// What a case can do next: the transitions open from its current stage and its side branches,
// each with the earliest and latest dates its timing allows and whatever gate still blocks it.
#include <optional>
#include <string>
#include <vector>

#include "engine/case_state.hpp"

namespace accord {

// Transitions that leave the current stage, plus side transitions from reached stages whose target
// has not been reached since. Empty once the case is in a terminal stage.
std::vector<Index> enabled_transitions(const Rulebook& rb, const CaseState& state);

struct NextStep {
    Index transition = kNone;
    Date earliest;                   // not before (the last event, or a gate / window start)
    std::optional<Date> latest;      // a hard limit: the window's end or a strict deadline
    std::optional<Date> due;         // a deadline that makes a later step late, not refused
    std::optional<std::string> blocked_by;  // a closed gate, with its article
};

std::vector<NextStep> next_steps(const Rulebook& rb, const CaseState& state);

// Earliest and hard-latest dates for entering `stage` given the case so far.
struct Window {
    Date earliest = kNever;
    std::optional<Date> latest;
    std::optional<Date> due;
    Index anchor_stage = kNone;
    Date anchor = kNever;
};
Window stage_window(const Rulebook& rb, const CaseState& state, Index stage);

}  // namespace accord
