#pragma once
// Rulebooks by name, loaded once from a folder and kept for the life of the process.
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "rulebook/rulebook.hpp"

namespace accord {

class RulebookRegistry {
public:
    explicit RulebookRegistry(std::filesystem::path dir) : dir_(std::move(dir)) {}

    // NAME resolves to DIR/NAME.toml; a path is loaded as it is. Throws Error.
    const Rulebook& get(const std::string& name_or_path);
    const std::filesystem::path& dir() const { return dir_; }
    // Every rulebook of the folder (NAME.toml), loaded.
    std::vector<const Rulebook*> all();

private:
    std::filesystem::path dir_;
    std::map<std::string, std::unique_ptr<Rulebook>> loaded_;
};

// $ACCORD_RULEBOOKS, else ./rulebooks, else the rulebooks folder beside the binary's build folder.
std::filesystem::path default_rulebook_dir();

}  // namespace accord
