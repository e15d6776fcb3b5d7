#include "rulebook/registry.hpp"

#include <algorithm>
#include <cstdlib>

#include "rulebook/loader.hpp"

namespace accord {

namespace fs = std::filesystem;

const Rulebook& RulebookRegistry::get(const std::string& name) {
    auto it = loaded_.find(name);
    if (it == loaded_.end())
        it = loaded_.emplace(name, std::make_unique<Rulebook>(load_rulebook_file(resolve_rulebook(name, dir_)))).first;
    return *it->second;
}

std::vector<const Rulebook*> RulebookRegistry::all() {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_, ec))
        if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    std::vector<const Rulebook*> out;
    for (const auto& n : names) out.push_back(&get(n));
    return out;
}

fs::path default_rulebook_dir() {
    if (const char* env = std::getenv("ACCORD_RULEBOOKS"); env && *env) return env;
    if (fs::is_directory("rulebooks")) return "rulebooks";
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && fs::is_directory(exe.parent_path().parent_path() / "rulebooks"))
        return exe.parent_path().parent_path() / "rulebooks";
    return "rulebooks";
}

}  // namespace accord
