#include "engine/timeline.hpp"

#include <deque>
#include <limits>

#include "core/error.hpp"
#include "engine/case_state.hpp"
#include "engine/deadline.hpp"

namespace accord {

namespace {

constexpr size_t kMaxPaths = 20000;

// Every fewest-step path from `a` to `b`, as transition sequences, in rulebook order.
std::vector<std::vector<Index>> shortest_paths(const Rulebook& rb, Index a, Index b) {
    const int inf = std::numeric_limits<int>::max();
    std::vector<int> dist_to(rb.stages.size(), inf);
    dist_to[size_t(b)] = 0;
    std::deque<Index> queue{b};
    while (!queue.empty()) {
        const Index s = queue.front();
        queue.pop_front();
        for (const auto& t : rb.transitions)
            if (t.to == s && t.from != s && dist_to[size_t(t.from)] == inf) {
                dist_to[size_t(t.from)] = dist_to[size_t(s)] + 1;
                queue.push_back(t.from);
            }
    }
    std::vector<std::vector<Index>> paths;
    if (dist_to[size_t(a)] == inf) return paths;
    std::vector<Index> current;
    auto walk = [&](auto&& self, Index s) -> void {
        if (paths.size() >= kMaxPaths) return;
        if (s == b) {
            paths.push_back(current);
            return;
        }
        for (Index t : rb.outgoing[size_t(s)]) {
            const Index to = rb.transitions[size_t(t)].to;
            if (to == s || dist_to[size_t(to)] != dist_to[size_t(s)] - 1) continue;
            current.push_back(t);
            self(self, to);
            current.pop_back();
        }
    };
    walk(walk, a);
    return paths;
}

std::string describe(const Bounds& b, bool best, const std::string& unit) {
    if (best) {
        if (b.window_from) return "window opens at " + std::to_string(*b.window_from) + unit;
        if (b.not_before) return "not before " + std::to_string(*b.not_before) + unit;
        return "no lower bound";
    }
    if (b.within)
        return "within " + std::to_string(*b.within) + unit +
               (b.extension ? " + " + std::to_string(*b.extension) + " extension" : std::string());
    if (b.window_to) return "window closes at " + std::to_string(*b.window_to) + unit;
    if (b.not_before) return "not before " + std::to_string(*b.not_before) + unit + " (no upper limit)";
    return "no limit";
}

Timeline evaluate(const Rulebook& rb, Index from, const std::vector<Index>& path, const TimelineOptions& o,
                  int parties) {
    Timeline tl;
    tl.best = o.best;
    tl.disputing_parties = parties;
    CaseState probe = empty_state(rb);
    probe.respondent = o.respondent;
    probe.office = o.office;
    std::vector<int> day_of(rb.stages.size(), -1);
    std::vector<Date> date_of(rb.stages.size(), kNever);
    day_of[size_t(from)] = 0;
    if (o.start) date_of[size_t(from)] = *o.start;
    tl.path.push_back({from, kNone, 0, o.start, "start"});
    int day = 0;
    std::optional<Date> date = o.start;
    for (Index t : path) {
        const Transition& tr = rb.transitions[size_t(t)];
        const Stage& stage = rb.stages[size_t(tr.to)];
        std::string how = "no limit";
        if (const Timing* found = rb.timing_of(tr.to)) {
            const Timing& timing = *found;
            const Bounds& b = timing.for_parties(parties);
            Index anchor = kNone;
            for (Index a : timing.after)
                if (day_of[size_t(a)] >= 0 && (anchor == kNone || day_of[size_t(a)] >= day_of[size_t(anchor)]))
                    anchor = a;
            int bound = 0;
            if (o.best) bound = b.lower().value_or(0);
            else if (b.within) bound = *b.within + b.extension.value_or(0);
            else if (b.window_to) bound = *b.window_to;
            else bound = b.not_before.value_or(0);
            const bool business = timing.unit == Timing::Unit::business_days;
            how = describe(b, o.best, business ? " business days" : " days") + " after " +
                  (anchor == kNone ? "the previous step" : rb.stages[size_t(anchor)].id);
            const int anchor_day = anchor == kNone ? day : day_of[size_t(anchor)];
            if (business) {
                if (!date)
                    throw Error(ErrorCode::bad_argument,
                                "stage " + stage.id + " counts business days: give a start date (--start)");
                const Date anchor_date = anchor == kNone ? *date : date_of[size_t(anchor)];
                const Date reached = timing_offset(rb, probe, timing, anchor_date, bound);
                date = std::max(*date, reached);
                day = (*date - *o.start).count;
            } else {
                day = std::max(day, anchor_day + bound);
                if (date) date = *o.start + Days{day};
            }
        }
        day_of[size_t(tr.to)] = day;
        if (date) date_of[size_t(tr.to)] = *date;
        tl.path.push_back({tr.to, t, day, date, how});
    }
    tl.days = day;
    return tl;
}

}  // namespace

Timeline statutory_timeline(const Rulebook& rb, Index from, Index to, const TimelineOptions& o) {
    const int parties = o.disputing_parties ? o.disputing_parties : rb.default_disputing_parties;
    if (parties < 2 || parties > int(rb.parties.size()))
        throw Error(ErrorCode::bad_argument, "--parties must be between 2 and " + std::to_string(rb.parties.size()));
    std::vector<Index> waypoints{from};
    waypoints.insert(waypoints.end(), o.via.begin(), o.via.end());
    waypoints.push_back(to);
    // Every combination of shortest segments between consecutive waypoints.
    std::vector<std::vector<Index>> candidates{{}};
    for (size_t i = 0; i + 1 < waypoints.size(); ++i) {
        if (waypoints[i] == waypoints[i + 1]) continue;
        const auto segment = shortest_paths(rb, waypoints[i], waypoints[i + 1]);
        if (segment.empty())
            throw Error(ErrorCode::bad_argument, "no path from " + rb.stages[size_t(waypoints[i])].id + " to " +
                                                     rb.stages[size_t(waypoints[i + 1])].id + " in " +
                                                     rb.agreement.id);
        std::vector<std::vector<Index>> next;
        for (const auto& head : candidates)
            for (const auto& tail : segment) {
                if (next.size() >= kMaxPaths) break;
                auto joined = head;
                joined.insert(joined.end(), tail.begin(), tail.end());
                next.push_back(std::move(joined));
            }
        candidates = std::move(next);
    }
    std::optional<Timeline> chosen;
    for (const auto& path : candidates) {
        Timeline tl = evaluate(rb, from, path, o, parties);
        if (!chosen || (o.best ? tl.days < chosen->days : tl.days > chosen->days)) chosen = std::move(tl);
    }
    return *chosen;
}

}  // namespace accord
