#include "engine/deadline.hpp"

#include "core/error.hpp"
#include "engine/next_steps.hpp"

namespace accord {

std::pair<Index, Date> timing_anchor(const CaseState& state, const Timing& timing) {
    std::pair<Index, Date> best{kNone, kNever};
    for (Index a : timing.after) {
        const Date d = state.reached[size_t(a)];
        if (d != kNever && (best.first == kNone || d > best.second)) best = {a, d};
    }
    return best;
}

namespace {

// The registry checks at load time that these exist (attach_calendars); a rulebook used without
// its calendars is a programming error, not a weekend-only calendar.
const Calendar& party_calendar(const Rulebook& rb, Index party) {
    if (party == kNone) throw Error(ErrorCode::bad_argument, "business days on a Party's calendar need the Party");
    for (const auto& c : rb.calendars)
        if (c.name() == rb.parties[size_t(party)].code) return c;
    throw Error(ErrorCode::bad_rulebook, rb.agreement.id + ": no calendar for Party " + rb.parties[size_t(party)].code);
}

const Calendar& named_calendar(const Rulebook& rb, const std::string& name) {
    for (const auto& c : rb.calendars)
        if (c.name() == name) return c;
    throw Error(ErrorCode::bad_rulebook, rb.agreement.id + ": no calendar named '" + name + "'");
}

}  // namespace

Calendar timing_calendar(const Rulebook& rb, const CaseState& state, const Timing& timing) {
    const Index complainant = state.office == kNone ? kNone : rb.offices[size_t(state.office)].party;
    if (timing.calendar == "respondent") return party_calendar(rb, state.respondent);
    if (timing.calendar == "complainant") return party_calendar(rb, complainant);
    if (timing.calendar == "joint")
        return Calendar::joint(party_calendar(rb, state.respondent), party_calendar(rb, complainant));
    return named_calendar(rb, timing.calendar);
}

Date timing_offset(const Rulebook& rb, const CaseState& state, const Timing& timing, Date anchor, int n) {
    if (timing.unit == Timing::Unit::calendar_days) return anchor + Days{n};
    // The rulebook's own calendars are used in place; only a joint calendar is built.
    const Index complainant = state.office == kNone ? kNone : rb.offices[size_t(state.office)].party;
    if (timing.calendar == "respondent") return party_calendar(rb, state.respondent).advance(anchor, BusinessDays{n});
    if (timing.calendar == "complainant") return party_calendar(rb, complainant).advance(anchor, BusinessDays{n});
    if (timing.calendar == "joint") return timing_calendar(rb, state, timing).advance(anchor, BusinessDays{n});
    return named_calendar(rb, timing.calendar).advance(anchor, BusinessDays{n});
}

Date due_date(const Rulebook& rb, const CaseState& state, Index stage, Date anchor) {
    // A stage without its own timing answers another stage's deadline: that one, with its extensions.
    Index owner = stage;
    if (!rb.stages[size_t(stage)].timing) {
        for (Index o : rb.also_meets[size_t(stage)])
            if (rb.stages[size_t(o)].timing) owner = o;
        if (owner == stage) return kNever;
    }
    const Timing& timing = *rb.stages[size_t(owner)].timing;
    const Bounds& b = timing.for_parties(state.disputing_parties());
    if (!b.within) return kNever;
    return timing_offset(rb, state, timing, anchor, *b.within + state.extension[size_t(owner)]);
}

std::string_view deadline_status_name(Deadline::Status s) {
    switch (s) {
        case Deadline::Status::open: return "open";
        case Deadline::Status::met: return "met";
        case Deadline::Status::missed: return "missed";
    }
    return "open";
}

bool stage_pending(const Rulebook& rb, const CaseState& state, Index stage) {
    if (!state.filed || rb.stages[size_t(state.current)].terminal) return false;
    // Reachable from where the case stands: through the steps open now, then any later ones (the
    // respondent's 45 days run from the request even while its decision to review comes first).
    std::vector<bool> seen(rb.stages.size(), false);
    std::vector<Index> frontier;
    for (const auto& t : enabled_transitions(rb, state)) frontier.push_back(rb.transitions[size_t(t)].to);
    while (!frontier.empty()) {
        const Index s = frontier.back();
        frontier.pop_back();
        if (s == stage) return true;
        if (seen[size_t(s)]) continue;
        seen[size_t(s)] = true;
        for (Index t : rb.outgoing[size_t(s)]) frontier.push_back(rb.transitions[size_t(t)].to);
    }
    return false;
}

std::vector<Deadline> deadlines(const Rulebook& rb, const CaseState& state, Date as_of) {
    std::vector<Deadline> out;
    if (!state.filed) return out;
    for (size_t s = 0; s < rb.stages.size(); ++s) {
        const auto& timing = rb.stages[s].timing;
        if (!timing || !timing->for_parties(state.disputing_parties()).within) continue;
        const auto [anchor_stage, anchor] = timing_anchor(state, *timing);
        if (anchor_stage == kNone) continue;
        Deadline d;
        d.stage = Index(s);
        d.anchor_stage = anchor_stage;
        d.anchor = anchor;
        d.due = due_date(rb, state, Index(s), anchor);
        d.extension_days = state.extension[s];
        // Met by reaching the stage itself (or an alternative that also answers it) after the anchor.
        std::optional<Date> met;
        auto consider = [&](Index st) {
            const Date r = state.reached[size_t(st)];
            if (r != kNever && r >= anchor && (!met || r < *met)) met = r;
        };
        consider(Index(s));
        for (Index m : timing->met_by) consider(m);
        if (met) {
            d.met_on = met;
            d.status = *met <= d.due ? Deadline::Status::met : Deadline::Status::missed;
        } else if (stage_pending(rb, state, Index(s))) {
            d.status = as_of > d.due ? Deadline::Status::missed : Deadline::Status::open;
        } else {
            continue;  // a branch the case did not take
        }
        out.push_back(d);
    }
    return out;
}

}  // namespace accord
