#pragma once
// Checks of a loaded rulebook's structure: what loading alone cannot see.
#include <string>
#include <vector>

#include "rulebook/rulebook.hpp"

namespace accord {

struct Finding {
    enum class Severity { error, warning };
    Severity severity;
    SourcePos pos;
    std::string message;
};

// Unreachable stages, dead ends, timings anchored on a stage that can never come before theirs,
// extensions on a timing with no deadline.
std::vector<Finding> static_checks(const Rulebook& rb);

}  // namespace accord
