#include "engine/apply.hpp"

#include "engine/deadline.hpp"

namespace accord {

namespace {

// Deadline bookkeeping: reaching `stage` settles its own deadline and the ones it also meets, and
// opens the deadlines of the stages anchored on it.
void enter_stage(const Rulebook& rb, CaseState& s, Index stage, Date on) {
    s.reached[size_t(stage)] = on;
    s.due[size_t(stage)] = kNever;
    for (Index dep : rb.dependents[size_t(stage)]) {
        s.extension[size_t(dep)] = 0;
        s.due[size_t(dep)] = due_date(rb, s, dep, on);
    }
}

}  // namespace

void apply_in_place(const Rulebook& rb, CaseState& s, const Event& e) {
    switch (e.kind) {
        case Event::Kind::filed: {
            s.filed = true;
            s.office = e.office;
            s.respondent = e.respondent;
            s.complainants = PartyMask(1u << rb.offices[size_t(e.office)].party);
            s.disputing = PartyMask(s.complainants | (1u << e.respondent));
            s.subjects = e.subjects;
            s.facts = e.facts;
            s.filed_on = e.on;
            s.current = e.entry == kNone ? rb.initial_stage : e.entry;
            enter_stage(rb, s, s.current, e.on);
            break;
        }
        case Event::Kind::stepped: {
            const Transition& t = rb.transitions[size_t(e.transition)];
            switch (t.effect) {
                case Transition::Effect::impose_assessment:
                    s.assessment_usd = e.amount_usd;
                    s.assessment_on = e.on;
                    break;
                case Transition::Effect::pay_assessment:
                    s.assessment_usd = 0;
                    s.suspended_usd = 0;
                    break;
                case Transition::Effect::suspend_benefits:
                    s.suspended_usd = e.amount_usd;
                    break;
                case Transition::Effect::end_suspension:
                    s.suspended_usd = 0;
                    break;
                case Transition::Effect::add_disputing_party:
                    s.complainants |= e.parties;
                    s.disputing |= e.parties;
                    break;
                case Transition::Effect::impose_remedy:
                case Transition::Effect::none:
                    break;
            }
            if (!t.side) s.current = t.to;
            enter_stage(rb, s, t.to, e.on);
            // Deadlines that depend on the number of disputing Parties move when one joins.
            if (t.effect == Transition::Effect::add_disputing_party) recompute_due(rb, s);
            for (Index answered : rb.also_meets[size_t(t.to)]) s.due[size_t(answered)] = kNever;
            break;
        }
        case Event::Kind::deadline_extended:
            s.extension[size_t(e.stage)] += e.days;
            if (s.due[size_t(e.stage)] != kNever) {
                const auto [anchor_stage, anchor] = timing_anchor(s, *rb.stages[size_t(e.stage)].timing);
                s.due[size_t(e.stage)] = due_date(rb, s, e.stage, anchor);
            }
            break;
        case Event::Kind::fact_recorded:
            s.facts[size_t(e.fact)] = e.value;
            break;
    }
    s.last_event = e.on;
    ++s.events;
}

void recompute_due(const Rulebook& rb, CaseState& s) {
    for (size_t st = 0; st < rb.stages.size(); ++st) {
        s.due[st] = kNever;
        const auto& timing = rb.stages[st].timing;
        if (!timing) continue;
        const auto [anchor_stage, anchor] = timing_anchor(s, *timing);
        if (anchor_stage == kNone) continue;
        bool met = s.reached[st] != kNever && s.reached[st] >= anchor;
        for (Index m : timing->met_by) met = met || (s.reached[size_t(m)] != kNever && s.reached[size_t(m)] >= anchor);
        if (!met) s.due[st] = due_date(rb, s, Index(st), anchor);
    }
}

CaseState apply(const Rulebook& rb, CaseState state, const Event& event) {
    apply_in_place(rb, state, event);
    return state;
}

}  // namespace accord
