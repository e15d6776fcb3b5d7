// The store contract: the same tests, unchanged, on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <thread>

#include "core/error.hpp"
#include "store/event_store.hpp"
#include "store_fixture.hpp"

using namespace accord;
using test_support::unique_suffix;

namespace {

class StoreContract : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        url_ = test_support::store_url(GetParam());
        store_ = open_store(url_);
        store_->migrate();
        prefix_ = "T" + unique_suffix() + "-";
    }

    static StoredEvent event(const std::string& name, const std::string& on) {
        return {0, name, on, "tester", R"({"k":"v"})", ""};
    }

    CaseRow row(const std::string& id, const std::string& stage, const std::string& next = "") {
        CaseRow r;
        r.id = id;
        r.rulebook = "naalc-1994";
        r.office = "OFF-" + prefix_;
        r.respondent = "MX";
        r.subjects = "minimum_wage;child_labor";
        r.filed_on = "2001-02-03";
        r.filing_year = 2001;
        r.stage = stage;
        r.tier = "panel";
        r.next_deadline = next;
        r.record = "{}";
        return r;
    }

    std::string url_, prefix_;
    std::unique_ptr<EventStore> store_;
};

TEST_P(StoreContract, MigrationIsIdempotent) {
    EXPECT_EQ(store_->schema_version(), 2);
    store_->migrate();
    store_->migrate();
    EXPECT_EQ(store_->schema_version(), 2);
}

TEST_P(StoreContract, UsersAreFoundByTheirTokensHash) {
    const std::string name = "u" + prefix_;
    store_->add_user({name, "nao", "US", "hash-" + prefix_, ""});
    const auto u = store_->user_by_token_hash("hash-" + prefix_);
    ASSERT_TRUE(u);
    EXPECT_EQ(u->name, name);
    EXPECT_EQ(u->role, "nao");
    EXPECT_EQ(u->party, "US");
    EXPECT_FALSE(u->created_at.empty());
    EXPECT_FALSE(store_->user_by_token_hash("hash-none"));
    EXPECT_THROW(store_->add_user({name, "admin", "", "other-" + prefix_, ""}), Error);
}

TEST_P(StoreContract, AppendAndLoadInOrder) {
    const std::string id = prefix_ + "1";
    auto r = store_->append(id, 0, {event("file", "2001-02-03"), event("accept", "2001-03-01")}, row(id, "nao_acceptance"), "");
    EXPECT_EQ(r.version, 2);
    EXPECT_FALSE(r.duplicate);
    r = store_->append(id, 2, {event("publish_report", "2001-06")}, row(id, "nao_review"), "");
    EXPECT_EQ(r.version, 3);
    const auto events = store_->load(id);
    ASSERT_EQ(events.size(), 3u);
    for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].seq, int64_t(i + 1));
    EXPECT_EQ(events[0].name, "file");
    EXPECT_EQ(events[2].on, "2001-06");
    EXPECT_EQ(events[1].details, R"({"k":"v"})");
    EXPECT_FALSE(events[0].recorded_at.empty());
    const auto got = store_->get(id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->stage, "nao_review");
    EXPECT_EQ(got->version, 3);
    EXPECT_EQ(got->subjects, "minimum_wage;child_labor");
    EXPECT_FALSE(store_->get(prefix_ + "nope"));
    EXPECT_TRUE(store_->load(prefix_ + "nope").empty());
}

TEST_P(StoreContract, StaleVersionIsRefusedAndWritesNothing) {
    const std::string id = prefix_ + "1";
    store_->append(id, 0, {event("file", "2001-02-03")}, row(id, "submission_received"), "");
    EXPECT_THROW(store_->append(id, 0, {event("file", "2001-02-03")}, row(id, "x"), ""), StaleVersion);
    try {
        store_->append(id, 5, {event("accept", "2001-03-01")}, row(id, "x"), "");
        FAIL() << "expected StaleVersion";
    } catch (const StaleVersion& e) {
        EXPECT_EQ(e.actual_version, 1);
    }
    EXPECT_EQ(store_->load(id).size(), 1u);
    EXPECT_EQ(store_->get(id)->stage, "submission_received");
    EXPECT_EQ(store_->version_of(id), 1);
    EXPECT_EQ(store_->version_of(prefix_ + "none"), std::nullopt);
}

TEST_P(StoreContract, RepeatedRequestIsANoOp) {
    const std::string id = prefix_ + "1";
    const std::string request = "req-" + prefix_;
    auto first = store_->append(id, 0, {event("file", "2001-02-03")}, row(id, "submission_received"), request);
    auto again = store_->append(id, 0, {event("file", "2001-02-03")}, row(id, "submission_received"), request);
    EXPECT_FALSE(first.duplicate);
    EXPECT_TRUE(again.duplicate);
    EXPECT_EQ(again.version, first.version);
    EXPECT_EQ(store_->load(id).size(), 1u);
    // A request id is global: reusing it on another case does nothing either.
    auto other = store_->append(prefix_ + "2", 0, {event("file", "2001-02-03")}, row(prefix_ + "2", "s"), request);
    EXPECT_TRUE(other.duplicate);
    EXPECT_FALSE(store_->get(prefix_ + "2"));
}

TEST_P(StoreContract, AppendsInOneCommitSucceedOrFailAlone) {
    const std::string a = prefix_ + "a", b = prefix_ + "b";
    store_->append(b, 0, {event("file", "2001-02-03")}, row(b, "submission_received"), "");
    store_->in_one_commit([&] {
        store_->append(a, 0, {event("file", "2001-02-03")}, row(a, "submission_received"), "");
        EXPECT_THROW(store_->append(b, 0, {event("file", "2001-02-03")}, row(b, "x"), ""), StaleVersion);
        store_->append(b, 1, {event("accept", "2001-03-01")}, row(b, "nao_acceptance"), "");
    });
    EXPECT_EQ(store_->version_of(a), 1);
    EXPECT_EQ(store_->load(b).size(), 2u);
    EXPECT_EQ(store_->get(b)->stage, "nao_acceptance");
}

TEST_P(StoreContract, ListFiltersAndPages) {
    for (int i = 0; i < 5; ++i) {
        const std::string id = prefix_ + std::to_string(i);
        CaseRow r = row(id, i < 3 ? "nao_review" : "closed", i == 1 ? "2001-05-01" : (i == 2 ? "2002-01-01" : ""));
        if (i == 4) r.subjects = "freedom_of_association", r.filing_year = 2005, r.respondent = "US";
        if (i == 3) r.facility = "Han Young de Mexico";
        store_->append(id, 0, {event("file", "2001-02-03")}, r, "");
    }
    CaseFilter f;
    f.office = "OFF-" + prefix_;
    EXPECT_EQ(store_->list(f).size(), 5u);
    f.stage = "nao_review";
    EXPECT_EQ(store_->list(f).size(), 3u);
    f.stage.clear();
    f.subject = "child_labor";
    EXPECT_EQ(store_->list(f).size(), 4u);
    f.subject = "child";  // a whole subject, not a substring
    EXPECT_EQ(store_->list(f).size(), 0u);
    f.subject.clear();
    f.respondent = "US";
    EXPECT_EQ(store_->list(f).size(), 1u);
    f.respondent.clear();
    f.year = 2005;
    EXPECT_EQ(store_->list(f).size(), 1u);
    f.year = 0;
    f.text = "han young";  // any case, in the id, submitter or facility
    ASSERT_EQ(store_->list(f).size(), 1u);
    EXPECT_EQ(store_->list(f)[0].id, prefix_ + "3");
    f.text = prefix_ + "2";
    EXPECT_EQ(store_->list(f).size(), 1u);
    f.text.clear();
    f.overdue_as_of = "2001-06-01";
    const auto overdue = store_->list(f);
    ASSERT_EQ(overdue.size(), 1u);
    EXPECT_EQ(overdue[0].id, prefix_ + "1");
    f.overdue_as_of.clear();
    f.limit = 2;
    f.offset = 4;
    EXPECT_EQ(store_->list(f).size(), 1u);
    EXPECT_EQ(store_->count_with_prefix(prefix_), 5);
}

TEST_P(StoreContract, BulkWriteSkipsExistingCases) {
    std::vector<CaseWrite> cases;
    for (int i = 0; i < 3; ++i) {
        CaseWrite c{row(prefix_ + std::to_string(i), "nao_review"), {event("file", "2001-02-03"), event("accept", "2001-03-01")}};
        cases.push_back(c);
    }
    const BulkResult first = store_->bulk_write(cases);
    EXPECT_EQ(first.cases, 3);
    EXPECT_EQ(first.events, 6);
    cases.push_back({row(prefix_ + "9", "closed"), {event("file", "2001-02-03")}});
    const BulkResult second = store_->bulk_write(cases);
    EXPECT_EQ(second.cases, 1);
    EXPECT_EQ(second.events, 1);
    EXPECT_EQ(store_->load(prefix_ + "1").size(), 2u);
    EXPECT_EQ(store_->get(prefix_ + "1")->version, 2);
    EXPECT_EQ(store_->get(prefix_ + "9")->stage, "closed");
}

TEST_P(StoreContract, ConcurrentWritersOneWinsPerVersion) {
    const std::string id = prefix_ + "race";
    store_->append(id, 0, {event("file", "2001-02-03")}, row(id, "s"), "");
    std::atomic<int> won{0}, stale{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w)
        writers.emplace_back([&, w] {
            auto own = open_store(url_);
            for (int attempt = 0; attempt < 10; ++attempt) {
                try {
                    own->append(id, 1, {event("step-" + std::to_string(w), "2001-03-01")}, row(id, "s"), "");
                    ++won;
                } catch (const StaleVersion&) {
                    ++stale;
                }
            }
        });
    for (auto& t : writers) t.join();
    EXPECT_EQ(won.load(), 1);
    EXPECT_EQ(stale.load(), 39);
    EXPECT_EQ(store_->load(id).size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("sqlite", "postgresql"),
                         test_support::backend_name);

}  // namespace
