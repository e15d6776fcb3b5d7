#pragma once
// Human views of a rulebook, generated from its tables: a procedure table and a Mermaid diagram.
#include <string>

#include "rulebook/rulebook.hpp"

namespace accord {

std::string timing_text(const Rulebook& rb, const Stage& stage);  // "within 120 (+60) after nao_acceptance"
std::string render_text(const Rulebook& rb);
std::string render_mermaid(const Rulebook& rb);

}  // namespace accord
