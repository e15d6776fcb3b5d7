#include <gtest/gtest.h>

#include "core/error.hpp"
#include "engine/admissibility.hpp"
#include "engine/assessment_cap.hpp"
#include "support/naalc.hpp"

using namespace accord;

namespace {

Submission submission(const Rulebook& rb, const char* office, const char* respondent,
                      std::initializer_list<const char*> subjects) {
    Submission s;
    s.office = rb.office_index(office);
    s.respondent = rb.party_index(respondent);
    for (const char* id : subjects) s.subjects |= SubjectMask(1) << rb.subject_index(id);
    return s;
}

void set(const Rulebook& rb, Submission& s, const char* fact, FactValue v) { s.facts[size_t(rb.fact_index(fact))] = v; }

int tier_of(const Rulebook& rb, const Admissibility& a, const char* subject) {
    for (const auto& s : a.subjects)
        if (rb.subjects[size_t(s.subject)].id == subject) return s.tier;
    return -1;
}

}  // namespace

TEST(Admissibility, OwnOfficeIsInadmissible) {
    const Rulebook rb = test_support::load_naalc();
    const auto a = check_admissibility(rb, submission(rb, "MX-NAO", "MX", {"minimum_wage"}));
    EXPECT_FALSE(a.admissible);
    EXPECT_EQ(rb.tier_name(a.tier), "none");
    ASSERT_FALSE(a.reasons.empty());
    EXPECT_EQ(a.reasons[0].article, "16(3)");
}

TEST(Admissibility, EachSubjectReachesItsTier) {
    const Rulebook rb = test_support::load_naalc();
    Submission s = submission(rb, "US-NAO", "MX", {"freedom_of_association", "forced_labor", "child_labor"});
    set(rb, s, "trade_related", FactValue::yes);
    set(rb, s, "mutually_recognized", FactValue::yes);
    set(rb, s, "persistent_pattern", FactValue::yes);
    const auto a = check_admissibility(rb, s);
    EXPECT_TRUE(a.admissible);
    EXPECT_EQ(rb.tier_name(a.tier), "panel");
    EXPECT_EQ(rb.tier_name(tier_of(rb, a, "freedom_of_association")), "consultations");
    EXPECT_EQ(rb.tier_name(tier_of(rb, a, "forced_labor")), "ece");
    EXPECT_EQ(rb.tier_name(tier_of(rb, a, "child_labor")), "panel");
    // The limits name the article of the tier each subject cannot reach.
    bool foa = false, forced = false;
    for (const auto& r : a.reasons) {
        if (r.subject == "freedom_of_association") foa = foa || r.article == "23";
        if (r.subject == "forced_labor") forced = forced || r.article == "27, 29";
    }
    EXPECT_TRUE(foa);
    EXPECT_TRUE(forced);
}

TEST(Admissibility, GateFactsLimitTheReach) {
    const Rulebook rb = test_support::load_naalc();
    Submission s = submission(rb, "CA-NAO", "US", {"occupational_safety_health"});
    set(rb, s, "trade_related", FactValue::yes);
    set(rb, s, "mutually_recognized", FactValue::yes);
    set(rb, s, "persistent_pattern", FactValue::no);
    EXPECT_EQ(rb.tier_name(check_admissibility(rb, s).tier), "ece");
    set(rb, s, "trade_related", FactValue::no);
    const auto a = check_admissibility(rb, s);
    EXPECT_EQ(rb.tier_name(a.tier), "consultations");
    bool cited = false;
    for (const auto& r : a.reasons) cited = cited || (r.rule == "trade_related" && r.article == "49" && r.limits);
    EXPECT_TRUE(cited);
    // Unknown facts do not limit, but are listed as conditions.
    set(rb, s, "trade_related", FactValue::unknown);
    set(rb, s, "persistent_pattern", FactValue::unknown);
    const auto open = check_admissibility(rb, s);
    EXPECT_EQ(rb.tier_name(open.tier), "panel");
    int conditions = 0;
    for (const auto& r : open.reasons) conditions += !r.limits;
    EXPECT_EQ(conditions, 2);
}

TEST(Admissibility, OutsideTheAgreementsTime) {
    const Rulebook rb = test_support::load_naalc();
    Submission s = submission(rb, "US-NAO", "MX", {"minimum_wage"});
    s.filed_on = parse_date_or_throw("2020-07-01");
    EXPECT_FALSE(check_admissibility(rb, s).admissible);
    s.filed_on = parse_date_or_throw("2020-06-30");
    EXPECT_TRUE(check_admissibility(rb, s).admissible);
}

TEST(AssessmentCap, FixedFirstYearThenShareOfTrade) {
    const Rulebook rb = test_support::load_naalc();
    EXPECT_EQ(assessment_cap(rb, 1994, std::nullopt).cap_usd, 20'000'000);
    EXPECT_TRUE(assessment_cap(rb, 1994, std::nullopt).fixed);
    EXPECT_EQ(assessment_cap(rb, 2000, 300e9).cap_usd, 21'000'000);  // the spec's example
    EXPECT_EQ(assessment_cap(rb, 2019, 1.2e12).cap_usd, 84'000'000);
    EXPECT_THROW(assessment_cap(rb, 2000, std::nullopt), Error);
    EXPECT_THROW(assessment_cap(rb, 2021, 300e9), Error);  // no longer in force
    EXPECT_THROW(assessment_cap(rb, 2000, -1.0), Error);
}
