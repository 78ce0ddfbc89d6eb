// The reminders' worker thread: it runs its pass at the moment its injected clock says (the
// time source tests and `reminders run --now` replace), and a stopping app never waits for
// the next interval. Nothing here sleeps: the test waits on the pass itself.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <vector>

#include "reminders/reminder_worker.hpp"

using namespace medassist::reminders;

namespace {
struct Recorder {
    std::mutex mutex;
    std::condition_variable ran;
    std::vector<std::int64_t> moments;

    Pass pass() {
        return [this](std::int64_t now) {
            {
                std::lock_guard lock(mutex);
                moments.push_back(now);
            }
            ran.notify_all();
            return PassReport{};
        };
    }
    bool waitFor(std::size_t n) {
        std::unique_lock lock(mutex);
        return ran.wait_for(lock, std::chrono::seconds(10), [&] { return moments.size() >= n; });
    }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(reminder_worker)

BOOST_AUTO_TEST_CASE(a_pass_runs_at_the_injected_clock_and_the_worker_stops_at_once) {
    Recorder r;
    const auto before = std::chrono::steady_clock::now();
    {
        ReminderWorker worker(r.pass(), WorkerTiming{std::chrono::hours(1), std::chrono::seconds(0)},
                              [] { return std::int64_t{1'765'000'000}; });
        BOOST_TEST_REQUIRE(r.waitFor(1));
    }  // an hour until the next pass: the destructor must not wait for it
    BOOST_TEST((std::chrono::steady_clock::now() - before < std::chrono::seconds(5)));
    BOOST_TEST_REQUIRE(r.moments.size() == 1u);
    BOOST_TEST(r.moments.front() == 1'765'000'000);
}

BOOST_AUTO_TEST_SUITE_END()
