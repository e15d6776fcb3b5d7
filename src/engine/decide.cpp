#include "engine/decide.hpp"

#include <algorithm>
#include <charconv>

#include "engine/assessment_cap.hpp"
#include "engine/deadline.hpp"
#include "engine/gates.hpp"
#include "engine/next_steps.hpp"

namespace accord {

namespace {

Decision refuse(ErrorCode code, std::string rule, std::string article, std::string message) {
    Decision d;
    if (!article.empty()) message += " (" + cite(article) + ")";
    d.refusal = Refusal{code, std::move(rule), std::move(article), std::move(message)};
    return d;
}

Decision accept(Event e) {
    Decision d;
    d.events.push_back(e);
    return d;
}

std::vector<std::string_view> split_list(std::string_view s) {
    std::vector<std::string_view> out;
    while (!s.empty()) {
        const auto cut = s.find_first_of(",;");
        std::string_view item = s.substr(0, cut);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) out.push_back(item);
        if (cut == std::string_view::npos) break;
        s.remove_prefix(cut + 1);
    }
    return out;
}

std::optional<int64_t> parse_int(std::string_view s) {
    int64_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<FactValue> parse_fact_value(std::string_view s) {
    if (s == "yes" || s == "true") return FactValue::yes;
    if (s == "no" || s == "false") return FactValue::no;
    if (s == "unknown") return FactValue::unknown;
    return std::nullopt;
}

std::string plural_days(int n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

// A filing: office, respondent, subjects and facts, checked against the admissibility gates and
// the agreement's time in force.
Decision decide_filing(const Rulebook& rb, const CaseState& state, const Command& c) {
    const std::string& ev = rb.filing_event;
    if (state.filed) return refuse(ErrorCode::out_of_order, ev, "", ev + ": the case is already filed");
    if (!c.actor.empty() && !rb.filing_actor.empty() && c.actor != rb.filing_actor)
        return refuse(ErrorCode::wrong_actor, ev, rb.stages[size_t(rb.initial_stage)].article,
                      ev + ": only " + rb.filing_actor + " files, not " + c.actor);
    const auto& ag = rb.agreement;
    if (c.on < ag.entry_into_force || (ag.end && c.on > *ag.end))
        return refuse(ErrorCode::not_in_force, ev, ag.article,
                      ev + ": " + ag.id + " is in force from " + ag.entry_into_force.str() +
                          (ag.end ? " to " + ag.end->str() : std::string()) + ", not on " + c.on.str());
    Event e;
    e.kind = Event::Kind::filed;
    e.on = c.on;
    for (const auto& [key, value] : c.details) {
        if (key == "office") {
            e.office = rb.office_index(value);
            if (e.office == kNone) return refuse(ErrorCode::bad_argument, ev, "", "unknown office '" + value + "'");
        } else if (key == "respondent") {
            e.respondent = rb.party_index(value);
            if (e.respondent == kNone)
                return refuse(ErrorCode::bad_argument, ev, "", "unknown respondent Party '" + value + "'");
        } else if (key == "subjects") {
            for (auto s : split_list(value)) {
                const Index i = rb.subject_index(s);
                if (i == kNone)
                    return refuse(ErrorCode::unknown_subject, ev, "",
                                  "unknown subject '" + std::string(s) + "' in " + ag.id);
                e.subjects |= SubjectMask(1) << i;
            }
        } else if (key == "stage") {
            e.entry = rb.stage_index(value);
            if (std::find(rb.entry_stages.begin(), rb.entry_stages.end(), e.entry) == rb.entry_stages.end())
                return refuse(ErrorCode::out_of_order, ev, "", ev + ": a case cannot start in stage '" + value + "'");
        } else if (key == "sector" && rb.sectors) {
            // A sector on the rulebook's list shows its fact; any other sector denies it.
            e.facts[size_t(rb.sectors->fact)] = rb.sectors->covers(value) ? FactValue::yes : FactValue::no;
        } else if (const Index f = rb.fact_index(key); f != kNone) {
            const auto v = parse_fact_value(value);
            if (!v) return refuse(ErrorCode::bad_argument, ev, "", key + ": expected yes or no, not '" + value + "'");
            e.facts[size_t(f)] = *v;
        }
        // Other details (submitter, facility, ...) belong to the record, not to the engine.
    }
    if (e.office == kNone) return refuse(ErrorCode::missing_detail, ev, "", ev + ": needs office");
    if (e.respondent == kNone) return refuse(ErrorCode::missing_detail, ev, "", ev + ": needs respondent");
    if (!e.subjects) return refuse(ErrorCode::missing_detail, ev, "", ev + ": needs at least one subject");
    CaseState probe = state;
    probe.office = e.office;
    probe.respondent = e.respondent;
    for (Index g : rb.admissibility) {
        const Gate& gate = rb.gates[size_t(g)];
        if (auto why = gate_blocks(rb, probe, gate))
            return refuse(ErrorCode::inadmissible, gate.id, gate.article, ev + ": inadmissible, " + *why);
    }
    return accept(e);
}

Decision decide_extension(const Rulebook& rb, const CaseState& state, const Command& c) {
    const std::string ev(kExtendDeadline);
    const std::string* stage_id = c.detail("stage");
    if (!stage_id) return refuse(ErrorCode::missing_detail, ev, "", ev + ": needs stage=STAGE");
    const Index s = rb.stage_index(*stage_id);
    if (s == kNone) return refuse(ErrorCode::unknown_stage, ev, "", ev + ": unknown stage '" + *stage_id + "'");
    const Stage& stage = rb.stages[size_t(s)];
    if (!stage.timing || !stage.timing->for_parties(state.disputing_parties()).within)
        return refuse(ErrorCode::not_extendable, stage.id, stage.article, ev + ": " + stage.id + " has no deadline");
    const Timing& timing = *stage.timing;
    if (timing.extension_by.empty())
        return refuse(ErrorCode::not_extendable, stage.id, stage.article,
                      ev + ": the deadline of " + stage.id + " cannot be extended");
    if (!c.actor.empty() && c.actor != timing.extension_by)
        return refuse(ErrorCode::wrong_actor, stage.id, stage.article,
                      ev + ": only " + timing.extension_by + " extends the deadline of " + stage.id);
    if (!stage_pending(rb, state, s) || timing_anchor(state, timing).first == kNone)
        return refuse(ErrorCode::out_of_order, stage.id, stage.article,
                      ev + ": " + stage.id + " has no open deadline to extend");
    const auto fixed = timing.for_parties(state.disputing_parties()).extension;
    int days = 0;
    if (const std::string* d = c.detail("days")) {
        const auto v = parse_int(*d);
        if (!v || *v <= 0 || *v > 100000)
            return refuse(ErrorCode::bad_argument, ev, "", ev + ": days must be a positive number, not '" + *d + "'");
        days = int(*v);
    } else if (fixed) {
        days = *fixed - state.extension[size_t(s)];
    } else {
        return refuse(ErrorCode::missing_detail, ev, "", ev + ": needs days=N");
    }
    if (fixed && state.extension[size_t(s)] + days > *fixed)
        return refuse(ErrorCode::not_extendable, stage.id, stage.article,
                      ev + ": " + stage.id + " can be extended by at most " + plural_days(*fixed) + " in all (" +
                          std::to_string(state.extension[size_t(s)]) + " granted)");
    if (days <= 0)
        return refuse(ErrorCode::not_extendable, stage.id, stage.article,
                      ev + ": the extension of " + stage.id + " is used up");
    Event e;
    e.kind = Event::Kind::deadline_extended;
    e.on = c.on;
    e.stage = s;
    e.days = days;
    return accept(e);
}

Decision decide_fact(const Rulebook& rb, const Command& c) {
    const std::string ev(kRecordFact);
    const std::string* fact = c.detail("fact");
    const std::string* value = c.detail("value");
    if (!fact || !value) return refuse(ErrorCode::missing_detail, ev, "", ev + ": needs fact=ID and value=yes|no");
    const Index f = rb.fact_index(*fact);
    if (f == kNone) return refuse(ErrorCode::bad_argument, ev, "", ev + ": unknown fact '" + *fact + "'");
    const auto v = parse_fact_value(*value);
    if (!v) return refuse(ErrorCode::bad_argument, ev, "", ev + ": expected yes, no or unknown, not '" + *value + "'");
    Event e;
    e.kind = Event::Kind::fact_recorded;
    e.on = c.on;
    e.fact = f;
    e.value = *v;
    return accept(e);
}

PartyMask electorate(const Rulebook& rb, const CaseState& state, const Vote& vote) {
    switch (vote.electorate) {
        case Vote::Electorate::council: return PartyMask((1u << rb.parties.size()) - 1);
        case Vote::Electorate::disputing_parties: return state.disputing;
        case Vote::Electorate::consulting_parties: return PartyMask(state.complainants | (1u << state.respondent));
    }
    return 0;
}

std::string party_list(const Rulebook& rb, PartyMask mask) {
    std::string out;
    for (size_t p = 0; p < rb.parties.size(); ++p)
        if (mask & (1u << p)) out += (out.empty() ? "" : ",") + rb.parties[p].code;
    return out.empty() ? "none" : out;
}

}  // namespace

Decision decide(const Rulebook& rb, const CaseState& state, const Command& c) {
    if (c.event == rb.filing_event) return decide_filing(rb, state, c);
    if (!state.filed)
        return refuse(ErrorCode::out_of_order, c.event, "", c.event + ": the case has not been filed");
    if (c.on < state.last_event)
        return refuse(ErrorCode::too_early, c.event, "",
                      c.event + ": " + c.on.str() + " is before the case's last event on " + state.last_event.str());
    if (c.event == kRecordFact) return decide_fact(rb, c);
    const Stage& current = rb.stages[size_t(state.current)];
    if (current.terminal)
        return refuse(ErrorCode::case_closed, current.id, current.article,
                      c.event + ": the case is closed (" + current.id + ")");
    if (c.event == kExtendDeadline) return decide_extension(rb, state, c);

    // Find the transition: from the current stage first, then an open side branch.
    Index chosen = kNone;
    for (Index t : enabled_transitions(rb, state))
        if (rb.transitions[size_t(t)].event == c.event) {
            chosen = t;
            break;
        }
    if (chosen == kNone) {
        if (!rb.has_event(c.event))
            return refuse(ErrorCode::unknown_event, c.event, "",
                          "unknown event '" + c.event + "' in " + rb.agreement.id);
        std::string from, article;
        for (const auto& t : rb.transitions)
            if (t.event == c.event) {
                from += (from.empty() ? "" : ", ") + rb.stages[size_t(t.from)].id;
                if (article.empty()) article = t.article;
            }
        return refuse(ErrorCode::out_of_order, c.event, article,
                      c.event + ": not possible in stage " + current.id + "; it follows " + from);
    }
    const Transition& tr = rb.transitions[size_t(chosen)];
    const Stage& target = rb.stages[size_t(tr.to)];
    const std::string rule = target.id;

    if (!c.actor.empty() && c.actor != tr.actor)
        return refuse(ErrorCode::wrong_actor, rule, tr.article,
                      rule + ": " + c.event + " is for " + tr.actor + ", not " + c.actor);

    for (Index g : tr.guards) {
        const Gate& gate = rb.gates[size_t(g)];
        if (auto why = gate_blocks(rb, state, gate))
            return refuse(ErrorCode::gate_closed, gate.id, gate.article,
                          rule + ": requires that " + (gate.text.empty() ? gate.id : gate.text) + "; " + *why);
    }

    if (target.timing) {
        const Window w = stage_window(rb, state, tr.to);
        const Bounds& b = target.timing->for_parties(state.disputing_parties());
        const std::string anchor =
            w.anchor_stage == kNone ? "" : rb.stages[size_t(w.anchor_stage)].id + " on " + w.anchor.str();
        const std::string unit = target.timing->unit == Timing::Unit::business_days ? " business" : "";
        if (w.anchor_stage != kNone && c.on < w.earliest && b.lower())
            return refuse(ErrorCode::too_early, rule, target.article,
                          rule + ": not before " + w.earliest.str() + ", " + std::to_string(*b.lower()) + unit +
                              " days after " + anchor + "; tried " + c.on.str() + ", day " +
                              std::to_string((c.on - w.anchor).count));
        if (w.latest && c.on > *w.latest) {
            const int limit = b.window_to ? *b.window_to : *b.within + state.extension[size_t(tr.to)];
            return refuse(ErrorCode::too_late, rule, target.article,
                          rule + ": not after " + w.latest->str() + ", " + std::to_string(limit) + unit +
                              " days after " + anchor + "; tried " + c.on.str() + ", day " +
                              std::to_string((c.on - w.anchor).count));
        }
    }

    Event e;
    e.kind = Event::Kind::stepped;
    e.on = c.on;
    e.transition = chosen;

    if (tr.vote != kNone) {
        const Vote& vote = rb.votes[size_t(tr.vote)];
        const std::string* in_favour = c.detail("for");
        if (!in_favour)
            return refuse(ErrorCode::missing_detail, rule, vote.article,
                          rule + ": needs the vote, for=PARTY,PARTY (" + vote.id + ")");
        PartyMask yes = 0;
        for (auto code : split_list(*in_favour)) {
            const Index p = rb.party_index(code);
            if (p == kNone)
                return refuse(ErrorCode::bad_argument, rule, "", rule + ": unknown Party '" + std::string(code) + "' in the vote");
            yes |= PartyMask(1u << p);
        }
        const PartyMask voters = electorate(rb, state, vote);
        yes &= voters;
        const int n_yes = __builtin_popcount(yes), n = __builtin_popcount(voters);
        const bool carried = vote.rule == Vote::Rule::consensus ? yes == voters
                                                                : n_yes * vote.denominator >= vote.numerator * n;
        if (!carried) {
            const std::string need = vote.rule == Vote::Rule::consensus
                                         ? "consensus of " + party_list(rb, voters)
                                         : std::to_string(vote.numerator) + "/" + std::to_string(vote.denominator) +
                                               " of " + std::to_string(n);
            return refuse(ErrorCode::vote_failed, rule, vote.article,
                          rule + ": " + std::to_string(n_yes) + " of " + std::to_string(n) + " in favour (" +
                              party_list(rb, yes) + "), needs " + need);
        }
        e.parties = yes;
    }

    switch (tr.effect) {
        case Transition::Effect::impose_assessment: {
            const std::string* amount = c.detail("amount_usd");
            if (!amount)
                return refuse(ErrorCode::missing_detail, rule, tr.article,
                              rule + ": needs amount_usd (0 if no assessment is imposed)");
            const auto v = parse_int(*amount);
            if (!v || *v < 0)
                return refuse(ErrorCode::bad_argument, rule, "", rule + ": amount_usd must be a whole number of dollars");
            if (*v > 0 && rb.cap.defined) {
                std::optional<double> trade;
                if (const std::string* t = c.detail("trade_usd")) {
                    const auto tv = parse_int(*t);
                    if (!tv || *tv < 0)
                        return refuse(ErrorCode::bad_argument, rule, "", rule + ": trade_usd must be a whole number of dollars");
                    trade = double(*tv);
                }
                if (c.on.year() > rb.cap.fixed_through_year && !trade)
                    return refuse(ErrorCode::missing_detail, rule, rb.cap.article,
                                  rule + ": the cap in " + std::to_string(c.on.year()) +
                                      " depends on trade in goods; give trade_usd");
                CapResult cap;
                try {
                    cap = assessment_cap(rb, c.on.year(), trade);
                } catch (const Error& err) {
                    return refuse(err.code(), rule, rb.cap.article, rule + ": " + err.what());
                }
                if (*v > cap.cap_usd)
                    return refuse(ErrorCode::cap_exceeded, rule, cap.article,
                                  rule + ": assessment of USD " + std::to_string(*v) + " exceeds the cap of USD " +
                                      std::to_string(cap.cap_usd) + " for " + std::to_string(c.on.year()) + " (" +
                                      cap.explanation + ")");
            }
            e.amount_usd = *v;
            break;
        }
        case Transition::Effect::suspend_benefits: {
            int64_t amount = state.assessment_usd;
            if (const std::string* a = c.detail("amount_usd")) {
                const auto v = parse_int(*a);
                if (!v || *v <= 0)
                    return refuse(ErrorCode::bad_argument, rule, "", rule + ": amount_usd must be a positive whole number");
                amount = *v;
            }
            if (amount > state.assessment_usd)
                return refuse(ErrorCode::cap_exceeded, rule, tr.article,
                              rule + ": suspension of USD " + std::to_string(amount) +
                                  " exceeds the unpaid assessment of USD " + std::to_string(state.assessment_usd));
            e.amount_usd = amount;
            break;
        }
        case Transition::Effect::add_disputing_party: {
            PartyMask joining = 0;
            if (const std::string* p = c.detail("party")) {
                const Index i = rb.party_index(*p);
                if (i == kNone) return refuse(ErrorCode::bad_argument, rule, "", rule + ": unknown Party '" + *p + "'");
                joining = PartyMask(1u << i);
            } else {
                const PartyMask others = PartyMask(((1u << rb.parties.size()) - 1) & ~state.disputing);
                if (__builtin_popcount(others) == 1) joining = others;
                else return refuse(ErrorCode::missing_detail, rule, tr.article, rule + ": needs party=CC");
            }
            if (joining & state.disputing)
                return refuse(ErrorCode::out_of_order, rule, tr.article,
                              rule + ": " + party_list(rb, joining) + " is already a disputing Party");
            e.parties = joining;
            break;
        }
        case Transition::Effect::impose_remedy: {
            const std::string* which = c.detail("remedy");
            std::string options;
            for (const auto& r : rb.remedies) options += (options.empty() ? "" : ", ") + r.id;
            if (!which) return refuse(ErrorCode::missing_detail, rule, tr.article, rule + ": needs remedy=ID (" + options + ")");
            const Remedy* remedy = nullptr;
            for (const auto& r : rb.remedies)
                if (r.id == *which) remedy = &r;
            if (!remedy)
                return refuse(ErrorCode::bad_argument, rule, "", rule + ": unknown remedy '" + *which + "' (" + options + ")");
            if (remedy->min_prior_determinations > 0) {
                const std::string* prior = c.detail("prior_determinations");
                const auto n = prior ? parse_int(*prior) : std::optional<int64_t>(0);
                if (!n || *n < 0)
                    return refuse(ErrorCode::bad_argument, rule, "", rule + ": prior_determinations must be a whole number");
                if (*n < remedy->min_prior_determinations)
                    return refuse(ErrorCode::gate_closed, remedy->id, remedy->article,
                                  rule + ": " + remedy->id + " needs " + std::to_string(remedy->min_prior_determinations) +
                                      " earlier determinations against the same facility or owner; " +
                                      std::to_string(*n) + " recorded");
            }
            break;
        }
        case Transition::Effect::none:
        case Transition::Effect::pay_assessment:
        case Transition::Effect::end_suspension:
            break;
    }
    return accept(e);
}

}  // namespace accord
