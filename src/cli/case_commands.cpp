// accord init | case file | case step | case show | case list | case deadlines
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "cases/access.hpp"
#include "cases/case_json.hpp"
#include "cases/case_service.hpp"
#include "core/sha256.hpp"
#include "cases/ics.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "json/json.hpp"

namespace accord::cli {

using nlohmann::json;

namespace {

std::vector<std::pair<std::string, std::string>> key_values(const std::vector<std::string>& items) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& kv : items) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0)
            throw Error(ErrorCode::bad_argument, "--detail " + kv + ": expected KEY=VALUE");
        out.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    }
    return out;
}

// A refusal: one line on stderr, exit 1 (the rule and its article are in the message).
int report_refusal(const Refusal& r, bool as_json) {
    if (as_json) print_json({{"ok", false}, {"refusal", to_json(r)}});
    std::cerr << "accord: refused: " << r.message << "\n";
    return exit_code(r.code);
}

}  // namespace

// 32 random bytes from the kernel, as hex: a bearer token.
static std::string new_token() {
    std::ifstream random("/dev/urandom", std::ios::binary);
    unsigned char bytes[32];
    if (!random.read(reinterpret_cast<char*>(bytes), sizeof bytes)) throw Error(ErrorCode::io, "cannot read /dev/urandom");
    std::string hex;
    static const char* digits = "0123456789abcdef";
    for (unsigned char b : bytes) hex += digits[b >> 4], hex += digits[b & 15];
    return hex;
}

void add_case_commands(CLI::App& app, Context& ctx) {
    struct UserArgs {
        std::string name, role, party;
        bool json = false;
    };
    static UserArgs ua;
    auto* users = app.add_subcommand("user", "People who may write: roles and bearer tokens");
    users->require_subcommand(1);
    auto* add = users->add_subcommand("add", "Add a user; prints its token once (the store keeps only its hash)");
    add->add_option("NAME", ua.name, "User name")->required();
    add->add_option("--role", ua.role, "submitter, nao, council, secretariat, panel or admin")->required();
    add->add_option("--party", ua.party, "The Party a nao or council user acts for (US, MX, CA)");
    add->add_flag("--json", ua.json, "Print JSON");
    add->callback([&ctx] {
        if (!is_role(ua.role)) throw Error(ErrorCode::bad_argument, "--role: '" + ua.role + "' is not a role (submitter, nao, council, secretariat, panel, admin)");
        const bool needs_party = ua.role == "nao" || ua.role == "council";
        if (needs_party && ua.party.empty()) throw Error(ErrorCode::bad_argument, "--party: a " + ua.role + " user acts for a Party");
        if (!ua.party.empty()) {
            bool known = false;
            for (const Rulebook* rb : ctx.rulebooks().all()) known = known || rb->party_index(ua.party) != kNone;
            if (!known) throw Error(ErrorCode::bad_argument, "--party: unknown Party '" + ua.party + "'");
        }
        const std::string token = new_token();
        ctx.store().add_user({ua.name, ua.role, ua.party, sha256_hex(token), ""});
        ctx.rc = 0;
        if (ua.json) return print_json({{"name", ua.name}, {"role", ua.role}, {"party", ua.party}, {"token", token}});
        std::cout << token << "\n";
        std::cerr << "accord: user " << ua.name << " (" << ua.role << (ua.party.empty() ? "" : " of " + ua.party)
                  << ") added; the token above is shown once and not stored\n";
    });

    auto* init = app.add_subcommand("init", "Create or upgrade the case store's schema");
    init->callback([&ctx] {
        auto& store = ctx.store();
        std::cout << store.url() << ": schema version " << store.schema_version() << "\n";
        ctx.rc = 0;
    });

    auto* cases = app.add_subcommand("case", "File, step, show and list cases");
    cases->require_subcommand(1);

    struct FileArgs {
        std::string rulebook, office, respondent, subjects, submitter, facility, sector, on, request;
        FactOptions facts;
        bool json = false;
    };
    static FileArgs fa;
    auto* file = cases->add_subcommand("file", "File a new case; prints its id");
    file->add_option("--rulebook", fa.rulebook, "Rulebook name or file")->required();
    file->add_option("--office", fa.office, "Receiving office")->required();
    file->add_option("--respondent", fa.respondent, "Party whose enforcement is questioned")->required();
    file->add_option("--subjects", fa.subjects, "Subjects, comma-separated")->required();
    file->add_option("--submitter", fa.submitter, "Who files")->required();
    file->add_option("--facility", fa.facility, "Facility, company or sector");
    file->add_option("--sector", fa.sector, "Sector of the facility, where the rulebook scopes cases by sector");
    file->add_option("--on", fa.on, "Filing date (YYYY-MM-DD)")->required();
    fa.facts.add_to(file);
    file->add_option("--request-id", fa.request, "Idempotency key: repeating it files nothing new");
    file->add_flag("--json", fa.json, "Print JSON");
    file->callback([&ctx] {
        Command c;
        c.on = date_arg("--on", fa.on);
        c.details = {{"office", fa.office}, {"respondent", fa.respondent}, {"subjects", fa.subjects},
                     {"submitter", fa.submitter}};
        if (!fa.facility.empty()) c.details.emplace_back("facility", fa.facility);
        if (!fa.sector.empty()) c.details.emplace_back("sector", fa.sector);
        for (auto& kv : fa.facts.facts()) c.details.push_back(std::move(kv));
        CaseService service(ctx.store(), ctx.rulebooks());
        const StepOutcome out = service.file(fa.rulebook, c, fa.request);
        if (out.refusal) {
            ctx.rc = report_refusal(*out.refusal, fa.json);
            return;
        }
        if (fa.json) print_json({{"ok", true}, {"id", out.case_id}, {"version", out.version}, {"duplicate", out.duplicate}});
        else std::cout << out.case_id << "\n";
        ctx.rc = 0;
    });

    struct StepArgs {
        std::string id, event, on, actor, request;
        std::vector<std::string> details;
        int64_t expect = -1;
        bool json = false;
    };
    static StepArgs sa;
    auto* step = cases->add_subcommand("step", "Apply a step to a case, or see why the rulebook refuses it");
    step->add_option("ID", sa.id, "Case id")->required();
    step->add_option("EVENT", sa.event, "Event (see `case show` for the next steps)")->required();
    step->add_option("--on", sa.on, "Date of the step (YYYY-MM-DD)")->required();
    step->add_option("--actor", sa.actor, "Role taking the step");
    step->add_option("--detail", sa.details, "KEY=VALUE (for=US,CA for votes; amount_usd; stage and days for extensions)");
    step->add_option("--expect-version", sa.expect, "Refuse if the case is no longer at this version");
    step->add_option("--request-id", sa.request, "Idempotency key: repeating it applies nothing new");
    step->add_flag("--json", sa.json, "Print JSON");
    step->callback([&ctx] {
        Command c{sa.event, date_arg("--on", sa.on), sa.actor, key_values(sa.details)};
        CaseService service(ctx.store(), ctx.rulebooks());
        const StepOutcome out =
            service.step(sa.id, c, sa.expect >= 0 ? std::optional<int64_t>(sa.expect) : std::nullopt, sa.request);
        if (out.refusal) {
            ctx.rc = report_refusal(*out.refusal, sa.json);
            return;
        }
        if (sa.json) print_json({{"ok", true}, {"id", sa.id}, {"version", out.version}, {"duplicate", out.duplicate}});
        else std::cout << sa.id << ": " << sa.event << " recorded (version " << out.version << ")"
                       << (out.duplicate ? ", a repeated request: nothing new" : "") << "\n";
        ctx.rc = 0;
    });

    struct ShowArgs {
        std::string id, as_of;
        bool json = false;
    };
    static ShowArgs sh;
    auto* show = cases->add_subcommand("show", "A case: stage, reach, events, deadlines, next steps");
    show->add_option("ID", sh.id, "Case id")->required();
    show->add_option("--as-of", sh.as_of, "Date the deadlines are judged on (default: today)");
    show->add_flag("--json", sh.json, "Print JSON");
    show->callback([&ctx] {
        const Date as_of = sh.as_of.empty() ? today() : date_arg("--as-of", sh.as_of);
        CaseService service(ctx.store(), ctx.rulebooks());
        const CaseView v = service.load(sh.id);
        const json j = case_json(v, as_of);
        ctx.rc = 0;
        if (sh.json) return print_json(j);
        const CaseRow& r = v.row;
        std::cout << r.id << "  (" << r.rulebook << ")  " << r.office << " -> " << r.respondent << "  filed "
                  << (r.filed_on.empty() ? "?" : r.filed_on) << "\n";
        std::cout << "subjects: " << r.subjects << "\n";
        if (!r.submitter.empty()) std::cout << "submitter: " << r.submitter << "\n";
        if (!r.facility.empty()) std::cout << "facility: " << r.facility << "\n";
        std::cout << "stage: " << (r.stage.empty() ? "-" : r.stage) << (r.closed ? " (closed)" : "")
                  << "   can reach: " << j["tier"].get<std::string>() << "   version " << r.version << "\n";
        std::cout << "\nevents\n";
        for (const auto& e : j["events"])
            std::cout << "  " << pad(std::to_string(e["seq"].get<int64_t>()), 4)
                      << pad(e["on"].is_null() ? "(unknown)" : e["on"].get<std::string>(), 12)
                      << pad(e["event"].get<std::string>(), 32) << e["actor"].get<std::string>() << "\n";
        std::cout << "\ndeadlines as of " << as_of.str() << "\n";
        for (const auto& d : j["deadlines"])
            std::cout << "  " << pad(d["stage"].get<std::string>(), 32) << "due " << pad(d["due"].get<std::string>(), 12)
                      << pad(d["status"].get<std::string>(), 8) << (d.contains("on") ? "on " + d["on"].get<std::string>() : "")
                      << "  (" << cite(d["article"].get<std::string>()) << ")\n";
        std::cout << "\nnext steps\n";
        for (const auto& n : j["next"]) {
            std::cout << "  " << pad(n["event"].get<std::string>(), 34) << pad(n["actor"].get<std::string>(), 20)
                      << "from " << n["earliest"].get<std::string>();
            if (n.contains("latest")) std::cout << ", not after " << n["latest"].get<std::string>();
            if (n.contains("due")) std::cout << ", due " << n["due"].get<std::string>();
            if (n.contains("blocked_by")) std::cout << "  BLOCKED: " << n["blocked_by"].get<std::string>();
            std::cout << "\n";
        }
        if (!j["case"]["findings"].empty()) {
            std::cout << "\nfindings about the record\n";
            for (const auto& f : j["case"]["findings"]) std::cout << "  - " << f.get<std::string>() << "\n";
        }
    });

    struct ListArgs {
        std::string stage, office, respondent, subject, rulebook, text, as_of;
        int year = 0;
        int64_t limit = 0, offset = 0;
        bool overdue = false, json = false;
    };
    static ListArgs la;
    auto* list = cases->add_subcommand("list", "Cases, filtered");
    list->add_option("--stage", la.stage, "Current stage");
    list->add_option("--office", la.office, "Receiving office");
    list->add_option("--respondent", la.respondent, "Respondent Party");
    list->add_option("--subject", la.subject, "A subject of the case");
    list->add_option("--rulebook", la.rulebook, "Rulebook");
    list->add_option("--year", la.year, "Filing year");
    list->add_option("--search", la.text, "Text in the id, submitter or facility (case-insensitive)");
    list->add_flag("--overdue", la.overdue, "Only cases with a deadline passed as of --as-of");
    list->add_option("--as-of", la.as_of, "Date for --overdue (default: today)");
    list->add_option("--limit", la.limit, "At most this many");
    list->add_option("--offset", la.offset, "Skip this many");
    list->add_flag("--json", la.json, "Print JSON");
    list->callback([&ctx] {
        CaseFilter f{la.stage, la.office, la.respondent, la.subject, la.rulebook, la.text, la.year, "", la.limit, la.offset};
        if (la.overdue) f.overdue_as_of = (la.as_of.empty() ? today() : date_arg("--as-of", la.as_of)).str();
        const auto rows = ctx.store().list(f);
        ctx.rc = 0;
        if (la.json) {
            json out = json::array();
            for (const auto& r : rows) out.push_back(row_json(r));
            return print_json({{"cases", out}, {"count", rows.size()}});
        }
        std::cout << pad("id", 16) << pad("office", 10) << pad("resp", 5) << pad("filed", 11) << pad("stage", 28)
                  << "next deadline\n";
        for (const auto& r : rows)
            std::cout << pad(r.id, 16) << pad(r.office, 10) << pad(r.respondent, 5) << pad(r.filed_on.empty() ? "?" : r.filed_on, 11)
                      << pad(r.stage.empty() ? "-" : r.stage + (r.closed ? " (closed)" : ""), 28)
                      << (r.next_deadline.empty() ? "" : r.next_deadline + " " + r.next_deadline_stage) << "\n";
        std::cout << rows.size() << " case" << (rows.size() == 1 ? "" : "s") << "\n";
    });

    struct DeadlineArgs {
        std::string id, as_of;
        bool ics = false, json = false;
    };
    static DeadlineArgs da;
    auto* dl = cases->add_subcommand("deadlines", "Open deadlines of a case (--ics: as an iCalendar file)");
    dl->add_option("ID", da.id, "Case id")->required();
    dl->add_option("--as-of", da.as_of, "Date (default: today)");
    dl->add_flag("--ics", da.ics, "Print an iCalendar file");
    dl->add_flag("--json", da.json, "Print JSON");
    dl->callback([&ctx] {
        const Date as_of = da.as_of.empty() ? today() : date_arg("--as-of", da.as_of);
        CaseService service(ctx.store(), ctx.rulebooks());
        const CaseView v = service.load(da.id);
        ctx.rc = 0;
        if (da.ics) {
            std::cout << deadlines_ics(v, as_of, utc_stamp());
            return;
        }
        json out = json::array();
        for (const auto& d : deadlines(*v.rulebook, v.state, as_of))
            if (!d.met_on) out.push_back(to_json(*v.rulebook, d));
        if (da.json) return print_json({{"id", da.id}, {"as_of", as_of.str()}, {"deadlines", out}});
        for (const auto& d : out)
            std::cout << pad(d["stage"].get<std::string>(), 32) << "due " << pad(d["due"].get<std::string>(), 12)
                      << d["status"].get<std::string>() << "\n";
    });
}

}  // namespace accord::cli
