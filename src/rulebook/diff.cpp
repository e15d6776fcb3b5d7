#include "rulebook/diff.hpp"

#include <map>
#include <set>
#include <sstream>

#include "rulebook/render.hpp"

namespace accord {

using nlohmann::json;

namespace {

json side(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

// Entries keyed by id: one row per id present in either, kept where the values differ.
json compare(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b,
             const char* key) {
    std::set<std::string> ids;
    for (const auto& [k, v] : a) ids.insert(k);
    for (const auto& [k, v] : b) ids.insert(k);
    json out = json::array();
    for (const auto& id : ids) {
        const auto ia = a.find(id), ib = b.find(id);
        const std::optional<std::string> va = ia == a.end() ? std::nullopt : std::optional<std::string>(ia->second);
        const std::optional<std::string> vb = ib == b.end() ? std::nullopt : std::optional<std::string>(ib->second);
        if (va != vb) out.push_back({{key, id}, {"a", side(va)}, {"b", side(vb)}});
    }
    return out;
}

std::map<std::string, std::string> scope(const Rulebook& rb) {
    std::map<std::string, std::string> m;
    for (const auto& s : rb.subjects) m[s.id] = rb.tier_name(s.tier);
    return m;
}

std::map<std::string, std::string> clocks(const Rulebook& rb) {
    std::map<std::string, std::string> m;
    for (const auto& s : rb.stages) m[s.id] = s.timing ? timing_text(rb, s) + " (" + cite(s.article) + ")" : "no limit";
    return m;
}

std::map<std::string, std::string> votes(const Rulebook& rb) {
    std::map<std::string, std::string> m;
    for (const auto& t : rb.transitions) {
        if (t.vote == kNone) continue;
        const Vote& v = rb.votes[size_t(t.vote)];
        const std::string electorate = v.electorate == Vote::Electorate::council             ? "the Council"
                                       : v.electorate == Vote::Electorate::disputing_parties ? "the disputing Parties"
                                                                                             : "the consulting Parties";
        m[rb.stages[size_t(t.to)].id] = (v.rule == Vote::Rule::consensus ? "consensus of " + electorate
                                                                          : std::to_string(v.numerator) + "/" +
                                                                                std::to_string(v.denominator) + " of " +
                                                                                electorate) +
                                        " (" + cite(v.article) + ")";
    }
    return m;
}

std::map<std::string, std::string> remedies(const Rulebook& rb) {
    std::map<std::string, std::string> m;
    for (const auto& r : rb.remedies)
        m[r.id] = r.text + (r.min_prior_determinations ? " (after " + std::to_string(r.min_prior_determinations) +
                                                             " earlier determinations)"
                                                       : std::string()) +
                  " (" + cite(r.article) + ")";
    return m;
}

std::map<std::string, std::string> pairs(const Rulebook& rb) {
    std::map<std::string, std::string> m;
    for (Index g : rb.admissibility) {
        const Gate& gate = rb.gates[size_t(g)];
        m[gate.id] = gate.text + " (" + cite(gate.article) + ")";
    }
    return m;
}

std::string cap_text(const Rulebook& rb) {
    if (!rb.cap.defined) return "none";
    std::ostringstream s;
    s << "USD " << rb.cap.fixed_usd << " through " << rb.cap.fixed_through_year << ", then " << rb.cap.trade_fraction * 100
      << "% of trade in goods (" << rb.cap.trade_basis << ") (" << cite(rb.cap.article) << ")";
    return s.str();
}

std::string in_force(const Rulebook& rb) {
    return rb.agreement.entry_into_force.str() + " to " + (rb.agreement.end ? rb.agreement.end->str() : "(no end)");
}

}  // namespace

json rulebook_diff(const Rulebook& a, const Rulebook& b) {
    std::map<std::string, std::string> pa, pb;
    for (const auto& p : a.parties) pa[p.code] = p.name;
    for (const auto& p : b.parties) pb[p.code] = p.name;
    return {{"a", a.agreement.id},
            {"b", b.agreement.id},
            {"agreement", compare({{"name", a.agreement.name}, {"in_force", in_force(a)}},
                                  {{"name", b.agreement.name}, {"in_force", in_force(b)}}, "field")},
            {"parties", compare(pa, pb, "party")},
            {"admissibility", compare(pairs(a), pairs(b), "gate")},
            {"scope", compare(scope(a), scope(b), "subject")},
            {"clocks", compare(clocks(a), clocks(b), "stage")},
            {"votes", compare(votes(a), votes(b), "stage")},
            {"remedies", compare(remedies(a), remedies(b), "remedy")},
            {"caps", compare({{"assessment", cap_text(a)}}, {{"assessment", cap_text(b)}}, "cap")}};
}

std::string render_diff(const json& d) {
    std::ostringstream out;
    out << d["a"].get<std::string>() << " -> " << d["b"].get<std::string>() << "\n";
    const std::vector<std::pair<const char*, const char*>> sections = {
        {"agreement", "field"}, {"parties", "party"}, {"admissibility", "gate"}, {"scope", "subject"},
        {"clocks", "stage"},    {"votes", "stage"},   {"remedies", "remedy"},    {"caps", "cap"}};
    for (const auto& [section, key] : sections) {
        if (d[section].empty()) continue;
        out << "\n" << section << "\n";
        for (const auto& row : d[section]) {
            auto text = [](const json& v) { return v.is_null() ? std::string("-") : v.get<std::string>(); };
            out << "  " << row[key].get<std::string>() << ": " << text(row["a"]) << " -> " << text(row["b"]) << "\n";
        }
    }
    return out.str();
}

}  // namespace accord
