#include "cases/access.hpp"

#include "engine/next_steps.hpp"

namespace accord {

bool is_role(const std::string& role) {
    for (const char* r : kRoles)
        if (role == r) return true;
    return false;
}

namespace {

// The Parties an actor's `party` rule allows on this case.
PartyMask allowed_parties(const Rulebook& rb, const CaseState& s, const std::string& rule) {
    const PartyMask all = PartyMask((1u << rb.parties.size()) - 1);
    const PartyMask respondent = s.respondent == kNone ? 0 : PartyMask(1u << s.respondent);
    if (rule == "office") return s.office == kNone ? 0 : PartyMask(1u << rb.offices[size_t(s.office)].party);
    if (rule == "complainant") return s.complainants;
    if (rule == "respondent") return respondent;
    if (rule == "consulting") return PartyMask(s.complainants | respondent);
    if (rule == "disputing") return s.disputing;
    if (rule == "other") return PartyMask(all & ~s.disputing);
    return all;
}

std::string parties(const Rulebook& rb, PartyMask mask) {
    std::string out;
    for (size_t p = 0; p < rb.parties.size(); ++p)
        if (mask & (1u << p)) out += (out.empty() ? "" : " or ") + rb.parties[p].code;
    return out.empty() ? "no Party" : out;
}

}  // namespace

std::optional<std::string> access_refusal(const Rulebook& rb, const CaseState& s, const User& user, const Command& c) {
    if (user.role == "admin") return std::nullopt;
    // The actor of the step.
    std::string actor_id;
    std::string step = c.event;
    if (c.event == rb.filing_event) {
        actor_id = rb.filing_actor;
    } else if (c.event == kExtendDeadline) {
        const std::string* stage = c.detail("stage");
        const Index st = stage ? rb.stage_index(*stage) : kNone;
        if (st != kNone && rb.stages[size_t(st)].timing) actor_id = rb.stages[size_t(st)].timing->extension_by;
    } else if (c.event == kRecordFact) {
        // Facts are established by the receiving office or the Secretariat.
        if (user.role == "secretariat") return std::nullopt;
        if (user.role == "nao" && s.office != kNone &&
            rb.parties[size_t(rb.offices[size_t(s.office)].party)].code == user.party)
            return std::nullopt;
        return "record_fact: facts are recorded by the receiving office or the Secretariat; you are " + user.role +
               (user.party.empty() ? "" : " of " + user.party);
    } else {
        for (Index t : enabled_transitions(rb, s))
            if (rb.transitions[size_t(t)].event == c.event) {
                actor_id = rb.transitions[size_t(t)].actor;
                step = rb.stages[size_t(rb.transitions[size_t(t)].to)].id;
                break;
            }
    }
    // Steps the rulebook will refuse anyway are left to decide(), which says why.
    const Index a = rb.actor_index(actor_id);
    if (a == kNone) return std::nullopt;
    const Actor& actor = rb.actors[size_t(a)];
    const std::string cited = actor.article.empty() ? "" : " (" + cite(actor.article) + ")";
    if (actor.role.empty())
        return step + ": " + actor.id + " acts only through an administrator" + cited;
    if (user.role != actor.role)
        return step + ": " + c.event + " is for " + actor.id + " (role " + actor.role + "); you are " + user.role + cited;
    if (actor.party == "any") return std::nullopt;
    const PartyMask allowed = allowed_parties(rb, s, actor.party);
    const Index mine = rb.party_index(user.party);
    if (mine == kNone || !(allowed & (1u << mine)))
        return step + ": " + c.event + " is for " + actor.id + " of " + parties(rb, allowed) + "; you act for " +
               (user.party.empty() ? "no Party" : user.party) + cited;
    return std::nullopt;
}

}  // namespace accord
