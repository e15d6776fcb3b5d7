#pragma once
// The case store: an append-only log of events per case, plus a projection row per case for
// listing and searching. One interface, two backends (SQLite embedded, PostgreSQL shared); one
// contract test suite runs unchanged on both (tests/store/contract_test.cpp).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace accord {

// One stored event: what happened, on which date, by whom, with which details. Rulebook-neutral
// text so that it outlives any in-memory index; engine events are decoded from it (codec.hpp).
struct StoredEvent {
    int64_t seq = 0;              // 1, 2, ... within the case; assigned by the store
    std::string name;             // the event: "file", "accept", "extend_deadline", ...
    std::string on;               // YYYY-MM-DD, YYYY-MM when only the month is known, "" when unknown
    std::string actor;
    std::string details;          // JSON object of strings
    std::string recorded_at;      // set by the store (UTC, ISO 8601)
};

// The projection row of a case, rewritten with every append.
struct CaseRow {
    std::string id;
    std::string rulebook;
    std::string office;
    std::string respondent;
    std::string subjects;         // ";"-separated
    std::string submitter;
    std::string facility;
    std::string filed_on;         // as recorded (may be month-only or empty)
    int filing_year = 0;
    std::string stage;
    bool closed = false;
    std::string tier;
    std::string next_deadline;    // YYYY-MM-DD of the earliest open deadline, or ""
    std::string next_deadline_stage;
    int64_t version = 0;          // seq of the last event
    std::string record;           // JSON: the source record (e.g. the CSV row) and findings
};

struct CaseFilter {
    std::string stage, office, respondent, subject, rulebook;
    std::string text;             // case-insensitive (ASCII) substring of id, submitter or facility
    int year = 0;
    std::string overdue_as_of;    // YYYY-MM-DD: only cases whose next deadline is before it
    int64_t limit = 0;            // 0: no limit
    int64_t offset = 0;
};

struct AppendResult {
    int64_t version = 0;          // the case's seq after the append
    bool duplicate = false;       // the request id was seen before: nothing was appended
};

// The expected version did not match: someone else appended first.
class StaleVersion : public std::runtime_error {
public:
    StaleVersion(const std::string& case_id, int64_t expected, int64_t actual)
        : std::runtime_error("case " + case_id + " is at version " + std::to_string(actual) + ", not " +
                             std::to_string(expected) + ": reload and retry"),
          actual_version(actual) {}
    int64_t actual_version;
};

// A case to write in bulk (import): its projection and all its events.
struct CaseWrite {
    CaseRow row;
    std::vector<StoredEvent> events;
};

// A person with a role: `accord user add` creates one and prints its token once; the store keeps
// only the token's SHA-256.
struct User {
    std::string name;
    std::string role;        // submitter, nao, council, secretariat, panel, admin
    std::string party;       // the Party a nao or council user acts for; empty otherwise
    std::string token_hash;
    std::string created_at;
};

struct BulkResult {
    int64_t cases = 0;   // cases written (existing ids are skipped)
    int64_t events = 0;  // their events
};

class EventStore {
public:
    virtual ~EventStore() = default;

    // Creates or upgrades the schema; idempotent.
    virtual void migrate() = 0;
    virtual int schema_version() = 0;

    // Appends `events` to the case if its version equals `expected` (0 for a new case) and writes
    // its projection, atomically. A request id seen before returns the earlier result instead.
    // Throws StaleVersion.
    virtual AppendResult append(const std::string& case_id, int64_t expected,
                                const std::vector<StoredEvent>& events, const CaseRow& projection,
                                const std::string& request_id) = 0;

    // Writes whole cases that do not exist yet, in batches; existing case ids are skipped (so an
    // import can be repeated).
    virtual BulkResult bulk_write(const std::vector<CaseWrite>& cases) = 0;

    // Runs `body`, whose appends then share one commit (group commit: one disk flush for many
    // writers; SQLite). Each append inside still succeeds or fails alone, and none is durable
    // before this returns. Backends whose writers commit concurrently (PostgreSQL) just run `body`.
    virtual void in_one_commit(const std::function<void()>& body) { body(); }
    // True when the database takes one writer at a time (SQLite): a server then funnels its writes
    // through one thread and in_one_commit.
    virtual bool single_writer() const { return false; }

    virtual std::vector<StoredEvent> load(const std::string& case_id) = 0;
    virtual std::optional<CaseRow> get(const std::string& case_id) = 0;
    // The case's version alone: the cheapest question a cache of rendered cases can ask.
    virtual std::optional<int64_t> version_of(const std::string& case_id) = 0;
    virtual std::vector<CaseRow> list(const CaseFilter& filter) = 0;
    virtual int64_t count_cases() = 0;
    // How many case ids start with `prefix` (for numbering new cases).
    virtual int64_t count_with_prefix(const std::string& prefix) = 0;

    // Throws Error(conflict) if the name is taken.
    virtual void add_user(const User& user) = 0;
    virtual std::optional<User> user_by_token_hash(const std::string& token_hash) = 0;

    virtual std::string url() const = 0;
};

// "sqlite:PATH", a bare path, or "postgresql://..." / "postgres://...". Throws Error(io) when the
// database cannot be opened or reached.
std::unique_ptr<EventStore> open_store(const std::string& url);

// $ACCORD_DB, else sqlite:accord.db.
std::string default_store_url();

}  // namespace accord
