#pragma once
// Import of the historical cases (data/cases.csv, described in data/README.md): each row becomes a
// case with dated events, replayed through the engine under the rulebook in force for its office
// and filing date. A bad row is refused with its line; the others import. Re-importing changes
// nothing (existing case ids are skipped).
#include <string>
#include <string_view>
#include <vector>

#include "rulebook/registry.hpp"
#include "store/event_store.hpp"

namespace accord {

struct ImportIssue {
    int line = 0;
    std::string case_id;
    std::string message;
};

struct ImportReport {
    int rows = 0;
    int64_t cases_written = 0;
    int64_t cases_existing = 0;
    int64_t events = 0;
    std::vector<ImportIssue> refused;   // rows not imported, and why
    std::vector<ImportIssue> findings;  // about the record: steps the rulebook refuses, missed deadlines, gaps
};

// Builds the cases without writing them (for tests and benchmarks).
std::vector<CaseWrite> read_cases_csv(std::string_view text, RulebookRegistry& rulebooks, ImportReport& report);

ImportReport import_cases_csv(std::string_view text, EventStore& store, RulebookRegistry& rulebooks);

}  // namespace accord
