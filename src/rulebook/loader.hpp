#pragma once
// Reads a rulebook from TOML. Every error is an accord::Error(bad_rulebook) whose message starts
// with file:line:column and names the offending key.
#include <filesystem>
#include <string>
#include <string_view>

#include "rulebook/rulebook.hpp"

namespace accord {

Rulebook load_rulebook_file(const std::filesystem::path& path);
Rulebook load_rulebook_text(std::string_view toml_text, const std::string& source_name);

// Resolves a rulebook NAME ("naalc-1994", "variants/broad-scope") to DIR/NAME.toml; a path ending
// in .toml is used as it is.
std::filesystem::path resolve_rulebook(const std::string& name_or_path,
                                       const std::filesystem::path& rulebook_dir);

}  // namespace accord
