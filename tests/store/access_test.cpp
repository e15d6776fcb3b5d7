// The access matrix: every role against every step of a case's path, the Party rules, and admins.
#include <gtest/gtest.h>

#include "cases/access.hpp"
#include "rulebook/registry.hpp"
#include "support/case_builder.hpp"

using namespace accord;
using test_support::CaseBuilder;

namespace {

Command cmd(const char* event, std::vector<std::pair<std::string, std::string>> details = {}) {
    return Command{event, parse_date_or_throw("2001-05-02"), "", std::move(details)};
}

User user(const char* role, const char* party = "") { return User{"u", role, party, "", ""}; }

}  // namespace

TEST(Access, EveryRoleAgainstEveryKindOfStep) {
    RulebookRegistry reg(ACCORD_SOURCE_DIR "/rulebooks");
    const Rulebook& rb = reg.get("naalc-1994");
    // A US submission about Mexico: the US NAO receives it; US and MX consult.
    const CaseState fresh = empty_state(rb);
    const CaseState filed = CaseBuilder(rb).office("US-NAO").respondent("MX").subjects("minimum_wage")
                                .filed_on(parse_date_or_throw("2000-01-03")).build();
    const CaseState session = CaseBuilder(rb).office("US-NAO").respondent("MX").subjects("minimum_wage")
                                  .filed_on(parse_date_or_throw("2000-01-03"))
                                  .in_stage("council_special_session", parse_date_or_throw("2001-03-03")).build();
    const CaseState final_report = CaseBuilder(rb).office("US-NAO").respondent("MX").subjects("minimum_wage")
                                       .filed_on(parse_date_or_throw("2000-01-03"))
                                       .in_stage("final_report", parse_date_or_throw("2002-01-15")).build();
    struct Row {
        const CaseState* state;
        Command command;
        const char* allowed;  // the only role (and Party) that may, besides admin
    };
    const std::vector<Row> rows = {
        {&fresh, cmd("file"), "submitter"},
        {&filed, cmd("accept"), "nao:US"},
        {&filed, cmd("decline"), "nao:US"},
        {&filed, cmd("withdraw"), "submitter"},
        {&filed, cmd("extend_deadline", {{"stage", "nao_acceptance"}}), ""},  // not extendable: decide() says why
        {&session, cmd("vote_panel", {{"for", "US,CA"}}), "council:*"},
        {&final_report, cmd("submit_final_report"), ""},  // not a step from here: decide() says why
        {&final_report, cmd("request_reconvene"), "council:US|MX"},
        {&final_report, cmd("transmit_final_report"), "council:US|MX"},
    };
    const std::vector<User> users = {user("submitter"),   user("nao", "US"),     user("nao", "MX"),
                                     user("council", "US"), user("council", "MX"), user("council", "CA"),
                                     user("secretariat"),   user("panel"),         user("admin")};
    for (const auto& row : rows) {
        for (const auto& u : users) {
            const auto refusal = access_refusal(rb, *row.state, u, row.command);
            const std::string allowed = row.allowed;
            bool expect_ok = u.role == "admin" || allowed.empty();
            if (allowed == "submitter") expect_ok = expect_ok || u.role == "submitter";
            if (allowed == "nao:US") expect_ok = expect_ok || (u.role == "nao" && u.party == "US");
            if (allowed == "council:*") expect_ok = expect_ok || u.role == "council";
            if (allowed == "council:US|MX") expect_ok = expect_ok || (u.role == "council" && u.party != "CA");
            EXPECT_EQ(!refusal, expect_ok) << row.command.event << " by " << u.role << " " << u.party << ": "
                                           << refusal.value_or("allowed");
        }
    }
    // The reason names the step, the actor, the Party and the article.
    EXPECT_EQ(*access_refusal(rb, filed, user("nao", "MX"), cmd("accept")),
              "nao_acceptance: accept is for receiving_nao of US; you act for MX (Art 16(3))");
    EXPECT_EQ(*access_refusal(rb, filed, user("panel"), cmd("accept")),
              "nao_acceptance: accept is for receiving_nao (role nao); you are panel (Art 16(3))");
}

TEST(Access, RapidResponseCommitteeAndParties) {
    RulebookRegistry reg(ACCORD_SOURCE_DIR "/rulebooks");
    const Rulebook& rb = reg.get("usmca-rrm-2020");
    const CaseState petition = CaseBuilder(rb).office("US-ILC").respondent("MX").subjects("freedom_of_association")
                                   .filed_on(parse_date_or_throw("2022-01-10")).build();
    EXPECT_FALSE(access_refusal(rb, petition, user("nao", "US"), cmd("accept_petition")));
    EXPECT_TRUE(access_refusal(rb, petition, user("nao", "MX"), cmd("accept_petition")));
    const CaseState requested = CaseBuilder(rb).office("US-ILC").respondent("MX").subjects("freedom_of_association")
                                    .detail("stage", "review_requested").filed_on(parse_date_or_throw("2022-01-10")).build();
    EXPECT_FALSE(access_refusal(rb, requested, user("council", "MX"), cmd("agree_review")));
    EXPECT_TRUE(access_refusal(rb, requested, user("council", "US"), cmd("agree_review")));
    EXPECT_FALSE(access_refusal(rb, requested, user("council", "US"), cmd("suspend_liquidation")));
}
