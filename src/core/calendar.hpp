#pragma once
// Business-day calendars as immutable values: weekends plus named holiday rules (one rule per
// legislated holiday), with the observance of holidays that fall on a weekend.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace accord {

struct HolidayRule {
    enum class Kind {
        fixed,                 // month/day
        nth_weekday,           // the nth (1..5) weekday of a month
        last_weekday,          // the last weekday of a month
        weekday_on_or_before,  // the weekday on or before month/day (Victoria Day: Monday on or before May 24)
        easter_offset,         // days after Western Easter Sunday (Good Friday = -2)
    };
    // When the day falls on a weekend: kept as it is, moved to the nearest weekday (Saturday to
    // Friday, Sunday to Monday), or moved to the next weekday that is not already a holiday.
    enum class Observed { as_is, nearest_weekday, next_weekday };

    std::string name;
    Kind kind = Kind::fixed;
    unsigned month = 1;
    unsigned day = 1;
    unsigned weekday = 0;     // 0 = Monday ... 6 = Sunday
    unsigned nth = 1;
    int easter_offset = 0;
    int first_year = 1;       // the rule applies from this year ...
    int last_year = 9999;     // ... to this one, inclusive
    int every = 1;            // ... every this many years from first_year
    Observed observed = Observed::as_is;

    // The date the rule gives in `year` before observance, or nullopt if it does not apply.
    std::optional<Date> in_year(int year) const;
};

Date easter_sunday(int year);

class Calendar {
public:
    Calendar() = default;  // weekends only
    Calendar(std::string name, std::vector<HolidayRule> rules);

    const std::string& name() const { return name_; }
    const std::vector<HolidayRule>& rules() const { return rules_; }

    bool is_weekend(Date d) const { return d.iso_weekday() >= 5; }
    bool is_holiday(Date d) const;
    bool is_business_day(Date d) const { return !is_weekend(d) && !is_holiday(d); }
    // The date `n` business days after `from` (n > 0) or before it (n < 0); `from` itself never
    // counts, so advance(Friday, 1) is the next business day after that Friday.
    Date advance(Date from, BusinessDays n) const;
    // Business days in (from, to]; negative if to < from.
    int business_days_between(Date from, Date to) const;
    // The days off of `year` (as observed), in order.
    std::vector<Date> holidays(int year) const;

    // A calendar on which a day is a business day only if it is one on both.
    static Calendar joint(const Calendar& a, const Calendar& b);

private:
    std::vector<Date> compute_holidays(int year) const;

    std::string name_ = "weekends";
    std::vector<HolidayRule> rules_;
    std::vector<Date> cached_;  // days off of kFirstCached..kLastCached, sorted
    static constexpr int kFirstCached = 1990, kLastCached = 2041;
    std::vector<const Calendar*> parts_;             // joint calendars
    std::vector<std::shared_ptr<Calendar>> owned_;   // keeps the parts of a joint calendar alive
};

}  // namespace accord
