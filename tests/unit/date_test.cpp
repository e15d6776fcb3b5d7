#include <gtest/gtest.h>

#include "core/date.hpp"

using accord::Date;
using accord::Days;

TEST(Date, ParsesAndFormatsIsoDates) {
    const Date d = accord::parse_date_or_throw("1994-01-01");
    EXPECT_EQ(d.year(), 1994);
    EXPECT_EQ(d.month(), 1u);
    EXPECT_EQ(d.day(), 1u);
    EXPECT_EQ(d.str(), "1994-01-01");
    EXPECT_EQ(Date::from_serial(0).str(), "1970-01-01");
}

TEST(Date, RefusesImpossibleAndMalformedDates) {
    EXPECT_FALSE(Date::parse("2001-02-30"));
    EXPECT_FALSE(Date::parse("2001-02-29"));  // 2001 is not a leap year
    EXPECT_TRUE(Date::parse("2000-02-29"));   // 2000 is
    EXPECT_FALSE(Date::parse("1900-02-29"));
    EXPECT_FALSE(Date::parse("2001-13-01"));
    EXPECT_FALSE(Date::parse("2001-00-10"));
    EXPECT_FALSE(Date::parse("2001-1-10"));
    EXPECT_FALSE(Date::parse("2001-01-10 "));
    EXPECT_FALSE(Date::parse("2001/01/10"));
    EXPECT_FALSE(Date::parse(""));
    EXPECT_FALSE(Date::parse("2001-01"));  // month-only values are not dates
    try {
        accord::parse_date_or_throw("2001-02-30");
        FAIL() << "expected an exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(), "impossible date 2001-02-30");
    }
    EXPECT_THROW(Date::from_ymd(2001, 2, 30), std::invalid_argument);
}

TEST(Date, ArithmeticInDays) {
    const Date council = accord::parse_date_or_throw("2001-03-03");
    EXPECT_EQ((council + Days{60}).str(), "2001-05-02");
    EXPECT_EQ((council + Days{40}).str(), "2001-04-12");
    EXPECT_EQ((accord::parse_date_or_throw("2000-02-28") + Days{1}).str(), "2000-02-29");
    EXPECT_EQ((accord::parse_date_or_throw("1999-12-31") + Days{1}).str(), "2000-01-01");
    EXPECT_EQ(accord::parse_date_or_throw("2020-06-30") - accord::parse_date_or_throw("1994-01-01"), Days{9677});
    EXPECT_EQ((council - Days{3}).str(), "2001-02-28");
}

TEST(Date, IsoWeekday) {
    EXPECT_EQ(accord::parse_date_or_throw("1994-01-01").iso_weekday(), 5u);  // Saturday
    EXPECT_EQ(accord::parse_date_or_throw("2026-11-26").iso_weekday(), 3u);  // Thursday
    EXPECT_EQ(accord::parse_date_or_throw("1969-12-29").iso_weekday(), 0u);  // Monday, before the epoch
}

#include "core/sha256.hpp"

TEST(Sha256, KnownVectors) {
    EXPECT_EQ(accord::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(accord::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(accord::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
