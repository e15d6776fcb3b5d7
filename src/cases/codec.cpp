#include "cases/codec.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "engine/apply.hpp"

namespace accord {

using nlohmann::json;

namespace {

std::string parties_text(const Rulebook& rb, PartyMask mask) {
    std::string out;
    for (size_t p = 0; p < rb.parties.size(); ++p)
        if (mask & (1u << p)) out += (out.empty() ? "" : ",") + rb.parties[p].code;
    return out;
}

PartyMask parties_mask(const Rulebook& rb, const std::string& text) {
    PartyMask mask = 0;
    size_t from = 0;
    while (from <= text.size()) {
        const size_t comma = text.find(',', from);
        const std::string code = text.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
        if (!code.empty()) {
            const Index p = rb.party_index(code);
            if (p == kNone) throw Error(ErrorCode::bad_rulebook, "stored event names unknown Party '" + code + "'");
            mask |= PartyMask(1u << p);
        }
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
    return mask;
}

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Date engine_date(const std::string& recorded, Date previous) {
    if (auto d = Date::parse(recorded)) return *d;
    if (recorded.size() == 7) {
        if (auto first = Date::parse(recorded + "-01")) return previous == kNever ? *first : std::max(*first, previous);
    }
    return previous;
}

StoredEvent encode(const Rulebook& rb, const CaseState& before, const Command& c, const Event& e,
                   const std::optional<std::string>& recorded_on) {
    StoredEvent s;
    s.on = recorded_on ? *recorded_on : c.on.str();
    s.actor = c.actor;
    json d = json::object();
    switch (e.kind) {
        case Event::Kind::filed: {
            s.name = rb.filing_event;
            d["office"] = rb.offices[size_t(e.office)].id;
            d["respondent"] = rb.parties[size_t(e.respondent)].code;
            std::string subjects;
            for (size_t i = 0; i < rb.subjects.size(); ++i)
                if (e.subjects & (SubjectMask(1) << i)) subjects += (subjects.empty() ? "" : ";") + rb.subjects[i].id;
            d["subjects"] = subjects;
            if (e.entry != kNone) d["stage"] = rb.stages[size_t(e.entry)].id;
            for (size_t f = 0; f < rb.facts.size(); ++f)
                if (e.facts[f] != FactValue::unknown) d[rb.facts[f].id] = std::string(fact_value_name(e.facts[f]));
            // Details the engine does not use (submitter, facility, ...) are kept as given.
            for (const auto& [k, v] : c.details)
                if (!d.contains(k)) d[k] = v;
            break;
        }
        case Event::Kind::stepped: {
            const Transition& t = rb.transitions[size_t(e.transition)];
            s.name = t.event;
            d["from"] = rb.stages[size_t(t.from)].id;
            d["to"] = rb.stages[size_t(t.to)].id;
            if (e.amount_usd) d["amount_usd"] = std::to_string(e.amount_usd);
            if (e.parties) d["parties"] = parties_text(rb, e.parties);
            for (const auto& [k, v] : c.details)
                if (!d.contains(k)) d[k] = v;
            break;
        }
        case Event::Kind::deadline_extended:
            s.name = std::string(kExtendDeadline);
            d["stage"] = rb.stages[size_t(e.stage)].id;
            d["days"] = std::to_string(e.days);
            break;
        case Event::Kind::fact_recorded:
            s.name = std::string(kRecordFact);
            d["fact"] = rb.facts[size_t(e.fact)].id;
            d["value"] = std::string(fact_value_name(e.value));
            break;
    }
    (void)before;
    // An imprecise recorded date keeps the date the engine used, so replay rebuilds the same state.
    if (s.on != c.on.str()) d["engine_on"] = c.on.str();
    s.details = d.dump();
    return s;
}

Event decode(const Rulebook& rb, const CaseState& before, const StoredEvent& s) {
    const json d = json::parse(s.details.empty() ? "{}" : s.details, nullptr, false);
    if (d.is_discarded() || !d.is_object())
        throw Error(ErrorCode::bad_rulebook, "event " + std::to_string(s.seq) + " has malformed details");
    auto fail = [&](const std::string& why) -> Error {
        return Error(ErrorCode::bad_rulebook, "event " + std::to_string(s.seq) + " (" + s.name + "): " + why +
                                                  " in " + rb.agreement.id);
    };
    Event e;
    if (const auto engine_on = Date::parse(str(d, "engine_on"))) e.on = *engine_on;
    else e.on = engine_date(s.on, before.last_event);
    if (s.name == rb.filing_event) {
        e.kind = Event::Kind::filed;
        e.office = rb.office_index(str(d, "office"));
        e.respondent = rb.party_index(str(d, "respondent"));
        if (e.office == kNone || e.respondent == kNone) throw fail("unknown office or respondent");
        std::string subjects = str(d, "subjects");
        size_t from = 0;
        while (from < subjects.size()) {
            const size_t cut = subjects.find(';', from);
            const std::string id = subjects.substr(from, cut == std::string::npos ? std::string::npos : cut - from);
            const Index i = rb.subject_index(id);
            if (i == kNone) throw fail("unknown subject '" + id + "'");
            e.subjects |= SubjectMask(1) << i;
            if (cut == std::string::npos) break;
            from = cut + 1;
        }
        if (const auto entry = str(d, "stage"); !entry.empty()) {
            e.entry = rb.stage_index(entry);
            if (e.entry == kNone) throw fail("unknown entry stage '" + entry + "'");
        }
        for (size_t f = 0; f < rb.facts.size(); ++f) {
            const std::string v = str(d, rb.facts[f].id.c_str());
            e.facts[f] = v == "yes" ? FactValue::yes : v == "no" ? FactValue::no : FactValue::unknown;
        }
        return e;
    }
    if (s.name == kExtendDeadline) {
        e.kind = Event::Kind::deadline_extended;
        e.stage = rb.stage_index(str(d, "stage"));
        if (e.stage == kNone) throw fail("unknown stage '" + str(d, "stage") + "'");
        e.days = std::stoi(str(d, "days").empty() ? "0" : str(d, "days"));
        return e;
    }
    if (s.name == kRecordFact) {
        e.kind = Event::Kind::fact_recorded;
        e.fact = rb.fact_index(str(d, "fact"));
        if (e.fact == kNone) throw fail("unknown fact '" + str(d, "fact") + "'");
        const std::string v = str(d, "value");
        e.value = v == "yes" ? FactValue::yes : v == "no" ? FactValue::no : FactValue::unknown;
        return e;
    }
    e.kind = Event::Kind::stepped;
    const Index from = rb.stage_index(str(d, "from"));
    for (size_t t = 0; t < rb.transitions.size(); ++t)
        if (rb.transitions[t].from == from && rb.transitions[t].event == s.name) e.transition = Index(t);
    if (e.transition == kNone) throw fail("no transition '" + s.name + "' from stage '" + str(d, "from") + "'");
    if (const auto a = str(d, "amount_usd"); !a.empty()) e.amount_usd = std::stoll(a);
    if (const auto p = str(d, "parties"); !p.empty()) e.parties = parties_mask(rb, p);
    return e;
}

StageDates stage_dates(const Rulebook& rb, const std::vector<StoredEvent>& events) {
    StageDates r{std::vector<bool>(rb.stages.size(), false), std::vector<std::optional<Date>>(rb.stages.size())};
    for (const auto& e : events) {
        const json d = json::parse(e.details.empty() ? "{}" : e.details, nullptr, false);
        if (!d.is_object()) continue;
        Index stage = kNone;
        if (e.name == rb.filing_event) stage = str(d, "stage").empty() ? rb.initial_stage : rb.stage_index(str(d, "stage"));
        else if (!str(d, "to").empty()) stage = rb.stage_index(str(d, "to"));
        if (stage == kNone || r.reached[size_t(stage)]) continue;
        r.reached[size_t(stage)] = true;
        r.on[size_t(stage)] = Date::parse(e.on);
    }
    return r;
}

CaseState replay(const Rulebook& rb, const std::vector<StoredEvent>& events) {
    CaseState s = empty_state(rb);
    for (const auto& stored : events) apply_in_place(rb, s, decode(rb, s, stored));
    return s;
}

}  // namespace accord
