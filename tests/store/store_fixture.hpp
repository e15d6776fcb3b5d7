#pragma once
// The backends every store test runs on: SQLite in a temporary file, and the throwaway PostgreSQL
// server that scripts/with_postgres.sh starts (ACCORD_TEST_PG), in a database of its own per call.
// Without the server the PostgreSQL tests fail: `make test` always provides one.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <string>

#include "store/event_store.hpp"

namespace accord::test_support {

inline std::string unique_suffix() {
    static std::atomic<int> n{0};
    return std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000000) + "-" +
           std::to_string(n++);
}

// A store URL for `backend` ("sqlite" or "postgresql"); SQLite gets a fresh file.
inline std::string store_url(const std::string& backend) {
    if (backend == "sqlite") {
        const auto path = std::filesystem::temp_directory_path() / ("accord-test-" + unique_suffix() + ".db");
        return "sqlite:" + path.string();
    }
    const char* pg = std::getenv("ACCORD_TEST_PG");
    if (!pg || !*pg) {
        ADD_FAILURE() << "ACCORD_TEST_PG is not set: run under scripts/with_postgres.sh (make test does)";
        return "postgresql://127.0.0.1:1/missing";
    }
    std::string name = "accord_t_" + unique_suffix();
    for (char& c : name)
        if (c == '-') c = '_';
    pqxx::connection admin(pg);
    pqxx::nontransaction(admin).exec("CREATE DATABASE " + name);
    const std::string base(pg);
    return base.substr(0, base.rfind('/') + 1) + name;
}

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace accord::test_support
