// Replay throughput: events folded through apply() with deadline bookkeeping, on one core.
// The event logs are real engine output: each case is driven through decide() once, then replayed.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "engine/apply.hpp"
#include "engine/decide.hpp"
#include "rulebook/loader.hpp"

using namespace accord;

namespace {

const Rulebook& naalc() {
    static const Rulebook rb = load_rulebook_file(ACCORD_SOURCE_DIR "/rulebooks/naalc-1994.toml");
    return rb;
}

// The full statutory path, from filing to suspension and payment: 25 commands.
std::vector<Command> full_path_commands() {
    const std::vector<std::tuple<std::string, std::string, std::vector<std::pair<std::string, std::string>>>> steps = {
        {"file", "1998-01-05", {{"office", "US-NAO"}, {"respondent", "MX"}, {"subjects", "minimum_wage"},
                                {"trade_related", "yes"}, {"mutually_recognized", "yes"}, {"persistent_pattern", "yes"}}},
        {"accept", "1998-02-01", {}},
        {"hold_hearing", "1998-04-01", {}},
        {"extend_deadline", "1998-05-01", {{"stage", "nao_review"}}},
        {"publish_report", "1998-07-01", {}},
        {"request_consultations", "1998-08-01", {}},
        {"establish_ece", "1999-01-04", {}},
        {"submit_draft_report", "1999-05-01", {}},
        {"submit_final_report", "1999-06-25", {}},
        {"publish_ece_report", "1999-07-20", {}},
        {"request_pattern_consultations", "1999-08-02", {}},
        {"respond", "1999-10-01", {}},
        {"request_special_session", "1999-10-15", {}},
        {"convene_special_session", "1999-11-01", {}},
        {"vote_panel", "2000-01-05", {{"for", "US,CA"}}},
        {"select_panel", "2000-02-01", {}},
        {"submit_initial_report", "2000-07-20", {}},
        {"submit_final_report", "2000-09-15", {}},
        {"transmit_final_report", "2000-09-25", {}},
        {"publish_final_report", "2000-09-30", {}},
        {"request_reconvene", "2000-12-01", {}},
        {"decide_plan", "2001-02-01", {{"amount_usd", "15000000"}, {"trade_usd", "300000000000"}}},
        {"suspend_benefits", "2001-08-15", {}},
        {"pay_assessment", "2001-10-01", {}},
        {"close", "2001-10-15", {}},
    };
    std::vector<Command> out;
    for (const auto& [event, on, details] : steps) out.push_back(Command{event, parse_date_or_throw(on), "", details});
    return out;
}

// decide + apply over `commands`; the events produced, or an exception on a refusal.
std::vector<Event> run(const Rulebook& rb, const std::vector<Command>& commands) {
    CaseState s = empty_state(rb);
    std::vector<Event> log;
    for (const auto& c : commands) {
        const Decision d = decide(rb, s, c);
        if (!d.ok()) throw std::runtime_error(d.refusal->message);
        for (const auto& e : d.events) {
            log.push_back(e);
            apply_in_place(rb, s, e);
        }
    }
    return log;
}

std::vector<Event> full_path_log() { return run(naalc(), full_path_commands()); }

void BM_ReplayInPlace(benchmark::State& st) {
    const Rulebook& rb = naalc();
    const auto log = full_path_log();
    CaseState s = empty_state(rb);
    const CaseState fresh = s;
    for (auto _ : st) {
        s = fresh;
        for (const auto& e : log) apply_in_place(rb, s, e);
        benchmark::DoNotOptimize(s.current);
    }
    st.SetItemsProcessed(int64_t(st.iterations()) * int64_t(log.size()));
    st.counters["events/case"] = double(log.size());
}
BENCHMARK(BM_ReplayInPlace);

void BM_ReplayPureApply(benchmark::State& st) {
    const Rulebook& rb = naalc();
    const auto log = full_path_log();
    const CaseState fresh = empty_state(rb);
    for (auto _ : st) {
        CaseState s = fresh;
        for (const auto& e : log) s = apply(rb, std::move(s), e);
        benchmark::DoNotOptimize(s.current);
    }
    st.SetItemsProcessed(int64_t(st.iterations()) * int64_t(log.size()));
}
BENCHMARK(BM_ReplayPureApply);

void BM_DecideAndApply(benchmark::State& st) {
    // For scale: validating every step too (decide + apply), as a live case or the simulator does.
    const Rulebook& rb = naalc();
    const auto commands = full_path_commands();
    for (auto _ : st) benchmark::DoNotOptimize(run(rb, commands).size());
    st.SetItemsProcessed(int64_t(st.iterations()) * int64_t(commands.size()));
}
BENCHMARK(BM_DecideAndApply);

}  // namespace

BENCHMARK_MAIN();
