#pragma once
// apply: fold one event into a case state. Pure: the result depends only on the rulebook, the
// state and the event. Replaying a case is folding its events in order.
#include "engine/case_state.hpp"

namespace accord {

CaseState apply(const Rulebook& rb, CaseState state, const Event& event);

// In place, for replay loops that own their state.
void apply_in_place(const Rulebook& rb, CaseState& state, const Event& event);

// Recomputes the open-deadline bookkeeping (CaseState::due) from the reached dates; for states
// built directly rather than replayed (test builders, imports that start mid-procedure).
void recompute_due(const Rulebook& rb, CaseState& state);

}  // namespace accord
