#include "cases/case_service.hpp"

#include <cstdio>

#include "cases/codec.hpp"
#include "engine/apply.hpp"
#include "engine/deadline.hpp"
#include "engine/decide.hpp"
#include "engine/gates.hpp"

namespace accord {

namespace {

const std::string* detail(const Command& c, const char* key) { return c.detail(key); }

}  // namespace

CaseRow CaseService::project(const Rulebook& rb, const CaseState& s, const std::vector<StoredEvent>& events,
                             CaseRow row) {
    const StageDates dated = stage_dates(rb, events);
    row.rulebook = rb.agreement.id;
    if (s.filed) {
        row.office = rb.offices[size_t(s.office)].id;
        row.respondent = rb.parties[size_t(s.respondent)].code;
        row.subjects.clear();
        for (size_t i = 0; i < rb.subjects.size(); ++i)
            if (s.subjects & (SubjectMask(1) << i)) row.subjects += (row.subjects.empty() ? "" : ";") + rb.subjects[i].id;
        row.stage = rb.stages[size_t(s.current)].id;
        row.closed = rb.stages[size_t(s.current)].terminal;
        if (row.filing_year == 0) row.filing_year = s.filed_on.year();
    }
    row.tier = rb.tier_name(case_reach(rb, s, false));
    row.next_deadline.clear();
    row.next_deadline_stage.clear();
    if (s.filed && !row.closed) {
        for (const auto& d : deadlines(rb, s, s.last_event)) {
            if (d.met_on || !dated.on[size_t(d.anchor_stage)]) continue;
            if (row.next_deadline.empty() || d.due.str() < row.next_deadline) {
                row.next_deadline = d.due.str();
                row.next_deadline_stage = rb.stages[size_t(d.stage)].id;
            }
        }
    }
    row.version = s.events;
    return row;
}

StepOutcome CaseService::file(const std::string& rulebook, const Command& filing, const std::string& request_id,
                              const std::string& recorded_by) {
    const Rulebook& rb = rulebooks_.get(rulebook);
    Command c = filing;
    c.event = rb.filing_event;
    const CaseState empty = empty_state(rb);
    const Decision d = decide(rb, empty, c);
    if (!d.ok()) return {"", 0, false, d.refusal};
    const Event& e = d.events.front();
    const CaseState after = apply(rb, empty, e);
    CaseRow base;
    if (const auto* s = detail(c, "submitter")) base.submitter = *s;
    if (const auto* f = detail(c, "facility")) base.facility = *f;
    base.filed_on = c.on.str();
    base.filing_year = c.on.year();
    base.record = "{}";
    const std::string prefix = rb.offices[size_t(e.office)].id + "-" + std::to_string(c.on.year()) + "-";
    StoredEvent stored = encode(rb, empty, c, e);
    if (!recorded_by.empty()) stored.actor = recorded_by;
    // Numbering races with another writer at worst: the loser's expected version 0 is stale, retry.
    for (int attempt = 0;; ++attempt) {
        char number[24];
        std::snprintf(number, sizeof number, "%04lld", static_cast<long long>(store_.count_with_prefix(prefix) + 1 + attempt));
        const std::string id = prefix + number;
        base.id = id;
        try {
            const AppendResult r = store_.append(id, 0, {stored}, project(rb, after, {stored}, base), request_id);
            if (r.duplicate) {
                // The same request filed a case before: report that case.
                return {"", r.version, true, std::nullopt};
            }
            return {id, r.version, false, std::nullopt};
        } catch (const StaleVersion&) {
            if (attempt >= 20) throw Error(ErrorCode::conflict, "could not number a new case under " + prefix);
        }
    }
}

CaseView CaseService::load(const std::string& case_id) {
    auto row = store_.get(case_id);
    if (!row) throw Error(ErrorCode::not_found, "no case '" + case_id + "'");
    CaseView v;
    v.row = std::move(*row);
    v.rulebook = &rulebooks_.get(v.row.rulebook);
    v.events = store_.load(case_id);
    v.state = replay(*v.rulebook, v.events);
    return v;
}

StepOutcome CaseService::step(const std::string& case_id, const Command& command, std::optional<int64_t> expected,
                              const std::string& request_id, const std::string& recorded_by) {
    return step(load(case_id), command, expected, request_id, recorded_by);
}

StepOutcome CaseService::step(const CaseView& v, const Command& command, std::optional<int64_t> expected,
                              const std::string& request_id, const std::string& recorded_by) {
    const std::string& case_id = v.row.id;
    const int64_t version = int64_t(v.events.size());
    if (expected && *expected != version)
        throw Error(ErrorCode::conflict, "case " + case_id + " is at version " + std::to_string(version) + ", not " +
                                             std::to_string(*expected) + ": reload and retry");
    const Rulebook& rb = *v.rulebook;
    const Decision d = decide(rb, v.state, command);
    if (!d.ok()) return {case_id, version, false, d.refusal};
    std::vector<StoredEvent> stored;
    CaseState s = v.state;
    for (const auto& e : d.events) {
        stored.push_back(encode(rb, s, command, e));
        if (!recorded_by.empty()) stored.back().actor = recorded_by;
        apply_in_place(rb, s, e);
    }
    std::vector<StoredEvent> all = v.events;
    all.insert(all.end(), stored.begin(), stored.end());
    try {
        const AppendResult r = store_.append(case_id, version, stored, project(rb, s, all, v.row), request_id);
        return {case_id, r.version, r.duplicate, std::nullopt};
    } catch (const StaleVersion& e) {
        throw Error(ErrorCode::conflict, e.what());
    }
}

}  // namespace accord
