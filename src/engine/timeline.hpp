#pragma once
// Statutory timelines between two stages under the spec's convention: along the shortest path
// (fewest steps), every bounded step takes its upper bound (worst case) or its lower bound (best
// case); steps not on the path do not delay it.
#include <optional>
#include <string>
#include <vector>

#include "rulebook/rulebook.hpp"

namespace accord {

struct TimelineOptions {
    bool best = false;
    int disputing_parties = 0;        // 0: the rulebook's default
    std::optional<Date> start;        // gives dates; needed when business days are on the path
    std::vector<Index> via;           // stages the path must pass through, in order
    Index respondent = kNone;         // calendars for business days
    Index office = kNone;
};

struct TimelineStep {
    Index stage = kNone;
    Index transition = kNone;  // kNone for the starting stage
    int day = 0;
    std::optional<Date> date;
    std::string how;           // "within 120 + 60 extension after nao_acceptance"
};

struct Timeline {
    int days = 0;
    int disputing_parties = 2;
    bool best = false;
    std::vector<TimelineStep> path;
};

// Throws Error(bad_argument) if no path leads from `from` to `to`, or if business days need a start.
Timeline statutory_timeline(const Rulebook& rb, Index from, Index to, const TimelineOptions& options);

}  // namespace accord
