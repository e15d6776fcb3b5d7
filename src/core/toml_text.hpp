#pragma once
// Reading TOML files (rulebooks, calendars, scenarios) with errors that name file:line:column.
#include <initializer_list>
#include <string>
#include <string_view>
#include <toml++/toml.h>

#include "core/error.hpp"

namespace accord {

// "file:line:column" of a node; a node merged in from another file (extends) names that file.
std::string toml_where(const std::string& source, const toml::node* at);

[[noreturn]] void toml_fail(ErrorCode code, const std::string& source, const toml::node* at, const std::string& message);

// Parses, refusing first what toml++ 3.3 mishandles (see toml_text.cpp); errors throw `code`.
toml::table parse_toml(std::string_view text, const std::string& source, ErrorCode code);

// Refuses keys of `t` outside `allowed`, so a typo is an error and not a silent default.
void toml_only_keys(ErrorCode code, const std::string& source, const toml::table& t, const std::string& where,
                    std::initializer_list<std::string_view> allowed);

}  // namespace accord
