#include "engine/next_steps.hpp"

#include "engine/deadline.hpp"
#include "engine/gates.hpp"

namespace accord {

std::vector<Index> enabled_transitions(const Rulebook& rb, const CaseState& state) {
    std::vector<Index> out;
    if (!state.filed || rb.stages[size_t(state.current)].terminal) return out;
    // A side branch is open once its origin is reached and until its target is reached after that.
    auto side_open = [&](const Transition& tr) {
        const Date from = state.reached[size_t(tr.from)];
        const Date to = state.reached[size_t(tr.to)];
        return from != kNever && (to == kNever || to < from);
    };
    for (Index t : rb.outgoing[size_t(state.current)])
        if (!rb.transitions[size_t(t)].side || side_open(rb.transitions[size_t(t)])) out.push_back(t);
    for (size_t t = 0; t < rb.transitions.size(); ++t) {
        const Transition& tr = rb.transitions[t];
        if (tr.side && tr.from != state.current && side_open(tr)) out.push_back(Index(t));
    }
    return out;
}

Window stage_window(const Rulebook& rb, const CaseState& state, Index stage) {
    Window w;
    w.earliest = state.last_event;
    const Timing* timing = rb.timing_of(stage);
    if (!timing) return w;
    const auto [anchor_stage, anchor] = timing_anchor(state, *timing);
    if (anchor_stage == kNone) return w;
    w.anchor_stage = anchor_stage;
    w.anchor = anchor;
    const Bounds& b = timing->for_parties(state.disputing_parties());
    if (auto lo = b.lower()) w.earliest = std::max(w.earliest, timing_offset(rb, state, *timing, anchor, *lo));
    if (b.window_to) w.latest = timing_offset(rb, state, *timing, anchor, *b.window_to);
    if (b.within) {
        const Date due = due_date(rb, state, stage, anchor);
        if (timing->strict) w.latest = due;
        else w.due = due;
    }
    return w;
}

std::vector<NextStep> next_steps(const Rulebook& rb, const CaseState& state) {
    std::vector<NextStep> out;
    for (Index t : enabled_transitions(rb, state)) {
        const Transition& tr = rb.transitions[size_t(t)];
        const Window w = stage_window(rb, state, tr.to);
        NextStep step{t, w.earliest, w.latest, w.due, std::nullopt};
        for (Index g : tr.guards) {
            const Gate& gate = rb.gates[size_t(g)];
            if (auto why = gate_blocks(rb, state, gate)) {
                step.blocked_by = gate.id + ": " + *why + " (" + cite(gate.article) + ")";
                break;
            }
        }
        out.push_back(std::move(step));
    }
    return out;
}

}  // namespace accord
