#pragma once
// The accord command line, one file per group of commands; main.cpp wires them.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "rulebook/registry.hpp"
#include "store/event_store.hpp"

namespace accord::cli {

// What every command may need, opened on first use.
class Context {
public:
    std::string db_url;
    int rc = 0;

    RulebookRegistry& rulebooks() {
        if (!rulebooks_) rulebooks_ = std::make_unique<RulebookRegistry>(default_rulebook_dir());
        return *rulebooks_;
    }
    // Opens the store and brings its schema up to date.
    EventStore& store() {
        if (!store_) {
            store_ = open_store(db_url.empty() ? default_store_url() : db_url);
            store_->migrate();
        }
        return *store_;
    }

private:
    std::unique_ptr<RulebookRegistry> rulebooks_;
    std::unique_ptr<EventStore> store_;
};

void add_engine_commands(CLI::App& app, Context& ctx);  // rulebook, timeline, check, assessment-cap
void add_case_commands(CLI::App& app, Context& ctx);    // init, case ...
void add_data_commands(CLI::App& app, Context& ctx);    // import, stats, export
void add_sim_commands(CLI::App& app, Context& ctx);     // simulate

}  // namespace accord::cli
