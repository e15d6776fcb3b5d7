// Golden figures of the spec's section 5, computed from the rulebook (never typed into the engine).
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "engine/timeline.hpp"
#include "rulebook/override.hpp"
#include "support/naalc.hpp"

using namespace accord;

namespace {

int span(const Rulebook& rb, const char* from, const char* to, bool best = false, int parties = 0) {
    TimelineOptions o;
    o.best = best;
    o.disputing_parties = parties;
    return statutory_timeline(rb, rb.stage_index(from), rb.stage_index(to), o).days;
}

}  // namespace

TEST(Timeline, SpecSectionFiveFigures) {
    const Rulebook rb = test_support::load_naalc();
    EXPECT_EQ(span(rb, "ece_established", "ece_party_responses"), 300);
    EXPECT_EQ(span(rb, "ece_established", "ece_final_report"), 180);
    EXPECT_EQ(span(rb, "pattern_consultations", "benefits_suspended"), 805);
    EXPECT_EQ(span(rb, "pattern_consultations", "benefits_suspended", false, 3), 825);
    EXPECT_EQ(span(rb, "ece_established", "benefits_suspended"), 985);
    EXPECT_EQ(span(rb, "nao_acceptance", "benefits_suspended"), 1165);
    EXPECT_EQ(span(rb, "submission_received", "benefits_suspended"), 1225);
    EXPECT_EQ(span(rb, "pattern_consultations", "benefits_suspended", true), 360);
}

TEST(Timeline, FiguresFollowOverrides) {
    Rulebook rb = test_support::load_naalc();
    apply_override(rb, "ece_draft_report.within_days=100");
    EXPECT_EQ(span(rb, "ece_established", "ece_party_responses"), 280);
    EXPECT_EQ(span(rb, "ece_established", "ece_final_report"), 160);
    EXPECT_EQ(span(rb, "pattern_consultations", "benefits_suspended"), 805);  // not on that path
    EXPECT_EQ(span(rb, "ece_established", "benefits_suspended"), 965);
    EXPECT_EQ(span(rb, "nao_acceptance", "benefits_suspended"), 1145);
    EXPECT_EQ(span(rb, "submission_received", "benefits_suspended"), 1205);

    apply_override(rb, "panel_vote.not_before_days=30");
    EXPECT_EQ(span(rb, "pattern_consultations", "benefits_suspended"), 775);
    EXPECT_EQ(span(rb, "pattern_consultations", "benefits_suspended", true), 330);
    apply_override(rb, "panel_selected.parties.3.within_days=75");
    EXPECT_EQ(span(rb, "pattern_consultations", "benefits_suspended", false, 3), 815);
    apply_override(rb, "nao_review.extension_days=0");
    EXPECT_EQ(span(rb, "nao_acceptance", "ece_established"), 120);
}

TEST(Timeline, PathDatesAndArticles) {
    const Rulebook rb = test_support::load_naalc();
    TimelineOptions o;
    o.start = parse_date_or_throw("2000-11-01");
    const Timeline tl =
        statutory_timeline(rb, rb.stage_index("pattern_consultations"), rb.stage_index("benefits_suspended"), o);
    ASSERT_EQ(tl.path.size(), 10u);
    EXPECT_EQ(rb.stages[size_t(tl.path[3].stage)].id, "panel_vote");
    EXPECT_EQ(tl.path[3].day, 140);
    EXPECT_EQ(tl.path[3].date->str(), "2001-03-21");
    EXPECT_EQ(rb.stages[size_t(tl.path[3].stage)].article, "29(1)");
    EXPECT_EQ(tl.path.back().date->str(), "2003-01-15");  // 2000-11-01 + 805 days
}

TEST(Timeline, ViaAndUnreachableTargets) {
    const Rulebook rb = test_support::load_naalc();
    TimelineOptions o;
    o.via = {rb.stage_index("action_plan_agreed")};
    // final_report +60 (plan) +180 (contest) +60 (decision) +180 (suspension) instead of the 39(4) route.
    EXPECT_EQ(statutory_timeline(rb, rb.stage_index("final_report"), rb.stage_index("benefits_suspended"), o).days, 480);
    EXPECT_THROW(statutory_timeline(rb, rb.stage_index("closed"), rb.stage_index("panel_vote"), {}), Error);
    TimelineOptions bad;
    bad.disputing_parties = 4;
    EXPECT_THROW(statutory_timeline(rb, rb.stage_index("panel_vote"), rb.stage_index("final_report"), bad), Error);
}
