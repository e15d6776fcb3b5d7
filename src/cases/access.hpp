#pragma once
// Who may take a step: the user's role and Party against the rulebook's actor for that step (an
// actor names the role that plays it and the Party it must act for). The server answers 403 with
// the reason; admins may do anything.
#include <optional>
#include <string>

#include "engine/case_state.hpp"
#include "store/event_store.hpp"

namespace accord {

inline const char* const kRoles[] = {"submitter", "nao", "council", "secretariat", "panel", "admin"};
bool is_role(const std::string& role);

// nullopt if `user` may give `command` on a case in `state` (an empty state for a filing);
// otherwise one line naming the step, the actor, the rule and the article.
std::optional<std::string> access_refusal(const Rulebook& rb, const CaseState& state, const User& user,
                                          const Command& command);

}  // namespace accord
