#include <chrono>
#include <cstdlib>
#include <ctime>

#include "core/error.hpp"
#include "store/event_store.hpp"
#include "store/store_util.hpp"

namespace accord {

std::string utc_now_iso() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
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
