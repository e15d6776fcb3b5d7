// Kills a writer (SIGKILL) in the middle of a stream of appends; after restart every acknowledged
// event is present, none is duplicated, and the projection matches the log. On both backends.
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "store/event_store.hpp"
#include "store_fixture.hpp"

using namespace accord;

namespace {

class Durability : public ::testing::TestWithParam<std::string> {};

TEST_P(Durability, AcknowledgedEventsSurviveSigkill) {
    const std::string url = test_support::store_url(GetParam());
    const std::string id = "D" + test_support::unique_suffix();
    open_store(url)->migrate();
    for (int round = 0; round < 3; ++round) {
        int pipefd[2];
        ASSERT_EQ(pipe(pipefd), 0);
        const pid_t pid = fork();
        if (pid == 0) {
            dup2(pipefd[1], STDOUT_FILENO);
            close(pipefd[0]);
            execl(STORE_WRITER, STORE_WRITER, url.c_str(), id.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        close(pipefd[1]);
        FILE* acks = fdopen(pipefd[0], "r");
        int64_t last_ack = 0, seen = 0;
        char line[64];
        while (seen < 150 && std::fgets(line, sizeof line, acks)) {
            ASSERT_EQ(std::sscanf(line, "ack %ld", &last_ack), 1) << line;
            ++seen;
        }
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        std::fclose(acks);
        ASSERT_TRUE(WIFSIGNALED(status)) << "the writer ended before it was killed";

        auto store = open_store(url);
        const auto events = store->load(id);
        ASSERT_GE(int64_t(events.size()), last_ack) << "an acknowledged event is missing";
        for (size_t i = 0; i < events.size(); ++i) ASSERT_EQ(events[i].seq, int64_t(i + 1)) << "gap or duplicate";
        EXPECT_EQ(store->get(id)->version, int64_t(events.size())) << "projection and log disagree";
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, Durability, ::testing::Values("sqlite", "postgresql"), test_support::backend_name);

}  // namespace
