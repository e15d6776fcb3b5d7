#pragma once
// Stored events <-> engine events. A stored event is text that outlives in-memory indexes: the
// event name, its date as recorded (a day, a month, or unknown), the actor, and details naming
// stages, Parties and subjects by id. Decoding needs the rulebook and the state before the event.
#include <string>

#include "engine/case_state.hpp"
#include "engine/decide.hpp"
#include "store/event_store.hpp"

namespace accord {

// What the engine uses for a recorded date: the day itself; for a month-only date the first of
// the month (or the previous event's date, if later); for an unknown date the previous event's
// date. Such dates order events but never count as days (see stats).
Date engine_date(const std::string& recorded, Date previous);

// `recorded_on` is the date as known ("1997-01" for a month); empty uses the command's date.
StoredEvent encode(const Rulebook& rb, const CaseState& before, const Command& command, const Event& event,
                   const std::string& recorded_on = "");

// Throws Error(bad_rulebook) if the event names a step the rulebook does not have.
Event decode(const Rulebook& rb, const CaseState& before, const StoredEvent& stored);

// Replays stored events into a state.
CaseState replay(const Rulebook& rb, const std::vector<StoredEvent>& events);

}  // namespace accord
