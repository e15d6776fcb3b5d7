#include "core/error.hpp"

namespace accord {

std::string_view error_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::unknown_event: return "unknown_event";
        case ErrorCode::out_of_order: return "out_of_order";
        case ErrorCode::too_early: return "too_early";
        case ErrorCode::too_late: return "too_late";
        case ErrorCode::wrong_actor: return "wrong_actor";
        case ErrorCode::gate_closed: return "gate_closed";
        case ErrorCode::vote_failed: return "vote_failed";
        case ErrorCode::cap_exceeded: return "cap_exceeded";
        case ErrorCode::case_closed: return "case_closed";
        case ErrorCode::missing_detail: return "missing_detail";
        case ErrorCode::not_extendable: return "not_extendable";
        case ErrorCode::inadmissible: return "inadmissible";
        case ErrorCode::not_in_force: return "not_in_force";
        case ErrorCode::bad_argument: return "bad_argument";
        case ErrorCode::bad_date: return "bad_date";
        case ErrorCode::bad_rulebook: return "bad_rulebook";
        case ErrorCode::unknown_subject: return "unknown_subject";
        case ErrorCode::unknown_stage: return "unknown_stage";
        case ErrorCode::unknown_key: return "unknown_key";
        case ErrorCode::conflict: return "conflict";
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::io: return "io";
    }
    return "unknown";
}

bool is_refusal(ErrorCode code) { return code <= ErrorCode::not_in_force; }

int http_status(ErrorCode code) {
    if (is_refusal(code)) return 422;
    if (code == ErrorCode::conflict) return 409;
    if (code == ErrorCode::not_found) return 404;
    if (code == ErrorCode::io) return 503;
    if (code == ErrorCode::bad_rulebook) return 500;
    return 400;
}

int exit_code(ErrorCode code) {
    if (is_refusal(code)) return 1;
    if (code == ErrorCode::conflict) return 3;
    if (code == ErrorCode::not_found) return 4;
    if (code == ErrorCode::io) return 5;
    return 2;
}

}  // namespace accord
