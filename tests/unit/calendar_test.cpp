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

// The calendars the project ships (calendars/*.toml), against dates looked up by hand.
#include "core/error.hpp"
#include "rulebook/calendar_loader.hpp"

namespace {
Calendar shipped(const char* id) {
    return load_calendar_file(std::string(ACCORD_SOURCE_DIR) + "/calendars/" + id + ".toml");
}
std::vector<std::string> days_off(const Calendar& c, int year) {
    std::vector<std::string> out;
    for (Date x : c.holidays(year)) out.push_back(x.str());
    return out;
}
}  // namespace

TEST(ShippedCalendars, UnitedStates) {
    const Calendar us = shipped("us");
    EXPECT_EQ(days_off(us, 2026),
              (std::vector<std::string>{"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03",
                                        "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"}));
    EXPECT_TRUE(us.is_holiday(d("2021-06-18")));   // Juneteenth 2021 fell on a Saturday
    EXPECT_TRUE(us.is_holiday(d("2022-06-20")));   // ... 2022 on a Sunday
    EXPECT_FALSE(us.is_holiday(d("2020-06-19")));  // not a federal holiday before 2021
    EXPECT_TRUE(us.is_holiday(d("2021-12-31")));   // New Year's Day 2022 was a Saturday
    EXPECT_EQ(us.advance(d("2026-11-25"), BusinessDays{3}).str(), "2026-12-01");
}

TEST(ShippedCalendars, Mexico) {
    const Calendar mx = shipped("mx");
    EXPECT_EQ(days_off(mx, 2024), (std::vector<std::string>{"2024-01-01", "2024-02-05", "2024-03-18", "2024-05-01",
                                                             "2024-09-16", "2024-10-01", "2024-11-18", "2024-12-25"}));
    EXPECT_TRUE(mx.is_holiday(d("2005-03-21")));   // Juárez's birthday on its date before 2006
    EXPECT_TRUE(mx.is_holiday(d("2006-03-20")));   // then the third Monday of March
    EXPECT_TRUE(mx.is_holiday(d("2018-12-01")));   // a transmission of the executive, every six years
    EXPECT_FALSE(mx.is_holiday(d("2019-12-01")));
    EXPECT_FALSE(mx.is_holiday(d("2024-12-01")));  // from 2024 it is 1 October
    EXPECT_EQ(mx.advance(d("2024-11-15"), BusinessDays{3}).str(), "2024-11-21");  // past Revolution Day
}

TEST(ShippedCalendars, Canada) {
    const Calendar ca = shipped("ca");
    EXPECT_TRUE(ca.is_holiday(d("2024-05-20")));   // Victoria Day: the Monday before 25 May
    EXPECT_TRUE(ca.is_holiday(d("2021-05-24")));   // ... which can be the 24th itself
    EXPECT_TRUE(ca.is_holiday(d("2023-07-03")));   // Canada Day 2023 was a Saturday
    EXPECT_TRUE(ca.is_holiday(d("2021-12-27")));   // Christmas 2021 (Saturday) ...
    EXPECT_TRUE(ca.is_holiday(d("2021-12-28")));   // ... and Boxing Day (Sunday) both move
    EXPECT_TRUE(ca.is_holiday(d("2024-03-29")));   // Good Friday
    EXPECT_TRUE(ca.is_holiday(d("2024-04-01")));   // Easter Monday
    EXPECT_TRUE(ca.is_holiday(d("2021-09-30")));
    EXPECT_FALSE(ca.is_holiday(d("2020-09-30")));
}

TEST(ShippedCalendars, JointCalendarOfTwoParties) {
    const Calendar both = Calendar::joint(shipped("us"), shipped("mx"));
    EXPECT_FALSE(both.is_business_day(d("2024-11-18")));  // Mexico
    EXPECT_FALSE(both.is_business_day(d("2024-11-28")));  // United States
    EXPECT_EQ(both.advance(d("2024-11-15"), BusinessDays{8}).str(), "2024-11-29");
}

TEST(CalendarLoader, RefusesUnknownRulesByName) {
    auto error = [](const std::string& text) -> std::string {
        try {
            load_calendar_text(text, "c.toml");
        } catch (const Error& e) {
            return e.what();
        }
        return "";
    };
    const std::string head = "format = 1\nid = \"XX\"\nholidays = [\n";
    EXPECT_EQ(error(head + "  { name = \"full_moon\", phase = \"full\" },\n]\n"), "c.toml:4:33: holidays[0] (full_moon): unknown key 'phase'");
    EXPECT_EQ(error(head + "  { name = \"someday\" },\n]\n"),
              "c.toml:4:3: holidays[0] (someday): unknown holiday rule: give date = \"MM-DD\", month + weekday + nth, "
              "weekday + on_or_before, or easter = OFFSET");
    EXPECT_EQ(error(head + "  { name = \"bad\", date = \"02-30\" },\n]\n"), "c.toml:4:26: holidays[0] (bad): '02-30' is not a MM-DD day of the year");
    EXPECT_EQ(error(head + "  { name = \"x\", month = 1, weekday = \"funday\", nth = 1 },\n]\n"),
              "c.toml:4:38: holidays[0] (x): unknown weekday 'funday'");
}
