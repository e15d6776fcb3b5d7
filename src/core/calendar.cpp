#include "core/calendar.hpp"

#include <algorithm>
#include <memory>

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
    if (year < first_year || year > last_year || (year - first_year) % std::max(every, 1) != 0) return std::nullopt;
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
        case Kind::weekday_on_or_before: {
            const Date limit = Date::from_ymd(year, month, day);
            const int shift = (int(limit.iso_weekday()) - int(weekday) + 7) % 7;
            return limit - Days{shift};
        }
        case Kind::easter_offset:
            return easter_sunday(year) + Days{easter_offset};
    }
    return std::nullopt;
}

Calendar::Calendar(std::string name, std::vector<HolidayRule> rules)
    : name_(std::move(name)), rules_(std::move(rules)) {
    // Business-day clocks ask about the same few years again and again: compute them once.
    for (int y = kFirstCached; y <= kLastCached; ++y) {
        const auto days = compute_holidays(y);
        cached_.insert(cached_.end(), days.begin(), days.end());
    }
    std::sort(cached_.begin(), cached_.end());
}

std::vector<Date> Calendar::holidays(int year) const {
    if (year > kFirstCached && year < kLastCached) {
        std::vector<Date> out;
        for (const Date d : cached_)
            if (d.year() == year) out.push_back(d);
        return out;
    }
    return compute_holidays(year);
}

std::vector<Date> Calendar::compute_holidays(int year) const {
    std::vector<Date> out;
    for (const auto& rule : rules_) {
        auto d = rule.in_year(year);
        if (!d) continue;
        Date day = *d;
        const unsigned wd = day.iso_weekday();
        if (rule.observed == HolidayRule::Observed::nearest_weekday) {
            if (wd == 5) day = day - Days{1};
            if (wd == 6) day = day + Days{1};
        } else if (rule.observed == HolidayRule::Observed::next_weekday) {
            // Past the weekend and past a holiday already moved there (Christmas, then Boxing Day).
            while (day.iso_weekday() >= 5 || (day != *d && std::find(out.begin(), out.end(), day) != out.end()))
                day = day + Days{1};
        }
        out.push_back(day);
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool Calendar::is_holiday(Date d) const {
    for (const Calendar* part : parts_)
        if (part->is_holiday(d)) return true;
    const int year = d.year();
    if (year > kFirstCached && year < kLastCached) return std::binary_search(cached_.begin(), cached_.end(), d);
    // A holiday observed across New Year (1 January on a Saturday, observed 31 December) belongs to
    // the next year's rules.
    for (int y : {year, year + 1}) {
        const auto list = compute_holidays(y);
        if (std::binary_search(list.begin(), list.end(), d)) return true;
    }
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
    Calendar j(a.name_ + "+" + b.name_, {});
    j.owned_ = {std::make_shared<Calendar>(a), std::make_shared<Calendar>(b)};
    j.parts_ = {j.owned_[0].get(), j.owned_[1].get()};
    return j;
}

}  // namespace accord
