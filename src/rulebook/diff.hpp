#pragma once
// Two rulebooks side by side: scope (subjects by tier), parties and pairs, clocks, votes, remedies
// and caps. What differs, and what only one of them has.
#include <nlohmann/json.hpp>
#include <string>

#include "rulebook/rulebook.hpp"

namespace accord {

nlohmann::json rulebook_diff(const Rulebook& a, const Rulebook& b);
// One line per difference: "scope  freedom_of_association: consultations -> panel".
std::string render_diff(const nlohmann::json& diff);

}  // namespace accord
