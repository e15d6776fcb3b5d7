#pragma once
// The one catalogue of named errors. A refused step is a normal value (Refusal); broken input
// files and bad arguments throw Error. Each code maps once to a CLI exit code (here) and once to an
// HTTP status (in the server).
#include <stdexcept>
#include <string>
#include <string_view>

namespace accord {

enum class ErrorCode {
    // A rule of the rulebook refused the step (exit 1).
    unknown_event,
    out_of_order,
    too_early,
    too_late,
    wrong_actor,
    gate_closed,
    vote_failed,
    cap_exceeded,
    case_closed,
    missing_detail,
    not_extendable,
    inadmissible,
    not_in_force,
    // The input itself is wrong (exit 2).
    bad_argument,
    bad_date,
    bad_rulebook,
    unknown_subject,
    unknown_stage,
    unknown_key,
    // The store (exit 3 conflict, 4 not found).
    conflict,
    not_found,
    // Environment (exit 5).
    io,
};

std::string_view error_name(ErrorCode code);
// 1 for a refusal by a rule, 2 for bad input, 3 for a stale version, 4 not found, 5 for I/O.
int exit_code(ErrorCode code);
bool is_refusal(ErrorCode code);
// 422 for a refusal by a rule, 400 bad input, 409 stale version, 404 not found, 503 I/O.
int http_status(ErrorCode code);

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ErrorCode code() const { return code_; }

private:
    ErrorCode code_;
};

// A step the rulebook forbids: which rule, which article, and a sentence with the dates involved.
struct Refusal {
    ErrorCode code;
    std::string rule;     // the stage, transition or gate id that refused
    std::string article;  // the treaty article behind it
    std::string message;  // one line: "panel_vote: not before 2001-05-02, 60 days after ... (Art 29)"
};

}  // namespace accord
