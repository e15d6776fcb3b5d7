#pragma once
#include <chrono>
#include <ctime>
#include <memory>
#include <string>

#include "store/event_store.hpp"

namespace accord {

// The store's own timestamp for recorded_at (the only clock reading in the store).
inline std::string utc_now_iso() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::unique_ptr<EventStore> open_sqlite_store(const std::string& path);

// The PostgreSQL backend lives in a module (libaccord_pg.so) loaded on first use, so that commands
// that never touch PostgreSQL do not pay for loading libpq and its TLS and Kerberos libraries.
std::unique_ptr<EventStore> open_postgres_store(const std::string& url);

// The module's entry point. On failure returns null and writes a one-line reason to `error`.
extern "C" EventStore* accord_open_postgres_store(const char* url, char* error, size_t error_size);

}  // namespace accord
