// Growing sign-in delays (issue 16), as a person trying passwords would meet them, from one
// app process or several.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "security/login_guard.hpp"
#include "app_db.hpp"

using namespace medassist;
using namespace medassist::security;
using namespace medassist::testing;

namespace {

// A blind index is 32 raw bytes; random ones include zero bytes and invalid UTF-8.
std::string randomBidx() {
    std::string b = randomBytes(32);
    b[0] = '\0';
    b[1] = static_cast<char>(0xff);
    return b;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lockout)

BOOST_AUTO_TEST_CASE(from_the_fifth_failure_each_wait_is_longer_seen_by_every_process) {
    auto poolA = appPool(), poolB = appPool();
    LoginGuardStore storeA(*poolA), storeB(*poolB);
    LoginGuard guard(storeA, 5, 15), other(storeB, 5, 15);
    const std::string bidx = randomBidx();
    const std::int64_t now = epochNow();
    for (int i = 1; i <= 4; ++i) {
        BOOST_TEST(!guard.recordFailure(bidx, now + i), "failure " << i);
        BOOST_TEST(!guard.lockedFor(bidx, now + i).has_value());
    }
    // Issue 16: growing delays instead of a fifteen-minute lock.
    BOOST_TEST(guard.recordFailure(bidx, now + 5));
    BOOST_TEST(guard.lockedFor(bidx, now + 5).value_or(-1) == 30);
    BOOST_TEST(other.lockedFor(bidx, now + 15).value_or(-1) == 20);
    // More failures while waiting neither count nor extend the wait.
    BOOST_TEST(!other.recordFailure(bidx, now + 20));
    BOOST_TEST(guard.lockedFor(bidx, now + 20).value_or(-1) == 15);
    BOOST_TEST(!guard.lockedFor(bidx, now + 35).has_value());
    // The next failure waits twice as long, and so on, up to the fifteen minutes.
    BOOST_TEST(guard.recordFailure(bidx, now + 40));
    BOOST_TEST(guard.lockedFor(bidx, now + 40).value_or(-1) == 60);
    BOOST_TEST(guard.recordFailure(bidx, now + 100));
    BOOST_TEST(guard.lockedFor(bidx, now + 100).value_or(-1) == 120);
    BOOST_TEST(guard.delayAfter(9) == 480);
    BOOST_TEST(guard.delayAfter(10) == 900);
    BOOST_TEST(guard.delayAfter(30) == 900);
    guard.clear(bidx);
}

BOOST_AUTO_TEST_CASE(a_successful_sign_in_clears_the_failures) {
    auto pool = appPool();
    LoginGuardStore store(*pool);
    LoginGuard guard(store);
    const std::string bidx = randomBidx();
    const std::int64_t now = epochNow();
    for (int i = 0; i < 4; ++i) BOOST_TEST(!guard.recordFailure(bidx, now));
    guard.clear(bidx);
    for (int i = 0; i < 4; ++i) BOOST_TEST(!guard.recordFailure(bidx, now));
    BOOST_TEST(!guard.lockedFor(bidx, now).has_value());
    BOOST_TEST(guard.recordFailure(bidx, now));
    BOOST_TEST(guard.lockedFor(bidx, now).has_value());
    guard.clear(bidx);
    BOOST_TEST(!guard.lockedFor(bidx, now).has_value());
}

BOOST_AUTO_TEST_CASE(failures_are_forgotten_a_day_after_the_first) {
    auto pool = appPool();
    LoginGuardStore store(*pool);
    LoginGuard guard(store);
    const std::string bidx = randomBidx();
    const std::int64_t now = epochNow();
    for (int i = 0; i < 4; ++i) BOOST_TEST(!guard.recordFailure(bidx, now + i));
    // A day after the first failure the count restarts at one.
    BOOST_TEST(!guard.recordFailure(bidx, now + 86400));
    for (int i = 0; i < 3; ++i) BOOST_TEST(!guard.recordFailure(bidx, now + 86401 + i));
    BOOST_TEST(guard.recordFailure(bidx, now + 86405));
    guard.clear(bidx);
}

BOOST_AUTO_TEST_CASE(accounts_are_independent_and_the_limits_are_configurable) {
    auto pool = appPool();
    LoginGuardStore store(*pool);
    LoginGuard guard(store, 3, 1);
    const std::string a = randomBidx(), b = randomBidx();
    const std::int64_t now = epochNow();
    BOOST_TEST(!guard.recordFailure(a, now));
    BOOST_TEST(!guard.recordFailure(a, now));
    BOOST_TEST(!guard.recordFailure(b, now));
    BOOST_TEST(guard.recordFailure(a, now));
    BOOST_TEST(guard.lockedFor(a, now).value_or(-1) == 30);
    BOOST_TEST(!guard.lockedFor(b, now).has_value());
    guard.clear(a);
    guard.clear(b);
}

BOOST_AUTO_TEST_CASE(eight_simultaneous_failures_lock_exactly_once) {
    auto pool = appPool(8);
    LoginGuardStore store(*pool);
    LoginGuard guard(store, 5, 15);
    const std::string bidx = randomBidx();
    const std::int64_t now = epochNow();
    std::atomic<int> locks{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            storage::ConnectionPool::threadInit();
            if (guard.recordFailure(bidx, now)) ++locks;
            storage::ConnectionPool::threadEnd();
        });
    }
    for (auto& t : threads) t.join();
    BOOST_TEST(locks.load() == 1);
    BOOST_TEST(guard.lockedFor(bidx, now).value_or(-1) == 30);
    guard.clear(bidx);
}

BOOST_AUTO_TEST_CASE(purge_drops_old_records_but_keeps_locks) {
    auto pool = appPool();
    LoginGuardStore store(*pool);
    LoginGuard guard(store, 2, 15);
    const std::string stale = randomBidx(), locked = randomBidx();
    const std::int64_t now = epochNow();
    // Failures are remembered for a day after the first one.
    BOOST_TEST(!guard.recordFailure(stale, now - 90000));
    BOOST_TEST(!guard.recordFailure(locked, now - 86300));
    BOOST_TEST(guard.recordFailure(locked, now - 10));  // within a day of the first: waits
    BOOST_TEST(guard.purgeExpired(now) >= 1u);
    BOOST_TEST(!store.find(stale).has_value());
    BOOST_TEST(guard.lockedFor(locked, now).value_or(-1) == 20);
    guard.clear(locked);
}

BOOST_AUTO_TEST_SUITE_END()
