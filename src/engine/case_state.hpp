#pragma once
// The state of one case and the events that change it. State is a plain value: loading a case is
// folding its events through apply() (apply.hpp), the same function that records new ones.
#include <array>
#include <climits>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/date.hpp"
#include "rulebook/rulebook.hpp"

namespace accord {

constexpr Date kNever = Date::from_serial(INT32_MIN);
constexpr size_t kMaxFacts = 16;

enum class FactValue : uint8_t { unknown, yes, no };
std::string_view fact_value_name(FactValue v);

struct Event {
    enum class Kind : uint8_t { filed, stepped, deadline_extended, fact_recorded };
    Kind kind = Kind::stepped;
    Date on;
    Index transition = kNone;  // stepped
    Index stage = kNone;       // deadline_extended: whose deadline moves
    Index fact = kNone;        // fact_recorded
    FactValue value = FactValue::unknown;
    int32_t days = 0;          // deadline_extended
    int64_t amount_usd = 0;    // assessments and suspensions
    PartyMask parties = 0;     // votes in favour; the joining Party
    // filed
    Index office = kNone;
    Index respondent = kNone;
    SubjectMask subjects = 0;
    std::array<FactValue, kMaxFacts> facts{};
    Index entry = kNone;       // filed: the entry stage (kNone: the rulebook's initial stage)
};

struct CaseState {
    bool filed = false;
    Index current = kNone;
    Index office = kNone;
    Index respondent = kNone;
    PartyMask complainants = 0;
    PartyMask disputing = 0;
    SubjectMask subjects = 0;
    std::array<FactValue, kMaxFacts> facts{};
    std::vector<Date> reached;       // per stage: latest date reached, or kNever
    std::vector<int32_t> extension;  // per stage: days of extension granted on its current deadline
    std::vector<Date> due;           // per stage: due date of its open deadline, or kNever
    Date filed_on = kNever;
    Date last_event = kNever;
    int64_t assessment_usd = 0;      // imposed and unpaid
    int64_t suspended_usd = 0;       // benefits suspended to collect it
    Date assessment_on = kNever;
    uint32_t events = 0;

    bool has_reached(Index stage) const { return reached[size_t(stage)] != kNever; }
    int disputing_parties() const { return __builtin_popcount(disputing); }
};

// An empty state sized for `rb`, ready for the filing event.
CaseState empty_state(const Rulebook& rb);

// A command as a person gives it: an event name, a date, who acts, and details
// (office, respondent, subjects, facts for a filing; for=US,MX for votes; amount_usd; stage and
// days for an extension; fact and value for a recorded fact; party for a joining Party).
struct Command {
    std::string event;
    Date on;
    std::string actor;
    std::vector<std::pair<std::string, std::string>> details;

    const std::string* detail(std::string_view key) const;
};

// Built-in events every rulebook understands besides its own transitions.
inline constexpr std::string_view kExtendDeadline = "extend_deadline";
inline constexpr std::string_view kRecordFact = "record_fact";

}  // namespace accord
