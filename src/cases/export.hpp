#pragma once
// Every stored case with its events, for other tools: JSON (one object per case) or CSV (one row
// per event). The same for `accord export` and GET /api/export.
#include <nlohmann/json.hpp>
#include <ostream>

#include "store/event_store.hpp"

namespace accord {

// {"cases": [{"id", "rulebook", ..., "record": {...}, "events": [...]}]}
nlohmann::json export_json(EventStore& store, const CaseFilter& filter);

// Header line, then one row per event, RFC 4180 quoting.
void export_csv(EventStore& store, const CaseFilter& filter, std::ostream& out);

}  // namespace accord
