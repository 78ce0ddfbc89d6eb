// The foundation as a user meets it: over HTTPS through nginx, against the stack that
// scripts/test started (real MariaDB, real nginx, real TLS).
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "stack_client.hpp"

using namespace medassist::testing;

namespace {

void dbctl(const std::string& action) {
    BOOST_REQUIRE_MESSAGE(stackctl("MEDASSIST_TEST_DBCTL", action), "dbctl " << action << " failed");
}

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(RequireStack);

BOOST_AUTO_TEST_SUITE(foundation)

BOOST_AUTO_TEST_CASE(home_page_shows_the_practice_with_every_security_header) {
    auto r = https("GET", "/");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("content-type") == "text/html; charset=utf-8");
    BOOST_TEST(r.body.find("<h1>Aurora Medical Practice</h1>") != std::string::npos);
    BOOST_TEST(r.body.find("Opening hours") != std::string::npos);
    BOOST_TEST(r.body.find("08:00–19:00") != std::string::npos);  // from the demo seed in MariaDB
    BOOST_TEST(r.body.find("If this is an emergency, call 112 now.") != std::string::npos);
    BOOST_TEST(r.header("cache-control") == "no-store");
    BOOST_TEST(r.header("server") == "nginx");  // server_tokens off: no version
    expectSecurityHeaders(r);
}

BOOST_AUTO_TEST_CASE(head_of_home_has_no_body) {
    auto r = https("HEAD", "/");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body.empty());
}

BOOST_AUTO_TEST_CASE(unknown_path_gives_the_404_page_with_the_same_headers) {
    auto r = https("GET", "/no/such/page", {{"Accept", "text/html"}});
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.body.find("Page not found") != std::string::npos);
    BOOST_TEST(r.body.find("Reference: " + r.header("x-request-id")) != std::string::npos);
    expectSecurityHeaders(r);
}

BOOST_AUTO_TEST_CASE(malformed_path_is_a_400_page) {
    auto r = https("GET", "/bad%ZZpath");
    BOOST_TEST(r.status == 400);
    expectSecurityHeaders(r);
}

BOOST_AUTO_TEST_CASE(wrong_method_is_405_with_allow) {
    auto r = https("DELETE", "/");
    BOOST_TEST(r.status == 405);
    BOOST_TEST(r.header("allow") == "GET, HEAD");
    BOOST_TEST(r.body.find("Allowed methods: GET, HEAD") != std::string::npos);
    expectSecurityHeaders(r);
}

BOOST_AUTO_TEST_CASE(oversize_body_is_413_with_a_friendly_page) {
    auto r = https("POST", "/", {{"Content-Type", "application/x-www-form-urlencoded"}},
                   "note=" + std::string(70 * 1024, 'x'));
    BOOST_TEST(r.status == 413);
    BOOST_TEST(r.body.find("Too much data") != std::string::npos);
    expectSecurityHeaders(r);
}

BOOST_AUTO_TEST_CASE(healthz_reports_the_database) {
    auto r = https("GET", "/healthz");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("content-type") == "application/json");
    BOOST_TEST(r.body == R"({"status":"ok","db":"ok"})");
    expectSecurityHeaders(r);
}

BOOST_AUTO_TEST_CASE(plain_http_redirects_to_https) {
    auto r = send(env("MEDASSIST_TEST_HTTP_URL"), "GET", "/healthz?x=1");
    BOOST_TEST(r.status == 308);
    BOOST_TEST(r.header("location") == env("MEDASSIST_TEST_BASE_URL") + "/healthz?x=1");
}

BOOST_AUTO_TEST_CASE(static_css_is_served_by_nginx_with_the_headers) {
    auto r = https("GET", "/static/css/site.css");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("content-type") == "text/css");
    expectSecurityHeaders(r);
}

BOOST_AUTO_TEST_CASE(healthz_is_503_while_mariadb_is_stopped_and_recovers_without_an_app_restart) {
    BOOST_REQUIRE(https("GET", "/healthz").status == 200);  // the pool holds a live connection
    dbctl("stop");
    auto down = https("GET", "/healthz");
    BOOST_TEST(down.status == 503);
    BOOST_TEST(down.body == R"({"status":"degraded","db":"down"})");
    auto home = https("GET", "/", {{"Accept", "text/html"}});
    BOOST_TEST(home.status == 503);
    BOOST_TEST(home.body.find("Service temporarily unavailable") != std::string::npos);
    BOOST_TEST(home.header("retry-after") == "5");
    expectSecurityHeaders(home);
    dbctl("start");
    int status = 0;
    for (int i = 0; i < 50 && status != 200; ++i) {
        status = https("GET", "/healthz").status;
        if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    BOOST_TEST(status == 200);
    BOOST_TEST(https("GET", "/").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
