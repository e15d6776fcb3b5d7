// Import of the historical cases, on both backends: the real file, re-imports, broken rows,
// month-only dates, replay, stats.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cases/case_service.hpp"
#include "cases/codec.hpp"
#include "cases/import.hpp"
#include "cases/stats.hpp"
#include "store_fixture.hpp"

using namespace accord;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string kHeader =
    "id,mechanism,office,respondent,submitters,facility,location,subjects,date_filed,decision,decision_date,"
    "hearing_date,report_date,ministerial_consultations,ministerial_agreement_date,escalation,rrm_request_date,"
    "rrm_review_by_respondent,rrm_remediation_date,rrm_closure_date,outcome,source,notes\n";

class Import : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        store_ = open_store(test_support::store_url(GetParam()));
        store_->migrate();
    }
    std::unique_ptr<EventStore> store_;
    RulebookRegistry rulebooks_{ACCORD_SOURCE_DIR "/rulebooks"};
};

TEST_P(Import, TheHistoricalCasesImportReplayAndReimportAsNoOp) {
    const std::string csv = read(ACCORD_SOURCE_DIR "/data/cases.csv");
    const ImportReport first = import_cases_csv(csv, *store_, rulebooks_);
    EXPECT_EQ(first.rows, 59);
    EXPECT_TRUE(first.refused.empty()) << first.refused[0].message;
    EXPECT_EQ(first.cases_written, 59);
    for (const auto& f : first.findings)
        EXPECT_EQ(f.message.find("refused"), std::string::npos) << f.case_id << ": " << f.message;

    // Every stored case replays to the stage its projection shows.
    CaseService service(*store_, rulebooks_);
    for (const auto& row : store_->list({})) {
        const CaseView v = service.load(row.id);
        if (v.events.empty()) continue;
        EXPECT_EQ(v.rulebook->stages[size_t(v.state.current)].id, row.stage) << row.id;
        EXPECT_EQ(int64_t(v.events.size()), row.version) << row.id;
    }
    // US-9601: accepted 1996-07-29, report 1997-01-27 (a missed deadline is a finding, not an error).
    const CaseView v = service.load("US-9601");
    EXPECT_EQ(v.row.stage, "ministerial_consultations");
    EXPECT_EQ(v.events[1].name, "accept");
    EXPECT_EQ(v.events[1].on, "1996-07-29");
    // A month-only date stays a month (MX-9802's report: 1999-08) and an unknown one stays unknown.
    const auto mx = store_->load("MX-9802");
    ASSERT_GE(mx.size(), 3u);
    EXPECT_EQ(mx[2].name, "publish_report");
    EXPECT_EQ(mx[2].on, "1999-08");
    EXPECT_EQ(mx[3].on, "");

    const ImportReport again = import_cases_csv(csv, *store_, rulebooks_);
    EXPECT_EQ(again.cases_written, 0);
    EXPECT_EQ(again.cases_existing, 59);
    EXPECT_EQ(again.events, 0);
    EXPECT_EQ(store_->load("US-9601").size(), v.events.size());

    // Stats: US-NAO's eight decisions with both dates to the day are 18, 46, 58 and five of 60 days
    // (rows US-940001 ... US-2011-02): median 60. The month-only report of MX-9802 is not counted.
    const auto s = case_stats(*store_, rulebooks_);
    const auto& us = s["offices"]["US-NAO"];
    EXPECT_EQ(us["cases"], 20);
    EXPECT_EQ(us["median_days_to_decision"], 60.0);
    EXPECT_EQ(us["median_days_to_decision_n"], 8);
    EXPECT_EQ(us["statutory_days_to_decision"], 60);
    EXPECT_EQ(us["statutory_days_to_report"], 240);
    EXPECT_EQ(s["offices"]["MX-NAO"]["median_days_to_report_n"], 1);  // MX-9804 only; MX-9802 is month-only
    EXPECT_EQ(s["offices"]["US-ILC"]["cases"], 23);
}

TEST_P(Import, BrokenRowsAreRefusedWithTheirLineAndGoodRowsImport) {
    const std::string p = "B" + test_support::unique_suffix() + "-";
    const std::string csv =
        kHeader +
        p + "1,NAALC,US-NAO,MX,Union,Plant,,minimum_wage,2001-02-03,accepted,2001-03-01,,,,,none,,,,,,,\n" +  // line 2
        p + "2,NAALC,US-NAO,MX,Union,Plant,,minimum_wage,2001-02-30,,,,,,,none,,,,,,,\n" +                     // 3: impossible date
        p + "3,NAALC,US-NAO,MX,Union,Plant,,teleportation,2001-02-03,,,,,,,none,,,,,,,\n" +                   // 4: unknown subject
        p + "4,NAALC,US-NAO,MX,Union,Plant,,minimum_wage,2001-02-03,,,\n" +                                    // 5: too few fields
        p + "5,NAALC,US-NAO,MX,\"Union, \"\"quoted\"\"\",Plant,,child_labor,2001-02-03,,,,,,,none,,,,,,,\n" +  // 6: fine
        p + "6,NAALC,US-NAO,MX,\"Unclosed,Plant,,minimum_wage,2001-02-03,,,,,,,none,,,,,,,\n" +              // 7: unclosed quote
        p + "7,NAALC,US-NAO,MX,Union,Plant,,minimum_wage,2001-02-03,,,,,,,none,,,,,,,\n";
    const ImportReport r = import_cases_csv(csv, *store_, rulebooks_);
    std::map<int, std::string> refused;
    for (const auto& i : r.refused) refused[i.line] = i.message;
    ASSERT_EQ(refused.size(), 4u);
    EXPECT_EQ(refused[3], "date_filed: impossible date 2001-02-30");
    EXPECT_EQ(refused[4], "subjects: unknown subject 'teleportation'");
    EXPECT_EQ(refused[5], "expected 23 fields, found 12");
    EXPECT_EQ(refused[7], "unclosed quote: the rest of the file cannot be read");
    EXPECT_EQ(r.cases_written, 2);
    EXPECT_TRUE(store_->get(p + "1"));
    ASSERT_TRUE(store_->get(p + "5"));
    EXPECT_EQ(store_->get(p + "5")->submitter, "Union, \"quoted\"");
    EXPECT_FALSE(store_->get(p + "2"));
    EXPECT_FALSE(store_->get(p + "7"));  // after the unclosed quote nothing can be read
}

TEST_P(Import, LiveCasesThroughTheService) {
    CaseService service(*store_, rulebooks_);
    Command filing{"", parse_date_or_throw("2001-02-05"), "",
                   {{"office", "US-NAO"}, {"respondent", "MX"}, {"subjects", "minimum_wage"}, {"submitter", "A union"}}};
    const std::string request = "file-" + test_support::unique_suffix();
    const StepOutcome filed = service.file("naalc-1994", filing, request);
    ASSERT_FALSE(filed.refusal);
    EXPECT_EQ(filed.case_id.rfind("US-NAO-2001-", 0), 0u);
    EXPECT_TRUE(service.file("naalc-1994", filing, request).duplicate);

    Command accept{"accept", parse_date_or_throw("2001-03-01"), "receiving_nao", {}};
    EXPECT_THROW(service.step(filed.case_id, accept, 0, ""), Error);  // stale: the case is at version 1
    const StepOutcome ok = service.step(filed.case_id, accept, 1, "");
    EXPECT_FALSE(ok.refusal);
    EXPECT_EQ(ok.version, 2);
    const auto row = store_->get(filed.case_id);
    EXPECT_EQ(row->stage, "nao_acceptance");
    EXPECT_EQ(row->next_deadline, "2001-06-29");  // the report, 120 days after acceptance
    EXPECT_EQ(row->next_deadline_stage, "nao_review");

    Command vote{"vote_panel", parse_date_or_throw("2001-03-02"), "", {{"for", "US,CA"}}};
    const StepOutcome refused = service.step(filed.case_id, vote, std::nullopt, "");
    ASSERT_TRUE(refused.refusal);
    EXPECT_EQ(refused.refusal->code, ErrorCode::out_of_order);
    EXPECT_EQ(store_->load(filed.case_id).size(), 2u);  // nothing written
    EXPECT_THROW(service.load("no-such-case"), Error);
}

INSTANTIATE_TEST_SUITE_P(Backends, Import, ::testing::Values("sqlite", "postgresql"), test_support::backend_name);

}  // namespace
