#include "core/calendar.hpp"

#include <chrono>

namespace accord {

Date easter_sunday(int year) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return Date::from_ymd(year, unsigned(month), unsigned(day));
}

std::optional<Date> HolidayRule::in_year(int year) const {
    if (year < first_year || year > last_year) return std::nullopt;
    switch (kind) {
        case Kind::fixed:
            return Date::from_ymd(year, month, day);
        case Kind::nth_weekday: {
            const Date first = Date::from_ymd(year, month, 1);
            const int shift = (int(weekday) - int(first.iso_weekday()) + 7) % 7;
            const Date d = first + Days{shift + 7 * int(nth - 1)};
            if (d.month() != month) return std::nullopt;
            return d;
        }
        case Kind::last_weekday: {
            const unsigned next_month = month == 12 ? 1 : month + 1;
            const Date last = Date::from_ymd(month == 12 ? year + 1 : year, next_month, 1) - Days{1};
            const int shift = (int(last.iso_weekday()) - int(weekday) + 7) % 7;
            return last - Days{shift};
        }
        case Kind::easter_offset:
            return easter_sunday(year) + Days{easter_offset};
    }
    return std::nullopt;
}

Calendar::Calendar(std::string name, std::vector<HolidayRule> rules)
    : name_(std::move(name)), rules_(std::move(rules)) {}

bool Calendar::is_holiday(Date d) const {
    const int y = d.year();
    for (const auto& rule : rules_)
        if (auto h = rule.in_year(y); h && *h == d) return true;
    return false;
}

Date Calendar::advance(Date from, BusinessDays n) const {
    const int step = n.count >= 0 ? 1 : -1;
    int left = n.count * step;
    Date d = from;
    while (left > 0) {
        d = d + Days{step};
        if (is_business_day(d)) --left;
    }
    return d;
}

int Calendar::business_days_between(Date from, Date to) const {
    if (to < from) return -business_days_between(to, from);
    int n = 0;
    for (Date d = from + Days{1}; d <= to; d = d + Days{1})
        if (is_business_day(d)) ++n;
    return n;
}

Calendar Calendar::joint(const Calendar& a, const Calendar& b) {
    std::vector<HolidayRule> rules = a.rules_;
    rules.insert(rules.end(), b.rules_.begin(), b.rules_.end());
    return Calendar(a.name_ + "+" + b.name_, std::move(rules));
}

}  // namespace accord
