#pragma once
// The cap on a monetary enforcement assessment: a fixed amount in the first years, then a fraction
// of the trade in goods between the Parties.
#include <cstdint>
#include <optional>
#include <string>

#include "rulebook/rulebook.hpp"

namespace accord {

struct CapResult {
    int64_t cap_usd = 0;
    bool fixed = false;        // the fixed first-year amount applies
    double trade_usd = 0;      // the trade figure used, when not fixed
    std::string explanation;   // "0.007% of USD 300000000000 trade (all_parties)"
    std::string article;
};

// Throws Error(bad_argument) when the year needs a trade figure and none is given, or when the
// rulebook has no cap.
CapResult assessment_cap(const Rulebook& rb, int year, std::optional<double> trade_usd);

}  // namespace accord
