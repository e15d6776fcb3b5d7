#pragma once
// JSON views of stored cases, shared by the CLI and the server.
#include <nlohmann/json.hpp>

#include "cases/case_service.hpp"

namespace accord {

nlohmann::json event_json(const StoredEvent& e);
nlohmann::json row_json(const CaseRow& r);
// The case as `accord case show --json` and GET /api/cases/ID give it: the engine's summary
// (stage, tier, deadlines, next steps as of a date), the projection row and the events.
nlohmann::json case_json(const CaseView& v, Date as_of);

}  // namespace accord
