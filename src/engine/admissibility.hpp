#pragma once
// Admissibility and reach of a draft submission: is it admissible, and how far can each subject
// go given the gate facts, with the article behind every limit.
#include <optional>
#include <string>
#include <vector>

#include "engine/case_state.hpp"

namespace accord {

struct Submission {
    Index office = kNone;
    Index respondent = kNone;
    SubjectMask subjects = 0;
    std::array<FactValue, kMaxFacts> facts{};
    std::optional<Date> filed_on;
};

struct Reason {
    std::string subject;  // empty for reasons about the whole submission
    std::string rule;     // gate, fact or tier id
    std::string article;
    std::string text;
    bool limits = true;   // false: a condition still to be shown (an unknown fact), not a limit
};

struct SubjectReach {
    Index subject = kNone;
    int tier = 0;
};

struct Admissibility {
    bool admissible = false;
    int tier = 0;
    std::vector<SubjectReach> subjects;
    std::vector<Reason> reasons;
};

Admissibility check_admissibility(const Rulebook& rb, const Submission& submission);

}  // namespace accord
