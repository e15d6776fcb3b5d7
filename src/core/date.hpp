#pragma once
// Calendar dates as a count of days since 1970-01-01, and day counts as a unit.
// Dates always come from events or from the caller; nothing here reads the clock.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accord {

// A number of calendar days (a duration), kept apart from dates so the two cannot be confused.
struct Days {
    int32_t count = 0;
    constexpr auto operator<=>(const Days&) const = default;
};

// A number of business days on some calendar.
struct BusinessDays {
    int32_t count = 0;
    constexpr auto operator<=>(const BusinessDays&) const = default;
};

class Date {
public:
    constexpr Date() = default;
    static constexpr Date from_serial(int32_t days_since_epoch) { return Date(days_since_epoch); }
    // Throws std::invalid_argument for impossible dates (2001-02-30).
    static Date from_ymd(int year, unsigned month, unsigned day);
    // Strict YYYY-MM-DD; nullopt for anything else, including impossible dates.
    static std::optional<Date> parse(std::string_view text);

    constexpr int32_t serial() const { return days_; }
    int year() const;
    unsigned month() const;
    unsigned day() const;
    // 0 = Monday ... 6 = Sunday (ISO).
    unsigned iso_weekday() const;
    std::string str() const;

    constexpr Date operator+(Days d) const { return Date(days_ + d.count); }
    constexpr Date operator-(Days d) const { return Date(days_ - d.count); }
    constexpr Days operator-(Date other) const { return Days{days_ - other.days_}; }
    constexpr auto operator<=>(const Date&) const = default;

private:
    constexpr explicit Date(int32_t d) : days_(d) {}
    int32_t days_ = 0;
};

// Parses a date or throws std::invalid_argument naming the text ("impossible date 2001-02-30").
Date parse_date_or_throw(std::string_view text);

}  // namespace accord
