// The simulator: determinism across thread counts, calibration against the record, the direction
// of each design variant, and bad scenario files.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/csv.hpp"
#include "core/error.hpp"
#include "rulebook/registry.hpp"
#include "sim/simulator.hpp"

using namespace accord;

namespace {

const std::string kDir = ACCORD_SOURCE_DIR;

nlohmann::json run(RulebookRegistry& reg, const std::vector<std::string>& names, int64_t cases, uint64_t seed, int threads) {
    const Scenario sc = load_scenario_file(kDir + "/scenarios/naalc-historical.toml");
    SimulationOptions o;
    o.cases = cases;
    o.seed = seed;
    o.threads = threads;
    std::vector<RulebookRun> runs;
    for (const auto& n : names) runs.push_back(simulate(reg.get(n), sc, o));
    return summarize(sc, o, runs);
}

double tier(const nlohmann::json& summary, size_t i, const char* t) { return summary["rulebooks"][i]["reaching_tier"][t]; }

}  // namespace

TEST(Simulator, SameSeedSameResultWhateverTheThreads) {
    RulebookRegistry reg(kDir + "/rulebooks");
    const auto one = run(reg, {"naalc-1994", "variants/broad-scope"}, 20000, 42, 1);
    const auto two = run(reg, {"naalc-1994", "variants/broad-scope"}, 20000, 42, 2);
    const auto four = run(reg, {"naalc-1994", "variants/broad-scope"}, 20000, 42, 4);
    EXPECT_EQ(one.dump(), two.dump());
    EXPECT_EQ(one.dump(), four.dump());
    const auto other = run(reg, {"naalc-1994"}, 20000, 43, 2);
    EXPECT_NE(one["rulebooks"][0].dump(), other["rulebooks"][0].dump());
}

TEST(Simulator, CalibratedOnTheRecord) {
    // The record: NAALC submissions in data/cases.csv.
    std::ifstream in(kDir + "/data/cases.csv");
    std::stringstream buf;
    buf << in.rdbuf();
    const CsvTable table = parse_csv(buf.str());
    ASSERT_TRUE(table.errors.empty());
    const auto& h = table.records[0].fields;
    auto col = [&](const char* name) { return size_t(std::find(h.begin(), h.end(), name) - h.begin()); };
    int yes = 0, no = 0;
    std::vector<int> report_days;
    for (size_t i = 1; i < table.records.size(); ++i) {
        const auto& f = table.records[i].fields;
        if (f[col("mechanism")] != "NAALC") continue;
        yes += f[col("ministerial_consultations")] == "yes";
        no += f[col("ministerial_consultations")] == "no";
        const auto filed = Date::parse(f[col("date_filed")]), report = Date::parse(f[col("report_date")]);
        if (filed && report) report_days.push_back((*report - *filed).count);
    }
    std::sort(report_days.begin(), report_days.end());
    const double record_share = double(yes) / double(yes + no);
    const double record_median = report_days[report_days.size() / 2];  // odd count
    ASSERT_EQ(report_days.size() % 2, 1u);

    RulebookRegistry reg(kDir + "/rulebooks");
    const auto s = run(reg, {"naalc-1994"}, 50000, 1, 2);
    const auto& m = s["rulebooks"][0]["measures"];
    // Tolerances: 5 points of share, 10 % of the median.
    EXPECT_NEAR(m["ministerial_consultations_share"].get<double>(), record_share, 0.05)
        << "record " << yes << " of " << yes + no;
    EXPECT_NEAR(m["median_days_to_report"].get<double>(), record_median, 0.10 * record_median);
}

TEST(Simulator, EachVariantMovesTheExpectedWay) {
    RulebookRegistry reg(kDir + "/rulebooks");
    const auto s = run(reg,
                       {"naalc-1994", "variants/broad-scope", "variants/fast-track", "variants/strong-enforcement",
                        "variants/autonomous-commission"},
                       50000, 5, 2);
    const auto& base = s["rulebooks"][0];
    // broad-scope: more cases reach a panel, and an ECE.
    EXPECT_GT(tier(s, 1, "panel"), tier(s, 0, "panel"));
    EXPECT_GT(tier(s, 1, "ece"), tier(s, 0, "ece"));
    // fast-track: outcomes come sooner.
    EXPECT_LT(s["rulebooks"][2]["time_to_outcome_days"]["median"].get<double>(), base["time_to_outcome_days"]["median"].get<double>());
    EXPECT_LT(s["rulebooks"][2]["time_to_outcome_days"]["p90"].get<double>(), base["time_to_outcome_days"]["p90"].get<double>());
    // strong-enforcement: larger assessments.
    EXPECT_GT(s["rulebooks"][3]["expected_assessment_usd"].get<double>(), 2 * base["expected_assessment_usd"].get<double>());
    // autonomous-commission: the Secretariat opens more ECEs.
    EXPECT_GT(tier(s, 4, "ece"), tier(s, 0, "ece"));
    EXPECT_TRUE(s["rulebooks"][1].contains("versus_naalc-1994"));
}

TEST(Simulator, BadScenariosAreRefusedWithTheirLine) {
    auto error = [](const std::string& text) -> std::string {
        try {
            load_scenario_text(text, "s.toml");
        } catch (const Error& e) {
            return e.what();
        }
        return "";
    };
    const std::string head = "format = 1\nid = \"x\"\n";
    const std::string arrivals =
        "[arrivals]\nfrom = 2000-01-01\nto = 2001-01-01\noffices = [ { id = \"US-NAO\", weight = 1 } ]\n"
        "respondents = [ { party = \"MX\", weight = 1 } ]\nsubjects = [ { id = \"minimum_wage\", p = 0.5 } ]\n";
    EXPECT_EQ(error(head + "steps = [ { at = \"submission_received\", event = \"accept\", days = [5, 1, 3] } ]\n" + arrivals),
              "s.toml:3:66: steps[0].days: expected min <= mode <= max");
    EXPECT_EQ(error(head + "steps = [ { at = \"submission_received\", event = \"accept\", days = [1, 2, 3], mood = 1 } ]\n" + arrivals),
              "s.toml:3:84: steps[0]: unknown key 'mood'");
    EXPECT_EQ(error(head + "steps = [ { at = \"submission_received\", event = \"accept\", days = [1, 2, 3] } ]\n" +
                    "[arrivals]\nfrom = 2000-02-30\n"),
              "s.toml:5:18: Error while parsing date: expected day between 1 and 29 (inclusive), saw 30");
    EXPECT_NE(error(head + "steps = [ { at = \"submission_received\", event = \"accept\", weight = -1, days = [1, 2, 3] } ]\n" + arrivals)
                  .find("steps[0].weight: -1.000000 is outside"),
              std::string::npos);

    // A step naming a stage no rulebook of the run has: refused with its line.
    const Scenario sc = load_scenario_text(
        head + "steps = [\n  { at = \"submission_received\", event = \"accept\", days = [1, 2, 3] },\n"
               "  { at = \"nowhere\", event = \"accept\", days = [1, 2, 3] },\n]\n" + arrivals,
        "s.toml");
    RulebookRegistry reg(kDir + "/rulebooks");
    try {
        check_scenario(sc, {&reg.get("naalc-1994")});
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "s.toml:5: step: unknown stage 'nowhere'");
    }
}
