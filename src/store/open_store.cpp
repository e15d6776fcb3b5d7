#include <chrono>
#include <cstdlib>
#include <dlfcn.h>
#include <filesystem>
#include <vector>
#include <ctime>

#include "core/error.hpp"
#include "store/event_store.hpp"
#include "store/store_util.hpp"

namespace accord {

std::unique_ptr<EventStore> open_postgres_store(const std::string& url) {
    // Next to the binary first (the build folder), then the loader's usual search path.
    std::vector<std::string> candidates;
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) candidates.push_back((exe.parent_path() / "libaccord_pg.so").string());
    candidates.push_back("libaccord_pg.so");
    void* module = nullptr;
    std::string why;
    for (const auto& path : candidates) {
        module = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (module) break;
        why = dlerror();
    }
    if (!module) throw Error(ErrorCode::io, "the PostgreSQL backend is not available: " + why);
    auto open = reinterpret_cast<decltype(&accord_open_postgres_store)>(dlsym(module, "accord_open_postgres_store"));
    if (!open) throw Error(ErrorCode::io, "the PostgreSQL backend module has no entry point");
    char error[512] = {0};
    EventStore* store = open(url.c_str(), error, sizeof error);
    if (!store) throw Error(ErrorCode::io, error);
    return std::unique_ptr<EventStore>(store);
}

std::string default_store_url() {
    if (const char* env = std::getenv("ACCORD_DB"); env && *env) return env;
    return "sqlite:accord.db";
}

std::unique_ptr<EventStore> open_store(const std::string& url) {
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return open_postgres_store(url);
    std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
    if (path.empty()) throw Error(ErrorCode::bad_argument, "--db sqlite:PATH needs a path");
    return open_sqlite_store(path);
}

}  // namespace accord
