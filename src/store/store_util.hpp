#pragma once
#include <memory>
#include <string>

#include "store/event_store.hpp"

namespace accord {

// The store's own timestamp for recorded_at (the only clock reading in the store).
std::string utc_now_iso();

std::unique_ptr<EventStore> open_sqlite_store(const std::string& path);
std::unique_ptr<EventStore> open_postgres_store(const std::string& url);

}  // namespace accord
