// The accord binary end to end: JSON shapes, golden figures through --set, one-line errors and
// exit codes for bad input.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct CliRun {
    int code = -1;
    std::string out;
    std::string err;
};

CliRun accord(const std::string& args) {
    const std::string err_file = ::testing::TempDir() + "accord_cli_stderr.txt";
    const std::string cmd = "cd " ACCORD_SOURCE_DIR " && " ACCORD_BINARY " " + args + " 2>" + err_file;
    CliRun r;
    FILE* p = popen(cmd.c_str(), "r");
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err_file);
    r.err.assign(std::istreambuf_iterator<char>(in), {});
    return r;
}

nlohmann::json json_of(const std::string& args) {
    const CliRun r = accord(args + " --json");
    EXPECT_EQ(r.code, 0) << args << "\n" << r.err;
    return nlohmann::json::parse(r.out);
}

int days(const std::string& args) { return json_of("timeline --rulebook naalc-1994 " + args)["days"].get<int>(); }

// A failed command prints exactly one line to stderr, starting with "accord: ".
void expect_one_line_error(const CliRun& r, int code, const std::string& text) {
    EXPECT_EQ(r.code, code) << r.err;
    EXPECT_EQ(r.err.rfind("accord: ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find(text), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
}

}  // namespace

TEST(Cli, TimelineGoldenFigures) {
    EXPECT_EQ(days("--from ece_established --to ece_party_responses"), 300);
    EXPECT_EQ(days("--from ece_established --to ece_final_report"), 180);
    EXPECT_EQ(days("--from pattern_consultations --to benefits_suspended"), 805);
    EXPECT_EQ(days("--from pattern_consultations --to benefits_suspended --parties 3"), 825);
    EXPECT_EQ(days("--from ece_established --to benefits_suspended"), 985);
    EXPECT_EQ(days("--from nao_acceptance --to benefits_suspended"), 1165);
    EXPECT_EQ(days("--from submission_received --to benefits_suspended"), 1225);
    EXPECT_EQ(days("--from pattern_consultations --to benefits_suspended --best"), 360);
    // The same figures after a what-if override.
    EXPECT_EQ(days("--from ece_established --to ece_party_responses --set ece_draft_report.within_days=100"), 280);
    EXPECT_EQ(days("--from submission_received --to benefits_suspended --set ece_draft_report.within_days=100"), 1205);
    EXPECT_EQ(days("--from pattern_consultations --to benefits_suspended --parties 3 "
                   "--set panel_selected.parties.3.within_days=60 --set panel_vote.not_before_days=30"),
              800);
}

TEST(Cli, TimelineJsonHasThePathWithDates) {
    const auto j = json_of("timeline --rulebook naalc-1994 --from council_special_session --to panel_selected --start 2001-03-03");
    EXPECT_EQ(j["days"], 95);
    ASSERT_EQ(j["path"].size(), 3u);
    EXPECT_EQ(j["path"][1]["stage"], "panel_vote");
    EXPECT_EQ(j["path"][1]["day"], 60);
    EXPECT_EQ(j["path"][1]["article"], "29(1)");
    EXPECT_EQ(j["path"][1]["date"], "2001-05-02");
    EXPECT_EQ(j["end"], "2001-06-06");
}

TEST(Cli, CheckJson) {
    const auto j = json_of("check --rulebook naalc-1994 --office US-NAO --respondent MX "
                           "--subjects freedom_of_association,minimum_wage --trade-related yes "
                           "--mutually-recognized yes --persistent-pattern yes");
    EXPECT_EQ(j["admissible"], true);
    EXPECT_EQ(j["tier"], "panel");
    EXPECT_EQ(j["subjects"]["freedom_of_association"], "consultations");
    EXPECT_EQ(j["subjects"]["minimum_wage"], "panel");
    ASSERT_FALSE(j["reasons"].empty());
    for (const auto& r : j["reasons"]) EXPECT_FALSE(r["article"].get<std::string>().empty());

    const auto own = json_of("check --rulebook naalc-1994 --office MX-NAO --respondent MX --subjects child_labor");
    EXPECT_EQ(own["admissible"], false);
    EXPECT_EQ(own["tier"], "none");
    EXPECT_EQ(own["reasons"][0]["article"], "16(3)");

    const auto no_trade = json_of("check --rulebook naalc-1994 --office CA-NAO --respondent US --subjects child_labor --trade-related no");
    EXPECT_EQ(no_trade["tier"], "consultations");
}

TEST(Cli, AssessmentCapJson) {
    EXPECT_EQ(json_of("assessment-cap --rulebook naalc-1994 --year 1994")["cap_usd"], 20000000);
    EXPECT_EQ(json_of("assessment-cap --rulebook naalc-1994 --year 2000 --trade-usd 300000000000")["cap_usd"], 21000000);
}

TEST(Cli, RulebookCheckAndShow) {
    const CliRun ok = accord("rulebook check rulebooks/naalc-1994.toml");
    EXPECT_EQ(ok.code, 0) << ok.err;
    EXPECT_NE(ok.out.find("ok (38 stages"), std::string::npos);
    const CliRun mermaid = accord("rulebook show naalc-1994 --format mermaid");
    EXPECT_EQ(mermaid.code, 0);
    EXPECT_EQ(mermaid.out.rfind("stateDiagram-v2\n", 0), 0u);
    EXPECT_NE(mermaid.out.find("council_special_session --> panel_vote : vote_panel [panel_convening] (Art 29(1))"),
              std::string::npos);
    const auto j = json_of("rulebook show naalc-1994");
    EXPECT_EQ(j["agreement"]["id"], "naalc-1994");
    EXPECT_EQ(j["stages"].size(), 38u);
    const CliRun text = accord("rulebook show naalc-1994");
    EXPECT_NE(text.out.find("minimum_wage"), std::string::npos);
}

TEST(Cli, BadInputGivesOneLineAndNonZeroExit) {
    const std::string tmp = ::testing::TempDir();
    {
        std::ofstream(tmp + "broken.toml") << "format = 1\n[agreement\nid = 3\n";
    }
    expect_one_line_error(accord("rulebook check " + tmp + "broken.toml"), 2, "broken.toml:2:");
    {
        std::ofstream(tmp + "orphan.toml") << std::ifstream(ACCORD_SOURCE_DIR "/rulebooks/naalc-1994.toml").rdbuf()
                                           << "\n[[stages]]\nid = \"orphan\"\narticle = \"0\"\nterminal = true\n";
    }
    const CliRun orphan = accord("rulebook check " + tmp + "orphan.toml");
    EXPECT_EQ(orphan.code, 2);
    EXPECT_NE(orphan.err.find("stage 'orphan' is unreachable"), std::string::npos) << orphan.err;
    expect_one_line_error(accord("rulebook check /nonexistent/x.toml"), 5, "cannot open rulebook");
    expect_one_line_error(accord("check --rulebook naalc-1994 --office US-NAO --respondent MX --subjects bogus"), 2,
                          "unknown subject 'bogus'");
    expect_one_line_error(accord("check --rulebook naalc-1994 --office US-NAO --respondent MX --subjects child_labor --filed 2001-02-30"),
                          2, "impossible date '2001-02-30'");
    expect_one_line_error(accord("timeline --rulebook naalc-1994 --from ece_established --to ece_final_report --start 2001-02-30"),
                          2, "impossible date");
    expect_one_line_error(accord("timeline --rulebook naalc-1994 --from nowhere --to panel_vote"), 2,
                          "unknown stage 'nowhere'");
    expect_one_line_error(accord("timeline --rulebook naalc-1994 --from ece_established --to ece_final_report --set ece_draft_report.colour=1"),
                          2, "unknown timing key 'colour'");
    expect_one_line_error(accord("timeline --rulebook naalc-1994 --from ece_established --to ece_final_report --set nowhere.within_days=1"),
                          2, "unknown stage 'nowhere'");
    expect_one_line_error(accord("timeline --rulebook naalc-1994 --from closed --to panel_vote"), 2, "no path");
    // An unknown name is not found (4); a file that cannot be read stays an I/O failure (5, above).
    expect_one_line_error(accord("timeline --rulebook no-such-book --from a --to b"), 4, "no-such-book.toml");
    expect_one_line_error(accord("assessment-cap --rulebook naalc-1994 --year 2005"), 2, "--trade-usd");
    expect_one_line_error(accord("assessment-cap --rulebook naalc-1994 --year 2025 --trade-usd 1e9"), 1, "not in force");
    expect_one_line_error(accord("check --rulebook naalc-1994 --office US-NAO --respondent MX --subjects child_labor --trade-related maybe"),
                          2, "--trade-related");
}

TEST(Cli, CasesFromFilingToDeadlines) {
    const std::string db = "--db sqlite:" + ::testing::TempDir() + "cli-cases-" + std::to_string(getpid()) + ".db";
    const CliRun filed = accord(db + " case file --rulebook naalc-1994 --office US-NAO --respondent MX "
                                     "--subjects minimum_wage,child_labor --submitter 'A union' --on 2001-02-05 --json");
    ASSERT_EQ(filed.code, 0) << filed.err;
    const std::string id = nlohmann::json::parse(filed.out)["id"];
    EXPECT_EQ(id, "US-NAO-2001-0001");

    EXPECT_EQ(accord(db + " case step " + id + " accept --on 2001-03-01 --actor receiving_nao").code, 0);
    // A refused step: one line naming the rule and the article, exit 1, nothing written.
    expect_one_line_error(accord(db + " case step " + id + " vote_panel --on 2001-03-02 --detail for=US,CA"), 1,
                          "vote_panel: not possible in stage nao_acceptance");
    expect_one_line_error(accord(db + " case step " + id + " publish_report --on 2001-02-30"), 2, "impossible date");
    expect_one_line_error(accord(db + " case step " + id + " publish_report --on 2001-04-01 --expect-version 1"), 3,
                          "is at version 2");
    expect_one_line_error(accord(db + " case show NOPE"), 4, "no case 'NOPE'");

    const auto shown = json_of(db + " case show " + id + " --as-of 2001-07-15");
    EXPECT_EQ(shown["stage"], "nao_acceptance");
    EXPECT_EQ(shown["case"]["version"], 2);
    EXPECT_EQ(shown["events"].size(), 2u);
    bool report_due = false;
    for (const auto& d : shown["deadlines"])
        if (d["stage"] == "nao_review") {
            EXPECT_EQ(d["due"], "2001-06-29");
            EXPECT_EQ(d["status"], "missed");
            report_due = true;
        }
    EXPECT_TRUE(report_due);

    const auto overdue = json_of(db + " case list --overdue --as-of 2001-07-15");
    ASSERT_EQ(overdue["count"], 1);
    EXPECT_EQ(overdue["cases"][0]["id"], id);
    EXPECT_EQ(json_of(db + " case list --overdue --as-of 2001-06-01")["count"], 0);

    const CliRun ics = accord(db + " case deadlines " + id + " --ics --as-of 2001-03-02");
    EXPECT_EQ(ics.code, 0);
    EXPECT_EQ(ics.out.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
    EXPECT_NE(ics.out.find("DTSTART;VALUE=DATE:20010629\r\n"), std::string::npos);
    EXPECT_NE(ics.out.find("SUMMARY:" + id + ": nao_review due"), std::string::npos);
}

TEST(Cli, ImportStatsExport) {
    const std::string db = "--db sqlite:" + ::testing::TempDir() + "cli-import-" + std::to_string(getpid()) + ".db";
    const auto first = json_of(db + " import data/cases.csv");
    EXPECT_EQ(first["cases_written"], 59);
    EXPECT_EQ(first["refused"].size(), 0u);
    const auto again = json_of(db + " import data/cases.csv");
    EXPECT_EQ(again["cases_written"], 0);
    EXPECT_EQ(again["cases_existing"], 59);
    const auto stats = json_of(db + " stats");
    EXPECT_EQ(stats["offices"]["US-NAO"]["cases"], 20);
    EXPECT_TRUE(stats["offices"].contains("US-ILC"));
    const CliRun csv = accord(db + " export --format csv");
    EXPECT_EQ(csv.code, 0);
    EXPECT_EQ(csv.out.rfind("case_id,rulebook,office", 0), 0u);
    EXPECT_NE(csv.out.find("US-9601,naalc-1994,US-NAO,MX"), std::string::npos);

    const std::string broken = ::testing::TempDir() + "broken.csv";
    std::ofstream(broken) << "id,mechanism\nX,NAALC\n";
    expect_one_line_error(accord(db + " import " + broken), 2, "the header lacks column");
}

TEST(Cli, UnreachablePostgresIsOneLine) {
    expect_one_line_error(accord("--db postgresql://nobody@127.0.0.1:1/none case list"), 5, "cannot reach PostgreSQL");
}

TEST(Cli, RulebookDiffMatchesTheGoldenFile) {
    const CliRun r = accord("rulebook diff naalc-1994 usmca-rrm-2020 --json");
    ASSERT_EQ(r.code, 0) << r.err;
    std::ifstream golden(ACCORD_SOURCE_DIR "/tests/golden/diff-naalc-1994-usmca-rrm-2020.json");
    EXPECT_EQ(nlohmann::json::parse(r.out), nlohmann::json::parse(golden))
        << "regenerate with: build/accord rulebook diff naalc-1994 usmca-rrm-2020 --json > tests/golden/...";
    const CliRun text = accord("rulebook diff naalc-1994 usmca-rrm-2020");
    EXPECT_NE(text.out.find("freedom_of_association: consultations -> panel"), std::string::npos);
    EXPECT_NE(text.out.find("panel_vote: 2/3 of the Council (Art 29(1)) -> -"), std::string::npos);
}

TEST(Cli, LawAsOfTheFilingDate) {
    const auto before = json_of("check --rulebook auto --filed 2020-06-30 --office US-NAO --respondent MX --subjects freedom_of_association");
    EXPECT_EQ(before["rulebook"], "naalc-1994");
    EXPECT_EQ(before["office"], "US-NAO");
    EXPECT_EQ(before["tier"], "consultations");
    const auto after = json_of("check --rulebook auto --filed 2020-07-01 --office US-NAO --respondent MX --subjects freedom_of_association "
                               "--facility-trades yes --sector mining");
    EXPECT_EQ(after["rulebook"], "usmca-rrm-2020");
    EXPECT_EQ(after["office"], "US-ILC");
    EXPECT_EQ(after["tier"], "panel");
    const auto us_ca = json_of("check --rulebook auto --filed 2021-01-04 --office US-ILC --respondent CA --subjects freedom_of_association");
    EXPECT_EQ(us_ca["rulebook"], "usmca-rrm-2020");
    EXPECT_EQ(us_ca["admissible"], false);
    EXPECT_EQ(us_ca["reasons"][0]["rule"], "covered_pair");
    expect_one_line_error(accord("check --rulebook auto --office US-NAO --respondent MX --subjects freedom_of_association"), 2,
                          "--rulebook auto needs --filed");
    expect_one_line_error(accord("check --rulebook auto --filed 1990-01-01 --office US-NAO --respondent MX --subjects child_labor"), 1,
                          "no agreement in force on 1990-01-01");
}

TEST(Cli, RapidResponseScopeAndClocks) {
    const auto outside = json_of("check --rulebook usmca-rrm-2020 --office US-ILC --respondent MX --subjects freedom_of_association "
                                 "--facility-trades yes --sector agriculture");
    EXPECT_EQ(outside["tier"], "none");
    EXPECT_EQ(outside["reasons"][0]["text"], "sector 'agriculture' is not a priority sector (manufactured_goods, services, mining)");
    expect_one_line_error(accord("check --rulebook naalc-1994 --office US-NAO --respondent MX --subjects child_labor --sector mining"), 2,
                          "does not scope cases by sector");
    expect_one_line_error(accord("check --rulebook usmca-rrm-2020 --office US-ILC --respondent MX --subjects child_labor --trade-related yes"),
                          2, "unknown fact 'trade_related' in usmca-rrm-2020");
    // Business days on Mexico's calendar: the start date matters (Revolution Day, 18 November 2024).
    const auto t = json_of("timeline --rulebook usmca-rrm-2020 --from review_requested --to remedy --start 2024-11-05");
    EXPECT_EQ(t["path"][3]["stage"], "panel_constituted");
    EXPECT_EQ(t["path"][3]["date"], "2024-11-21");
    EXPECT_EQ(t["end"], "2024-12-21");
    EXPECT_EQ(t["days"], 46);
    const auto later = json_of("timeline --rulebook usmca-rrm-2020 --from review_requested --to remedy --start 2024-12-02");
    EXPECT_EQ(later["days"], 45);  // 10 days, 3 business days with no holiday between, 30 days
    expect_one_line_error(accord("timeline --rulebook usmca-rrm-2020 --from review_requested --to remedy"), 2, "give a start date");
}

TEST(Cli, BusinessDaysWithoutACalendarAreRefused) {
    std::ifstream in(ACCORD_SOURCE_DIR "/rulebooks/usmca-rrm-2020.toml");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const std::string from = "calendar = \"respondent\" }";
    text.replace(text.find(from), from.size(), "calendar = \"lunar\" }");
    const std::string path = ::testing::TempDir() + "rrm-lunar.toml";
    std::ofstream(path) << text;
    expect_one_line_error(accord("rulebook check " + path), 2, "stages.panel_constituted.timing: no calendar named 'lunar'");
}

TEST(Cli, UsersGetATokenOnceAndOnlyItsHashIsStored) {
    const std::string file = ::testing::TempDir() + "cli-users-" + std::to_string(getpid()) + ".db";
    const std::string db = "--db sqlite:" + file;
    const CliRun added = accord(db + " user add alice --role nao --party US");
    ASSERT_EQ(added.code, 0) << added.err;
    const std::string token = added.out.substr(0, added.out.find('\n'));
    EXPECT_EQ(token.size(), 64u);
    EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos);
    for (const std::string& part : {file, file + "-wal"}) {  // the database and its write-ahead log
        std::ifstream raw(part, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(raw)), {});
        EXPECT_EQ(bytes.find(token), std::string::npos) << "the token itself must not be stored in " << part;
    }
    expect_one_line_error(accord(db + " user add alice --role admin"), 3, "a user named 'alice' exists");
    expect_one_line_error(accord(db + " user add bob --role judge"), 2, "'judge' is not a role");
    expect_one_line_error(accord(db + " user add bob --role council"), 2, "acts for a Party");
    expect_one_line_error(accord(db + " user add bob --role council --party XX"), 2, "unknown Party 'XX'");
}
