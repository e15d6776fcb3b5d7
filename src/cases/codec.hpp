#pragma once
// Stored events <-> engine events. A stored event is text that outlives in-memory indexes: the
// event name, its date as recorded (a day, a month, or unknown), the actor, and details naming
// stages, Parties and subjects by id. Decoding needs the rulebook and the state before the event.
#include <optional>
#include <string>

#include "engine/case_state.hpp"
#include "engine/decide.hpp"
#include "store/event_store.hpp"

namespace accord {

// What the engine uses for a recorded date when the stored event does not say (engine_on): the day itself; for a month-only date the first of
// the month (or the previous event's date, if later); for an unknown date the previous event's
// date. Such dates order events but never count as days (see stats).
Date engine_date(const std::string& recorded, Date previous);

// `recorded_on` is the date as known ("1997-01" for a month, "" if unknown); nullopt records the
// command's date.
StoredEvent encode(const Rulebook& rb, const CaseState& before, const Command& command, const Event& event,
                   const std::optional<std::string>& recorded_on = std::nullopt);

// Throws Error(bad_rulebook) if the event names a step the rulebook does not have.
Event decode(const Rulebook& rb, const CaseState& before, const StoredEvent& stored);

// When each stage was first reached, as recorded: `on` only when the record gives the day.
struct StageDates {
    std::vector<bool> reached;
    std::vector<std::optional<Date>> on;
};
StageDates stage_dates(const Rulebook& rb, const std::vector<StoredEvent>& events);

// Replays stored events into a state.
CaseState replay(const Rulebook& rb, const std::vector<StoredEvent>& events);

}  // namespace accord
