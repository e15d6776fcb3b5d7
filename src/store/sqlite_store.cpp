#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <algorithm>
#include <unordered_map>
#include <chrono>
#include <ctime>

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
             seq         INTEGER NOT NULL,
             name        TEXT NOT NULL,
             on_date     TEXT NOT NULL,
             actor       TEXT NOT NULL,
             details     TEXT NOT NULL,
             recorded_at TEXT NOT NULL,
             PRIMARY KEY (case_id, seq)) WITHOUT ROWID)",
        R"(CREATE TABLE cases (
             id TEXT PRIMARY KEY, rulebook TEXT NOT NULL, office TEXT NOT NULL, respondent TEXT NOT NULL,
             subjects TEXT NOT NULL, submitter TEXT NOT NULL, facility TEXT NOT NULL, filed_on TEXT NOT NULL,
             filing_year INTEGER NOT NULL, stage TEXT NOT NULL, closed INTEGER NOT NULL, tier TEXT NOT NULL,
             next_deadline TEXT NOT NULL, next_deadline_stage TEXT NOT NULL, version INTEGER NOT NULL,
             record TEXT NOT NULL))",
        "CREATE INDEX cases_stage ON cases (stage)",
        "CREATE INDEX cases_office ON cases (office)",
        "CREATE INDEX cases_respondent ON cases (respondent)",
        "CREATE INDEX cases_year ON cases (filing_year)",
        "CREATE INDEX cases_next_deadline ON cases (next_deadline)",
        R"(CREATE TABLE requests (
             request_id TEXT PRIMARY KEY, case_id TEXT NOT NULL, version INTEGER NOT NULL))",
    },
    {
        R"(CREATE TABLE users (
             name TEXT PRIMARY KEY, role TEXT NOT NULL, party TEXT NOT NULL,
             token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL))",
    },
};

const char* kCreateVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";
const char* kSelectVersion = "SELECT coalesce(max(version), 0) FROM schema_version";
const char* kInsertVersion = "INSERT INTO schema_version (version) VALUES (?)";
const char* kSelectRequest = "SELECT case_id, version FROM requests WHERE request_id = ?";
const char* kInsertRequest = "INSERT INTO requests (request_id, case_id, version) VALUES (?, ?, ?)";
const char* kSelectCaseVersion = "SELECT version FROM cases WHERE id = ?";
const char* kInsertEvent =
    "INSERT INTO events (case_id, seq, name, on_date, actor, details, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
const char* kUpsertCase = R"(INSERT INTO cases (id, rulebook, office, respondent, subjects, submitter, facility,
      filed_on, filing_year, stage, closed, tier, next_deadline, next_deadline_stage, version, record)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET rulebook = excluded.rulebook, office = excluded.office,
      respondent = excluded.respondent, subjects = excluded.subjects, submitter = excluded.submitter,
      facility = excluded.facility, filed_on = excluded.filed_on, filing_year = excluded.filing_year,
      stage = excluded.stage, closed = excluded.closed, tier = excluded.tier,
      next_deadline = excluded.next_deadline, next_deadline_stage = excluded.next_deadline_stage,
      version = excluded.version, record = excluded.record)";
const char* kInsertCaseIfNew = R"(INSERT OR IGNORE INTO cases (id, rulebook, office, respondent, subjects, submitter,
      facility, filed_on, filing_year, stage, closed, tier, next_deadline, next_deadline_stage, version, record)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))";
const char* kSelectEvents =
    "SELECT seq, name, on_date, actor, details, recorded_at FROM events WHERE case_id = ? ORDER BY seq";
const char* kCaseColumns = R"(id, rulebook, office, respondent, subjects, submitter, facility, filed_on, filing_year,
      stage, closed, tier, next_deadline, next_deadline_stage, version, record)";
const char* kCountCases = "SELECT count(*) FROM cases";
const char* kInsertUser = "INSERT INTO users (name, role, party, token_hash, created_at) VALUES (?, ?, ?, ?, ?)";
const char* kUserByToken = "SELECT name, role, party, token_hash, created_at FROM users WHERE token_hash = ?";
// A key range, so the primary key answers it: ids from PREFIX up to (not including) PREFIX + U+10FFFF.
const char* kCountPrefix = "SELECT count(*) FROM cases WHERE id >= ?1 AND id < ?1 || char(1114111)";

// Binds without copying: `r` outlives the statement's execution.
void bind_case(SQLite::Statement& q, const CaseRow& r, int64_t version) {
    int i = 1;
    q.bindNoCopy(i++, r.id);
    q.bindNoCopy(i++, r.rulebook);
    q.bindNoCopy(i++, r.office);
    q.bindNoCopy(i++, r.respondent);
    q.bindNoCopy(i++, r.subjects);
    q.bindNoCopy(i++, r.submitter);
    q.bindNoCopy(i++, r.facility);
    q.bindNoCopy(i++, r.filed_on);
    q.bind(i++, r.filing_year);
    q.bindNoCopy(i++, r.stage);
    q.bind(i++, r.closed ? 1 : 0);
    q.bindNoCopy(i++, r.tier);
    q.bindNoCopy(i++, r.next_deadline);
    q.bindNoCopy(i++, r.next_deadline_stage);
    q.bind(i++, static_cast<int64_t>(version));
    q.bindNoCopy(i++, r.record);
}

// Inserts one event; the strings outlive the statement's execution, so they are not copied.
void insert_event(SQLite::Statement& q, const std::string& case_id, int64_t seq, const StoredEvent& e,
                  const std::string& now) {
    q.bindNoCopy(1, case_id);
    q.bind(2, seq);
    q.bindNoCopy(3, e.name);
    q.bindNoCopy(4, e.on);
    q.bindNoCopy(5, e.actor);
    q.bindNoCopy(6, e.details);
    q.bindNoCopy(7, now);
    q.exec();
    q.reset();
}

CaseRow read_case(SQLite::Statement& q) {
    CaseRow r;
    int i = 0;
    r.id = q.getColumn(i++).getString();
    r.rulebook = q.getColumn(i++).getString();
    r.office = q.getColumn(i++).getString();
    r.respondent = q.getColumn(i++).getString();
    r.subjects = q.getColumn(i++).getString();
    r.submitter = q.getColumn(i++).getString();
    r.facility = q.getColumn(i++).getString();
    r.filed_on = q.getColumn(i++).getString();
    r.filing_year = q.getColumn(i++).getInt();
    r.stage = q.getColumn(i++).getString();
    r.closed = q.getColumn(i++).getInt() != 0;
    r.tier = q.getColumn(i++).getString();
    r.next_deadline = q.getColumn(i++).getString();
    r.next_deadline_stage = q.getColumn(i++).getString();
    r.version = q.getColumn(i++).getInt64();
    r.record = q.getColumn(i++).getString();
    return r;
}

// A statement prepared once per connection and lent out reset and unbound; given back reset, so
// that no statement left mid-step holds a read snapshot open.
class Reused {
public:
    explicit Reused(SQLite::Statement& q) : q_(q) {
        q_.reset();
        q_.clearBindings();
    }
    ~Reused() { q_.reset(); }
    Reused(const Reused&) = delete;
    Reused& operator=(const Reused&) = delete;
    SQLite::Statement& operator*() { return q_; }

private:
    SQLite::Statement& q_;
};

const std::string kSelectCase = std::string("SELECT ") + kCaseColumns + " FROM cases WHERE id = ?";

class SqliteStore final : public EventStore {
public:
    explicit SqliteStore(const std::string& path)
        : path_(path), db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX) {
        db_.setBusyTimeout(10000);
        db_.exec("PRAGMA page_size = 16384");  // takes effect when the file is created
        db_.exec("PRAGMA journal_mode = WAL");
        db_.exec("PRAGMA synchronous = FULL");  // a commit is on disk when append() returns
        db_.exec("PRAGMA cache_size = -131072");  // 128 MiB of page cache: indexes of large stores stay hot
        db_.exec("PRAGMA temp_store = MEMORY");
    }

    void migrate() override {
        db_.exec(kCreateVersionTable);
        if (current_version() == int(kMigrations.size())) return;  // up to date: no write lock taken
        SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
        int version = current_version();
        for (; version < int(kMigrations.size()); ++version) {
            for (const char* sql : kMigrations[size_t(version)]) db_.exec(sql);
            SQLite::Statement q(db_, kInsertVersion);
            q.bind(1, version + 1);
            q.exec();
        }
        tx.commit();
    }

    int schema_version() override {
        db_.exec(kCreateVersionTable);
        return current_version();
    }

    bool single_writer() const override { return true; }

    void in_one_commit(const std::function<void()>& body) override {
        SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
        in_commit_ = true;
        try {
            body();
        } catch (...) {
            in_commit_ = false;
            throw;  // the transaction rolls back
        }
        in_commit_ = false;
        tx.commit();
    }

    AppendResult append(const std::string& case_id, int64_t expected, const std::vector<StoredEvent>& events,
                        const CaseRow& projection, const std::string& request_id) override {
        if (!in_commit_) {
            SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
            const AppendResult r = append_in_transaction(case_id, expected, events, projection, request_id);
            tx.commit();
            return r;
        }
        // Inside a shared commit: a savepoint undoes this append alone if it fails.
        db_.exec("SAVEPOINT append");
        try {
            const AppendResult r = append_in_transaction(case_id, expected, events, projection, request_id);
            db_.exec("RELEASE append");
            return r;
        } catch (...) {
            db_.exec("ROLLBACK TO append");
            db_.exec("RELEASE append");
            throw;
        }
    }

    BulkResult bulk_write(const std::vector<CaseWrite>& cases) override {
        BulkResult written;
        const std::string now = utc_now_iso();
        // In key order, B-tree inserts land on the same pages one after another.
        std::vector<const CaseWrite*> order;
        order.reserve(cases.size());
        for (const auto& c : cases) order.push_back(&c);
        std::sort(order.begin(), order.end(), [](const CaseWrite* a, const CaseWrite* b) { return a->row.id < b->row.id; });
        constexpr size_t kBatch = 50000;
        for (size_t from = 0; from < order.size(); from += kBatch) {
            SQLite::Transaction tx(db_, SQLite::TransactionBehavior::IMMEDIATE);
            SQLite::Statement ins_case(db_, kInsertCaseIfNew);
            SQLite::Statement ins_event(db_, kInsertEvent);
            for (size_t i = from; i < std::min(order.size(), from + kBatch); ++i) {
                const CaseWrite& c = *order[i];
                const CaseRow& row = c.row;
                bind_case(ins_case, row, int64_t(c.events.size()));
                const int changed = ins_case.exec();
                ins_case.reset();
                if (changed == 0) continue;  // already there: an import is repeatable
                ++written.cases;
                written.events += int64_t(c.events.size());
                int64_t seq = 0;
                for (const auto& e : c.events) insert_event(ins_event, row.id, ++seq, e, now);
            }
            tx.commit();
        }
        return written;
    }

    std::vector<StoredEvent> load(const std::string& case_id) override {
        Reused r(prepared(kSelectEvents));
        SQLite::Statement& q = *r;
        q.bind(1, case_id);
        std::vector<StoredEvent> out;
        while (q.executeStep())
            out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                           q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString()});
        return out;
    }

    std::optional<CaseRow> get(const std::string& case_id) override {
        Reused r(prepared(kSelectCase.c_str()));
        SQLite::Statement& q = *r;
        q.bind(1, case_id);
        if (!q.executeStep()) return std::nullopt;
        return read_case(q);
    }

    std::vector<CaseRow> list(const CaseFilter& f) override {
        std::string sql = std::string("SELECT ") + kCaseColumns + " FROM cases WHERE 1 = 1";
        std::vector<std::string> args;
        auto where = [&](const std::string& clause, const std::string& value) {
            sql += " AND " + clause;
            args.push_back(value);
        };
        if (!f.stage.empty()) where("stage = ?", f.stage);
        if (!f.office.empty()) where("office = ?", f.office);
        if (!f.respondent.empty()) where("respondent = ?", f.respondent);
        if (!f.rulebook.empty()) where("rulebook = ?", f.rulebook);
        if (!f.subject.empty()) where("(';' || subjects || ';') LIKE '%;' || ? || ';%'", f.subject);
        if (f.year) where("filing_year = ?", std::to_string(f.year));
        if (!f.text.empty()) where("instr(lower(id || ' ' || submitter || ' ' || facility), lower(?)) > 0", f.text);
        if (!f.overdue_as_of.empty()) where("next_deadline <> '' AND next_deadline < ?", f.overdue_as_of);
        sql += " ORDER BY filed_on, id";
        if (f.limit > 0) sql += " LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset);
        SQLite::Statement q(db_, sql);
        for (size_t i = 0; i < args.size(); ++i) q.bind(int(i + 1), args[i]);
        std::vector<CaseRow> out;
        while (q.executeStep()) out.push_back(read_case(q));
        return out;
    }

    std::optional<int64_t> version_of(const std::string& case_id) override {
        Reused r(prepared(kSelectCaseVersion));
        SQLite::Statement& q = *r;
        q.bind(1, case_id);
        if (!q.executeStep()) return std::nullopt;
        return q.getColumn(0).getInt64();
    }

    int64_t count_cases() override {
        SQLite::Statement q(db_, kCountCases);
        q.executeStep();
        return q.getColumn(0).getInt64();
    }

    int64_t count_with_prefix(const std::string& prefix) override {
        SQLite::Statement q(db_, kCountPrefix);
        q.bind(1, prefix);
        q.executeStep();
        return q.getColumn(0).getInt64();
    }

    void add_user(const User& u) override {
        try {
            SQLite::Statement q(db_, kInsertUser);
            q.bind(1, u.name);
            q.bind(2, u.role);
            q.bind(3, u.party);
            q.bind(4, u.token_hash);
            q.bind(5, utc_now_iso());
            q.exec();
        } catch (const SQLite::Exception& e) {
            if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY || e.getErrorCode() == SQLITE_CONSTRAINT)
                throw Error(ErrorCode::conflict, "a user named '" + u.name + "' exists");
            throw;
        }
    }

    std::optional<User> user_by_token_hash(const std::string& hash) override {
        Reused r(prepared(kUserByToken));
        SQLite::Statement& q = *r;
        q.bind(1, hash);
        if (!q.executeStep()) return std::nullopt;
        return User{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                    q.getColumn(3).getString(), q.getColumn(4).getString()};
    }

    std::string url() const override { return "sqlite:" + path_; }

private:
    SQLite::Statement& prepared(const char* sql) {
        auto& q = prepared_[sql];
        if (!q) q = std::make_unique<SQLite::Statement>(db_, sql);
        return *q;
    }

    AppendResult append_in_transaction(const std::string& case_id, int64_t expected, const std::vector<StoredEvent>& events,
                                       const CaseRow& projection, const std::string& request_id) {
        if (!request_id.empty()) {
            Reused r(prepared(kSelectRequest));
            SQLite::Statement& q = *r;
            q.bind(1, request_id);
            if (q.executeStep()) return {q.getColumn(1).getInt64(), true};
        }
        int64_t actual = 0;
        {
            Reused r(prepared(kSelectCaseVersion));
            SQLite::Statement& q = *r;
            q.bind(1, case_id);
            if (q.executeStep()) actual = q.getColumn(0).getInt64();
        }
        if (actual != expected) throw StaleVersion(case_id, expected, actual);
        const std::string now = utc_now_iso();
        Reused ins_r(prepared(kInsertEvent));
        SQLite::Statement& ins = *ins_r;
        int64_t seq = expected;
        for (const auto& e : events) insert_event(ins, case_id, ++seq, e, now);
        CaseRow row = projection;
        row.id = case_id;
        Reused up_r(prepared(kUpsertCase));
        SQLite::Statement& up = *up_r;
        bind_case(up, row, seq);
        up.exec();
        if (!request_id.empty()) {
            Reused r(prepared(kInsertRequest));
            SQLite::Statement& q = *r;
            q.bind(1, request_id);
            q.bind(2, case_id);
            q.bind(3, static_cast<int64_t>(seq));
            q.exec();
        }
        return {seq, false};
    }

    int current_version() {
        SQLite::Statement q(db_, kSelectVersion);
        q.executeStep();
        return q.getColumn(0).getInt();
    }

    std::string path_;
    SQLite::Database db_;
    // Statements prepared once, by their SQL text (constants); declared after db_: finalized first.
    std::unordered_map<const char*, std::unique_ptr<SQLite::Statement>> prepared_;
    bool in_commit_ = false;  // inside in_one_commit: appends use savepoints
};

}  // namespace

std::unique_ptr<EventStore> open_sqlite_store(const std::string& path) {
    try {
        return std::make_unique<SqliteStore>(path);
    } catch (const SQLite::Exception& e) {
        throw Error(ErrorCode::io, "cannot open SQLite database " + path + ": " + e.what());
    }
}

}  // namespace accord
