// The API against the real server on loopback: reads without a token, writes with one, the access
// rules, the error statuses, and bad input.
#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <csignal>
#include <ctime>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

using nlohmann::json;

namespace {

std::string run(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    pclose(p);
    return out;
}

// One request exactly as written (no client-side normalisation of the path): status line and body.
std::string raw_get(int port, const std::string& target) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return "connect failed";
    const std::string req = "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
    if (write(fd, req.data(), req.size()) != ssize_t(req.size())) return "write failed";
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, size_t(n));
    close(fd);
    return out;
}

class Api : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        db_ = "sqlite:" + ::testing::TempDir() + "api-" + std::to_string(getpid()) + ".db";
        const std::string accord = std::string("cd " ACCORD_SOURCE_DIR " && " ACCORD_BINARY " --db ") + db_;
        accord_ = accord;
        run(accord + " import data/cases.csv");
        auto token = [&](const char* args) {
            return json::parse(run(accord + " user add " + args + " --json"))["token"].get<std::string>();
        };
        submitter_ = token("sub --role submitter");
        nao_us_ = token("nao-us --role nao --party US");
        nao_mx_ = token("nao-mx --role nao --party MX");
        council_ca_ = token("council-ca --role council --party CA");
        admin_ = token("root --role admin");
        int fds[2];
        ASSERT_EQ(pipe(fds), 0);
        pid_ = fork();
        if (pid_ == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            if (chdir(ACCORD_SOURCE_DIR) != 0) _exit(126);
            execl(SERVER_BINARY, SERVER_BINARY, "--db", db_.c_str(), "--port", "0", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        FILE* out = fdopen(fds[0], "r");
        char line[256] = {0};
        ASSERT_TRUE(std::fgets(line, sizeof line, out)) << "the server did not start";
        // "accord-serve: listening on http://127.0.0.1:PORT (DB)"
        const std::string s(line);
        const auto host = s.find("http://127.0.0.1:");
        ASSERT_NE(host, std::string::npos) << s;
        port_ = std::stoi(s.substr(host + 17));
    }
    static void TearDownTestSuite() {
        kill(pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
    }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_read_timeout(10, 0);
        return c;
    }
    httplib::Result post(const std::string& path, const json& body, const std::string& token) const {
        httplib::Headers h;
        if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
        return client().Post(path.c_str(), h, body.dump(), "application/json");
    }
    std::string file_case() const {
        auto r = post("/api/cases",
                      {{"rulebook", "naalc-1994"}, {"office", "US-NAO"}, {"respondent", "MX"}, {"subjects", {"minimum_wage"}},
                       {"submitter", "A union"}, {"on", "2001-02-05"}},
                      submitter_);
        EXPECT_EQ(r->status, 201) << r->body;
        return json::parse(r->body)["id"];
    }

    static inline std::string accord_;  // the CLI on the server's database
    static inline std::string db_, submitter_, nao_us_, nao_mx_, council_ca_, admin_;
    static inline pid_t pid_ = 0;
    static inline int port_ = 0;
};

TEST_F(Api, ReadsNeedNoToken) {
    auto health = client().Get("/api/health");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);
    EXPECT_GE(json::parse(health->body)["cases"].get<int>(), 59);
    const auto list = json::parse(client().Get("/api/cases?office=US-NAO&limit=5")->body);
    EXPECT_EQ(list["count"], 5);
    const auto c = json::parse(client().Get("/api/cases/US-9601?as_of=1997-06-01")->body);
    EXPECT_EQ(c["stage"], "ministerial_consultations");
    EXPECT_EQ(c["case"]["id"], "US-9601");
    EXPECT_EQ(client().Get("/api/cases/NOPE")->status, 404);
    EXPECT_EQ(client().Get("/api/rulebooks/naalc-1994/mermaid")->body.rfind("stateDiagram-v2", 0), 0u);
    EXPECT_EQ(json::parse(client().Get("/api/rulebooks")->body)["rulebooks"].size(), 2u);
    EXPECT_TRUE(json::parse(client().Get("/api/stats")->body)["offices"].contains("US-NAO"));
    const auto api = json::parse(client().Get("/api/openapi.json")->body);
    EXPECT_EQ(api["openapi"], "3.0.3");
    EXPECT_TRUE(api["paths"].contains("/api/cases/{id}/steps"));
    EXPECT_EQ(client().Get("/api/cases?limit=5000")->status, 400);
    EXPECT_EQ(client().Get("/api/cases/US-9601?as_of=2001-02-30")->status, 400);
}

TEST_F(Api, CheckAndTimelineOverHttp) {
    const auto check = json::parse(client().Get(
        "/api/check?rulebook=naalc-1994&office=US-NAO&respondent=MX&subjects=freedom_of_association,minimum_wage"
        "&trade_related=yes&mutually_recognized=yes&persistent_pattern=yes")->body);
    EXPECT_EQ(check["admissible"], true);
    EXPECT_EQ(check["tier"], "panel");
    EXPECT_EQ(check["subjects"]["freedom_of_association"], "consultations");
    const auto us_ca = json::parse(client().Get(
        "/api/check?rulebook=auto&filed=2021-03-01&office=US-ILC&respondent=CA&subjects=freedom_of_association")->body);
    EXPECT_EQ(us_ca["rulebook"], "usmca-rrm-2020");
    EXPECT_EQ(us_ca["admissible"], false);
    EXPECT_EQ(client().Get("/api/check?rulebook=naalc-1994&office=US-NAO&respondent=MX&subjects=bogus")->status, 400);
    const auto t = json::parse(client().Get(
        "/api/timeline?rulebook=naalc-1994&from=pattern_consultations&to=benefits_suspended&parties=3")->body);
    EXPECT_EQ(t["days"], 825);
    const auto what_if = json::parse(client().Get(
        "/api/timeline?rulebook=naalc-1994&from=ece_established&to=ece_party_responses&set=ece_draft_report.within_days%3D100")->body);
    EXPECT_EQ(what_if["days"], 280);
    EXPECT_EQ(client().Get("/api/timeline?rulebook=naalc-1994&from=nowhere&to=closed")->status, 400);
}

TEST_F(Api, WritesNeedATokenAndTheRightRoleAndParty) {
    EXPECT_EQ(post("/api/cases", {{"rulebook", "naalc-1994"}}, "")->status, 401);
    EXPECT_EQ(post("/api/cases", {{"rulebook", "naalc-1994"}}, "not-a-token")->status, 401);
    const std::string id = file_case();
    const json accept = {{"event", "accept"}, {"on", "2001-03-01"}, {"expected_version", 1}};
    auto r = post("/api/cases/" + id + "/steps", accept, submitter_);
    EXPECT_EQ(r->status, 403);
    r = post("/api/cases/" + id + "/steps", accept, nao_mx_);
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(json::parse(r->body)["message"], "nao_acceptance: accept is for receiving_nao of US; you act for MX (Art 16(3))");
    EXPECT_EQ(post("/api/cases/" + id + "/steps", accept, council_ca_)->status, 403);
    r = post("/api/cases/" + id + "/steps", accept, nao_us_);
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(json::parse(r->body)["version"], 2);
    // Every write is recorded with its actor.
    const auto c = json::parse(client().Get(("/api/cases/" + id).c_str())->body);
    EXPECT_EQ(c["events"][0]["actor"], "user:sub");
    EXPECT_EQ(c["events"][1]["actor"], "user:nao-us");
    // An admin may act for anyone.
    r = post("/api/cases/" + id + "/steps", {{"event", "hold_hearing"}, {"on", "2001-04-01"}}, admin_);
    EXPECT_EQ(r->status, 200) << r->body;
}

TEST_F(Api, StaleVersionsRefusalsAndBadInput) {
    const std::string id = file_case();
    auto r = post("/api/cases/" + id + "/steps", {{"event", "accept"}, {"on", "2001-03-01"}, {"expected_version", 0}}, nao_us_);
    EXPECT_EQ(r->status, 409);
    r = post("/api/cases/" + id + "/steps", {{"event", "vote_panel"}, {"on", "2001-03-01"}, {"details", {{"for", "US,CA"}}}}, admin_);
    EXPECT_EQ(r->status, 422);
    EXPECT_EQ(json::parse(r->body)["code"], "out_of_order");
    EXPECT_EQ(json::parse(r->body)["article"], "29(1)");
    r = post("/api/cases/" + id + "/steps", {{"event", "accept"}, {"on", "2001-03-01"}, {"colour", "red"}}, nao_us_);
    EXPECT_EQ(r->status, 400);
    EXPECT_EQ(json::parse(r->body)["message"], "unknown field 'colour'");
    EXPECT_EQ(post("/api/cases/" + id + "/steps", {{"event", 3}, {"on", "2001-03-01"}}, nao_us_)->status, 400);
    EXPECT_EQ(post("/api/cases/" + id + "/steps", {{"event", "accept"}, {"on", "2001-02-30"}}, nao_us_)->status, 400);
    httplib::Headers h{{"Authorization", "Bearer " + nao_us_}};
    EXPECT_EQ(client().Post(("/api/cases/" + id + "/steps").c_str(), h, "{not json", "application/json")->status, 400);
    EXPECT_EQ(client().Post("/api/cases", h, std::string(70000, 'a'), "application/json")->status, 413);
    // Nothing above was written.
    const auto c = json::parse(client().Get(("/api/cases/" + id).c_str())->body);
    EXPECT_EQ(c["case"]["version"], 1);
    r = post("/api/cases", {{"rulebook", "naalc-1994"}, {"office", "MX-NAO"}, {"respondent", "MX"}, {"subjects", {"minimum_wage"}},
                            {"submitter", "x"}, {"on", "2001-02-05"}}, submitter_);
    EXPECT_EQ(r->status, 422);
    EXPECT_EQ(json::parse(r->body)["article"], "16(3)");
}

TEST_F(Api, WebUiFilesAndNoWayOutOfTheirFolder) {
    auto index = client().Get("/");
    ASSERT_TRUE(index);
    EXPECT_EQ(index->status, 200);
    EXPECT_NE(index->body.find("<title>Accord</title>"), std::string::npos);
    EXPECT_EQ(client().Get("/app.js")->status, 200);
    EXPECT_EQ(client().Get("/vendor/mermaid/mermaid.min.js")->status, 200);
    for (const char* target : {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                               "/vendor/mermaid/../../../package.json", "/vendor/mermaid/%2e%2e/%2e%2e/%2e%2e/package.json",
                               "/./../CMakeLists.txt", "//etc/passwd"}) {
        const std::string answer = raw_get(port_, target);
        EXPECT_EQ(answer.rfind("HTTP/1.1 404", 0), 0u) << target << "\n" << answer.substr(0, 200);
        EXPECT_EQ(answer.find("root:"), std::string::npos) << target;
        EXPECT_EQ(answer.find("accord-web"), std::string::npos) << target;
        EXPECT_EQ(answer.find("project("), std::string::npos) << target;
    }
}

TEST_F(Api, SearchExportVariantsAndWhoAmI) {
    const auto found = json::parse(client().Get("/api/cases?q=HAN%20YOUNG")->body);
    ASSERT_EQ(found["count"], 1);
    EXPECT_EQ(found["cases"][0]["id"], "US-9702");
    const auto page = json::parse(client().Get("/api/cases?office=US-NAO&limit=5")->body);
    EXPECT_EQ(page["more"], true);
    auto csv = client().Get("/api/export?format=csv&office=CA-NAO");
    EXPECT_EQ(csv->status, 200);
    EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv->body.rfind("case_id,rulebook,office,respondent,subjects,stage,seq,event,on,actor,details,recorded_at\n", 0), 0u);
    EXPECT_NE(csv->body.find("\nCA-98-1,naalc-1994,CA-NAO,MX,"), std::string::npos);
    EXPECT_EQ(csv->body.find(",US-NAO,"), std::string::npos);
    const auto exported = json::parse(client().Get("/api/export?format=json&q=US-9601")->body);
    ASSERT_EQ(exported["cases"].size(), 1u);
    EXPECT_EQ(exported["cases"][0]["events"].size(), 4u);
    EXPECT_EQ(client().Get("/api/export?format=xml")->status, 400);
    // Open deadlines as iCalendar, stamped with the time they were produced.
    const std::string id = file_case();
    auto ics = client().Get(("/api/cases/" + id + "/deadlines.ics?as_of=2001-02-06").c_str());
    EXPECT_EQ(ics->status, 200);
    EXPECT_EQ(ics->get_header_value("Content-Type"), "text/calendar");
    EXPECT_NE(ics->body.find("BEGIN:VEVENT"), std::string::npos);
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[16];
    std::strftime(stamp, sizeof stamp, "DTSTAMP:%Y%m%d", &tm);
    EXPECT_NE(ics->body.find(stamp), std::string::npos) << ics->body;
    const auto books = json::parse(client().Get("/api/rulebooks")->body);
    EXPECT_EQ(books["variants"].size(), 4u);
    EXPECT_EQ(json::parse(client().Get("/api/rulebooks/variants/fast-track")->body)["agreement"]["id"], "fast-track");
    EXPECT_EQ(client().Get("/api/rulebooks/variants/nope")->status, 404);
    httplib::Headers h{{"Authorization", "Bearer " + nao_mx_}};
    auto me = client().Get("/api/me", h);
    EXPECT_EQ(me->status, 200);
    EXPECT_EQ(json::parse(me->body), json({{"name", "nao-mx"}, {"role", "nao"}, {"party", "MX"}}));
    EXPECT_EQ(client().Get("/api/me")->status, 401);
}

// GET answers are cached by case version: a change by this server or by another process (the
// CLI on the same database) shows at once.
TEST_F(Api, ACaseChangedElsewhereIsNeverServedStale) {
    const std::string id = file_case();
    EXPECT_EQ(json::parse(client().Get(("/api/cases/" + id).c_str())->body)["case"]["version"], 1);
    EXPECT_EQ(json::parse(client().Get(("/api/cases/" + id).c_str())->body)["case"]["version"], 1);
    run(accord_ + " case step " + id + " accept --on 2001-03-01 --actor receiving_nao");
    const auto c = json::parse(client().Get(("/api/cases/" + id).c_str())->body);
    EXPECT_EQ(c["case"]["version"], 2);
    EXPECT_EQ(c["stage"], "nao_acceptance");
    auto r = post("/api/cases/" + id + "/steps", {{"event", "publish_report"}, {"on", "2001-06-01"}, {"expected_version", 2}}, nao_us_);
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(json::parse(client().Get(("/api/cases/" + id).c_str())->body)["stage"], "nao_review");
}

}  // namespace
