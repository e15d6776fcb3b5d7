#include "rulebook/static_checks.hpp"

#include <algorithm>

namespace accord {

namespace {
// Stages reachable from `start` along transitions (excluding `start` itself unless on a cycle).
std::vector<bool> reachable_from(const Rulebook& rb, Index start) {
    std::vector<bool> seen(rb.stages.size(), false);
    std::vector<Index> frontier{start};
    while (!frontier.empty()) {
        const Index s = frontier.back();
        frontier.pop_back();
        for (Index t : rb.outgoing[size_t(s)]) {
            const Index to = rb.transitions[size_t(t)].to;
            if (!seen[size_t(to)]) {
                seen[size_t(to)] = true;
                frontier.push_back(to);
            }
        }
    }
    return seen;
}
}  // namespace

std::vector<Finding> static_checks(const Rulebook& rb) {
    std::vector<Finding> out;
    auto add = [&](Finding::Severity sev, SourcePos pos, std::string msg) {
        out.push_back({sev, pos, std::move(msg)});
    };
    std::vector<bool> reach(rb.stages.size(), false);
    for (Index entry : rb.entry_stages) {
        const auto from_entry = reachable_from(rb, entry);
        for (size_t s = 0; s < reach.size(); ++s) reach[s] = reach[s] || from_entry[s];
        reach[size_t(entry)] = true;
    }
    for (size_t s = 0; s < rb.stages.size(); ++s) {
        const Stage& st = rb.stages[s];
        if (!reach[s])
            add(Finding::Severity::error, st.pos,
                "stage '" + st.id + "' is unreachable from '" + rb.stages[size_t(rb.initial_stage)].id + "'");
        const bool has_main_exit = std::any_of(rb.outgoing[s].begin(), rb.outgoing[s].end(),
                                               [&](Index t) { return !rb.transitions[size_t(t)].side; });
        // A side branch may simply end: its stage needs no way out.
        const bool entered_by_side_only =
            std::any_of(rb.transitions.begin(), rb.transitions.end(),
                        [&](const Transition& t) { return t.to == Index(s) && t.side; }) &&
            std::none_of(rb.transitions.begin(), rb.transitions.end(),
                         [&](const Transition& t) { return t.to == Index(s) && !t.side; });
        if (!st.terminal && !has_main_exit && !entered_by_side_only)
            add(Finding::Severity::warning, st.pos,
                "stage '" + st.id + "' has no way out and is not marked terminal");
        if (!st.timing) continue;
        for (Index a : st.timing->after) {
            const auto from_anchor = reachable_from(rb, a);
            if (!from_anchor[s])
                add(Finding::Severity::error, st.timing->pos,
                    "stage '" + st.id + "': timing counts from '" + rb.stages[size_t(a)].id +
                        "', which can never come before it");
        }
        for (Index m : st.timing->met_by)
            if (std::find(st.timing->after.begin(), st.timing->after.end(), m) != st.timing->after.end())
                add(Finding::Severity::error, st.timing->pos,
                    "stage '" + st.id + "': met_by names its own anchor '" + rb.stages[size_t(m)].id + "'");
        if (!st.timing->extension_by.empty() && !st.timing->bounds.within)
            add(Finding::Severity::warning, st.timing->pos,
                "stage '" + st.id + "': extension_by without a within deadline has no effect");
    }
    for (const auto& t : rb.transitions) {
        if (t.effect == Transition::Effect::impose_assessment && !rb.cap.defined)
            add(Finding::Severity::warning, t.pos,
                "transition '" + t.event + "' imposes an assessment but the rulebook has no [caps.assessment]");
    }
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
        return a.pos.line < b.pos.line;
    });
    return out;
}

}  // namespace accord
