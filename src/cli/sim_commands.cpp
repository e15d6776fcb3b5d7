// accord simulate
#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "sim/simulator.hpp"

namespace accord::cli {

using nlohmann::json;

namespace {

// A progress bar on stderr, shown once a run has taken more than a second.
class Progress {
public:
    explicit Progress(std::string label) : label_(std::move(label)), start_(std::chrono::steady_clock::now()) {}
    void operator()(double done) {
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard<std::mutex> lock(mutex_);
        if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        shown_ = true;
        const int width = 30, filled = int(done * width);
        std::fprintf(stderr, "\r%s [%s%s] %3d%%", label_.c_str(), std::string(size_t(filled), '#').c_str(),
                     std::string(size_t(width - filled), ' ').c_str(), int(done * 100));
    }
    ~Progress() {
        if (shown_) std::fprintf(stderr, "\r%s done%s\n", label_.c_str(), std::string(40, ' ').c_str());
    }

private:
    std::string label_;
    std::chrono::steady_clock::time_point start_, last_{};
    std::mutex mutex_;
    bool shown_ = false;
};

}  // namespace

void add_sim_commands(CLI::App& app, Context& ctx) {
    struct Args {
        std::string rulebook, scenario, plot;
        std::vector<std::string> compare;
        int64_t cases = 10000;
        uint64_t seed = 1;
        int threads = 0;
        bool json = false;
    };
    static Args a;
    auto* sim = app.add_subcommand("simulate", "Run simulated cases through the engine under one or more rulebooks");
    sim->add_option("--rulebook", a.rulebook, "The baseline rulebook")->required();
    sim->add_option("--compare", a.compare, "Rulebooks to compare with it (variants/broad-scope, ...)");
    sim->add_option("--scenario", a.scenario, "Scenario file (scenarios/*.toml)")->required();
    sim->add_option("--cases", a.cases, "Number of cases")->check(CLI::Range(int64_t(1), int64_t(100'000'000)));
    sim->add_option("--seed", a.seed, "Random seed: the same seed gives the same result");
    sim->add_option("--threads", a.threads, "Threads (default: all cores)")->check(CLI::Range(1, 256));
    sim->add_option("--plot", a.plot, "Write a chart (SVG)");
    sim->add_flag("--json", a.json, "Print JSON");
    sim->callback([&ctx] {
        const Scenario scenario = load_scenario_file(a.scenario);
        SimulationOptions o;
        o.cases = a.cases;
        o.seed = a.seed;
        o.threads = a.threads ? a.threads : int(std::max(1u, std::thread::hardware_concurrency()));
        std::vector<std::string> names{a.rulebook};
        names.insert(names.end(), a.compare.begin(), a.compare.end());
        std::vector<const Rulebook*> rulebooks;
        for (const auto& name : names) rulebooks.push_back(&ctx.rulebooks().get(name));
        check_scenario(scenario, rulebooks);
        std::vector<RulebookRun> runs;
        for (const Rulebook* book : rulebooks) {
            const Rulebook& rb = *book;
            Progress progress(rb.agreement.id);
            o.progress = [&progress](double f) { progress(f); };
            runs.push_back(simulate(rb, scenario, o));
        }
        const json summary = summarize(scenario, o, runs);
        if (!a.plot.empty()) {
            std::ofstream out(a.plot);
            if (!out) throw Error(ErrorCode::io, a.plot + ": cannot write the plot");
            out << plot_svg(summary, runs);
        }
        ctx.rc = 0;
        if (a.json) return print_json(summary);
        std::cout << scenario.id << ": " << a.cases << " cases, seed " << a.seed << "\n\n";
        auto percent = [](double share) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%.2f%%", share * 100);
            return std::string(buf);
        };
        std::cout << pad("share reaching:", 24);
        for (const auto& [tier, v] : summary["rulebooks"][0]["reaching_tier"].items()) std::cout << pad(tier, 15);
        std::cout << pad("sanction", 10) << pad("median days", 13) << pad("p90 days", 10) << "assessment/case\n";
        for (const auto& r : summary["rulebooks"]) {
            std::cout << pad(r["rulebook"].get<std::string>(), 24);
            for (const auto& [tier, v] : summary["rulebooks"][0]["reaching_tier"].items())
                std::cout << pad(r["reaching_tier"].contains(tier) ? percent(r["reaching_tier"][tier].get<double>()) : "-", 15);
            std::cout << pad(percent(r["sanction_share"].get<double>()), 10)
                      << pad(r["time_to_outcome_days"]["median"].dump(), 13) << pad(r["time_to_outcome_days"]["p90"].dump(), 10)
                      << "USD " << int64_t(r["expected_assessment_usd"].get<double>()) << "\n";
        }
        std::cout << "\nmeasures (" << summary["rulebooks"][0]["rulebook"].get<std::string>() << "): "
                  << summary["rulebooks"][0]["measures"].dump() << "\n";
        if (!a.plot.empty()) std::cout << "\nchart: " << a.plot << "\n";
    });
}

}  // namespace accord::cli
