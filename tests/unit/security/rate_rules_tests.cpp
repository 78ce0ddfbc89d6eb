// The seed application's rate limits, route by route, and how clients are told apart.
#include <boost/test/unit_test.hpp>

#include <set>

#include "security/rate_limiter.hpp"

using namespace medassist::security;

namespace {

struct Expected {
    const char* method;
    const char* route;
    const char* id;
    int perMinute;
    int perHour;
};

const Expected kSeed[] = {
    {"POST", "/auth/login", "auth_login", 5, 25},
    {"POST", "/auth/register", "auth_register", 3, 15},
    {"POST", "/auth/register/patient", "auth_register_patient", 3, 15},
    {"POST", "/auth/register/doctor", "auth_register_doctor", 3, 15},
    {"POST", "/auth/register/caregiver", "auth_register_caregiver", 3, 15},
    {"POST", "/auth/forgetpassword", "auth_forgetpassword", 2, 8},
    {"POST", "/auth/forget_password", "auth_forgetpassword", 2, 8},
    {"POST", "/auth/resetpassword", "auth_resetpassword", 5, 15},
    {"POST", "/auth/reset_password", "auth_resetpassword", 5, 15},
    {"POST", "/auth/updatemypassword", "auth_updatemypassword", 5, 20},
    {"PATCH", "/auth/updatemypassword", "auth_updatemypassword", 5, 20},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(rate_rules)

BOOST_AUTO_TEST_CASE(each_auth_route_has_the_seed_limits_per_minute_and_per_hour) {
    for (const auto& e : kSeed) {
        BOOST_TEST_CONTEXT(e.method << " " << e.route) {
            auto rule = authRateRule(e.method, e.route, 60, 3600);
            BOOST_REQUIRE(rule.has_value());
            BOOST_TEST(rule->id == e.id);
            BOOST_REQUIRE(rule->limits.size() == 2u);
            BOOST_TEST(rule->limits[0].count == e.perMinute);
            BOOST_TEST(rule->limits[0].windowSeconds == 60);
            BOOST_TEST(rule->limits[1].count == e.perHour);
            BOOST_TEST(rule->limits[1].windowSeconds == 3600);
            BOOST_TEST(rule->limits[0].name != rule->limits[1].name);
        }
    }
}

BOOST_AUTO_TEST_CASE(aliases_share_counters_and_registration_routes_do_not) {
    auto id = [](const char* m, const char* r) { return authRateRule(m, r, 60, 3600)->id; };
    BOOST_TEST(id("POST", "/auth/forgetpassword") == id("POST", "/auth/forget_password"));
    BOOST_TEST(id("POST", "/auth/resetpassword") == id("POST", "/auth/reset_password"));
    BOOST_TEST(id("POST", "/auth/updatemypassword") == id("PATCH", "/auth/updatemypassword"));
    std::set<std::string> registration{id("POST", "/auth/register"), id("POST", "/auth/register/patient"),
                                       id("POST", "/auth/register/doctor"), id("POST", "/auth/register/caregiver")};
    BOOST_TEST(registration.size() == 4u);
    std::set<std::string> all;
    for (const auto& e : kSeed) all.insert(authRateRule(e.method, e.route, 60, 3600)->id);
    BOOST_TEST(all.size() == 8u);
    BOOST_TEST(all.count(defaultRateRule(100, 3600).id) == 0u);
}

BOOST_AUTO_TEST_CASE(window_lengths_come_from_configuration_and_counts_do_not_change) {
    auto rule = authRateRule("POST", "/auth/login", 2, 5);
    BOOST_REQUIRE(rule.has_value());
    BOOST_TEST(rule->limits[0].windowSeconds == 2);
    BOOST_TEST(rule->limits[1].windowSeconds == 5);
    BOOST_TEST(rule->limits[0].count == 5);
    BOOST_TEST(rule->limits[1].count == 25);
}

BOOST_AUTO_TEST_CASE(other_routes_and_methods_have_no_auth_rule) {
    BOOST_TEST(!authRateRule("GET", "/auth/login", 60, 3600).has_value());
    BOOST_TEST(!authRateRule("PATCH", "/auth/login", 60, 3600).has_value());
    BOOST_TEST(!authRateRule("GET", "/auth/updatemypassword", 60, 3600).has_value());
    BOOST_TEST(!authRateRule("POST", "/auth/logout", 60, 3600).has_value());
    BOOST_TEST(!authRateRule("POST", "/auth/login/", 60, 3600).has_value());
    BOOST_TEST(!authRateRule("POST", "/", 60, 3600).has_value());
}

BOOST_AUTO_TEST_CASE(the_default_rule_is_rate_limit_per_hour_with_no_minute_limit) {
    auto rule = defaultRateRule(100, 3600);
    BOOST_REQUIRE(rule.limits.size() == 1u);
    BOOST_TEST(rule.limits[0].count == 100);
    BOOST_TEST(rule.limits[0].windowSeconds == 3600);
    auto custom = defaultRateRule(7, 120);
    BOOST_TEST(custom.limits[0].count == 7);
    BOOST_TEST(custom.limits[0].windowSeconds == 120);
}

BOOST_AUTO_TEST_CASE(ipv4_clients_are_keyed_by_their_full_address) {
    BOOST_TEST(rateClientKey("203.0.113.77") == "203.0.113.77");
    BOOST_TEST(rateClientKey("203.0.113.78") != rateClientKey("203.0.113.77"));
    BOOST_TEST(rateClientKey("::ffff:203.0.113.77") == "203.0.113.77");
}

BOOST_AUTO_TEST_CASE(ipv6_clients_are_keyed_by_their_64_so_one_host_cannot_rotate_addresses) {
    BOOST_TEST(rateClientKey("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64");
    BOOST_TEST(rateClientKey("2001:db8:1:2:ffff:ffff:ffff:ffff") == "2001:db8:1:2::/64");
    BOOST_TEST(rateClientKey("2001:DB8:1:2::1") == "2001:db8:1:2::/64");
    BOOST_TEST(rateClientKey("2001:db8:1:3::1") == "2001:db8:1:3::/64");
    BOOST_TEST(rateClientKey("::1") == "::/64");
}

BOOST_AUTO_TEST_CASE(unparseable_addresses_share_one_key) {
    BOOST_TEST(rateClientKey("") == "invalid");
    BOOST_TEST(rateClientKey("not-an-ip") == "invalid");
    BOOST_TEST(rateClientKey("203.0.113.77, 10.0.0.1") == "invalid");
}

BOOST_AUTO_TEST_SUITE_END()
