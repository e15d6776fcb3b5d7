#include "engine/gates.hpp"

namespace accord {

int subject_reach(const Rulebook& rb, Index subject, const std::array<FactValue, kMaxFacts>& facts,
                  bool unknown_blocks) {
    int reach = 0;
    for (const Tier& tier : rb.tiers) {
        if (tier.rank > rb.subjects[size_t(subject)].tier) break;
        for (Index f : tier.requires_facts) {
            const FactValue v = facts[size_t(f)];
            if (v == FactValue::no || (unknown_blocks && v == FactValue::unknown)) return reach;
        }
        reach = tier.rank;
    }
    return reach;
}

int case_reach(const Rulebook& rb, const CaseState& state, bool unknown_blocks) {
    int reach = 0;
    for (size_t s = 0; s < rb.subjects.size(); ++s)
        if (state.subjects & (SubjectMask(1) << s))
            reach = std::max(reach, subject_reach(rb, Index(s), state.facts, unknown_blocks));
    return reach;
}

std::optional<std::string> gate_blocks(const Rulebook& rb, const CaseState& state, const Gate& gate) {
    switch (gate.kind) {
        case Gate::Kind::fact: {
            const FactValue v = state.facts[size_t(gate.fact)];
            if (v == FactValue::yes) return std::nullopt;
            return rb.facts[size_t(gate.fact)].id + " is recorded as " + std::string(fact_value_name(v));
        }
        case Gate::Kind::tier: {
            int ceiling = 0;
            for (size_t s = 0; s < rb.subjects.size(); ++s)
                if (state.subjects & (SubjectMask(1) << s)) ceiling = std::max(ceiling, rb.subjects[s].tier);
            if (ceiling < gate.tier)
                return "no subject of the case can reach " + rb.tier_name(gate.tier) + " (highest: " +
                       rb.tier_name(ceiling) + ")";
            for (Index f : rb.tiers[size_t(gate.tier - 1)].requires_facts) {
                const FactValue v = state.facts[size_t(f)];
                if (v != FactValue::yes)
                    return rb.facts[size_t(f)].id + " is recorded as " + std::string(fact_value_name(v)) +
                           " (" + cite(rb.facts[size_t(f)].article) + ")";
            }
            return std::nullopt;
        }
        case Gate::Kind::reached:
            if (state.has_reached(gate.stage)) return std::nullopt;
            return "stage " + rb.stages[size_t(gate.stage)].id + " has not been reached";
        case Gate::Kind::respondent_in:
        case Gate::Kind::respondent_not_in: {
            const bool in = state.respondent != kNone && (gate.parties & (1u << state.respondent));
            if (in == (gate.kind == Gate::Kind::respondent_in)) return std::nullopt;
            return "the respondent is " + (state.respondent == kNone ? std::string("unknown")
                                                                    : rb.parties[size_t(state.respondent)].code);
        }
        case Gate::Kind::office_not_respondent:
            if (state.office != kNone && rb.offices[size_t(state.office)].party != state.respondent)
                return std::nullopt;
            return "the submission was filed with " +
                   (state.office == kNone ? std::string("no office") : rb.offices[size_t(state.office)].id) +
                   ", the respondent's own office";
        case Gate::Kind::party_pair: {
            const Index complainant = state.office == kNone ? kNone : rb.offices[size_t(state.office)].party;
            for (const auto& [a, b] : gate.pairs)
                if (a == complainant && b == state.respondent) return std::nullopt;
            auto code = [&](Index p) { return p == kNone ? std::string("?") : rb.parties[size_t(p)].code; };
            return "no mechanism between " + code(complainant) + " and " + code(state.respondent);
        }
        case Gate::Kind::assessment_unpaid:
            if (state.assessment_usd > 0) return std::nullopt;
            return "no unpaid assessment";
    }
    return std::nullopt;
}

}  // namespace accord
