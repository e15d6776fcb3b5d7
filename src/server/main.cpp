// accord-serve: the HTTP/JSON API (and, in time, the web UI) over the case store. A binary of its
// own so that only it links cpp-httplib and OpenSSL; `accord serve` starts it.
//
// Reads need no token; writes need `Authorization: Bearer TOKEN` (accord user add). Errors are
// JSON {code, message[, rule, article]} with the status from the one error catalogue.
#include <httplib.h>
#include <sys/socket.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "cases/access.hpp"
#include "cases/case_json.hpp"
#include "cases/case_service.hpp"
#include "cases/export.hpp"
#include "cases/ics.hpp"
#include "cases/queries.hpp"
#include "cases/stats.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/sha256.hpp"
#include "json/json.hpp"
#include "rulebook/registry.hpp"
#include "rulebook/render.hpp"

using namespace accord;
using nlohmann::json;

namespace {

constexpr size_t kMaxBody = 64 * 1024;

// An HTTP answer that is not a success.
struct HttpError {
    int status;
    json body;
};

HttpError http_error(int status, const std::string& code, const std::string& message) {
    return {status, {{"code", code}, {"message", message}}};
}

HttpError from(const Error& e) { return {http_status(e.code()), {{"code", std::string(error_name(e.code()))}, {"message", e.what()}}}; }

HttpError from(const Refusal& r) {
    return {http_status(r.code), {{"code", std::string(error_name(r.code))}, {"message", r.message}, {"rule", r.rule}, {"article", r.article}}};
}

void send(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

Date date_param(const httplib::Request& req, const char* name, Date fallback) {
    if (!req.has_param(name)) return fallback;
    const auto d = Date::parse(req.get_param_value(name));
    if (!d) throw http_error(400, "bad_date", std::string(name) + ": impossible date '" + req.get_param_value(name) + "'");
    return *d;
}

// The request body as a JSON object with only the allowed keys.
json body_object(const httplib::Request& req, std::initializer_list<std::string_view> allowed) {
    const json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) throw http_error(400, "bad_json", "the body is not a JSON object");
    for (const auto& [key, value] : body.items()) {
        bool ok = false;
        for (auto a : allowed) ok = ok || key == a;
        if (!ok) throw http_error(400, "unknown_field", "unknown field '" + key + "'");
    }
    return body;
}

std::string text_field(const json& body, const char* key, bool required) {
    if (!body.contains(key)) {
        if (required) throw http_error(400, "missing_field", std::string("missing field '") + key + "'");
        return "";
    }
    if (!body[key].is_string()) throw http_error(400, "wrong_type", std::string("field '") + key + "' must be a string");
    return body[key].get<std::string>();
}

// Details as strings (a JSON object of strings or numbers).
std::vector<std::pair<std::string, std::string>> details_field(const json& body, const char* key) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!body.contains(key)) return out;
    if (!body[key].is_object()) throw http_error(400, "wrong_type", std::string("field '") + key + "' must be an object");
    for (const auto& [k, v] : body[key].items()) {
        if (v.is_string()) out.emplace_back(k, v.get<std::string>());
        else if (v.is_number_integer()) out.emplace_back(k, std::to_string(v.get<int64_t>()));
        else throw http_error(400, "wrong_type", std::string(key) + "." + k + " must be a string or an integer");
    }
    return out;
}

// The list filters shared by GET /api/cases and GET /api/export.
CaseFilter case_filter(const httplib::Request& req, int64_t default_limit) {
    CaseFilter f;
    f.stage = req.get_param_value("stage");
    f.office = req.get_param_value("office");
    f.respondent = req.get_param_value("respondent");
    f.subject = req.get_param_value("subject");
    f.rulebook = req.get_param_value("rulebook");
    f.text = req.get_param_value("q");
    try {
        if (req.has_param("year")) f.year = std::stoi(req.get_param_value("year"));
        f.limit = req.has_param("limit") ? std::stoll(req.get_param_value("limit")) : default_limit;
        if (req.has_param("offset")) f.offset = std::stoll(req.get_param_value("offset"));
    } catch (const std::exception&) {
        throw http_error(400, "bad_argument", "year, limit and offset are whole numbers");
    }
    if (f.limit < 0 || f.limit > 1000 || f.offset < 0) throw http_error(400, "bad_argument", "limit is 0..1000, offset >= 0");
    if (req.get_param_value("overdue") == "true") f.overdue_as_of = date_param(req, "as_of", today()).str();
    return f;
}

// Rendered case answers by (case, as-of date), each with the case version it was rendered at.
// A GET then costs one indexed read of the case's row while the case has not changed, whoever
// changed it (this server, the CLI, another server on the same database). Shared by the threads.
class CaseCache {
public:
    std::shared_ptr<const std::string> find(const std::string& key, int64_t version) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto it = entries_.find(key);
        return it != entries_.end() && it->second.first == version ? it->second.second : nullptr;
    }
    void put(const std::string& key, int64_t version, std::shared_ptr<const std::string> body) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (entries_.size() >= kMaxEntries) entries_.clear();  // crude, but bounded and rare
        entries_[key] = {version, std::move(body)};
    }

private:
    static constexpr size_t kMaxEntries = 20000;
    std::mutex mutex_;
    std::unordered_map<std::string, std::pair<int64_t, std::shared_ptr<const std::string>>> entries_;
};

// A status and a JSON body.
using Answer = std::pair<int, json>;

// SQLite has one writer at a time and flushes the disk at every commit. Writes therefore go to one
// thread that runs whatever has queued up meanwhile in one commit (each write alone succeeds or
// fails; see EventStore::in_one_commit) and answers them all once it is durable. Writers then queue
// here rather than in SQLite's busy handler, which sleeps in steps of milliseconds.
class GroupCommitWriter {
public:
    using Job = std::function<Answer(EventStore&)>;

    explicit GroupCommitWriter(const std::string& db_url) : store_(open_store(db_url)), thread_([this] { loop(); }) {}
    ~GroupCommitWriter() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        wake_.notify_one();
        thread_.join();
    }

    // Returns the job's answer once its write is on disk; rethrows what the job threw.
    Answer run(const Job& job) {
        Pending p{job, {}};
        auto done = p.answer.get_future();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            queue_.push_back(&p);
        }
        wake_.notify_one();
        return done.get();
    }

private:
    struct Pending {
        const Job& job;
        std::promise<Answer> answer;
    };

    void loop() {
        for (;;) {
            std::vector<Pending*> batch;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
                if (queue_.empty()) return;
                batch.swap(queue_);
            }
            std::vector<Answer> answers(batch.size());
            std::vector<std::exception_ptr> errors(batch.size());
            try {
                store_->in_one_commit([&] {
                    for (size_t i = 0; i < batch.size(); ++i) {
                        try {
                            answers[i] = batch[i]->job(*store_);
                        } catch (...) {
                            errors[i] = std::current_exception();
                        }
                    }
                });
            } catch (...) {  // the commit failed: nothing of the batch was written
                std::fill(errors.begin(), errors.end(), std::current_exception());
            }
            for (size_t i = 0; i < batch.size(); ++i) {
                if (errors[i]) batch[i]->answer.set_exception(errors[i]);
                else batch[i]->answer.set_value(std::move(answers[i]));
            }
        }
    }

    std::unique_ptr<EventStore> store_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<Pending*> queue_;
    bool stop_ = false;
    std::thread thread_;  // last: starts once the rest is built
};

class Api {
public:
    Api(std::string db_url, RulebookRegistry& rulebooks) : db_url_(std::move(db_url)), rulebooks_(rulebooks) {
        if (store().single_writer()) writer_ = std::make_unique<GroupCommitWriter>(db_url_);
    }

    // Runs a write: through the one writer thread (group commit) on a single-writer database
    // (SQLite), else here (PostgreSQL).
    Answer write(const GroupCommitWriter::Job& job) { return writer_ ? writer_->run(job) : job(store()); }

    // One store connection per server thread.
    EventStore& store() {
        thread_local std::map<std::string, std::unique_ptr<EventStore>> stores;
        auto& s = stores[db_url_];
        if (!s) s = open_store(db_url_);
        return *s;
    }

    User authenticate(const httplib::Request& req) {
        const std::string header = req.get_header_value("Authorization");
        if (header.rfind("Bearer ", 0) != 0 || header.size() <= 7)
            throw http_error(401, "unauthorized", "a write needs Authorization: Bearer TOKEN (accord user add)");
        const auto user = store().user_by_token_hash(sha256_hex(header.substr(7)));
        if (!user) throw http_error(401, "unauthorized", "unknown token");
        return *user;
    }

    void routes(httplib::Server& server) {
        auto handle = [this](auto fn) {
            return [this, fn](const httplib::Request& req, httplib::Response& res) {
                try {
                    fn(req, res);
                } catch (const HttpError& e) {
                    send(res, e.status, e.body);
                } catch (const Error& e) {
                    const HttpError h = from(e);
                    send(res, h.status, h.body);
                } catch (const std::exception& e) {
                    send(res, 503, {{"code", "io"}, {"message", e.what()}});
                }
            };
        };
        server.Get("/api/health", handle([this](const httplib::Request&, httplib::Response& res) {
            send(res, 200, {{"ok", true}, {"cases", store().count_cases()}});
        }));
        server.Get("/api/openapi.json", handle([](const httplib::Request&, httplib::Response& res) { send(res, 200, openapi()); }));
        server.Get("/api/rulebooks", handle([this](const httplib::Request&, httplib::Response& res) {
            auto entry = [](const std::string& ref, const Rulebook& rb) {
                return json{{"ref", ref}, {"id", rb.agreement.id}, {"name", rb.agreement.name},
                            {"entry_into_force", rb.agreement.entry_into_force.str()},
                            {"end", rb.agreement.end ? json(rb.agreement.end->str()) : json(nullptr)}};
            };
            json books = json::array(), variants = json::array();
            for (const Rulebook* rb : rulebooks_.all()) books.push_back(entry(rb->agreement.id, *rb));
            // Design variants (rulebooks/variants/NAME.toml) are fetched as variants/NAME.
            std::vector<std::string> names;
            std::error_code ec;
            for (const auto& f : std::filesystem::directory_iterator(rulebooks_.dir() / "variants", ec))
                if (f.path().extension() == ".toml") names.push_back("variants/" + f.path().stem().string());
            std::sort(names.begin(), names.end());
            for (const auto& n : names) variants.push_back(entry(n, rulebooks_.get(n)));
            send(res, 200, {{"rulebooks", books}, {"variants", variants}});
        }));
        server.Get(R"(/api/rulebooks/((?:variants/)?[a-z0-9-]+)/mermaid)", handle([this](const httplib::Request& req, httplib::Response& res) {
            res.set_content(render_mermaid(rulebooks_.get(req.matches[1])), "text/plain");
        }));
        server.Get(R"(/api/rulebooks/((?:variants/)?[a-z0-9-]+))", handle([this](const httplib::Request& req, httplib::Response& res) {
            send(res, 200, to_json(rulebooks_.get(req.matches[1])));
        }));
        server.Get("/api/cases", handle([this](const httplib::Request& req, httplib::Response& res) {
            CaseFilter f = case_filter(req, 100);
            const int64_t limit = f.limit;
            if (limit > 0) ++f.limit;  // one more row tells whether there is a next page
            auto rows = store().list(f);
            const bool more = limit > 0 && int64_t(rows.size()) > limit;
            if (more) rows.pop_back();
            json out = json::array();
            for (const auto& r : rows) out.push_back(row_json(r));
            send(res, 200, {{"cases", out}, {"count", out.size()}, {"limit", limit}, {"offset", f.offset}, {"more", more}});
        }));
        server.Get("/api/export", handle([this](const httplib::Request& req, httplib::Response& res) {
            const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
            const CaseFilter f = case_filter(req, 0);
            if (format == "csv") {
                std::ostringstream out;
                export_csv(store(), f, out);
                res.set_header("Content-Disposition", "attachment; filename=\"accord-cases.csv\"");
                res.set_content(out.str(), "text/csv; charset=utf-8");
            } else if (format == "json") {
                res.set_header("Content-Disposition", "attachment; filename=\"accord-cases.json\"");
                send(res, 200, export_json(store(), f));
            } else {
                throw http_error(400, "bad_argument", "format: json or csv, not '" + format + "'");
            }
        }));
        server.Get("/api/me", handle([this](const httplib::Request& req, httplib::Response& res) {
            const User user = authenticate(req);
            send(res, 200, {{"name", user.name}, {"role", user.role}, {"party", user.party}});
        }));
        server.Get(R"(/api/cases/([^/]+)/deadlines\.ics)", handle([this](const httplib::Request& req, httplib::Response& res) {
            CaseService service(store(), rulebooks_);
            const CaseView v = service.load(req.matches[1]);
            res.set_content(deadlines_ics(v, date_param(req, "as_of", today()), utc_stamp()), "text/calendar");
        }));
        server.Get(R"(/api/cases/([^/]+))", handle([this](const httplib::Request& req, httplib::Response& res) {
            const std::string id = req.matches[1];
            const Date as_of = date_param(req, "as_of", today());
            const auto version = store().version_of(id);
            if (!version) throw Error(ErrorCode::not_found, "no case '" + id + "'");
            const std::string key = id + '@' + as_of.str();
            auto body = cache_.find(key, *version);
            if (!body) {
                CaseService service(store(), rulebooks_);
                const CaseView v = service.load(id);
                body = std::make_shared<const std::string>(case_json(v, as_of).dump());
                cache_.put(key, int64_t(v.events.size()), body);
            }
            res.set_content(*body, "application/json");
        }));
        server.Post("/api/cases", handle([this](const httplib::Request& req, httplib::Response& res) {
            const User user = authenticate(req);
            const json body = body_object(req, {"rulebook", "office", "respondent", "subjects", "submitter", "facility",
                                                "on", "facts", "request_id"});
            Command c;
            const auto on = Date::parse(text_field(body, "on", true));
            if (!on) throw http_error(400, "bad_date", "on: not a YYYY-MM-DD date");
            c.on = *on;
            std::string subjects;
            if (body.contains("subjects") && body["subjects"].is_array()) {
                for (const auto& s : body["subjects"]) {
                    if (!s.is_string()) throw http_error(400, "wrong_type", "subjects: a list of strings");
                    subjects += (subjects.empty() ? "" : ",") + s.get<std::string>();
                }
            } else {
                subjects = text_field(body, "subjects", true);
            }
            c.details = {{"office", text_field(body, "office", true)}, {"respondent", text_field(body, "respondent", true)},
                         {"subjects", subjects}, {"submitter", text_field(body, "submitter", true)}};
            if (const auto f = text_field(body, "facility", false); !f.empty()) c.details.emplace_back("facility", f);
            for (auto& kv : details_field(body, "facts")) c.details.push_back(std::move(kv));
            const std::string rulebook = text_field(body, "rulebook", true);
            const Rulebook& rb = rulebooks_.get(rulebook);
            c.event = rb.filing_event;
            if (auto why = access_refusal(rb, empty_state(rb), user, c)) throw http_error(403, "forbidden", *why);
            const Answer a = write([&](EventStore& st) -> Answer {
                CaseService service(st, rulebooks_);
                const StepOutcome out = service.file(rulebook, c, text_field(body, "request_id", false), "user:" + user.name);
                if (out.refusal) throw from(*out.refusal);
                return {out.duplicate ? 200 : 201, {{"id", out.case_id}, {"version", out.version}, {"duplicate", out.duplicate}}};
            });
            send(res, a.first, a.second);
        }));
        server.Post(R"(/api/cases/([^/]+)/steps)", handle([this](const httplib::Request& req, httplib::Response& res) {
            const User user = authenticate(req);
            const json body = body_object(req, {"event", "on", "actor", "details", "expected_version", "request_id"});
            Command c;
            c.event = text_field(body, "event", true);
            const auto on = Date::parse(text_field(body, "on", true));
            if (!on) throw http_error(400, "bad_date", "on: not a YYYY-MM-DD date");
            c.on = *on;
            c.actor = text_field(body, "actor", false);
            c.details = details_field(body, "details");
            std::optional<int64_t> expected;
            if (body.contains("expected_version")) {
                if (!body["expected_version"].is_number_integer()) throw http_error(400, "wrong_type", "expected_version must be an integer");
                expected = body["expected_version"].get<int64_t>();
            }
            const std::string id = req.matches[1];
            const std::string request_id = text_field(body, "request_id", false);
            const Answer a = write([&](EventStore& st) -> Answer {
                CaseService service(st, rulebooks_);
                const CaseView v = service.load(id);
                if (auto why = access_refusal(*v.rulebook, v.state, user, c)) throw http_error(403, "forbidden", *why);
                const StepOutcome out = service.step(v, c, expected, request_id, "user:" + user.name);
                if (out.refusal) throw from(*out.refusal);
                return {200, {{"id", out.case_id}, {"version", out.version}, {"duplicate", out.duplicate}}};
            });
            send(res, a.first, a.second);
        }));
        server.Get("/api/check", handle([this](const httplib::Request& req, httplib::Response& res) {
            CheckRequest r;
            r.rulebook = req.get_param_value("rulebook");
            r.office = req.get_param_value("office");
            r.respondent = req.get_param_value("respondent");
            r.subjects = req.get_param_value("subjects");
            r.sector = req.get_param_value("sector");
            r.filed = req.get_param_value("filed");
            // Any other parameter is a fact of the rulebook (trade_related=yes).
            for (const auto& [key, value] : req.params)
                if (key != "rulebook" && key != "office" && key != "respondent" && key != "subjects" && key != "sector" &&
                    key != "filed")
                    r.facts.emplace_back(key, value);
            const CheckAnswer a = run_check(rulebooks_, r);
            json j = to_json(*a.rulebook, a.result);
            j["office"] = a.rulebook->offices[size_t(a.office)].id;
            send(res, 200, j);
        }));
        server.Get("/api/timeline", handle([this](const httplib::Request& req, httplib::Response& res) {
            TimelineRequest r;
            r.rulebook = req.get_param_value("rulebook");
            r.from = req.get_param_value("from");
            r.to = req.get_param_value("to");
            r.best = req.get_param_value("best") == "true";
            try {
                if (req.has_param("parties")) r.parties = std::stoi(req.get_param_value("parties"));
            } catch (const std::exception&) {
                throw http_error(400, "bad_argument", "parties: a number of Parties");
            }
            r.start = req.get_param_value("start");
            r.respondent = req.get_param_value("respondent");
            r.office = req.get_param_value("office");
            for (size_t i = 0; i < req.get_param_value_count("set"); ++i) r.overrides.push_back(req.get_param_value("set", i));
            for (size_t i = 0; i < req.get_param_value_count("via"); ++i) r.via.push_back(req.get_param_value("via", i));
            const TimelineAnswer a = run_timeline(rulebooks_, r);
            send(res, 200, to_json(a.rulebook, a.timeline));
        }));
        server.Get("/api/stats", handle([this](const httplib::Request&, httplib::Response& res) {
            send(res, 200, case_stats(store(), rulebooks_));
        }));
    }

    static json openapi() {
        auto op = [](const char* summary) { return json{{"summary", summary}, {"responses", {{"200", {{"description", "OK"}}}}}}; };
        return {{"openapi", "3.0.3"},
                {"info", {{"title", "Accord API"}, {"version", "1"}}},
                {"components", {{"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
                {"paths",
                 {{"/api/health", {{"get", op("Liveness and the number of cases")}}},
                  {"/api/me", {{"get", op("Who the bearer token belongs to: name, role, party (401 without one)")}}},
                  {"/api/rulebooks", {{"get", op("Rulebooks, and the design variants (fetched as variants/NAME)")}}},
                  {"/api/rulebooks/{name}", {{"get", op("A rulebook as JSON (404 for an unknown name)")}}},
                  {"/api/rulebooks/{name}/mermaid", {{"get", op("The procedure as a Mermaid diagram")}}},
                  {"/api/cases",
                   {{"get", op("Cases: q (text in id, submitter, facility), office, respondent, subject, stage, rulebook, year, overdue, as_of, limit (<= 1000), offset; more tells whether another page follows")},
                    {"post", op("File a case (bearer token; role submitter)")}}},
                  {"/api/cases/{id}", {{"get", op("A case: stage, reach, events, deadlines and next steps as of a date")}}},
                  {"/api/cases/{id}/steps", {{"post", op("Apply a step: 409 on a stale expected_version, 422 with the article when a rule refuses")}}},
                  {"/api/cases/{id}/deadlines.ics", {{"get", op("Open deadlines as iCalendar")}}},
                  {"/api/export", {{"get", op("Every case matching the list's filters with its events: format=json (default) or csv, one row per event")}}},
                  {"/api/check", {{"get", op("Admissibility and reach: rulebook (or auto with filed), office, respondent, subjects, sector, facts")}}},
                  {"/api/timeline", {{"get", op("Statutory worst or best case: rulebook, from, to, best, parties, start, set, via")}}},
                  {"/api/stats", {{"get", op("Per office: actual times and shares beside the statutory figures")}}}}}};
    }

private:
    std::string db_url_;
    RulebookRegistry& rulebooks_;
    CaseCache cache_;
    std::unique_ptr<GroupCommitWriter> writer_;
};

// Debian's cpp-httplib 0.11 listens with a backlog of 5 (compiled into the library): when 64 clients
// connect at once the kernel drops SYNs and those clients retry a second later. Listening again
// on the bound socket raises the backlog.
class Server : public httplib::Server {
public:
    void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

// $ACCORD_WEB, else ./web, else the web folder beside the binary's build folder: public/ holds the
// UI's static files, node_modules/mermaid/dist the diagram library (npm ci in web/).
std::filesystem::path default_web_dir() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("ACCORD_WEB"); env && *env) return env;
    if (fs::is_directory("web/public")) return "web";
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && fs::is_directory(exe.parent_path().parent_path() / "web" / "public")) return exe.parent_path().parent_path() / "web";
    return "web";
}

// The UI's files at /, mermaid at /vendor/mermaid/. cpp-httplib refuses paths that climb out of a
// mount point ("..") before touching the file system (tests/server/api_test.cpp tries).
void mount_web(httplib::Server& server, const std::filesystem::path& web) {
    if (!server.set_mount_point("/", (web / "public").string()))
        std::cerr << "accord-serve: no web UI: " << (web / "public").string() << " is not a folder\n";
    const auto mermaid = web / "node_modules" / "mermaid" / "dist";
    if (!server.set_mount_point("/vendor/mermaid", mermaid.string()))
        std::cerr << "accord-serve: no diagrams in the web UI: run `npm ci` in " << web.string() << "\n";
    server.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
    server.set_file_request_handler([](const httplib::Request& req, httplib::Response& res) {
        // The UI's own files change with the code; the vendored library only with its version.
        res.set_header("Cache-Control", req.path.rfind("/vendor/", 0) == 0 ? "public, max-age=86400" : "no-cache");
    });
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"accord-serve: the Accord API"};
    std::string db = default_store_url(), host = "127.0.0.1", web = default_web_dir().string();
    // cpp-httplib gives each open connection a thread for as long as it is kept alive: fewer
    // threads than clients leaves the rest queued behind idle connections.
    int port = 8080, threads = 128;
    app.add_option("--db", db, "Case store URL");
    app.add_option("--host", host, "Address to listen on");
    app.add_option("--port", port, "Port")->check(CLI::Range(0, 65535));
    app.add_option("--threads", threads, "Worker threads (at least the number of clients kept alive)")->check(CLI::Range(1, 1024));
    app.add_option("--web", web, "Folder of the web UI (public/ and node_modules/mermaid)");
    CLI11_PARSE(app, argc, argv);
    try {
        open_store(db)->migrate();
        RulebookRegistry rulebooks(default_rulebook_dir());
        rulebooks.all();  // load every rulebook before the first request
        Api api(db, rulebooks);
        Server server;
        server.set_tcp_nodelay(true);
        server.set_payload_max_length(kMaxBody);
        server.set_keep_alive_max_count(100000);  // the default (5) makes busy clients reconnect constantly
        server.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(threads)); };
        server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return;
            const int status = res.status;
            send(res, status, {{"code", status == 413 ? "too_large" : status == 404 ? "not_found" : "http_error"},
                               {"message", status == 413 ? "the body is larger than 64 KiB" : "no such resource"}});
        });
        api.routes(server);
        mount_web(server, web);
        const int bound = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
        if (bound < 0) throw Error(ErrorCode::io, "cannot listen on " + host + ":" + std::to_string(port));
        server.widen_backlog();
        std::cout << "accord-serve: listening on http://" << host << ":" << bound << " (" << db << ")" << std::endl;
        server.listen_after_bind();
    } catch (const std::exception& e) {
        std::cerr << "accord-serve: " << e.what() << "\n";
        return 5;
    }
    return 0;
}
