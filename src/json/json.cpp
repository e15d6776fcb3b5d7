#include "json/json.hpp"

#include "engine/gates.hpp"

namespace accord {

using nlohmann::json;

namespace {

json bounds_json(const Bounds& b, const std::string& unit) {
    json j = json::object();
    if (b.within) j["within_" + unit] = *b.within;
    if (b.not_before) j["not_before_" + unit] = *b.not_before;
    if (b.window_from) j["window_" + unit] = {*b.window_from, *b.window_to};
    if (b.extension) j["extension_" + unit] = *b.extension;
    return j;
}

json ids(const Rulebook& rb, const std::vector<Index>& stages) {
    json j = json::array();
    for (Index s : stages) j.push_back(rb.stages[size_t(s)].id);
    return j;
}

std::string effect_name(Transition::Effect e) {
    switch (e) {
        case Transition::Effect::none: return "none";
        case Transition::Effect::impose_assessment: return "impose_assessment";
        case Transition::Effect::pay_assessment: return "pay_assessment";
        case Transition::Effect::suspend_benefits: return "suspend_benefits";
        case Transition::Effect::end_suspension: return "end_suspension";
        case Transition::Effect::add_disputing_party: return "add_disputing_party";
        case Transition::Effect::impose_remedy: return "impose_remedy";
    }
    return "none";
}

}  // namespace

json to_json(const Rulebook& rb) {
    json j;
    const auto& ag = rb.agreement;
    j["agreement"] = {{"id", ag.id}, {"name", ag.name}, {"version", ag.version},
                      {"entry_into_force", ag.entry_into_force.str()},
                      {"end", ag.end ? json(ag.end->str()) : json(nullptr)}, {"article", ag.article}};
    for (const auto& p : rb.parties) j["parties"].push_back({{"code", p.code}, {"name", p.name}});
    for (const auto& o : rb.offices)
        j["offices"].push_back({{"id", o.id}, {"party", rb.parties[size_t(o.party)].code}, {"name", o.name},
                                {"article", o.article}});
    for (const auto& t : rb.tiers) {
        json req = json::array();
        for (Index f : t.requires_facts) req.push_back(rb.facts[size_t(f)].id);
        j["tiers"].push_back({{"id", t.id}, {"requires", req}, {"text", t.text}, {"article", t.article}});
    }
    for (const auto& s : rb.subjects)
        j["subjects"].push_back({{"id", s.id}, {"principle", s.principle}, {"name", s.name},
                                 {"tier", rb.tier_name(s.tier)}});
    for (const auto& f : rb.facts) j["facts"].push_back({{"id", f.id}, {"text", f.text}, {"article", f.article}});
    for (const auto& a : rb.actors) j["actors"].push_back({{"id", a.id}, {"name", a.name}, {"article", a.article}});
    for (const auto& g : rb.gates) j["gates"].push_back({{"id", g.id}, {"text", g.text}, {"article", g.article}});
    for (const auto& v : rb.votes) {
        json vj = {{"id", v.id},
                   {"electorate", v.electorate == Vote::Electorate::council             ? "council"
                                  : v.electorate == Vote::Electorate::disputing_parties ? "disputing_parties"
                                                                                        : "consulting_parties"},
                   {"rule", v.rule == Vote::Rule::consensus ? "consensus" : "fraction"},
                   {"article", v.article}};
        if (v.rule == Vote::Rule::fraction) vj["fraction"] = {v.numerator, v.denominator};
        j["votes"].push_back(vj);
    }
    for (const auto& s : rb.stages) {
        json sj = {{"id", s.id}, {"name", s.name}, {"actor", s.actor}, {"article", s.article}, {"terminal", s.terminal}};
        if (s.timing) {
            const std::string unit = s.timing->unit == Timing::Unit::business_days ? "business_days" : "days";
            json tj = bounds_json(s.timing->bounds, unit);
            tj["after"] = ids(rb, s.timing->after);
            for (const auto& [n, b] : s.timing->by_parties) tj["parties"][std::to_string(n)] = bounds_json(b, unit);
            if (!s.timing->calendar.empty()) tj["calendar"] = s.timing->calendar;
            if (s.timing->strict) tj["strict"] = true;
            if (!s.timing->extension_by.empty()) tj["extension_by"] = s.timing->extension_by;
            if (!s.timing->met_by.empty()) tj["met_by"] = ids(rb, s.timing->met_by);
            sj["timing"] = tj;
        }
        j["stages"].push_back(sj);
    }
    for (const auto& t : rb.transitions) {
        json guards = json::array();
        for (Index g : t.guards) guards.push_back(rb.gates[size_t(g)].id);
        j["transitions"].push_back({{"from", rb.stages[size_t(t.from)].id},
                                    {"event", t.event},
                                    {"to", rb.stages[size_t(t.to)].id},
                                    {"actor", t.actor},
                                    {"guards", guards},
                                    {"vote", t.vote == kNone ? json(nullptr) : json(rb.votes[size_t(t.vote)].id)},
                                    {"effect", effect_name(t.effect)},
                                    {"side", t.side},
                                    {"article", t.article}});
    }
    j["initial"] = ids(rb, rb.entry_stages);
    if (rb.sectors) j["sectors"] = {{"fact", rb.facts[size_t(rb.sectors->fact)].id}, {"covered", rb.sectors->covered}, {"article", rb.sectors->article}};
    if (rb.cap.defined)
        j["caps"]["assessment"] = {{"fixed_through_year", rb.cap.fixed_through_year},
                                   {"fixed_usd", rb.cap.fixed_usd},
                                   {"trade_fraction", rb.cap.trade_fraction},
                                   {"trade_basis", rb.cap.trade_basis},
                                   {"article", rb.cap.article}};
    return j;
}

json to_json(const Rulebook& rb, const Timeline& tl) {
    json path = json::array();
    for (const auto& step : tl.path) {
        json s = {{"stage", rb.stages[size_t(step.stage)].id},
                  {"day", step.day},
                  {"article", rb.stages[size_t(step.stage)].article},
                  {"how", step.how}};
        if (step.transition != kNone) s["event"] = rb.transitions[size_t(step.transition)].event;
        if (step.date) s["date"] = step.date->str();
        path.push_back(s);
    }
    json j = {{"rulebook", rb.agreement.id},
              {"from", rb.stages[size_t(tl.path.front().stage)].id},
              {"to", rb.stages[size_t(tl.path.back().stage)].id},
              {"case", tl.best ? "best" : "worst"},
              {"disputing_parties", tl.disputing_parties},
              {"days", tl.days},
              {"path", path}};
    if (tl.path.front().date) {
        j["start"] = tl.path.front().date->str();
        j["end"] = tl.path.back().date->str();
    }
    return j;
}

json to_json(const Rulebook& rb, const Admissibility& a) {
    json subjects = json::object();
    for (const auto& s : a.subjects) subjects[rb.subjects[size_t(s.subject)].id] = rb.tier_name(s.tier);
    json reasons = json::array();
    for (const auto& r : a.reasons) {
        json rj = {{"rule", r.rule}, {"article", r.article}, {"text", r.text}, {"limits", r.limits}};
        if (!r.subject.empty()) rj["subject"] = r.subject;
        reasons.push_back(rj);
    }
    return {{"rulebook", rb.agreement.id},
            {"admissible", a.admissible},
            {"tier", rb.tier_name(a.tier)},
            {"subjects", subjects},
            {"reasons", reasons}};
}

json to_json(const CapResult& cap, int year) {
    json j = {{"year", year}, {"cap_usd", cap.cap_usd}, {"fixed", cap.fixed},
              {"explanation", cap.explanation}, {"article", cap.article}};
    if (!cap.fixed) j["trade_usd"] = cap.trade_usd;
    return j;
}

json to_json(const Rulebook& rb, const Deadline& d) {
    json j = {{"stage", rb.stages[size_t(d.stage)].id},
              {"article", rb.stages[size_t(d.stage)].article},
              {"after", rb.stages[size_t(d.anchor_stage)].id},
              {"anchor", d.anchor.str()},
              {"due", d.due.str()},
              {"status", deadline_status_name(d.status)},
              {"extension_days", d.extension_days}};
    if (d.met_on) j["on"] = d.met_on->str();
    return j;
}

json to_json(const Rulebook& rb, const NextStep& s) {
    const Transition& t = rb.transitions[size_t(s.transition)];
    json j = {{"event", t.event},
              {"to", rb.stages[size_t(t.to)].id},
              {"actor", t.actor},
              {"article", t.article},
              {"side", t.side},
              {"earliest", s.earliest.str()}};
    if (s.latest) j["latest"] = s.latest->str();
    if (s.due) j["due"] = s.due->str();
    if (s.blocked_by) j["blocked_by"] = *s.blocked_by;
    if (t.vote != kNone) j["vote"] = rb.votes[size_t(t.vote)].id;
    return j;
}

json to_json(const Refusal& r) {
    return {{"code", std::string(error_name(r.code))}, {"rule", r.rule}, {"article", r.article},
            {"message", r.message}};
}

json case_summary(const Rulebook& rb, const CaseState& state, Date as_of) {
    json j;
    j["rulebook"] = rb.agreement.id;
    j["stage"] = state.filed ? json(rb.stages[size_t(state.current)].id) : json(nullptr);
    j["closed"] = state.filed && rb.stages[size_t(state.current)].terminal;
    j["tier"] = rb.tier_name(case_reach(rb, state, false));
    j["as_of"] = as_of.str();
    j["deadlines"] = json::array();
    for (const auto& d : deadlines(rb, state, as_of)) j["deadlines"].push_back(to_json(rb, d));
    j["next"] = json::array();
    for (const auto& s : next_steps(rb, state)) j["next"].push_back(to_json(rb, s));
    if (state.assessment_usd) j["assessment_unpaid_usd"] = state.assessment_usd;
    if (state.suspended_usd) j["suspended_usd"] = state.suspended_usd;
    return j;
}

}  // namespace accord
