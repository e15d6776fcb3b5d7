#include "cases/case_json.hpp"

#include "json/json.hpp"

namespace accord {

using nlohmann::json;

json event_json(const StoredEvent& e) {
    json details = json::parse(e.details.empty() ? "{}" : e.details, nullptr, false);
    if (details.is_discarded()) details = json::object();
    details.erase("engine_on");
    return {{"seq", e.seq}, {"event", e.name}, {"on", e.on.empty() ? json(nullptr) : json(e.on)},
            {"actor", e.actor}, {"details", details}, {"recorded_at", e.recorded_at}};
}

json row_json(const CaseRow& r) {
    json record = json::parse(r.record.empty() ? "{}" : r.record, nullptr, false);
    return {{"id", r.id},
            {"rulebook", r.rulebook},
            {"office", r.office},
            {"respondent", r.respondent},
            {"subjects", r.subjects},
            {"submitter", r.submitter},
            {"facility", r.facility},
            {"filed_on", r.filed_on},
            {"stage", r.stage},
            {"closed", r.closed},
            {"tier", r.tier},
            {"next_deadline", r.next_deadline.empty() ? json(nullptr) : json(r.next_deadline)},
            {"next_deadline_stage", r.next_deadline_stage},
            {"version", r.version},
            {"findings", record.is_object() && record.contains("findings") ? record["findings"] : json::array()}};
}

json case_json(const CaseView& v, Date as_of) {
    json j = case_summary(*v.rulebook, v.state, as_of);
    j["case"] = row_json(v.row);
    j["events"] = json::array();
    for (const auto& e : v.events) j["events"].push_back(event_json(e));
    return j;
}

}  // namespace accord
