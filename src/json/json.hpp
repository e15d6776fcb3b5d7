#pragma once
// JSON views of rulebooks and engine results, shared by the CLI (--json) and the server.
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "engine/admissibility.hpp"
#include "engine/assessment_cap.hpp"
#include "engine/deadline.hpp"
#include "engine/next_steps.hpp"
#include "engine/timeline.hpp"

namespace accord {

nlohmann::json to_json(const Rulebook& rb);
nlohmann::json to_json(const Rulebook& rb, const Timeline& tl);
nlohmann::json to_json(const Rulebook& rb, const Admissibility& a);
nlohmann::json to_json(const CapResult& cap, int year);
nlohmann::json to_json(const Rulebook& rb, const Deadline& d);
nlohmann::json to_json(const Rulebook& rb, const NextStep& s);
nlohmann::json to_json(const Refusal& r);
// The case as the engine sees it: stage, reachable tier, deadlines and next steps as of a date.
nlohmann::json case_summary(const Rulebook& rb, const CaseState& state, Date as_of);

}  // namespace accord
