#pragma once
// decide: validate a command against the rulebook and the case so far; return the events it
// produces or a refusal that names the rule, the article and the dates involved. Never throws for
// a forbidden or malformed command: that is a normal result.
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "engine/case_state.hpp"

namespace accord {

struct Decision {
    std::vector<Event> events;
    std::optional<Refusal> refusal;
    bool ok() const { return !refusal; }
};

Decision decide(const Rulebook& rb, const CaseState& state, const Command& command);

}  // namespace accord
