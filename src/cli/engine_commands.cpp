// accord rulebook check|show, timeline, check, assessment-cap
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cases/queries.hpp"
#include "engine/admissibility.hpp"
#include "engine/assessment_cap.hpp"
#include "engine/timeline.hpp"
#include "json/json.hpp"
#include "rulebook/diff.hpp"
#include "rulebook/loader.hpp"
#include "rulebook/override.hpp"
#include "rulebook/render.hpp"
#include "rulebook/static_checks.hpp"

namespace accord::cli {

namespace {

int cmd_rulebook_check(RulebookRegistry& reg, const std::string& file, bool as_json) {
    const Rulebook& rb = reg.get(file);
    const auto findings = static_checks(rb);
    int errors = 0;
    nlohmann::json j = {{"rulebook", rb.agreement.id}, {"file", rb.source}, {"findings", nlohmann::json::array()}};
    for (const auto& f : findings) {
        const bool error = f.severity == Finding::Severity::error;
        errors += error;
        const std::string where = rb.source + ":" + std::to_string(f.pos.line) + ":" + std::to_string(f.pos.column);
        j["findings"].push_back({{"severity", error ? "error" : "warning"}, {"at", where}, {"message", f.message}});
        if (!as_json) (error ? std::cerr : std::cout) << where << ": " << (error ? "error: " : "warning: ") << f.message << "\n";
    }
    j["ok"] = errors == 0;
    if (as_json) print_json(j);
    else if (!errors)
        std::cout << rb.source << ": ok (" << rb.stages.size() << " stages, " << rb.transitions.size()
                  << " transitions, " << rb.subjects.size() << " subjects)\n";
    return errors ? 2 : 0;
}

int cmd_rulebook_show(RulebookRegistry& reg, const std::string& name, const std::string& format) {
    const Rulebook& rb = reg.get(name);
    if (format == "json") print_json(to_json(rb));
    else if (format == "mermaid") std::cout << render_mermaid(rb);
    else std::cout << render_text(rb);
    return 0;
}

struct TimelineArgs {
    std::string rulebook, from, to, start, respondent, office;
    bool best = false, json = false;
    int parties = 0;
    std::vector<std::string> overrides, via;
};

int cmd_timeline(RulebookRegistry& reg, const TimelineArgs& a) {
    const TimelineAnswer answer = run_timeline(
        reg, {a.rulebook, a.from, a.to, a.best, a.parties, a.overrides, a.via, a.start, a.respondent, a.office});
    const Rulebook& rb = answer.rulebook;
    const Timeline& tl = answer.timeline;
    if (a.json) {
        print_json(to_json(rb, tl));
        return 0;
    }
    std::cout << rb.agreement.id << ": " << a.from << " -> " << a.to << ", " << (a.best ? "best" : "worst")
              << " case, " << tl.disputing_parties << " disputing Parties: " << tl.days << " days\n\n";
    std::cout << "  " << pad("day", 6) << (tl.path.front().date ? pad("date", 11) : "") << pad("stage", 32) << pad("event", 34)
              << pad("rule", 52) << "article\n";
    for (const auto& s : tl.path) {
        const auto& st = rb.stages[size_t(s.stage)];
        std::cout << "  " << pad(std::to_string(s.day), 6) << (s.date ? pad(s.date->str(), 11) : "") << pad(st.id, 32)
                  << pad(s.transition == kNone ? "" : rb.transitions[size_t(s.transition)].event, 34) << pad(s.how, 52)
                  << st.article << "\n";
    }
    return 0;
}

struct CheckArgs {
    std::string rulebook, office, respondent, subjects, sector, filed;
    FactOptions facts;
    bool json = false;
};

int cmd_check(RulebookRegistry& reg, const CheckArgs& a) {
    const CheckRequest request{a.rulebook, a.office, a.respondent, a.subjects, a.facts.facts(), a.sector, a.filed};
    const CheckAnswer answer = run_check(reg, request);
    const Rulebook& rb = *answer.rulebook;
    const Admissibility& r = answer.result;
    Submission sub;
    sub.office = answer.office;
    if (a.json) {
        auto j = to_json(rb, r);
        j["office"] = rb.offices[size_t(sub.office)].id;
        if (a.rulebook == "auto") j["chosen_because"] = rb.agreement.id + " is in force on " + a.filed;
        print_json(j);
        return 0;
    }
    if (a.rulebook == "auto") std::cout << "chose " << rb.agreement.id << ": in force on " << a.filed << "\n";
    std::cout << rb.agreement.id << ": " << (r.admissible ? "admissible" : "NOT admissible")
              << ", can reach: " << rb.tier_name(r.tier) << "\n\n";
    for (const auto& s : r.subjects)
        std::cout << "  " << pad(rb.subjects[size_t(s.subject)].id, 30) << rb.tier_name(s.tier) << "\n";
    if (!r.reasons.empty()) std::cout << "\n";
    for (const auto& reason : r.reasons)
        std::cout << "  " << (reason.limits ? "limit " : "if    ") << pad(cite(reason.article), 16) << reason.text << "\n";
    return 0;
}

int cmd_cap(RulebookRegistry& reg, const std::string& rulebook, int year, const std::string& trade, bool as_json) {
    const Rulebook& rb = reg.get(rulebook);
    std::optional<double> trade_usd;
    if (!trade.empty()) {
        char* end = nullptr;
        const double v = std::strtod(trade.c_str(), &end);
        if (end == trade.c_str() || *end != '\0' || !(v >= 0))
            throw Error(ErrorCode::bad_argument, "--trade-usd: not an amount: '" + trade + "'");
        trade_usd = v;
    }
    const CapResult cap = assessment_cap(rb, year, trade_usd);
    if (as_json) print_json(to_json(cap, year));
    else std::cout << "USD " << cap.cap_usd << " (" << year << ": " << cap.explanation << "; " << cite(cap.article) << ")\n";
    return 0;
}

}  // namespace

void add_engine_commands(CLI::App& app, Context& ctx) {
    auto* rulebook = app.add_subcommand("rulebook", "Validate and show rulebooks");
    rulebook->require_subcommand(1);
    static std::string rb_file;
    static bool rb_json = false;
    auto* rb_check = rulebook->add_subcommand("check", "Validate a rulebook file (errors carry file:line:column)");
    rb_check->add_option("FILE", rb_file, "Rulebook file or name")->required();
    rb_check->add_flag("--json", rb_json, "Print JSON");
    rb_check->callback([&ctx] { ctx.rc = cmd_rulebook_check(ctx.rulebooks(), rb_file, rb_json); });
    static std::string rb_format = "text";
    auto* rb_show = rulebook->add_subcommand("show", "Show the procedure as a table, JSON or a Mermaid diagram");
    rb_show->add_option("NAME", rb_file, "Rulebook name or file")->required();
    rb_show->add_option("--format", rb_format, "text, json or mermaid")->check(CLI::IsMember({"text", "json", "mermaid"}));
    rb_show->add_flag_callback("--json", [] { rb_format = "json"; }, "Same as --format json");
    rb_show->callback([&ctx] { ctx.rc = cmd_rulebook_show(ctx.rulebooks(), rb_file, rb_format); });
    static std::string diff_a, diff_b;
    static bool diff_json = false;
    auto* rb_diff = rulebook->add_subcommand("diff", "Two rulebooks side by side: scope, parties, clocks, votes, remedies, caps");
    rb_diff->add_option("A", diff_a, "Rulebook name or file")->required();
    rb_diff->add_option("B", diff_b, "Rulebook name or file")->required();
    rb_diff->add_flag("--json", diff_json, "Print JSON");
    rb_diff->callback([&ctx] {
        const auto d = rulebook_diff(ctx.rulebooks().get(diff_a), ctx.rulebooks().get(diff_b));
        if (diff_json) print_json(d);
        else std::cout << render_diff(d);
        ctx.rc = 0;
    });

    static TimelineArgs tl;
    auto* timeline = app.add_subcommand("timeline", "Statutory worst (or best) case between two stages");
    timeline->add_option("--rulebook", tl.rulebook, "Rulebook name or file")->required();
    timeline->add_option("--from", tl.from, "Starting stage")->required();
    timeline->add_option("--to", tl.to, "Final stage")->required();
    timeline->add_flag("--best", tl.best, "Best case: every lower bound");
    timeline->add_option("--parties", tl.parties, "Disputing Parties (2 or 3)")->check(CLI::Range(2, 8));
    timeline->add_option("--set", tl.overrides, "Override a timing: STAGE.KEY=VALUE");
    timeline->add_option("--via", tl.via, "Stage the path must pass through");
    timeline->add_option("--start", tl.start, "Start date (YYYY-MM-DD): gives dates");
    timeline->add_flag("--json", tl.json, "Print JSON");
    timeline->add_option("--respondent", tl.respondent, "Respondent Party, for business days (default: the rulebook's)");
    timeline->add_option("--office", tl.office, "Complainant's office, for business days");
    timeline->callback([&ctx] { ctx.rc = cmd_timeline(ctx.rulebooks(), tl); });

    static CheckArgs ck;
    auto* check = app.add_subcommand("check", "Admissibility of a submission and how far it can go");
    check->add_option("--rulebook", ck.rulebook, "Rulebook name or file, or auto (the one in force on --filed)")->required();
    check->add_option("--office", ck.office, "Receiving office (US-NAO, MX-NAO, CA-NAO; US-ILC, CA-LABOUR)")->required();
    check->add_option("--respondent", ck.respondent, "Party whose enforcement is questioned")->required();
    check->add_option("--subjects", ck.subjects, "Subjects, comma-separated")->required();
    ck.facts.add_to(check);
    check->add_option("--filed", ck.filed, "Filing date: checks the agreement was in force");
    check->add_flag("--json", ck.json, "Print JSON");
    check->add_option("--sector", ck.sector, "Sector of the facility (Rapid Response: manufactured_goods, services, mining)");
    check->callback([&ctx] { ctx.rc = cmd_check(ctx.rulebooks(), ck); });

    static std::string cap_rb, cap_trade;
    static int cap_year = 0;
    static bool cap_json = false;
    auto* cap = app.add_subcommand("assessment-cap", "Cap on a monetary enforcement assessment");
    cap->add_option("--rulebook", cap_rb, "Rulebook name or file")->required();
    cap->add_option("--year", cap_year, "Year of the assessment")->required()->check(CLI::Range(1, 9999));
    cap->add_option("--trade-usd", cap_trade, "Trade in goods between the Parties, USD");
    cap->add_flag("--json", cap_json, "Print JSON");
    cap->callback([&ctx] { ctx.rc = cmd_cap(ctx.rulebooks(), cap_rb, cap_year, cap_trade, cap_json); });

}

}  // namespace accord::cli
