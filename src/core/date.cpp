#include "core/date.hpp"

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace accord {

namespace {
std::chrono::year_month_day to_ymd(int32_t serial) {
    return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{serial}}};
}
}  // namespace

Date Date::from_ymd(int year, unsigned month, unsigned day) {
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month},
                                          std::chrono::day{day}};
    if (!ymd.ok() || year < 1 || year > 9999) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "impossible date %04d-%02u-%02u", year, month, day);
        throw std::invalid_argument(buf);
    }
    return Date(static_cast<int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count()));
}

std::optional<Date> Date::parse(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    auto digits = [&](size_t from, size_t n, int& out) {
        out = 0;
        for (size_t i = from; i < from + n; ++i) {
            if (t[i] < '0' || t[i] > '9') return false;
            out = out * 10 + (t[i] - '0');
        }
        return true;
    };
    int y, m, d;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                          std::chrono::day{unsigned(d)}};
    if (!ymd.ok() || y < 1) return std::nullopt;
    return Date(static_cast<int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count()));
}

Date parse_date_or_throw(std::string_view text) {
    if (auto d = Date::parse(text)) return *d;
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
    throw std::invalid_argument((shaped ? "impossible date " : "not a YYYY-MM-DD date: ") +
                                std::string(text));
}

int Date::year() const { return int(to_ymd(days_).year()); }
unsigned Date::month() const { return unsigned(to_ymd(days_).month()); }
unsigned Date::day() const { return unsigned(to_ymd(days_).day()); }

unsigned Date::iso_weekday() const {
    // 1970-01-01 was a Thursday (ISO index 3).
    const int r = (days_ + 3) % 7;
    return unsigned(r < 0 ? r + 7 : r);
}

std::string Date::str() const {
    const auto ymd = to_ymd(days_);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()));
    return buf;
}

}  // namespace accord
