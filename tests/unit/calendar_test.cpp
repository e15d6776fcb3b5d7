#include <gtest/gtest.h>

#include "core/calendar.hpp"

using namespace accord;

namespace {
Date d(const char* s) { return parse_date_or_throw(s); }

HolidayRule fixed(const char* name, unsigned m, unsigned day) {
    HolidayRule r;
    r.name = name;
    r.kind = HolidayRule::Kind::fixed;
    r.month = m;
    r.day = day;
    return r;
}
HolidayRule nth(const char* name, unsigned m, unsigned weekday, unsigned n) {
    HolidayRule r;
    r.name = name;
    r.kind = HolidayRule::Kind::nth_weekday;
    r.month = m;
    r.weekday = weekday;
    r.nth = n;
    return r;
}
}  // namespace

TEST(Calendar, EasterSundays) {
    EXPECT_EQ(easter_sunday(2024).str(), "2024-03-31");
    EXPECT_EQ(easter_sunday(2025).str(), "2025-04-20");
    EXPECT_EQ(easter_sunday(2000).str(), "2000-04-23");
    EXPECT_EQ(easter_sunday(1994).str(), "1994-04-03");
}

TEST(Calendar, HolidayRules) {
    EXPECT_EQ(nth("thanksgiving", 11, 3, 4).in_year(2026)->str(), "2026-11-26");
    EXPECT_EQ(nth("labor_day", 9, 0, 1).in_year(2024)->str(), "2024-09-02");
    HolidayRule memorial;
    memorial.kind = HolidayRule::Kind::last_weekday;
    memorial.month = 5;
    memorial.weekday = 0;
    EXPECT_EQ(memorial.in_year(2024)->str(), "2024-05-27");
    HolidayRule good_friday;
    good_friday.kind = HolidayRule::Kind::easter_offset;
    good_friday.easter_offset = -2;
    EXPECT_EQ(good_friday.in_year(2024)->str(), "2024-03-29");
    HolidayRule juneteenth = fixed("juneteenth", 6, 19);
    juneteenth.first_year = 2021;
    EXPECT_FALSE(juneteenth.in_year(2020));
    EXPECT_EQ(juneteenth.in_year(2021)->str(), "2021-06-19");
    EXPECT_FALSE(nth("fifth_monday", 2, 0, 5).in_year(2026));  // February 2026 has four Mondays
}

TEST(Calendar, BusinessDayArithmetic) {
    const Calendar weekends;
    EXPECT_TRUE(weekends.is_business_day(d("2026-11-26")));
    EXPECT_FALSE(weekends.is_business_day(d("2026-11-28")));
    EXPECT_EQ(weekends.advance(d("2026-11-27"), BusinessDays{1}).str(), "2026-11-30");  // Friday + 1
    EXPECT_EQ(weekends.advance(d("2026-11-30"), BusinessDays{-1}).str(), "2026-11-27");
    EXPECT_EQ(weekends.advance(d("2026-11-28"), BusinessDays{0}).str(), "2026-11-28");

    const Calendar us("US", {fixed("new_years_day", 1, 1), nth("thanksgiving", 11, 3, 4), fixed("christmas", 12, 25)});
    EXPECT_FALSE(us.is_business_day(d("2026-11-26")));
    EXPECT_EQ(us.advance(d("2026-11-25"), BusinessDays{1}).str(), "2026-11-27");
    EXPECT_EQ(us.advance(d("2026-12-23"), BusinessDays{3}).str(), "2026-12-29");
    EXPECT_EQ(us.business_days_between(d("2026-11-20"), d("2026-11-30")), 5);
    EXPECT_EQ(us.business_days_between(d("2026-11-30"), d("2026-11-20")), -5);

    const Calendar mx("MX", {nth("revolution_day", 11, 0, 3)});
    const Calendar joint = Calendar::joint(us, mx);
    EXPECT_FALSE(joint.is_business_day(d("2026-11-16")));  // Mexico's Revolution Day (third Monday)
    EXPECT_FALSE(joint.is_business_day(d("2026-11-26")));  // US Thanksgiving
    EXPECT_EQ(joint.advance(d("2026-11-13"), BusinessDays{1}).str(), "2026-11-17");
}
