#pragma once
// Business-day calendars as immutable values: weekends plus named holiday rules, evaluated per year.
#include <string>
#include <vector>

#include "core/date.hpp"

namespace accord {

// One named holiday rule ("new_years_day: January 1"). Kinds mirror how public holidays are
// legislated: a fixed date, the nth weekday of a month, the last weekday of a month, or an offset
// from Western Easter.
struct HolidayRule {
    enum class Kind { fixed, nth_weekday, last_weekday, easter_offset };
    std::string name;
    Kind kind = Kind::fixed;
    unsigned month = 1;       // fixed, nth_weekday, last_weekday
    unsigned day = 1;         // fixed
    unsigned weekday = 0;     // nth_weekday, last_weekday: 0 = Monday ... 6 = Sunday
    unsigned nth = 1;         // nth_weekday: 1..5
    int easter_offset = 0;    // easter_offset: days after Easter Sunday (Good Friday = -2)
    int first_year = 1;       // the rule applies from this year ...
    int last_year = 9999;     // ... to this one, inclusive

    // The date this rule gives in `year`, or nullopt if it does not apply that year.
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

    // A calendar on which a day is a business day only if it is one on both.
    static Calendar joint(const Calendar& a, const Calendar& b);

private:
    std::string name_ = "weekends";
    std::vector<HolidayRule> rules_;
};

}  // namespace accord
