#pragma once
// Shared pieces of the accord commands: output helpers and the one place that reads the clock.
#include <CLI/CLI.hpp>
#include <iostream>
#include <utility>
#include <vector>
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.hpp"
#include "core/date.hpp"
#include "core/error.hpp"

namespace accord::cli {

inline void print_json(const nlohmann::json& j) { std::cout << j.dump(2) << "\n"; }

inline std::string pad(const std::string& s, size_t width) {
    return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

// Parses a user-given date or throws Error(bad_date) naming the option.
inline Date date_arg(const std::string& option, const std::string& text) {
    if (auto d = Date::parse(text)) return *d;
    throw Error(ErrorCode::bad_date, option + ": impossible date '" + text + "' (expected YYYY-MM-DD)");
}

// The gate facts a command may state: the named flags of the rulebooks and --fact ID=yes|no for
// any other. Shared by `case file` and `check`.
struct FactOptions {
    std::string trade_related, mutually_recognized, persistent_pattern, facility_trades;
    std::vector<std::string> other;

    void add_to(CLI::App* command);
    // (fact id, yes|no) for every fact given; throws Error for a malformed --fact.
    std::vector<std::pair<std::string, std::string>> facts() const;
};

}  // namespace accord::cli
