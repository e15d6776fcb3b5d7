#pragma once
// Deadlines computed from event dates (never from the clock): when a timing rule's anchor has been
// reached, its stage is due by a date; as of any date it is open, met or missed.
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "engine/case_state.hpp"

namespace accord {

// The latest reached anchor of `timing`, or {kNone, kNever}.
std::pair<Index, Date> timing_anchor(const CaseState& state, const Timing& timing);

// The calendar a business-day timing counts on for this case.
Calendar timing_calendar(const Rulebook& rb, const CaseState& state, const Timing& timing);

// `anchor` moved by `n` units of `timing` (calendar or business days).
Date timing_offset(const Rulebook& rb, const CaseState& state, const Timing& timing, Date anchor, int n);

// The due date of stage `stage`'s deadline anchored at `anchor`, with extensions granted so far;
// kNever if its timing has no `within`.
Date due_date(const Rulebook& rb, const CaseState& state, Index stage, Date anchor);

struct Deadline {
    enum class Status { open, met, missed };
    Index stage = kNone;
    Index anchor_stage = kNone;
    Date anchor;
    Date due;
    int32_t extension_days = 0;
    Status status = Status::open;
    std::optional<Date> met_on;  // the date the step happened, late or not
};

std::string_view deadline_status_name(Deadline::Status s);

// Every deadline whose anchor has been reached: met and missed ones, and the open ones of steps the
// case can still take. Deadlines of branches the case did not take are left out.
std::vector<Deadline> deadlines(const Rulebook& rb, const CaseState& state, Date as_of);

// Whether the case can still reach `stage` from where it stands (ignoring dates and gates).
bool stage_pending(const Rulebook& rb, const CaseState& state, Index stage);

}  // namespace accord
