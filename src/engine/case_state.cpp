#include "engine/case_state.hpp"

namespace accord {

std::string_view fact_value_name(FactValue v) {
    switch (v) {
        case FactValue::yes: return "yes";
        case FactValue::no: return "no";
        case FactValue::unknown: return "unknown";
    }
    return "unknown";
}

CaseState empty_state(const Rulebook& rb) {
    CaseState s;
    s.reached.assign(rb.stages.size(), kNever);
    s.extension.assign(rb.stages.size(), 0);
    s.due.assign(rb.stages.size(), kNever);
    return s;
}

const std::string* Command::detail(std::string_view key) const {
    for (const auto& [k, v] : details)
        if (k == key) return &v;
    return nullptr;
}

}  // namespace accord
