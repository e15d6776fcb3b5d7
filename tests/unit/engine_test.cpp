#include <gtest/gtest.h>

#include "engine/apply.hpp"
#include "engine/deadline.hpp"
#include "engine/decide.hpp"
#include "engine/next_steps.hpp"
#include "rulebook/loader.hpp"
#include "support/case_builder.hpp"
#include "support/mini_rulebook.hpp"
#include "support/naalc.hpp"

using namespace accord;
using test_support::CaseBuilder;

namespace {

Date d(const char* s) { return parse_date_or_throw(s); }

Command cmd(std::string event, const char* on, std::vector<std::pair<std::string, std::string>> details = {}) {
    Command c;
    c.event = std::move(event);
    c.on = d(on);
    c.details = std::move(details);
    return c;
}

// Decides and applies, failing the test on a refusal.
CaseState step(const Rulebook& rb, const CaseState& s, const Command& c) {
    const Decision dec = decide(rb, s, c);
    EXPECT_TRUE(dec.ok()) << (dec.refusal ? dec.refusal->message : "");
    CaseState next = s;
    for (const auto& e : dec.events) next = apply(rb, next, e);
    return next;
}

}  // namespace

TEST(Engine, ReplayingEventsRebuildsTheSameState) {
    const Rulebook rb = test_support::load_naalc();
    CaseState s = empty_state(rb);
    std::vector<Event> log;
    auto record = [&](const Command& c) {
        const Decision dec = decide(rb, s, c);
        ASSERT_TRUE(dec.ok()) << dec.refusal->message;
        for (const auto& e : dec.events) {
            log.push_back(e);
            s = apply(rb, s, e);
        }
    };
    record(cmd("file", "1996-06-13", {{"office", "US-NAO"}, {"respondent", "MX"}, {"subjects", "freedom_of_association"}}));
    record(cmd("accept", "1996-07-29"));
    record(cmd("extend_deadline", "1996-11-01", {{"stage", "nao_review"}}));
    record(cmd("publish_report", "1997-01-27"));
    record(cmd("request_consultations", "1997-03-01"));

    CaseState replayed = empty_state(rb);
    for (const auto& e : log) replayed = apply(rb, replayed, e);
    EXPECT_EQ(replayed.current, s.current);
    EXPECT_EQ(replayed.reached, s.reached);
    EXPECT_EQ(replayed.due, s.due);
    EXPECT_EQ(replayed.extension, s.extension);
    EXPECT_EQ(replayed.events, 5u);
    EXPECT_EQ(rb.stages[size_t(replayed.current)].id, "ministerial_consultations");
}

TEST(Engine, ApplyIsPure) {
    const Rulebook rb = test_support::load_naalc();
    const CaseState before = CaseBuilder(rb).office("US-NAO").respondent("MX").subjects("minimum_wage").filed_on(d("2000-01-03")).build();
    const Decision dec = decide(rb, before, cmd("accept", "2000-02-01"));
    ASSERT_TRUE(dec.ok());
    const CaseState a = apply(rb, before, dec.events[0]);
    const CaseState b = apply(rb, before, dec.events[0]);
    EXPECT_EQ(a.reached, b.reached);
    EXPECT_EQ(rb.stages[size_t(before.current)].id, "submission_received");  // untouched
    EXPECT_EQ(rb.stages[size_t(a.current)].id, "nao_acceptance");
}

TEST(Engine, DueBookkeepingMatchesTheDeadlineQuery) {
    const Rulebook rb = test_support::load_naalc();
    CaseState s = CaseBuilder(rb).office("US-NAO").respondent("MX").subjects("child_labor")
                      .fact("trade_related", "yes").fact("mutually_recognized", "yes").fact("persistent_pattern", "yes")
                      .filed_on(d("1998-01-05")).in_stage("council_special_session", d("2001-03-03")).build();
    s = step(rb, s, cmd("vote_panel", "2001-05-02", {{"for", "US,CA"}}));
    const Index selected = rb.stage_index("panel_selected");
    EXPECT_EQ(s.due[size_t(selected)].str(), "2001-06-06");
    s = step(rb, s, cmd("join", "2001-05-03"));
    EXPECT_EQ(s.due[size_t(selected)].str(), "2001-06-26");  // three disputing Parties: 55 days
    for (const auto& dl : deadlines(rb, s, d("2001-05-03"))) {
        if (dl.status == Deadline::Status::open) {
            EXPECT_EQ(dl.due, s.due[size_t(dl.stage)]) << rb.stages[size_t(dl.stage)].id;
        }
    }
}

TEST(Engine, RefusalsNameRuleArticleAndDates) {
    const Rulebook rb = test_support::load_naalc();
    const CaseState s = CaseBuilder(rb).office("US-NAO").respondent("MX").subjects("minimum_wage")
                            .fact("trade_related", "yes").fact("mutually_recognized", "yes").fact("persistent_pattern", "yes")
                            .filed_on(d("1998-01-05")).in_stage("council_special_session", d("2001-03-03")).build();
    const Decision dec = decide(rb, s, cmd("vote_panel", "2001-04-12", {{"for", "US,CA"}}));
    ASSERT_FALSE(dec.ok());
    EXPECT_EQ(dec.refusal->code, ErrorCode::too_early);
    EXPECT_EQ(dec.refusal->rule, "panel_vote");
    EXPECT_EQ(dec.refusal->article, "29(1)");
    EXPECT_EQ(dec.refusal->message,
              "panel_vote: not before 2001-05-02, 60 days after council_special_session on 2001-03-03; tried "
              "2001-04-12, day 40 (Art 29(1))");
}

TEST(Engine, VotesCountOnlyTheElectorate) {
    const Rulebook rb = test_support::load_naalc();
    const CaseState s = CaseBuilder(rb).office("MX-NAO").respondent("US").subjects("minimum_wage")
                            .fact("trade_related", "yes").fact("mutually_recognized", "yes").fact("persistent_pattern", "yes")
                            .filed_on(d("1998-01-05")).in_stage("final_report", d("2002-01-15")).build();
    // Canada is not a disputing Party: its vote does not make the plan agreed.
    const Decision dec = decide(rb, s, cmd("agree_action_plan", "2002-02-01", {{"for", "MX,CA"}}));
    ASSERT_FALSE(dec.ok());
    EXPECT_EQ(dec.refusal->code, ErrorCode::vote_failed);
    EXPECT_TRUE(decide(rb, s, cmd("agree_action_plan", "2002-02-01", {{"for", "MX,US,CA"}})).ok());
}

TEST(Engine, BusinessDayDeadlinesUseTheRespondentsCalendar) {
    // A rulebook with a 3-business-day acceptance; Party B's calendar has a holiday.
    Rulebook rb = load_rulebook_text(test_support::kMinimal, "mini.toml");
    HolidayRule holiday;
    holiday.name = "founders_day";
    holiday.month = 11;
    holiday.day = 30;
    rb.calendars.emplace_back("B", std::vector<HolidayRule>{holiday});
    const CaseState s = CaseBuilder(rb).office("A-OFF").respondent("B").subjects("wages").filed_on(d("2026-11-26")).build();
    // Thursday + 3 business days: Friday, (weekend), (Monday holiday), Tuesday, Wednesday.
    const auto dl = deadlines(rb, s, d("2026-11-26"));
    ASSERT_EQ(dl.size(), 1u);
    EXPECT_EQ(dl[0].due.str(), "2026-12-02");
}

TEST(Engine, NextStepsOfAFreshCase) {
    const Rulebook rb = test_support::load_naalc();
    const CaseState s = CaseBuilder(rb).office("US-NAO").respondent("MX").subjects("minimum_wage").filed_on(d("2000-01-03")).build();
    std::vector<std::string> events;
    for (const auto& n : next_steps(rb, s)) events.push_back(rb.transitions[size_t(n.transition)].event);
    EXPECT_EQ(events, (std::vector<std::string>{"accept", "decline", "withdraw"}));
    EXPECT_EQ(next_steps(rb, s)[0].due->str(), "2000-03-03");
}
