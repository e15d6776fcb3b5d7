// A writer for the durability test: appends one event at a time to case ID and prints "ack N"
// after each append returns, until killed.
#include <iostream>

#include "store/event_store.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: store_writer URL CASE_ID\n";
        return 2;
    }
    auto store = accord::open_store(argv[1]);
    store->migrate();
    const std::string id = argv[2];
    int64_t version = int64_t(store->load(id).size());
    for (;;) {
        accord::CaseRow row;
        row.id = id;
        row.rulebook = "naalc-1994";
        row.stage = "s";
        row.record = "{}";
        const accord::StoredEvent e{0, "tick", "2001-01-01", "writer", "{}", ""};
        version = store->append(id, version, {e}, row, "").version;
        std::cout << "ack " << version << std::endl;
    }
}
