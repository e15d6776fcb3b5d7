#include "engine/assessment_cap.hpp"

#include <cmath>
#include <cstdio>

#include "core/error.hpp"

namespace accord {

CapResult assessment_cap(const Rulebook& rb, int year, std::optional<double> trade_usd) {
    const AssessmentCap& cap = rb.cap;
    if (!cap.defined) throw Error(ErrorCode::bad_argument, rb.agreement.id + " has no assessment cap");
    const int first = rb.agreement.entry_into_force.year();
    const int last = rb.agreement.end ? rb.agreement.end->year() : 9999;
    if (year < first || year > last)
        throw Error(ErrorCode::not_in_force, rb.agreement.id + " was not in force in " + std::to_string(year) +
                                                 " (" + std::to_string(first) + "-" + std::to_string(last) + ")");
    CapResult r;
    r.article = cap.article;
    if (year <= cap.fixed_through_year) {
        r.cap_usd = cap.fixed_usd;
        r.fixed = true;
        r.explanation = "fixed amount through " + std::to_string(cap.fixed_through_year);
        return r;
    }
    if (!trade_usd)
        throw Error(ErrorCode::bad_argument,
                    "the cap for " + std::to_string(year) + " is a share of trade in goods (" + cap.article +
                        "): give the trade figure (--trade-usd)");
    if (!(*trade_usd >= 0) || !std::isfinite(*trade_usd))
        throw Error(ErrorCode::bad_argument, "trade in goods must be a non-negative amount");
    r.trade_usd = *trade_usd;
    r.cap_usd = std::llround(*trade_usd * cap.trade_fraction);
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.6g%% of USD %.0f trade in goods (%s)", cap.trade_fraction * 100, *trade_usd,
                  cap.trade_basis.empty() ? "all_parties" : cap.trade_basis.c_str());
    r.explanation = buf;
    return r;
}

}  // namespace accord
