#pragma once
// The engine's questions as requests of named text fields, answered the same way for the CLI and
// the server: admissibility and reach of a draft submission, and statutory timelines.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/admissibility.hpp"
#include "engine/timeline.hpp"
#include "rulebook/registry.hpp"

namespace accord {

struct CheckRequest {
    std::string rulebook;   // a name, or "auto": the agreement in force on `filed`
    std::string office, respondent;
    std::string subjects;   // comma- or semicolon-separated
    std::vector<std::pair<std::string, std::string>> facts;  // fact id -> yes|no
    std::string sector;
    std::string filed;      // YYYY-MM-DD, optional unless rulebook is auto
};

struct CheckAnswer {
    const Rulebook* rulebook = nullptr;
    Index office = kNone;
    Admissibility result;
};

// Throws Error naming the field at fault.
CheckAnswer run_check(RulebookRegistry& rulebooks, const CheckRequest& request);

struct TimelineRequest {
    std::string rulebook, from, to;
    bool best = false;
    int parties = 0;
    std::vector<std::string> overrides;  // STAGE.KEY=VALUE
    std::vector<std::string> via;
    std::string start, respondent, office;
};

struct TimelineAnswer {
    Rulebook rulebook;  // with the overrides applied
    Timeline timeline;
};

TimelineAnswer run_timeline(RulebookRegistry& rulebooks, const TimelineRequest& request);

}  // namespace accord
