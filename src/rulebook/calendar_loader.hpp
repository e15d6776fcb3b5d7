#pragma once
// Holiday calendars from TOML (calendars/*.toml): one named rule per line. Errors carry
// file:line:column and name the rule.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.hpp"
#include "rulebook/rulebook.hpp"

namespace accord {

Calendar load_calendar_text(std::string_view toml_text, const std::string& source_name);
Calendar load_calendar_file(const std::filesystem::path& path);
// Every *.toml of a folder; an absent folder gives none.
std::vector<Calendar> load_calendars(const std::filesystem::path& dir);

// Gives `rb` the calendars and checks that every business-day timing can find its own: a named
// calendar, or one per Party for respondent / complainant / joint. Throws Error(bad_rulebook).
void attach_calendars(Rulebook& rb, const std::vector<Calendar>& calendars);

}  // namespace accord
