#pragma once
// accord stats: per office, the rulebook's measures over the stored cases (actual) beside the
// statutory figure computed from the rulebook.
#include <nlohmann/json.hpp>

#include "rulebook/registry.hpp"
#include "store/event_store.hpp"

namespace accord {

// {"offices": {"US-NAO": {"rulebook": ..., "cases": 20, "median_days_to_decision": 59.5,
//   "median_days_to_decision_n": 12, "statutory_days_to_decision": 60, ...}}}
nlohmann::json case_stats(EventStore& store, RulebookRegistry& rulebooks);

}  // namespace accord
