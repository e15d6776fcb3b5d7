#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "rulebook/loader.hpp"
#include "rulebook/override.hpp"
#include "rulebook/static_checks.hpp"
#include "support/mini_rulebook.hpp"

using namespace accord;
using test_support::kMinimal;

namespace {

std::string naalc_text() {
    std::ifstream in(std::string(ACCORD_SOURCE_DIR) + "/rulebooks/naalc-1994.toml");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The error message of loading `text`, or "" if it loads.
std::string load_error(const std::string& text) {
    try {
        load_rulebook_text(text, "t.toml");
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ErrorCode::bad_rulebook);
        return e.what();
    }
    return "";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
}


}  // namespace

TEST(Loader, LoadsTheNaalcRulebook) {
    const Rulebook rb = load_rulebook_text(naalc_text(), "naalc-1994.toml");
    EXPECT_EQ(rb.agreement.id, "naalc-1994");
    EXPECT_EQ(rb.agreement.entry_into_force.str(), "1994-01-01");
    EXPECT_EQ(rb.parties.size(), 3u);
    EXPECT_EQ(rb.subjects.size(), 12u);
    EXPECT_EQ(rb.tier_name(rb.subjects[size_t(rb.subject_index("minimum_wage"))].tier), "panel");
    EXPECT_EQ(rb.tier_name(rb.subjects[size_t(rb.subject_index("right_to_strike"))].tier), "consultations");
    // Every stage id of the spec's section 3 is present.
    for (const char* id : {"submission_received", "nao_acceptance", "nao_review", "ministerial_consultations",
                           "ece_established", "ece_draft_report", "ece_final_report", "ece_report_published",
                           "ece_party_responses", "pattern_consultations", "council_special_session", "panel_vote",
                           "third_party_joins", "panel_selected", "initial_report", "final_report",
                           "final_report_published", "no_pattern_found", "action_plan_agreed",
                           "panel_reconvened_plan", "action_plan_deemed", "plan_decision",
                           "panel_reconvened_implementation", "implementation_decision", "further_proceeding",
                           "assessment_payment", "benefits_suspended", "court_enforcement", "suspension_review"})
        EXPECT_NE(rb.stage_index(id), kNone) << id;
    const Stage& selected = rb.stages[size_t(rb.stage_index("panel_selected"))];
    EXPECT_EQ(*selected.timing->for_parties(2).within, 35);
    EXPECT_EQ(*selected.timing->for_parties(3).within, 55);
    EXPECT_TRUE(static_checks(rb).empty());
}

TEST(Loader, MinimalRulebookWithBusinessDays) {
    const Rulebook rb = load_rulebook_text(kMinimal, "mini.toml");
    const Stage& accepted = rb.stages[size_t(rb.stage_index("accepted"))];
    EXPECT_EQ(accepted.timing->unit, Timing::Unit::business_days);
    EXPECT_EQ(accepted.timing->calendar, "respondent");
    EXPECT_TRUE(static_checks(rb).empty());
}

TEST(Loader, MalformedTomlCarriesLineAndColumn) {
    EXPECT_EQ(load_error("format = 1\nparties = [\n  { code = \"A\" \n"),
              "t.toml:3:16: Error while parsing inline table: expected key or closing '}', saw '\\n'");
}

TEST(Loader, ErrorsNameTheKeyAndPosition) {
    EXPECT_EQ(load_error(replaced(kMinimal, "within_business_days = 3, calendar = \"respondent\"",
                                  "within_business_days = 3")),
              "t.toml:18:10: stages.accepted.timing: a business-day rule needs a calendar (respondent, complainant, "
              "joint or a name)");
    EXPECT_EQ(load_error(replaced(kMinimal, "after = [\"filed\"]", "after = [\"nowhere\"]")),
              "t.toml:18:20: stages.accepted.timing.after: unknown stage 'nowhere'");
    EXPECT_EQ(load_error(replaced(kMinimal, "tier = \"review\" }", "tier = \"review\", colour = 1 }")),
              "t.toml:6:56: subjects[0]: unknown key 'colour'");
    EXPECT_EQ(load_error(replaced(kMinimal, "to = \"done\"", "to = \"finished\"")),
              "t.toml:27:47: procedure.transitions[1].to: unknown stage 'finished'");
    EXPECT_EQ(load_error(replaced(kMinimal, "actor = \"office\", guards", "actor = \"judge\", guards")),
              "t.toml:27:63: procedure.transitions[1].actor: unknown actor 'judge'");
    EXPECT_EQ(load_error(replaced(kMinimal, "entry_into_force = 2000-01-01", "entry_into_force = \"soon\"")),
              "t.toml:11:20: agreement.entry_into_force: expected a date (YYYY-MM-DD)");
    EXPECT_NE(load_error(replaced(kMinimal, "within_business_days = 3", "within_business_days = -3")).find("out of range"),
              std::string::npos);
    EXPECT_NE(load_error(replaced(kMinimal, "[[stages]]\nid = \"done\"", "[[stages]]\nid = \"filed\"")).find("duplicate stage id 'filed'"),
              std::string::npos);
    EXPECT_NE(load_error(replaced(kMinimal, "within_business_days = 3, ", "within_days = 3, within_business_days = 3, "))
                  .find("both 'within_days' and 'within_business_days'"),
              std::string::npos);
    EXPECT_NE(load_error("format = 2\n").find("'format = 1' is required"), std::string::npos);
    EXPECT_NE(load_error(replaced(kMinimal, "kind = \"reached\"", "kind = \"magic\"")).find("unknown gate kind 'magic'"),
              std::string::npos);
    EXPECT_NE(load_error(replaced(kMinimal, "within_business_days = 3, ", "not_before_days = 1, within_business_days = 3, "))
                  .find("mixes calendar days and business days"),
              std::string::npos);
}

TEST(Loader, ImpossibleDateInRulebook) {
    // TOML itself refuses February 30th, with a position.
    const auto err = load_error(replaced(kMinimal, "2000-01-01", "2001-02-30"));
    EXPECT_EQ(err.rfind("t.toml:11:", 0), 0u) << err;
}

TEST(StaticChecks, FindUnreachableStagesAndImpossibleAnchors) {
    std::string text = replaced(kMinimal, "[procedure]",
                                "[[stages]]\nid = \"orphan\"\narticle = \"9\"\ntiming = { after = [\"done\"], within_days = 5 }\n[procedure]");
    const Rulebook rb = load_rulebook_text(text, "t.toml");
    const auto findings = static_checks(rb);
    ASSERT_EQ(findings.size(), 3u);
    EXPECT_EQ(findings[0].message, "stage 'orphan' is unreachable from 'filed'");
    EXPECT_EQ(findings[0].pos.line, 23);
    EXPECT_EQ(findings[1].message, "stage 'orphan' has no way out and is not marked terminal");
    EXPECT_EQ(findings[2].message, "stage 'orphan': timing counts from 'done', which can never come before it");
}

TEST(Override, SetsTimingsAndRefusesUnknownKeys) {
    Rulebook rb = load_rulebook_text(naalc_text(), "naalc-1994.toml");
    apply_override(rb, "ece_draft_report.within_days=100");
    EXPECT_EQ(*rb.stages[size_t(rb.stage_index("ece_draft_report"))].timing->bounds.within, 100);
    apply_override(rb, "panel_selected.within_days=40");
    const auto& sel = *rb.stages[size_t(rb.stage_index("panel_selected"))].timing;
    EXPECT_EQ(*sel.for_parties(2).within, 40);
    EXPECT_EQ(*sel.for_parties(3).within, 55);  // the three-Party value was set on its own
    apply_override(rb, "panel_selected.parties.3.within_days=70");
    EXPECT_EQ(*sel.for_parties(3).within, 70);
    apply_override(rb, "panel_reconvened_plan.window_days=[30, 90]");
    const auto& plan = rb.stages[size_t(rb.stage_index("panel_reconvened_plan"))].timing->bounds;
    EXPECT_EQ(*plan.window_from, 30);
    EXPECT_EQ(*plan.window_to, 90);

    auto code_of = [&](const char* a) {
        try {
            apply_override(rb, a);
        } catch (const Error& e) {
            return e.code();
        }
        return ErrorCode::io;  // not thrown
    };
    EXPECT_EQ(code_of("nowhere.within_days=3"), ErrorCode::unknown_stage);
    EXPECT_EQ(code_of("ece_draft_report.colour=3"), ErrorCode::unknown_key);
    EXPECT_EQ(code_of("ece_draft_report.within_business_days=3"), ErrorCode::unknown_key);
    EXPECT_EQ(code_of("submission_received.within_days=3"), ErrorCode::unknown_key);  // no timing
    EXPECT_EQ(code_of("ece_draft_report.within_days=ten"), ErrorCode::bad_argument);
    EXPECT_EQ(code_of("ece_draft_report.within_days"), ErrorCode::bad_argument);
    EXPECT_EQ(code_of("panel_reconvened_plan.window_days=[90,30]"), ErrorCode::bad_argument);
}

TEST(Loader, NonAsciiOutsideStringsIsRefusedBeforeParsing) {
    // Found by the fuzzer: these reach undefined behaviour inside toml++ 3.3.
    EXPECT_EQ(load_error("\xef\xbb\xbe"), "t.toml:1:1: non-ASCII character outside a string or comment");
    EXPECT_EQ(load_error("format = 1\nname = caf\xc3\xa9\n"), "t.toml:2:11: non-ASCII character outside a string or comment");
    // Inside strings and comments non-ASCII text is fine.
    const std::string ok = replaced(kMinimal, "name = \"Minimal\"", "name = \"Acuerdo m\xc3\xadnimo \\\" \xe2\x80\x94\" # \xc3\xa9t\xc3\xa9");
    EXPECT_EQ(load_error(ok), "");
    const std::string multi = replaced(kMinimal, "name = \"Minimal\"", "name = '''Acuerdo\n m\xc3\xadnimo'''");
    EXPECT_EQ(load_error(multi), "");
}

TEST(Loader, ControlCharactersAreRefused) {
    EXPECT_EQ(load_error(std::string("format = 1\nsigned = 1993\0\0", 27)), "t.toml:2:14: control character");
}
