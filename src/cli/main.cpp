// accord: the command line. Every command that prints results takes --json; errors print one line
// to stderr and exit non-zero (1 refused by a rule, 2 bad input, 3 stale version, 4 not found, 5 I/O).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"

int main(int argc, char** argv) {
    using namespace accord;
    CLI::App app{"Accord: labor side accords as executable rulebooks"};
    app.require_subcommand(1);
    app.fallthrough();
    cli::Context ctx;
    app.add_option("--db", ctx.db_url, "Case store: sqlite:PATH (default accord.db, or $ACCORD_DB) or postgresql://...");
    cli::add_engine_commands(app, ctx);
    cli::add_case_commands(app, ctx);
    cli::add_data_commands(app, ctx);
    cli::add_sim_commands(app, ctx);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);
        std::cerr << "accord: " << e.what() << "\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << "accord: " << e.what() << "\n";
        return exit_code(e.code());
    } catch (const std::exception& e) {
        // Database and file-system failures surface here: one line, no half-written state.
        std::string what = e.what();
        for (char& c : what)
            if (c == '\n') c = ' ';
        std::cerr << "accord: " << what << "\n";
        return 5;
    }
    return ctx.rc;
}
