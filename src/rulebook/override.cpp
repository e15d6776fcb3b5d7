#include "rulebook/override.hpp"

#include <charconv>
#include <string>

#include "core/error.hpp"

namespace accord {

namespace {

int parse_days(std::string_view text, std::string_view assignment) {
    int v = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || p != text.data() + text.size() || v < 0 || v > 100000)
        throw Error(ErrorCode::bad_argument, "--set " + std::string(assignment) + ": '" + std::string(text) +
                                                 "' is not a number of days (0..100000)");
    return v;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// Sets one key of `b`; `business` says which unit the key names.
void set_bound(Bounds& b, std::string_view key, std::string_view value, std::string_view assignment,
               Timing::Unit unit) {
    const bool biz = key.find("business_days") != std::string_view::npos;
    if ((unit == Timing::Unit::business_days) != biz)
        throw Error(ErrorCode::unknown_key, "--set " + std::string(assignment) + ": this timing counts " +
                                                (biz ? "calendar days" : "business days"));
    std::string k(key);
    if (biz) k.replace(k.find("business_days"), 13, "days");
    if (k == "within_days") b.within = parse_days(value, assignment);
    else if (k == "not_before_days") b.not_before = parse_days(value, assignment);
    else if (k == "extension_days") b.extension = parse_days(value, assignment);
    else if (k == "window_days") {
        value = trim(value);
        if (value.size() < 5 || value.front() != '[' || value.back() != ']' ||
            value.find(',') == std::string_view::npos)
            throw Error(ErrorCode::bad_argument, "--set " + std::string(assignment) + ": expected [from,to]");
        const auto comma = value.find(',');
        const int lo = parse_days(trim(value.substr(1, comma - 1)), assignment);
        const int hi = parse_days(trim(value.substr(comma + 1, value.size() - comma - 2)), assignment);
        if (hi < lo) throw Error(ErrorCode::bad_argument, "--set " + std::string(assignment) + ": window ends before it starts");
        b.window_from = lo;
        b.window_to = hi;
    } else {
        throw Error(ErrorCode::unknown_key,
                    "--set " + std::string(assignment) + ": unknown timing key '" + std::string(key) +
                        "' (within_days, not_before_days, window_days, extension_days, or their business_days forms)");
    }
    if (b.window_from && (b.within || b.not_before))
        throw Error(ErrorCode::bad_argument, "--set " + std::string(assignment) +
                                                 ": a window cannot be combined with within or not_before");
}

}  // namespace

void apply_override(Rulebook& rb, std::string_view assignment) {
    const auto eq = assignment.find('=');
    const auto dot = assignment.find('.');
    if (eq == std::string_view::npos || dot == std::string_view::npos || dot > eq)
        throw Error(ErrorCode::bad_argument, "--set " + std::string(assignment) + ": expected STAGE.KEY=VALUE");
    const std::string_view stage_id = assignment.substr(0, dot);
    std::string_view key = assignment.substr(dot + 1, eq - dot - 1);
    const std::string_view value = assignment.substr(eq + 1);
    const Index s = rb.stage_index(stage_id);
    if (s == kNone)
        throw Error(ErrorCode::unknown_stage, "--set " + std::string(assignment) + ": unknown stage '" +
                                                  std::string(stage_id) + "'");
    Stage& stage = rb.stages[size_t(s)];
    if (!stage.timing)
        throw Error(ErrorCode::unknown_key, "--set " + std::string(assignment) + ": stage '" + stage.id +
                                                "' has no timing to override");
    Timing& timing = *stage.timing;
    if (key.starts_with("parties.")) {
        key.remove_prefix(8);
        const auto d = key.find('.');
        if (d == std::string_view::npos)
            throw Error(ErrorCode::bad_argument, "--set " + std::string(assignment) + ": expected parties.N.KEY");
        const int n = parse_days(key.substr(0, d), assignment);
        for (auto& [count, bounds] : timing.by_parties)
            if (count == n) return set_bound(bounds, key.substr(d + 1), value, assignment, timing.unit);
        Bounds merged = timing.bounds;
        set_bound(merged, key.substr(d + 1), value, assignment, timing.unit);
        timing.by_parties.emplace_back(n, merged);
        return;
    }
    // A base override also applies to the per-Parties variants, unless they set that key themselves.
    Bounds before = timing.bounds;
    set_bound(timing.bounds, key, value, assignment, timing.unit);
    for (auto& [count, bounds] : timing.by_parties) {
        if (bounds.within == before.within) bounds.within = timing.bounds.within;
        if (bounds.not_before == before.not_before) bounds.not_before = timing.bounds.not_before;
        if (bounds.extension == before.extension) bounds.extension = timing.bounds.extension;
        if (bounds.window_from == before.window_from && bounds.window_to == before.window_to) {
            bounds.window_from = timing.bounds.window_from;
            bounds.window_to = timing.bounds.window_to;
        }
    }
}

}  // namespace accord
