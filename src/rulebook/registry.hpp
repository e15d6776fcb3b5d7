#pragma once
// Rulebooks by name, loaded once from a folder and kept for the life of the process.
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "rulebook/rulebook.hpp"

namespace accord {

class RulebookRegistry {
public:
    // Calendars come from `calendar_dir`, by default the calendars folder beside `dir`.
    explicit RulebookRegistry(std::filesystem::path dir, std::filesystem::path calendar_dir = {});

    // NAME resolves to DIR/NAME.toml; a path is loaded as it is. Throws Error.
    const Rulebook& get(const std::string& name_or_path);
    const std::filesystem::path& dir() const { return dir_; }
    // Every rulebook of the folder (NAME.toml), loaded.
    std::vector<const Rulebook*> all();

    // The law as of a date: the rulebook in force on `date` that has an office of the Party that
    // `office` (an office of any rulebook, or a Party code) belongs to, with that office. The
    // rulebook's own admissibility then says whether it covers the pair.
    struct Choice {
        const Rulebook* rulebook = nullptr;
        Index office = kNone;
    };
    std::optional<Choice> in_force(Date date, const std::string& office);

private:
    std::recursive_mutex mutex_;  // the server's threads share one registry
    std::filesystem::path dir_;
    std::filesystem::path calendar_dir_;
    std::optional<std::vector<Calendar>> calendars_;
    std::map<std::string, std::unique_ptr<Rulebook>> loaded_;
    std::optional<std::vector<const Rulebook*>> all_;
};

// $ACCORD_RULEBOOKS, else ./rulebooks, else the rulebooks folder beside the binary's build folder.
std::filesystem::path default_rulebook_dir();

}  // namespace accord
