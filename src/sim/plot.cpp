// An SVG a person would rather look at than read: on the left, the share of cases settled by each
// day (one line per rulebook); on the right, the share reaching each tier and a sanction.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include "sim/simulator.hpp"

namespace accord {

namespace {

const char* kColors[] = {"#1f5f99", "#d1495b", "#2e933c", "#edae49", "#6c4f9c", "#00798c"};

std::string esc(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '&') out += "&amp;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

}  // namespace

std::string plot_svg(const nlohmann::json& summary, const std::vector<RulebookRun>& runs) {
    const double W = 1000, H = 470, top = 70, bottom = 400;
    const double lx0 = 70, lx1 = 470, rx0 = 560, rx1 = 970;
    std::ostringstream s;
    s << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << W << "\" height=\"" << H << "\" viewBox=\"0 0 " << W << ' '
      << H << "\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n";
    s << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    s << "<text x=\"" << lx0 << "\" y=\"28\" font-size=\"17\" font-weight=\"bold\">" << esc(summary["scenario"].get<std::string>())
      << ": " << summary["cases"] << " simulated cases (seed " << summary["seed"] << ")</text>\n";

    // Left: cumulative share of cases at their outcome by day.
    int32_t max_days = 1;
    for (const auto& run : runs)
        for (const auto& c : run.cases) max_days = std::max(max_days, c.days);
    const double years = std::ceil(max_days / 365.0);
    auto X = [&](double d) { return lx0 + (lx1 - lx0) * d / (years * 365.0); };
    auto Y = [&](double f) { return bottom - (bottom - top) * f; };
    s << "<text x=\"" << lx0 << "\" y=\"" << top - 12 << "\" font-weight=\"bold\">Share of cases at their outcome, by time since filing</text>\n";
    for (int i = 0; i <= 4; ++i) {
        const double f = i / 4.0;
        s << "<line x1=\"" << lx0 << "\" x2=\"" << lx1 << "\" y1=\"" << num(Y(f)) << "\" y2=\"" << num(Y(f))
          << "\" stroke=\"#ddd\"/><text x=\"" << lx0 - 8 << "\" y=\"" << num(Y(f) + 4) << "\" text-anchor=\"end\">" << i * 25
          << "%</text>\n";
    }
    for (int y = 0; y <= int(years); ++y)
        s << "<text x=\"" << num(X(y * 365.0)) << "\" y=\"" << bottom + 18 << "\" text-anchor=\"middle\">" << y << "</text>\n";
    s << "<text x=\"" << (lx0 + lx1) / 2 << "\" y=\"" << bottom + 36 << "\" text-anchor=\"middle\">years</text>\n";
    s << "<line x1=\"" << lx0 << "\" x2=\"" << lx1 << "\" y1=\"" << bottom << "\" y2=\"" << bottom << "\" stroke=\"#333\"/>\n";
    for (size_t r = 0; r < runs.size(); ++r) {
        std::vector<int32_t> d;
        for (const auto& c : runs[r].cases) d.push_back(c.days);
        std::sort(d.begin(), d.end());
        s << "<polyline fill=\"none\" stroke-width=\"2.2\" stroke=\"" << kColors[r % 6] << "\" points=\"";
        const size_t n = d.size(), stride = std::max<size_t>(1, n / 400);
        for (size_t i = 0; i < n; i += stride) s << num(X(d[i])) << ',' << num(Y(double(i + 1) / double(n))) << ' ';
        if (n) s << num(X(d.back())) << ',' << num(Y(1.0));
        s << "\"/>\n";
    }

    // Right: grouped bars, one group per outcome, one bar per rulebook.
    std::vector<std::string> labels;
    for (const auto& [tier, v] : summary["rulebooks"][0]["reaching_tier"].items()) labels.push_back(tier);
    labels.push_back("sanction");
    s << "<text x=\"" << rx0 << "\" y=\"" << top - 12 << "\" font-weight=\"bold\">Share of cases reaching</text>\n";
    for (int i = 0; i <= 4; ++i) {
        const double f = i / 4.0;
        s << "<line x1=\"" << rx0 << "\" x2=\"" << rx1 << "\" y1=\"" << num(Y(f)) << "\" y2=\"" << num(Y(f))
          << "\" stroke=\"#ddd\"/><text x=\"" << rx0 - 8 << "\" y=\"" << num(Y(f) + 4) << "\" text-anchor=\"end\">" << i * 25
          << "%</text>\n";
    }
    const double group = (rx1 - rx0) / double(labels.size());
    const double bar = std::min(28.0, (group - 16) / double(std::max<size_t>(runs.size(), 1)));
    for (size_t g = 0; g < labels.size(); ++g) {
        const double gx = rx0 + g * group + 8;
        s << "<text x=\"" << num(gx + bar * double(runs.size()) / 2) << "\" y=\"" << bottom + 18
          << "\" text-anchor=\"middle\">" << esc(labels[g]) << "</text>\n";
        for (size_t r = 0; r < runs.size(); ++r) {
            const auto& rj = summary["rulebooks"][r];
            const double v = labels[g] == "sanction" ? rj["sanction_share"].get<double>()
                             : rj["reaching_tier"].contains(labels[g]) ? rj["reaching_tier"][labels[g]].get<double>()
                                                                       : 0.0;
            s << "<rect x=\"" << num(gx + bar * double(r)) << "\" y=\"" << num(Y(v)) << "\" width=\"" << num(bar - 2)
              << "\" height=\"" << num(bottom - Y(v)) << "\" fill=\"" << kColors[r % 6] << "\"><title>"
              << esc(rj["rulebook"].get<std::string>()) << ": " << num(v * 100) << "%</title></rect>\n";
        }
    }
    s << "<line x1=\"" << rx0 << "\" x2=\"" << rx1 << "\" y1=\"" << bottom << "\" y2=\"" << bottom << "\" stroke=\"#333\"/>\n";

    // Legend.
    double lx = lx0;
    for (size_t r = 0; r < runs.size(); ++r) {
        const auto& rj = summary["rulebooks"][r];
        const std::string label = rj["rulebook"].get<std::string>() + " (median " +
                                  num(rj["time_to_outcome_days"]["median"].get<double>()) + " days)";
        s << "<rect x=\"" << lx << "\" y=\"" << H - 30 << "\" width=\"14\" height=\"14\" fill=\"" << kColors[r % 6]
          << "\"/><text x=\"" << lx + 20 << "\" y=\"" << H - 19 << "\">" << esc(label) << "</text>\n";
        lx += 30 + 7.0 * double(label.size());
    }
    s << "</svg>\n";
    return s.str();
}

}  // namespace accord
