// accord import | stats | export
#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <sstream>

#include "cases/codec.hpp"
#include "cases/export.hpp"
#include "cases/import.hpp"
#include "cases/stats.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/csv.hpp"

namespace accord::cli {

using nlohmann::json;

void add_data_commands(CLI::App& app, Context& ctx) {
    static std::string file;
    static bool import_json = false;
    auto* imp = app.add_subcommand("import", "Import historical cases from a CSV file (data/README.md)");
    imp->add_option("FILE", file, "CSV file")->required();
    imp->add_flag("--json", import_json, "Print JSON");
    imp->callback([&ctx] {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw Error(ErrorCode::io, file + ": cannot open");
        std::stringstream buf;
        buf << in.rdbuf();
        const ImportReport r = import_cases_csv(buf.str(), ctx.store(), ctx.rulebooks());
        ctx.rc = r.refused.empty() ? 0 : 2;
        auto issues = [](const std::vector<ImportIssue>& list) {
            json out = json::array();
            for (const auto& i : list) out.push_back({{"line", i.line}, {"id", i.case_id}, {"message", i.message}});
            return out;
        };
        if (import_json) {
            print_json({{"rows", r.rows}, {"cases_written", r.cases_written}, {"cases_existing", r.cases_existing},
                        {"events_written", r.events}, {"refused", issues(r.refused)}, {"findings", issues(r.findings)}});
            return;
        }
        for (const auto& i : r.refused)
            std::cerr << file << ":" << i.line << ": refused" << (i.case_id.empty() ? "" : " " + i.case_id) << ": "
                      << i.message << "\n";
        for (const auto& i : r.findings)
            std::cout << file << ":" << i.line << ": finding " << i.case_id << ": " << i.message << "\n";
        std::cout << file << ": " << r.rows << " rows; " << r.cases_written << " cases imported (" << r.events
                  << " events), " << r.cases_existing << " already present, " << r.refused.size() << " refused, "
                  << r.findings.size() << " findings about the record\n";
    });

    static bool stats_json = false;
    auto* stats = app.add_subcommand("stats", "Per office: actual times and shares beside the statutory figures");
    stats->add_flag("--json", stats_json, "Print JSON");
    stats->callback([&ctx] {
        const json s = case_stats(ctx.store(), ctx.rulebooks());
        ctx.rc = 0;
        if (stats_json) return print_json(s);
        for (const auto& [office, o] : s["offices"].items()) {
            std::cout << office << " (" << o["rulebook"].get<std::string>() << "): " << o["cases"] << " cases\n";
            for (const auto& [key, value] : o.items()) {
                if (key.rfind("median_", 0) != 0 && key.find("_share") == std::string::npos) continue;
                if (key.size() > 2 && key.substr(key.size() - 2) == "_n") continue;
                std::cout << "  " << pad(key, 36) << pad(value.is_null() ? "-" : value.dump(), 10)
                          << "n=" << o[key + "_n"];
                const std::string statutory = "statutory_" + (key.rfind("median_", 0) == 0 ? key.substr(7) : key);
                if (o.contains(statutory)) std::cout << "   statutory " << o[statutory] << " days";
                std::cout << "\n";
            }
        }
    });

    // accord serve: the server is its own binary (it alone links cpp-httplib and OpenSSL).
    static std::string host = "127.0.0.1";
    static int port = 8080;
    auto* serve = app.add_subcommand("serve", "Serve the API and the web UI on http://HOST:PORT (the binary accord-serve)");
    serve->add_option("--host", host, "Address to listen on");
    serve->add_option("--port", port, "Port")->check(CLI::Range(0, 65535));
    serve->callback([&ctx] {
        std::error_code ec;
        const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
        const std::string server = (ec ? std::filesystem::path("accord-serve") : exe.parent_path() / "accord-serve").string();
        const std::string db = ctx.db_url.empty() ? default_store_url() : ctx.db_url;
        const std::string port_text = std::to_string(port);
        std::vector<const char*> args = {server.c_str(), "--db", db.c_str(), "--host", host.c_str(), "--port", port_text.c_str(), nullptr};
        execv(server.c_str(), const_cast<char* const*>(args.data()));
        throw Error(ErrorCode::io, "cannot start " + server + ": " + std::strerror(errno));
    });

    static std::string format = "json";
    auto* exp = app.add_subcommand("export", "All cases and their events, as JSON or CSV (one row per event)");
    exp->add_option("--format", format, "json or csv")->check(CLI::IsMember({"json", "csv"}));
    exp->callback([&ctx] {
        ctx.rc = 0;
        if (format == "csv") export_csv(ctx.store(), {}, std::cout);
        else print_json(export_json(ctx.store(), {}));
    });
}

}  // namespace accord::cli
