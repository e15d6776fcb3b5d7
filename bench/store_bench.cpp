// Case store figures: bulk import throughput (events per second) and the query time of loading one
// case (projection row + events) from a store of N cases.
// Usage: store_bench URL CASES [EVENTS_PER_CASE]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "store/event_store.hpp"

using namespace accord;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: store_bench URL CASES [EVENTS_PER_CASE]\n");
        return 2;
    }
    const std::string url = argv[1];
    const int64_t n = std::stoll(argv[2]);
    const int per_case = argc > 3 ? std::stoi(argv[3]) : 4;
    auto store = open_store(url);
    store->migrate();

    const char* names[] = {"file", "accept", "hold_hearing", "publish_report", "request_consultations", "agree"};
    const char* offices[] = {"US-NAO", "MX-NAO", "CA-NAO"};
    std::mt19937_64 rng(42);
    const std::string run = std::to_string(Clock::now().time_since_epoch().count() % 100000);
    int64_t events = 0;
    double write_seconds = 0;
    const int64_t chunk = 100000;  // cases built and written per call, to bound memory
    for (int64_t from = 0; from < n; from += chunk) {
        std::vector<CaseWrite> cases;
        for (int64_t i = from; i < std::min(n, from + chunk); ++i) {
            CaseWrite c;
            c.row.id = "S" + run + "-" + std::to_string(i);
            c.row.rulebook = "naalc-1994";
            c.row.office = offices[i % 3];
            c.row.respondent = i % 3 == 1 ? "US" : "MX";
            c.row.subjects = "minimum_wage;freedom_of_association";
            c.row.filed_on = "2001-02-03";
            c.row.filing_year = 1994 + int(i % 27);
            c.row.stage = names[per_case - 1 < 6 ? per_case - 1 : 5];
            c.row.tier = "panel";
            c.row.next_deadline = i % 5 == 0 ? "2001-06-29" : "";
            c.row.record = "{}";
            for (int e = 0; e < per_case; ++e)
                c.events.push_back({0, names[e % 6], "2001-02-03", "receiving_nao",
                                    R"({"from":"submission_received","to":"nao_acceptance"})", ""});
            events += per_case;
            cases.push_back(std::move(c));
        }
        const auto t0 = Clock::now();
        store->bulk_write(cases);
        write_seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    }
    std::printf("bulk import: %lld cases, %lld events in %.2f s: %.0f events/s (%s)\n", static_cast<long long>(n),
                static_cast<long long>(events), write_seconds, events / write_seconds, url.c_str());

    // Query time of one case: its row and its events, for random ids.
    std::vector<double> ms;
    std::uniform_int_distribution<int64_t> pick(0, n - 1);
    for (int i = 0; i < 2000; ++i) {
        const std::string id = "S" + run + "-" + std::to_string(pick(rng));
        const auto t0 = Clock::now();
        const auto row = store->get(id);
        const auto evs = store->load(id);
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!row || int(evs.size()) != per_case) {
            std::fprintf(stderr, "case %s incomplete\n", id.c_str());
            return 1;
        }
    }
    std::sort(ms.begin(), ms.end());
    std::printf("load one case (row + %d events) from %lld cases: p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", per_case,
                static_cast<long long>(store->count_cases()), ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.back());
    return 0;
}
