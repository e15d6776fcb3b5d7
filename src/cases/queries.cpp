#include "cases/queries.hpp"

#include <algorithm>
#include <sstream>

#include "core/error.hpp"
#include "rulebook/override.hpp"

namespace accord {

namespace {

Date date_field(const std::string& name, const std::string& text) {
    if (auto d = Date::parse(text)) return *d;
    throw Error(ErrorCode::bad_date, name + ": impossible date '" + text + "' (expected YYYY-MM-DD)");
}

FactValue yes_no(const std::string& v) {
    if (v == "yes") return FactValue::yes;
    if (v == "no") return FactValue::no;
    return FactValue::unknown;
}

Index stage_or_throw(const Rulebook& rb, const std::string& id) {
    const Index s = rb.stage_index(id);
    if (s == kNone) throw Error(ErrorCode::unknown_stage, "unknown stage '" + id + "' in " + rb.agreement.id);
    return s;
}

}  // namespace

CheckAnswer run_check(RulebookRegistry& reg, const CheckRequest& a) {
    Submission sub;
    const Rulebook* chosen = nullptr;
    if (a.rulebook == "auto") {
        // The law as of the filing date: the agreement in force then, with its office for the Party.
        if (a.filed.empty()) throw Error(ErrorCode::bad_argument, "--rulebook auto needs --filed DATE");
        const Date filed = date_field("--filed", a.filed);
        const auto choice = reg.in_force(filed, a.office);
        if (!choice)
            throw Error(ErrorCode::not_in_force, "no agreement in force on " + filed.str() + " has an office for '" + a.office + "'");
        chosen = choice->rulebook;
        sub.office = choice->office;
    } else {
        chosen = &reg.get(a.rulebook);
        sub.office = chosen->office_index(a.office);
    }
    const Rulebook& rb = *chosen;
    if (sub.office == kNone) throw Error(ErrorCode::bad_argument, "unknown office '" + a.office + "' in " + rb.agreement.id);
    sub.respondent = rb.party_index(a.respondent);
    if (sub.respondent == kNone)
        throw Error(ErrorCode::bad_argument, "unknown respondent Party '" + a.respondent + "' in " + rb.agreement.id);
    std::string list = a.subjects;
    for (char& c : list) if (c == ';') c = ',';
    std::stringstream ss(list);
    for (std::string s; std::getline(ss, s, ',');) {
        if (s.empty()) continue;
        const Index i = rb.subject_index(s);
        if (i == kNone) throw Error(ErrorCode::unknown_subject, "unknown subject '" + s + "' in " + rb.agreement.id);
        sub.subjects |= SubjectMask(1) << i;
    }
    if (!sub.subjects) throw Error(ErrorCode::bad_argument, "--subjects: give at least one subject");
    auto set_fact = [&](const std::string& id, const std::string& value) {
        if (value.empty()) return;
        const Index f = rb.fact_index(id);
        if (f == kNone) throw Error(ErrorCode::unknown_key, "unknown fact '" + id + "' in " + rb.agreement.id);
        if (value != "yes" && value != "no") throw Error(ErrorCode::bad_argument, id + ": expected yes or no");
        sub.facts[size_t(f)] = yes_no(value);
    };
    for (const auto& [id, value] : a.facts) set_fact(id, value);
    std::optional<Reason> sector_reason;
    if (!a.sector.empty()) {
        if (!rb.sectors) throw Error(ErrorCode::bad_argument, "--sector: " + rb.agreement.id + " does not scope cases by sector");
        const auto& s = *rb.sectors;
        const bool covered = s.covers(a.sector);
        sub.facts[size_t(s.fact)] = covered ? FactValue::yes : FactValue::no;
        if (!covered) {
            std::string list;
            for (const auto& c : s.covered) list += (list.empty() ? "" : ", ") + c;
            sector_reason = Reason{"", rb.facts[size_t(s.fact)].id, s.article,
                                   "sector '" + a.sector + "' is not a priority sector (" + list + ")"};
        }
    }
    if (!a.filed.empty()) sub.filed_on = date_field("--filed", a.filed);
    CheckAnswer answer{&rb, sub.office, check_admissibility(rb, sub)};
    if (sector_reason) answer.result.reasons.insert(answer.result.reasons.begin(), *sector_reason);
    return answer;
}

TimelineAnswer run_timeline(RulebookRegistry& reg, const TimelineRequest& a) {
    TimelineAnswer answer{reg.get(a.rulebook), {}};
    Rulebook& rb = answer.rulebook;
    for (const auto& o : a.overrides) apply_override(rb, o);
    TimelineOptions o;
    o.best = a.best;
    o.disputing_parties = a.parties;
    // Business days count on the respondent's (or the complainant's) calendar: the rulebook's
    // convention unless the request names them.
    const std::string respondent = a.respondent.empty() ? rb.timeline_respondent : a.respondent;
    if (!respondent.empty()) {
        o.respondent = rb.party_index(respondent);
        if (o.respondent == kNone) throw Error(ErrorCode::bad_argument, "--respondent: unknown Party '" + respondent + "'");
    }
    const std::string office = a.office.empty() ? rb.timeline_office : a.office;
    if (!office.empty()) {
        o.office = rb.office_index(office);
        if (o.office == kNone) throw Error(ErrorCode::bad_argument, "--office: unknown office '" + office + "'");
    }
    if (!a.start.empty()) o.start = date_field("--start", a.start);
    const Index from = stage_or_throw(rb, a.from);
    for (const auto& v : a.via) o.via.push_back(stage_or_throw(rb, v));
    const Index to = stage_or_throw(rb, a.to);
    answer.timeline = statutory_timeline(rb, from, to, o);
    return answer;
}

}  // namespace accord
