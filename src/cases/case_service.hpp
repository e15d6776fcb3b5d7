#pragma once
// Cases over a store: file, step, load and project. The one place where decide, apply and the
// event store meet; the CLI and the server both go through it.
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "engine/case_state.hpp"
#include "rulebook/registry.hpp"
#include "store/event_store.hpp"

namespace accord {

struct StepOutcome {
    std::string case_id;
    int64_t version = 0;
    bool duplicate = false;           // the request id was seen before: nothing changed
    std::optional<Refusal> refusal;   // the rulebook refused the command: nothing changed
};

struct CaseView {
    CaseRow row;
    const Rulebook* rulebook = nullptr;
    CaseState state;
    std::vector<StoredEvent> events;
};

class CaseService {
public:
    CaseService(EventStore& store, RulebookRegistry& rulebooks) : store_(store), rulebooks_(rulebooks) {}

    // Files a new case under `rulebook`; the command's details carry office, respondent, subjects,
    // facts, submitter and facility. The id is OFFICE-YEAR-NNNN.
    // `recorded_by` names who gave the command in the stored events (default: the command's actor).
    StepOutcome file(const std::string& rulebook, const Command& filing, const std::string& request_id = "",
                     const std::string& recorded_by = "");

    // Applies one command. `expected`: the version the caller saw (a stale one throws
    // Error(conflict)); nullopt takes the current one.
    StepOutcome step(const std::string& case_id, const Command& command, std::optional<int64_t> expected,
                     const std::string& request_id = "", const std::string& recorded_by = "");
    // The same on a case just loaded (by load(), in the same store transaction or writer).
    StepOutcome step(const CaseView& v, const Command& command, std::optional<int64_t> expected,
                     const std::string& request_id = "", const std::string& recorded_by = "");

    // Throws Error(not_found).
    CaseView load(const std::string& case_id);

    // The projection row of a state; keeps `base`'s id, submitter, facility, filed_on and record.
    // The next deadline counts only deadlines anchored on a date the record gives to the day.
    static CaseRow project(const Rulebook& rb, const CaseState& state, const std::vector<StoredEvent>& events,
                           CaseRow base);

private:
    EventStore& store_;
    RulebookRegistry& rulebooks_;
};

}  // namespace accord
