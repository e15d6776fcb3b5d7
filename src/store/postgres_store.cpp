#include <cstdio>
#include <pqxx/pqxx>

#include "core/error.hpp"
#include "store/event_store.hpp"
#include "store/store_util.hpp"

namespace accord {

namespace {

// Schema, one entry per version. Never edit a released step: add the next one.
const std::vector<std::vector<const char*>> kMigrations = {
    {
        R"(CREATE TABLE events (
             case_id     TEXT NOT NULL,
             seq         BIGINT NOT NULL,
             name        TEXT NOT NULL,
             on_date     TEXT NOT NULL,
             actor       TEXT NOT NULL,
             details     TEXT NOT NULL,
             recorded_at TEXT NOT NULL,
             PRIMARY KEY (case_id, seq)))",
        R"(CREATE TABLE cases (
             id TEXT PRIMARY KEY, rulebook TEXT NOT NULL, office TEXT NOT NULL, respondent TEXT NOT NULL,
             subjects TEXT NOT NULL, submitter TEXT NOT NULL, facility TEXT NOT NULL, filed_on TEXT NOT NULL,
             filing_year INTEGER NOT NULL, stage TEXT NOT NULL, closed BOOLEAN NOT NULL, tier TEXT NOT NULL,
             next_deadline TEXT NOT NULL, next_deadline_stage TEXT NOT NULL, version BIGINT NOT NULL,
             record TEXT NOT NULL))",
        "CREATE INDEX cases_stage ON cases (stage)",
        "CREATE INDEX cases_office ON cases (office)",
        "CREATE INDEX cases_respondent ON cases (respondent)",
        "CREATE INDEX cases_year ON cases (filing_year)",
        "CREATE INDEX cases_next_deadline ON cases (next_deadline)",
        R"(CREATE TABLE requests (
             request_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, version BIGINT NOT NULL))",
    },
    {
        R"(CREATE TABLE users (
             name TEXT PRIMARY KEY, role TEXT NOT NULL, party TEXT NOT NULL,
             token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL))",
    },
};

const char* kCreateVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";
const char* kLockVersionTable = "LOCK TABLE schema_version IN EXCLUSIVE MODE";
const char* kSelectVersion = "SELECT coalesce(max(version), 0) FROM schema_version";
const char* kInsertVersion = "INSERT INTO schema_version (version) VALUES ($1)";
const char* kSelectRequest = "SELECT case_id, version FROM requests WHERE request_id = $1";
const char* kInsertRequest = "INSERT INTO requests (request_id, case_id, version) VALUES ($1, $2, $3)";
const char* kSelectCaseVersion = "SELECT version FROM cases WHERE id = $1 FOR UPDATE";
const char* kInsertEvent =
    "INSERT INTO events (case_id, seq, name, on_date, actor, details, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)";
const char* kUpsertCase = R"(INSERT INTO cases (id, rulebook, office, respondent, subjects, submitter, facility,
      filed_on, filing_year, stage, closed, tier, next_deadline, next_deadline_stage, version, record)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
    ON CONFLICT (id) DO UPDATE SET rulebook = excluded.rulebook, office = excluded.office,
      respondent = excluded.respondent, subjects = excluded.subjects, submitter = excluded.submitter,
      facility = excluded.facility, filed_on = excluded.filed_on, filing_year = excluded.filing_year,
      stage = excluded.stage, closed = excluded.closed, tier = excluded.tier,
      next_deadline = excluded.next_deadline, next_deadline_stage = excluded.next_deadline_stage,
      version = excluded.version, record = excluded.record)";
const char* kCaseColumns = R"(id, rulebook, office, respondent, subjects, submitter, facility, filed_on, filing_year,
      stage, closed, tier, next_deadline, next_deadline_stage, version, record)";
const char* kSelectEvents =
    "SELECT seq, name, on_date, actor, details, recorded_at FROM events WHERE case_id = $1 ORDER BY seq";
const char* kCountCases = "SELECT count(*) FROM cases";
const char* kInsertUser = "INSERT INTO users (name, role, party, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)";
const char* kUserByToken = "SELECT name, role, party, token_hash, created_at FROM users WHERE token_hash = $1";
// LIKE 'PREFIX%' (wildcards in the prefix escaped): the primary key answers it under the C collation.
const char* kCountPrefix = "SELECT count(*) FROM cases WHERE id LIKE replace(replace(replace($1, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'";
// Bulk import: COPY into session-temporary tables, then move the cases that do not exist yet.
const char* kCreateStaging = R"(CREATE TEMP TABLE IF NOT EXISTS staging_cases (LIKE cases) ON COMMIT DELETE ROWS;
    CREATE TEMP TABLE IF NOT EXISTS staging_events (LIKE events) ON COMMIT DELETE ROWS)";
const char* kMoveStaged = R"(WITH inserted AS (
      INSERT INTO cases SELECT * FROM staging_cases ON CONFLICT (id) DO NOTHING RETURNING id),
    moved AS (
      INSERT INTO events SELECT e.* FROM staging_events e JOIN inserted i ON i.id = e.case_id RETURNING 1)
    SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM moved))";

CaseRow read_case(const pqxx::row& r) {
    CaseRow c;
    c.id = r[0].as<std::string>();
    c.rulebook = r[1].as<std::string>();
    c.office = r[2].as<std::string>();
    c.respondent = r[3].as<std::string>();
    c.subjects = r[4].as<std::string>();
    c.submitter = r[5].as<std::string>();
    c.facility = r[6].as<std::string>();
    c.filed_on = r[7].as<std::string>();
    c.filing_year = r[8].as<int>();
    c.stage = r[9].as<std::string>();
    c.closed = r[10].as<bool>();
    c.tier = r[11].as<std::string>();
    c.next_deadline = r[12].as<std::string>();
    c.next_deadline_stage = r[13].as<std::string>();
    c.version = r[14].as<int64_t>();
    c.record = r[15].as<std::string>();
    return c;
}

class PostgresStore final : public EventStore {
public:
    explicit PostgresStore(const std::string& url) : url_(url), conn_(url) {}

    void migrate() override {
        if (schema_version() == int(kMigrations.size())) return;  // up to date: no lock taken
        pqxx::work tx(conn_);
        tx.exec(kCreateVersionTable);
        tx.exec(kLockVersionTable);  // two processes migrating at once take turns
        int version = tx.exec1(kSelectVersion)[0].as<int>();
        for (; version < int(kMigrations.size()); ++version) {
            for (const char* sql : kMigrations[size_t(version)]) tx.exec(sql);
            tx.exec_params(kInsertVersion, version + 1);
        }
        tx.commit();
    }

    int schema_version() override {
        pqxx::work tx(conn_);
        tx.exec(kCreateVersionTable);
        const int v = tx.exec1(kSelectVersion)[0].as<int>();
        tx.commit();
        return v;
    }

    AppendResult append(const std::string& case_id, int64_t expected, const std::vector<StoredEvent>& events,
                        const CaseRow& projection, const std::string& request_id) override {
        try {
            return try_append(case_id, expected, events, projection, request_id);
        } catch (const pqxx::unique_violation&) {
            // A concurrent writer won the race: the same request (a duplicate) or the same version.
            pqxx::work tx(conn_);
            if (!request_id.empty()) {
                const auto r = tx.exec_params(kSelectRequest, request_id);
                if (!r.empty()) return {r[0][1].as<int64_t>(), true};
            }
            const auto v = tx.exec_params("SELECT version FROM cases WHERE id = $1", case_id);
            throw StaleVersion(case_id, expected, v.empty() ? 0 : v[0][0].as<int64_t>());
        }
    }

    BulkResult bulk_write(const std::vector<CaseWrite>& cases) override {
        BulkResult written;
        const std::string now = utc_now_iso();
        constexpr size_t kBatch = 20000;
        for (size_t from = 0; from < cases.size(); from += kBatch) {
            pqxx::work tx(conn_);
            tx.exec(kCreateStaging);
            {
                pqxx::stream_to out(tx, "staging_cases");
                for (size_t i = from; i < std::min(cases.size(), from + kBatch); ++i) {
                    const CaseRow& r = cases[i].row;
                    out << std::make_tuple(r.id, r.rulebook, r.office, r.respondent, r.subjects, r.submitter,
                                           r.facility, r.filed_on, r.filing_year, r.stage, r.closed, r.tier,
                                           r.next_deadline, r.next_deadline_stage,
                                           int64_t(cases[i].events.size()), r.record);
                }
                out.complete();
            }
            {
                pqxx::stream_to out(tx, "staging_events");
                for (size_t i = from; i < std::min(cases.size(), from + kBatch); ++i) {
                    int64_t seq = 0;
                    for (const auto& e : cases[i].events)
                        out << std::make_tuple(cases[i].row.id, ++seq, e.name, e.on, e.actor, e.details, now);
                }
                out.complete();
            }
            const auto moved = tx.exec1(kMoveStaged);
            written.cases += moved[0].as<int64_t>();
            written.events += moved[1].as<int64_t>();
            tx.commit();
        }
        return written;
    }

    std::vector<StoredEvent> load(const std::string& case_id) override {
        pqxx::read_transaction tx(conn_);
        std::vector<StoredEvent> out;
        for (const auto& r : tx.exec_params(kSelectEvents, case_id))
            out.push_back({r[0].as<int64_t>(), r[1].as<std::string>(), r[2].as<std::string>(),
                           r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>()});
        return out;
    }

    std::optional<CaseRow> get(const std::string& case_id) override {
        pqxx::read_transaction tx(conn_);
        const auto r = tx.exec_params(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE id = $1", case_id);
        if (r.empty()) return std::nullopt;
        return read_case(r[0]);
    }

    std::vector<CaseRow> list(const CaseFilter& f) override {
        pqxx::read_transaction tx(conn_);
        std::string sql = std::string("SELECT ") + kCaseColumns + " FROM cases WHERE true";
        auto where = [&](const std::string& clause, const std::string& value) {
            sql += " AND " + clause + tx.quote(value);
        };
        if (!f.stage.empty()) where("stage = ", f.stage);
        if (!f.office.empty()) where("office = ", f.office);
        if (!f.respondent.empty()) where("respondent = ", f.respondent);
        if (!f.rulebook.empty()) where("rulebook = ", f.rulebook);
        if (!f.subject.empty())
            sql += " AND position(';' || " + tx.quote(f.subject) + " || ';' in ';' || subjects || ';') > 0";
        if (f.year) sql += " AND filing_year = " + std::to_string(f.year);
        if (!f.text.empty())
            sql += " AND strpos(lower(id || ' ' || submitter || ' ' || facility), lower(" + tx.quote(f.text) + ")) > 0";
        if (!f.overdue_as_of.empty()) where("next_deadline <> '' AND next_deadline < ", f.overdue_as_of);
        sql += " ORDER BY filed_on, id";
        if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset);
        std::vector<CaseRow> out;
        for (const auto& r : tx.exec(sql)) out.push_back(read_case(r));
        return out;
    }

    std::optional<int64_t> version_of(const std::string& case_id) override {
        pqxx::read_transaction tx(conn_);
        const auto r = tx.exec_params("SELECT version FROM cases WHERE id = $1", case_id);
        if (r.empty()) return std::nullopt;
        return r[0][0].as<int64_t>();
    }

    int64_t count_cases() override {
        pqxx::read_transaction tx(conn_);
        return tx.exec1(kCountCases)[0].as<int64_t>();
    }

    int64_t count_with_prefix(const std::string& prefix) override {
        pqxx::read_transaction tx(conn_);
        return tx.exec_params1(kCountPrefix, prefix)[0].as<int64_t>();
    }

    void add_user(const User& u) override {
        try {
            pqxx::work tx(conn_);
            tx.exec_params(kInsertUser, u.name, u.role, u.party, u.token_hash, utc_now_iso());
            tx.commit();
        } catch (const pqxx::unique_violation&) {
            throw Error(ErrorCode::conflict, "a user named '" + u.name + "' exists");
        }
    }

    std::optional<User> user_by_token_hash(const std::string& hash) override {
        pqxx::read_transaction tx(conn_);
        const auto r = tx.exec_params(kUserByToken, hash);
        if (r.empty()) return std::nullopt;
        return User{r[0][0].as<std::string>(), r[0][1].as<std::string>(), r[0][2].as<std::string>(),
                    r[0][3].as<std::string>(), r[0][4].as<std::string>()};
    }

    std::string url() const override { return url_; }

private:
    AppendResult try_append(const std::string& case_id, int64_t expected, const std::vector<StoredEvent>& events,
                            const CaseRow& projection, const std::string& request_id) {
        pqxx::work tx(conn_);
        if (!request_id.empty()) {
            const auto r = tx.exec_params(kSelectRequest, request_id);
            if (!r.empty()) return {r[0][1].as<int64_t>(), true};
        }
        const auto v = tx.exec_params(kSelectCaseVersion, case_id);
        const int64_t actual = v.empty() ? 0 : v[0][0].as<int64_t>();
        if (actual != expected) throw StaleVersion(case_id, expected, actual);
        const std::string now = utc_now_iso();
        int64_t seq = expected;
        for (const auto& e : events) tx.exec_params(kInsertEvent, case_id, ++seq, e.name, e.on, e.actor, e.details, now);
        const CaseRow& r = projection;
        tx.exec_params(kUpsertCase, case_id, r.rulebook, r.office, r.respondent, r.subjects, r.submitter, r.facility,
                       r.filed_on, r.filing_year, r.stage, r.closed, r.tier, r.next_deadline, r.next_deadline_stage,
                       seq, r.record);
        if (!request_id.empty()) tx.exec_params(kInsertRequest, request_id, case_id, seq);
        tx.commit();
        return {seq, false};
    }

    std::string url_;
    pqxx::connection conn_;
};

}  // namespace

extern "C" EventStore* accord_open_postgres_store(const char* url, char* error, size_t error_size) {
    try {
        return new PostgresStore(url);
    } catch (const std::exception& e) {
        std::string why = e.what();
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        for (char& c : why)
            if (c == '\n') c = ' ';
        std::snprintf(error, error_size, "cannot reach PostgreSQL: %s", why.c_str());
        return nullptr;
    }
}

}  // namespace accord
