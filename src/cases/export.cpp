#include "cases/export.hpp"

#include "core/csv.hpp"

namespace accord {

using nlohmann::json;

json export_json(EventStore& store, const CaseFilter& filter) {
    json out = json::array();
    for (const auto& r : store.list(filter)) {
        json c = {{"id", r.id}, {"rulebook", r.rulebook}, {"office", r.office}, {"respondent", r.respondent},
                  {"subjects", r.subjects}, {"submitter", r.submitter}, {"facility", r.facility},
                  {"filed_on", r.filed_on}, {"stage", r.stage}, {"closed", r.closed}, {"version", r.version},
                  {"record", json::parse(r.record.empty() ? "{}" : r.record, nullptr, false)}};
        c["events"] = json::array();
        for (const auto& e : store.load(r.id))
            c["events"].push_back({{"seq", e.seq}, {"event", e.name}, {"on", e.on}, {"actor", e.actor},
                                   {"details", json::parse(e.details, nullptr, false)},
                                   {"recorded_at", e.recorded_at}});
        out.push_back(c);
    }
    return {{"cases", out}};
}

void export_csv(EventStore& store, const CaseFilter& filter, std::ostream& out) {
    out << "case_id,rulebook,office,respondent,subjects,stage,seq,event,on,actor,details,recorded_at\n";
    for (const auto& r : store.list(filter))
        for (const auto& e : store.load(r.id))
            out << csv_field(r.id) << ',' << csv_field(r.rulebook) << ',' << csv_field(r.office) << ','
                << csv_field(r.respondent) << ',' << csv_field(r.subjects) << ',' << csv_field(r.stage) << ','
                << e.seq << ',' << csv_field(e.name) << ',' << csv_field(e.on) << ',' << csv_field(e.actor) << ','
                << csv_field(e.details) << ',' << csv_field(e.recorded_at) << '\n';
}

}  // namespace accord
