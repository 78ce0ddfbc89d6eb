// Per-client limits in the shared database: exact counts, Retry-After, and one set of
// counters for every app process and thread.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "security/rate_limiter.hpp"
#include "app_db.hpp"

using namespace medassist;
using namespace medassist::security;
using namespace medassist::testing;

namespace {

RateRule perMinute(int count) { return RateRule{randomName("t"), {{"minute", count, 60}}}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(rate_limits)

BOOST_AUTO_TEST_CASE(allows_exactly_the_count_then_refuses_until_the_window_ends) {
    auto pool = appPool();
    RateLimitStore store(*pool);
    RateLimiter limiter(store);
    const RateRule rule = perMinute(3);
    const std::int64_t now = epochNow();
    for (int i = 0; i < 3; ++i) BOOST_TEST(limiter.check(rule, "203.0.113.7", now).allowed);
    for (int i = 0; i < 2; ++i) {
        auto refused = limiter.check(rule, "203.0.113.7", now);
        BOOST_TEST(!refused.allowed);
        BOOST_TEST(refused.retryAfterSeconds == 60 - now % 60);
        BOOST_TEST(refused.retryAfterSeconds >= 1);
        BOOST_TEST(refused.retryAfterSeconds <= 60);
    }
    // The next window starts afresh.
    const std::int64_t next = now - now % 60 + 60;
    BOOST_TEST(limiter.check(rule, "203.0.113.7", next).allowed);
}

BOOST_AUTO_TEST_CASE(the_login_rule_allows_five_a_minute_and_twenty_five_an_hour_refusals_included) {
    auto pool = appPool();
    RateLimitStore store(*pool);
    RateLimiter limiter(store);
    const RateRule rule = *authRateRule("POST", "/auth/login", 60, 3600);
    const std::string client = randomName("client-");
    const std::int64_t now = epochNow();
    const std::int64_t hourStart = now - now % 3600;
    // Minute 0: five, then a refusal that still counts towards the hour (6 this hour).
    for (int i = 0; i < 5; ++i) BOOST_TEST(limiter.check(rule, client, hourStart + 5).allowed);
    auto minuteRefusal = limiter.check(rule, client, hourStart + 5);
    BOOST_TEST(!minuteRefusal.allowed);
    BOOST_TEST(minuteRefusal.retryAfterSeconds == 55);
    // Minutes 1-3: five each (21); minute 4: four more reach 25, and the fifth is refused
    // by the hour limit until the hour ends.
    for (int minute = 1; minute <= 3; ++minute)
        for (int i = 0; i < 5; ++i)
            BOOST_TEST(limiter.check(rule, client, hourStart + minute * 60 + 5).allowed, "minute " << minute);
    const std::int64_t t = hourStart + 4 * 60 + 5;
    for (int i = 0; i < 4; ++i) BOOST_TEST(limiter.check(rule, client, t).allowed);
    auto hourRefusal = limiter.check(rule, client, t);
    BOOST_TEST(!hourRefusal.allowed);
    BOOST_TEST(hourRefusal.retryAfterSeconds == 3600 - 4 * 60 - 5);
    BOOST_TEST(!limiter.check(rule, client, hourStart + 30 * 60).allowed);
}

BOOST_AUTO_TEST_CASE(separate_clients_and_separate_rules_count_separately) {
    auto pool = appPool();
    RateLimitStore store(*pool);
    RateLimiter limiter(store);
    const RateRule rule = perMinute(2);
    const RateRule other = perMinute(2);
    const std::int64_t now = epochNow();
    for (int i = 0; i < 2; ++i) BOOST_TEST(limiter.check(rule, "198.51.100.1", now).allowed);
    BOOST_TEST(!limiter.check(rule, "198.51.100.1", now).allowed);
    BOOST_TEST(limiter.check(rule, "198.51.100.2", now).allowed);
    BOOST_TEST(limiter.check(other, "198.51.100.1", now).allowed);
}

BOOST_AUTO_TEST_CASE(one_ipv6_host_cannot_escape_by_rotating_addresses_in_its_64) {
    auto pool = appPool();
    RateLimitStore store(*pool);
    RateLimiter limiter(store);
    const RateRule rule = perMinute(2);
    const std::int64_t now = epochNow();
    BOOST_TEST(limiter.check(rule, rateClientKey("2001:db8:aa:1::1"), now).allowed);
    BOOST_TEST(limiter.check(rule, rateClientKey("2001:db8:aa:1::2"), now).allowed);
    BOOST_TEST(!limiter.check(rule, rateClientKey("2001:db8:aa:1:ffff::3"), now).allowed);
    BOOST_TEST(limiter.check(rule, rateClientKey("2001:db8:aa:2::1"), now).allowed);
}

BOOST_AUTO_TEST_CASE(two_app_processes_share_the_counters) {
    auto poolA = appPool(), poolB = appPool();
    RateLimitStore storeA(*poolA), storeB(*poolB);
    RateLimiter a(storeA), b(storeB);
    const RateRule rule = perMinute(4);
    const std::int64_t now = epochNow();
    int allowed = 0;
    for (int i = 0; i < 5; ++i) {
        allowed += a.check(rule, "192.0.2.10", now).allowed;
        allowed += b.check(rule, "192.0.2.10", now).allowed;
    }
    BOOST_TEST(allowed == 4);
}

BOOST_AUTO_TEST_CASE(eight_threads_at_once_get_exactly_the_count_and_distinct_hit_numbers) {
    auto pool = appPool(8);
    RateLimitStore store(*pool);
    RateLimiter limiter(store);
    const RateRule rule = perMinute(20);
    const std::string bucket = randomName("raw-");
    const std::int64_t now = epochNow();
    std::atomic<int> allowed{0};
    std::mutex m;
    std::vector<std::uint32_t> counts;
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&] {
            storage::ConnectionPool::threadInit();
            for (int i = 0; i < 10; ++i) {
                if (limiter.check(rule, "192.0.2.99", now).allowed) ++allowed;
                const auto n = store.hit(bucket, now, now + 60);
                std::lock_guard lock(m);
                counts.push_back(n);
            }
            storage::ConnectionPool::threadEnd();
        });
    }
    for (auto& t : threads) t.join();
    BOOST_TEST(allowed.load() == 20);
    std::sort(counts.begin(), counts.end());
    std::vector<std::uint32_t> expected(80);
    for (std::uint32_t i = 0; i < 80; ++i) expected[i] = i + 1;
    BOOST_TEST(counts == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(expired_counters_are_purged) {
    auto pool = appPool();
    RateLimitStore store(*pool);
    const std::string bucket = randomName("purge-");
    const std::int64_t now = epochNow();
    BOOST_TEST(store.hit(bucket, now - 120, now - 60) == 1u);
    BOOST_TEST(store.hit(bucket, now - 120, now - 60) == 2u);
    BOOST_TEST(store.hit(bucket, now, now + 60) == 1u);
    BOOST_TEST(store.purgeExpired(now) >= 1u);
    BOOST_TEST(store.hit(bucket, now - 120, now - 60) == 1u);  // the old row is gone
    BOOST_TEST(store.hit(bucket, now, now + 60) == 2u);        // the current one is not
}

BOOST_AUTO_TEST_CASE(over_long_client_keys_still_get_counters_of_their_own) {
    auto pool = appPool();
    RateLimitStore store(*pool);
    RateLimiter limiter(store);
    const RateRule rule = perMinute(1);
    const std::int64_t now = epochNow();
    const std::string longA(300, 'a'), longB = std::string(299, 'a') + "b";
    BOOST_TEST(limiter.check(rule, longA, now).allowed);
    BOOST_TEST(!limiter.check(rule, longA, now).allowed);
    BOOST_TEST(limiter.check(rule, longB, now).allowed);
}

BOOST_AUTO_TEST_SUITE_END()
