#pragma once
// What-if overrides of a rulebook's timings: "STAGE.KEY=VALUE", e.g. ece_draft_report.within_days=100,
// panel_selected.parties.3.within_days=60, panel_reconvened_plan.window_days=[30,90].
#include <string_view>

#include "rulebook/rulebook.hpp"

namespace accord {

// Throws Error(unknown_stage) or Error(unknown_key) or Error(bad_argument) with a one-line reason.
void apply_override(Rulebook& rb, std::string_view assignment);

}  // namespace accord
