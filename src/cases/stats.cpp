#include "cases/stats.hpp"

#include <algorithm>
#include <map>

#include "cases/codec.hpp"
#include "engine/timeline.hpp"

namespace accord {

using nlohmann::json;

namespace {

std::optional<double> median(std::vector<int> v) {
    if (v.empty()) return std::nullopt;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? double(v[n / 2]) : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

std::string statutory_key(const std::string& id) {
    return id.rfind("median_", 0) == 0 ? "statutory_" + id.substr(7) : "statutory_" + id;
}

}  // namespace

json case_stats(EventStore& store, RulebookRegistry& rulebooks) {
    struct Acc {
        const Rulebook* rb = nullptr;
        int64_t cases = 0;
        std::map<std::string, std::vector<int>> days;
        std::map<std::string, std::pair<int, int>> share;  // reached, decided
    };
    std::map<std::string, Acc> by_office;
    for (const auto& row : store.list({})) {
        Acc& acc = by_office[row.office];
        const Rulebook& rb = rulebooks.get(row.rulebook);
        acc.rb = &rb;
        ++acc.cases;
        const StageDates r = stage_dates(rb, store.load(row.id));
        for (const auto& m : rb.measures) {
            if (m.share_reaching != kNone) {
                auto& [yes, decided] = acc.share[m.id];
                const bool reached = r.reached[size_t(m.share_reaching)];
                if (reached || row.closed) ++decided;
                if (reached) ++yes;
                continue;
            }
            const auto from = r.on[size_t(m.from)];
            std::optional<Date> to;
            for (Index t : m.to)
                if (r.on[size_t(t)] && (!to || *r.on[size_t(t)] < *to)) to = r.on[size_t(t)];
            if (from && to) acc.days[m.id].push_back((*to - *from).count);
        }
    }
    json out = {{"offices", json::object()}};
    for (const auto& [office, acc] : by_office) {
        json o = {{"rulebook", acc.rb->agreement.id}, {"cases", acc.cases}};
        for (const auto& m : acc.rb->measures) {
            if (m.share_reaching != kNone) {
                const auto it = acc.share.find(m.id);
                const auto [yes, decided] = it == acc.share.end() ? std::pair<int, int>{0, 0} : it->second;
                o[m.id] = decided ? json(double(yes) / decided) : json(nullptr);
                o[m.id + "_n"] = decided;
                continue;
            }
            const auto it = acc.days.find(m.id);
            const auto med = it == acc.days.end() ? std::nullopt : median(it->second);
            o[m.id] = med ? json(*med) : json(nullptr);
            o[m.id + "_n"] = it == acc.days.end() ? 0 : int(it->second.size());
            o[statutory_key(m.id)] = statutory_timeline(*acc.rb, m.from, m.to.front(), {}).days;
        }
        out["offices"][office] = o;
    }
    return out;
}

}  // namespace accord
