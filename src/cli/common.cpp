#include "cli/common.hpp"


namespace accord::cli {

void FactOptions::add_to(CLI::App* command) {
    const auto yn = CLI::IsMember({"yes", "no"});
    command->add_option("--trade-related", trade_related, "yes or no (NAALC, Art 49)")->check(yn);
    command->add_option("--mutually-recognized", mutually_recognized, "yes or no (NAALC, Art 49)")->check(yn);
    command->add_option("--persistent-pattern", persistent_pattern, "yes or no (NAALC, Art 27)")->check(yn);
    command->add_option("--facility-trades", facility_trades, "yes or no (Rapid Response: the facility trades)")->check(yn);
    command->add_option("--fact", other, "Any other fact of the rulebook: ID=yes|no");
}

std::vector<std::pair<std::string, std::string>> FactOptions::facts() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [id, value] : {std::pair<const char*, const std::string*>{"trade_related", &trade_related},
                                    {"mutually_recognized", &mutually_recognized},
                                    {"persistent_pattern", &persistent_pattern},
                                    {"facility_trades", &facility_trades}})
        if (!value->empty()) out.emplace_back(id, *value);
    for (const auto& kv : other) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) throw Error(ErrorCode::bad_argument, "--fact " + kv + ": expected ID=yes|no");
        out.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
    return out;
}


}  // namespace accord::cli
