#pragma once
// The clock, read only at the edges (the CLI and the server) and passed in: the engine never
// reads it.
#include <string>

#include "core/date.hpp"

namespace accord {

// Today (UTC).
Date today();
// Now as an iCalendar UTC stamp (YYYYMMDDTHHMMSSZ).
std::string utc_stamp();

}  // namespace accord
