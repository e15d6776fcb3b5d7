#include "rulebook/registry.hpp"

#include <algorithm>
#include <cstdlib>

#include "rulebook/calendar_loader.hpp"
#include "rulebook/loader.hpp"

namespace accord {

namespace fs = std::filesystem;

RulebookRegistry::RulebookRegistry(fs::path dir, fs::path calendar_dir)
    : dir_(std::move(dir)), calendar_dir_(std::move(calendar_dir)) {
    if (calendar_dir_.empty()) {
        const char* env = std::getenv("ACCORD_CALENDARS");
        calendar_dir_ = env && *env ? fs::path(env) : fs::absolute(dir_).parent_path() / "calendars";
    }
}

const Rulebook& RulebookRegistry::get(const std::string& name) {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    auto it = loaded_.find(name);
    if (it == loaded_.end()) {
        auto rb = std::make_unique<Rulebook>(load_rulebook_file(resolve_rulebook(name, dir_)));
        if (!calendars_) calendars_ = load_calendars(calendar_dir_);
        attach_calendars(*rb, *calendars_);
        it = loaded_.emplace(name, std::move(rb)).first;
    }
    return *it->second;
}

std::vector<const Rulebook*> RulebookRegistry::all() {
    std::lock_guard<std::recursive_mutex> lock(mutex_);
    if (all_) return *all_;
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_, ec))
        if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    std::vector<const Rulebook*> out;
    for (const auto& n : names) out.push_back(&get(n));
    all_ = out;
    return out;
}

std::optional<RulebookRegistry::Choice> RulebookRegistry::in_force(Date date, const std::string& office) {
    const auto books = all();
    std::string party = office;
    for (const Rulebook* rb : books)
        if (const Index o = rb->office_index(office); o != kNone) party = rb->parties[size_t(rb->offices[size_t(o)].party)].code;
    std::optional<Choice> best;
    for (const Rulebook* rb : books) {
        const auto& ag = rb->agreement;
        if (date < ag.entry_into_force || (ag.end && date > *ag.end)) continue;
        for (size_t o = 0; o < rb->offices.size(); ++o) {
            if (rb->parties[size_t(rb->offices[o].party)].code != party) continue;
            // The office named exactly wins over another office of the same Party.
            if (!best || rb->offices[o].id == office) best = Choice{rb, Index(o)};
        }
    }
    return best;
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
