#pragma once
// Open deadlines of a case as an iCalendar (RFC 5545) file of all-day events.
#include <string>

#include "cases/case_service.hpp"

namespace accord {

// `stamp` is the DTSTAMP (UTC, e.g. 20261126T070000Z), given by the caller: nothing here reads the clock.
std::string deadlines_ics(const CaseView& view, Date as_of, const std::string& stamp);

}  // namespace accord
