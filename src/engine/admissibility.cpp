#include "engine/admissibility.hpp"

#include "engine/gates.hpp"

namespace accord {

Admissibility check_admissibility(const Rulebook& rb, const Submission& sub) {
    Admissibility out;
    out.admissible = true;
    CaseState probe = empty_state(rb);
    probe.office = sub.office;
    probe.respondent = sub.respondent;
    probe.subjects = sub.subjects;
    probe.facts = sub.facts;
    for (Index g : rb.admissibility) {
        const Gate& gate = rb.gates[size_t(g)];
        if (auto why = gate_blocks(rb, probe, gate)) {
            out.admissible = false;
            out.reasons.push_back({"", gate.id, gate.article, "inadmissible: " + gate.text + "; " + *why});
        }
    }
    const auto& ag = rb.agreement;
    if (sub.filed_on && (*sub.filed_on < ag.entry_into_force || (ag.end && *sub.filed_on > *ag.end))) {
        out.admissible = false;
        out.reasons.push_back({"", ag.id, ag.article,
                               ag.id + " is in force from " + ag.entry_into_force.str() +
                                   (ag.end ? " to " + ag.end->str() : std::string()) + ", not on " +
                                   sub.filed_on->str()});
    }
    for (size_t s = 0; s < rb.subjects.size(); ++s) {
        if (!(sub.subjects & (SubjectMask(1) << s))) continue;
        const Subject& subject = rb.subjects[s];
        const int reach = subject_reach(rb, Index(s), sub.facts, false);
        out.subjects.push_back({Index(s), out.admissible ? reach : 0});
        if (subject.tier < int(rb.tiers.size())) {
            const Tier& beyond = rb.tiers[size_t(subject.tier)];
            out.reasons.push_back({subject.id, subject.id, beyond.article,
                                   subject.id + " (principle " + subject.principle + ") can reach " +
                                       rb.tier_name(subject.tier) + " at most, not " + beyond.id});
        }
        // Facts behind each tier up to the subject's ceiling: a "no" limits, an "unknown" is a
        // condition the case will have to show.
        uint32_t reported = 0;
        for (const Tier& tier : rb.tiers) {
            if (tier.rank > subject.tier) break;
            bool stopped = false;
            for (Index f : tier.requires_facts) {
                if (reported & (1u << f)) continue;
                reported |= 1u << f;
                const Fact& fact = rb.facts[size_t(f)];
                const FactValue v = sub.facts[size_t(f)];
                if (v == FactValue::no) {
                    out.reasons.push_back({subject.id, fact.id, fact.article,
                                           subject.id + " stops before " + tier.id + ": " + fact.id +
                                               " is no (" + tier.id + " requires it, " + cite(tier.article) + ")"});
                    stopped = true;
                } else if (v == FactValue::unknown) {
                    out.reasons.push_back({subject.id, fact.id, fact.article,
                                           subject.id + " reaches " + tier.id + " only if " + fact.id +
                                               " is shown: " + fact.text,
                                           false});
                }
            }
            if (stopped) break;
        }
        out.tier = std::max(out.tier, out.subjects.back().tier);
    }
    return out;
}

}  // namespace accord
