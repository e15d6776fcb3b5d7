#include "rulebook/render.hpp"

#include <algorithm>
#include <sstream>

namespace accord {

namespace {

std::string pad(const std::string& s, size_t width) {
    return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

std::string bounds_text(const Bounds& b, const std::string& unit) {
    std::string out;
    auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
    if (b.not_before) add("not before " + std::to_string(*b.not_before));
    if (b.within) add("within " + std::to_string(*b.within) + (b.extension ? " (+" + std::to_string(*b.extension) + ")" : ""));
    if (b.window_from) add("window [" + std::to_string(*b.window_from) + ", " + std::to_string(*b.window_to) + "]");
    return out + unit;
}

}  // namespace

std::string timing_text(const Rulebook& rb, const Stage& stage) {
    if (!stage.timing) return "-";
    const Timing& t = *stage.timing;
    const std::string unit = t.unit == Timing::Unit::business_days ? " business days" : "";
    std::string out = bounds_text(t.bounds, unit);
    for (const auto& [n, b] : t.by_parties) out += "; " + std::to_string(n) + " Parties: " + bounds_text(b, unit);
    out += " after ";
    for (size_t i = 0; i < t.after.size(); ++i) out += (i ? "|" : "") + rb.stages[size_t(t.after[i])].id;
    if (t.strict) out += " (strict)";
    return out;
}

std::string render_text(const Rulebook& rb) {
    std::ostringstream out;
    const auto& ag = rb.agreement;
    out << ag.name << " (" << ag.id << "), in force " << ag.entry_into_force.str();
    if (ag.end) out << " to " << ag.end->str();
    out << "\nParties:";
    for (const auto& p : rb.parties) out << ' ' << p.code;
    out << "\n\nSubjects and the tier each can reach\n";
    for (const auto& s : rb.subjects)
        out << "  " << pad(s.id, 30) << pad(rb.tier_name(s.tier), 15) << "principle " << s.principle << "\n";

    size_t w_id = 5, w_timing = 6;
    for (const auto& s : rb.stages) {
        w_id = std::max(w_id, s.id.size());
        w_timing = std::max(w_timing, timing_text(rb, s).size());
    }
    out << "\nStages\n  " << pad("stage", w_id + 2) << pad("actor", 19) << pad("timing", w_timing + 2) << "article\n";
    for (const auto& s : rb.stages)
        out << "  " << pad(s.id, w_id + 2) << pad(s.actor, 19) << pad(timing_text(rb, s), w_timing + 2) << s.article
            << (s.terminal ? "  [terminal]" : "") << "\n";

    size_t w_from = 4, w_event = 5;
    for (const auto& t : rb.transitions) {
        w_from = std::max(w_from, rb.stages[size_t(t.from)].id.size());
        w_event = std::max(w_event, t.event.size());
    }
    out << "\nTransitions\n  " << pad("from", w_from + 2) << pad("event", w_event + 2) << pad("to", w_id + 2)
        << pad("actor", 19) << "guards / vote / article\n";
    for (const auto& t : rb.transitions) {
        std::string extra;
        for (Index g : t.guards) extra += rb.gates[size_t(g)].id + " ";
        if (t.vote != kNone) extra += "vote:" + rb.votes[size_t(t.vote)].id + " ";
        if (t.side) extra += "side ";
        out << "  " << pad(rb.stages[size_t(t.from)].id, w_from + 2) << pad(t.event, w_event + 2)
            << pad(rb.stages[size_t(t.to)].id, w_id + 2) << pad(t.actor, 19) << extra << cite(t.article) << "\n";
    }
    out << "\nGates\n";
    for (const auto& g : rb.gates) out << "  " << pad(g.id, 22) << pad(cite(g.article), 20) << g.text << "\n";
    if (rb.cap.defined)
        out << "\nAssessment cap (" << rb.cap.article << "): USD " << rb.cap.fixed_usd << " through "
            << rb.cap.fixed_through_year << ", then " << rb.cap.trade_fraction * 100 << "% of trade in goods ("
            << rb.cap.trade_basis << ")\n";
    return out.str();
}

std::string render_mermaid(const Rulebook& rb) {
    std::ostringstream out;
    out << "stateDiagram-v2\n";
    for (Index entry : rb.entry_stages)
        out << "    [*] --> " << rb.stages[size_t(entry)].id << " : " << rb.filing_event << "\n";
    for (const auto& t : rb.transitions) {
        out << "    " << rb.stages[size_t(t.from)].id << " --> " << rb.stages[size_t(t.to)].id << " : " << t.event;
        if (t.vote != kNone) out << " [" << rb.votes[size_t(t.vote)].id << "]";
        out << " (" << cite(t.article) << ")\n";
    }
    for (const auto& s : rb.stages)
        if (s.terminal) out << "    " << s.id << " --> [*]\n";
    for (const auto& s : rb.stages)
        if (s.timing) out << "    note right of " << s.id << " : " << timing_text(rb, s) << "\n";
    return out.str();
}

}  // namespace accord
