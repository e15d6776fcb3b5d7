#include "rulebook/calendar_loader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "core/error.hpp"
#include "core/toml_text.hpp"

namespace accord {

namespace {

[[noreturn]] void fail(const std::string& source, const toml::node* at, const std::string& message) {
    toml_fail(ErrorCode::bad_rulebook, source, at, message);
}

unsigned weekday_of(const std::string& source, const toml::node* at, const std::string& where, std::string_view name) {
    static const char* names[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (unsigned i = 0; i < 7; ++i)
        if (name == names[i]) return i;
    fail(source, at, where + ": unknown weekday '" + std::string(name) + "'");
}

// "MM-DD" to month and day (checked against a leap year, so 02-29 is allowed and 02-30 is not).
std::pair<unsigned, unsigned> month_day(const std::string& source, const toml::node* at, const std::string& where,
                                        std::string_view text) {
    if (text.size() != 5 || text[2] != '-' || !Date::parse("2000-" + std::string(text)))
        fail(source, at, where + ": '" + std::string(text) + "' is not a MM-DD day of the year");
    return {unsigned(std::stoi(std::string(text.substr(0, 2)))), unsigned(std::stoi(std::string(text.substr(3, 2))))};
}

}  // namespace

Calendar load_calendar_text(std::string_view text, const std::string& source) {
    const toml::table root = parse_toml(text, source, ErrorCode::bad_rulebook);
    toml_only_keys(ErrorCode::bad_rulebook, source, root, "calendar",
                   {"format", "id", "name", "source", "first_year", "last_year", "holidays"});
    if (root["format"].value_or<int64_t>(0) != 1) fail(source, &root, "calendar: 'format = 1' is required");
    const auto id = root["id"].value<std::string>();
    if (!id || id->empty()) fail(source, &root, "calendar: missing 'id' (a Party code or a name)");
    const toml::array* list = root["holidays"].as_array();
    if (!list) fail(source, &root, "calendar: missing 'holidays'");
    std::vector<HolidayRule> rules;
    for (size_t i = 0; i < list->size(); ++i) {
        const toml::table* t = (*list)[i].as_table();
        if (!t) fail(source, &(*list)[i], "holidays[" + std::to_string(i) + "]: expected a table");
        HolidayRule r;
        r.name = (*t)["name"].value_or(std::string());
        const std::string where = "holidays[" + std::to_string(i) + "]" + (r.name.empty() ? "" : " (" + r.name + ")");
        if (r.name.empty()) fail(source, t, where + ": missing 'name'");
        toml_only_keys(ErrorCode::bad_rulebook, source, *t, where,
                       {"name", "date", "month", "weekday", "nth", "on_or_before", "easter", "observed", "from", "to", "every"});
        if (auto date = (*t)["date"].value<std::string>()) {
            r.kind = HolidayRule::Kind::fixed;
            std::tie(r.month, r.day) = month_day(source, t->get("date"), where, *date);
        } else if (auto easter = (*t)["easter"].value<int64_t>()) {
            r.kind = HolidayRule::Kind::easter_offset;
            if (*easter < -60 || *easter > 60) fail(source, t->get("easter"), where + ": easter offset out of range");
            r.easter_offset = int(*easter);
        } else if (auto weekday = (*t)["weekday"].value<std::string>()) {
            r.weekday = weekday_of(source, t->get("weekday"), where, *weekday);
            if (auto before = (*t)["on_or_before"].value<std::string>()) {
                r.kind = HolidayRule::Kind::weekday_on_or_before;
                std::tie(r.month, r.day) = month_day(source, t->get("on_or_before"), where, *before);
            } else {
                const auto month = (*t)["month"].value<int64_t>();
                if (!month || *month < 1 || *month > 12) fail(source, t, where + ": a weekday rule needs month = 1..12 and nth");
                r.month = unsigned(*month);
                if ((*t)["nth"].value<std::string>() == std::optional<std::string>("last")) {
                    r.kind = HolidayRule::Kind::last_weekday;
                } else {
                    const auto nth = (*t)["nth"].value<int64_t>();
                    if (!nth || *nth < 1 || *nth > 5) fail(source, t, where + ": nth must be 1..5 or \"last\"");
                    r.kind = HolidayRule::Kind::nth_weekday;
                    r.nth = unsigned(*nth);
                }
            }
        } else {
            fail(source, t, where + ": unknown holiday rule: give date = \"MM-DD\", month + weekday + nth, "
                                    "weekday + on_or_before, or easter = OFFSET");
        }
        const std::string observed = (*t)["observed"].value_or(std::string("as_is"));
        if (observed == "as_is") r.observed = HolidayRule::Observed::as_is;
        else if (observed == "nearest_weekday") r.observed = HolidayRule::Observed::nearest_weekday;
        else if (observed == "next_weekday") r.observed = HolidayRule::Observed::next_weekday;
        else fail(source, t->get("observed"), where + ": observed must be as_is, nearest_weekday or next_weekday");
        r.first_year = int((*t)["from"].value_or<int64_t>(1));
        r.last_year = int((*t)["to"].value_or<int64_t>(9999));
        r.every = int((*t)["every"].value_or<int64_t>(1));
        if (r.first_year > r.last_year || r.every < 1) fail(source, t, where + ": from/to/every do not make a range");
        rules.push_back(std::move(r));
    }
    return Calendar(*id, std::move(rules));
}

Calendar load_calendar_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::io, path.string() + ": cannot open calendar");
    std::stringstream buf;
    buf << in.rdbuf();
    return load_calendar_text(buf.str(), path.string());
}

std::vector<Calendar> load_calendars(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().extension() == ".toml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<Calendar> out;
    for (const auto& f : files) out.push_back(load_calendar_file(f));
    return out;
}

void attach_calendars(Rulebook& rb, const std::vector<Calendar>& calendars) {
    rb.calendars = calendars;
    auto has = [&](const std::string& name) {
        return std::any_of(calendars.begin(), calendars.end(), [&](const Calendar& c) { return c.name() == name; });
    };
    for (const auto& stage : rb.stages) {
        if (!stage.timing || stage.timing->unit != Timing::Unit::business_days) continue;
        const std::string& cal = stage.timing->calendar;
        const std::string where = rb.source + ":" + std::to_string(stage.timing->pos.line) + ":" +
                                  std::to_string(stage.timing->pos.column) + ": stages." + stage.id + ".timing";
        if (cal == "respondent" || cal == "complainant" || cal == "joint") {
            for (const auto& p : rb.parties)
                if (!has(p.code))
                    throw Error(ErrorCode::bad_rulebook, where + ": business days on the " + cal +
                                                             "'s calendar need a calendar for Party " + p.code +
                                                             " (calendars/" + p.code + ".toml, id = \"" + p.code + "\")");
        } else if (!has(cal)) {
            throw Error(ErrorCode::bad_rulebook, where + ": no calendar named '" + cal + "'");
        }
    }
}

}  // namespace accord
