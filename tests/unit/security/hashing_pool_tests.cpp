// Password hashing on its own low-priority threads (security/hashing_pool): a sign-in that
// finds the wait queue full, or waits too long, gets the busy answer (an Unavailable, so a
// 503 with Retry-After) instead of holding a request thread; hashes made on the pool still
// verify as before.
#include <boost/test/unit_test.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <functional>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "common/unavailable.hpp"
#include "security/hashing_pool.hpp"
#include "security/password_hasher.hpp"

using namespace medassist::security;
using namespace std::chrono_literals;

namespace {
const std::string kPepper(40, 'p');

// Holds a pool's only thread until released, so the queue behind it fills predictably.
class Blocker {
public:
    explicit Blocker(HashingPool& pool) {
        running_ = std::async(std::launch::async, [this, &pool] {
            return pool.run([this] {
                started_.set_value();
                release_.get_future().wait();
                return std::string("released");
            });
        });
        started_.get_future().wait();
    }
    ~Blocker() {
        if (!released_) release();
    }
    std::string release() {
        released_ = true;
        release_.set_value();
        return running_.get();
    }

private:
    std::promise<void> started_, release_;
    std::future<std::string> running_;
    bool released_ = false;
};

void waitUntil(const std::function<bool()>& condition) {
    for (int i = 0; i < 500 && !condition(); ++i) std::this_thread::sleep_for(10ms);
    BOOST_REQUIRE(condition());
}
}  // namespace

BOOST_AUTO_TEST_SUITE(hashing_pool)

BOOST_AUTO_TEST_CASE(a_sign_in_that_finds_the_queue_full_is_answered_busy_and_the_waiting_ones_still_verify) {
    PasswordHasher hasher(kPepper, 4, HashingPoolOptions{.threads = 1, .maxWaiting = 2, .maxWait = 60s});
    const std::string stored = hasher.hash("correct horse battery staple");

    std::vector<std::future<bool>> waiting;
    {
        Blocker blocker(hasher.pool());
        waiting.push_back(std::async(std::launch::async, [&] { return hasher.verify("correct horse battery staple", stored); }));
        waiting.push_back(std::async(std::launch::async, [&] { return hasher.verify("wrong horse battery staple", stored); }));
        waitUntil([&] { return hasher.pool().waiting() == 2; });

        // The third sign-in: busy at once, as an Unavailable (the dispatcher's 503).
        const auto start = std::chrono::steady_clock::now();
        BOOST_CHECK_THROW(hasher.verify("correct horse battery staple", stored), HashingBusy);
        BOOST_CHECK_THROW(hasher.dummyVerify("anything"), medassist::Unavailable);
        BOOST_CHECK_THROW(hasher.hash("a new password for someone"), HashingBusy);
        const bool atOnce = std::chrono::steady_clock::now() - start < 2s;
        BOOST_TEST(atOnce);
        BOOST_TEST(blocker.release() == "released");
    }
    BOOST_TEST(waiting[0].get() == true);
    BOOST_TEST(waiting[1].get() == false);
    // With the queue drained, sign-ins are hashed again.
    BOOST_TEST(hasher.verify("correct horse battery staple", stored));
}

BOOST_AUTO_TEST_CASE(a_sign_in_that_waited_past_the_limit_is_answered_busy_not_hashed) {
    PasswordHasher hasher(kPepper, 4, HashingPoolOptions{.threads = 1, .maxWaiting = 4, .maxWait = 50ms});
    const std::string stored = hasher.hash("correct horse battery staple");
    std::future<bool> late;
    {
        Blocker blocker(hasher.pool());
        late = std::async(std::launch::async, [&] { return hasher.verify("correct horse battery staple", stored); });
        waitUntil([&] { return hasher.pool().waiting() == 1; });
        std::this_thread::sleep_for(200ms);
        blocker.release();
    }
    BOOST_CHECK_THROW(late.get(), HashingBusy);
    BOOST_TEST(hasher.verify("correct horse battery staple", stored));
}

BOOST_AUTO_TEST_CASE(hashes_from_many_request_threads_verify_correctly_on_two_hashing_threads) {
    PasswordHasher hasher(kPepper, 4, HashingPoolOptions{.threads = 2, .maxWaiting = 64, .maxWait = 60s});
    std::vector<std::future<bool>> results;
    for (int i = 0; i < 8; ++i) {
        results.push_back(std::async(std::launch::async, [&hasher, i] {
            const std::string password = "passphrase number " + std::to_string(i);
            const std::string h = hasher.hash(password);
            return h.rfind("$2b$04$", 0) == 0 && hasher.verify(password, h) && !hasher.verify(password + "!", h);
        }));
    }
    for (auto& r : results) BOOST_TEST(r.get());
}

BOOST_AUTO_TEST_CASE(hashing_threads_run_below_the_request_threads_priority) {
    HashingPool pool(HashingPoolOptions{.threads = 1, .niceness = 10});
    const int mine = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    const std::string theirs = pool.run([] {
        return std::to_string(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())));
    });
    BOOST_TEST(std::stoi(theirs) >= std::min(19, mine + 10));
    // The caller's own thread is unchanged.
    BOOST_TEST(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())) == mine);
}

BOOST_AUTO_TEST_CASE(an_exception_in_a_job_reaches_its_caller_and_the_thread_goes_on) {
    HashingPool pool;
    BOOST_CHECK_THROW(pool.run([]() -> std::string { throw std::runtime_error("crypt failed"); }), std::runtime_error);
    BOOST_TEST(pool.run([] { return std::string("next"); }) == "next");
}

BOOST_AUTO_TEST_SUITE_END()
