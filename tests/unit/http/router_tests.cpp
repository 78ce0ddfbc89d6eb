#include <boost/test/unit_test.hpp>

#include "http/router.hpp"

using namespace medassist::http;

namespace {
using Kind = Router::Match::Kind;

// Each handler answers with a distinct status, so a test can tell which route was picked.
Handler answer(int status) {
    return [status](Request&) { return Response::empty(status); };
}

Request anyRequest() {
    return Request({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/"}}, [](char*, std::size_t) { return std::size_t{0}; });
}

int statusOf(const Router::Match& m) {
    BOOST_REQUIRE(m.kind == Kind::Found);
    BOOST_REQUIRE(m.route != nullptr);
    auto r = anyRequest();
    return m.route->handler(r).status;
}

Router appRouter() {
    Router router;
    router.get("/", answer(200));
    router.get("/appointments", answer(201));
    router.post("/appointments", answer(202));
    router.get("/appointments/{id}", answer(203));
    router.get("/appointments/{id}/ics", answer(204));
    router.post("/appointments/{id}/cancel", answer(205));
    router.add("DELETE", "/appointments/{id}", answer(206));
    router.get("/doctors/{doctor}/slots/{date}", answer(207));
    return router;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(router)

BOOST_AUTO_TEST_CASE(exact_paths_match_their_own_route) {
    auto router = appRouter();
    auto root = router.match("GET", "/");
    BOOST_TEST(statusOf(root) == 200);
    BOOST_TEST(root.pattern == "/");
    BOOST_TEST(root.params.empty());

    auto list = router.match("GET", "/appointments");
    BOOST_TEST(statusOf(list) == 201);
    BOOST_TEST(list.pattern == "/appointments");

    auto create = router.match("POST", "/appointments");
    BOOST_TEST(statusOf(create) == 202);
}

BOOST_AUTO_TEST_CASE(parameters_are_extracted_by_name) {
    auto router = appRouter();
    auto ics = router.match("GET", "/appointments/42/ics");
    BOOST_TEST(statusOf(ics) == 204);
    BOOST_TEST(ics.pattern == "/appointments/{id}/ics");
    BOOST_TEST(ics.params.size() == 1u);
    BOOST_TEST(ics.params.at("id") == "42");

    auto one = router.match("GET", "/appointments/a1b2-c3");
    BOOST_TEST(statusOf(one) == 203);
    BOOST_TEST(one.params.at("id") == "a1b2-c3");

    auto slots = router.match("GET", "/doctors/rossi/slots/2026-03-01");
    BOOST_TEST(statusOf(slots) == 207);
    BOOST_TEST(slots.params.at("doctor") == "rossi");
    BOOST_TEST(slots.params.at("date") == "2026-03-01");
}

BOOST_AUTO_TEST_CASE(parameter_values_keep_decoded_non_ascii_text) {
    auto router = appRouter();
    auto m = router.match("GET", "/appointments/\xC3\xA8");
    BOOST_TEST(statusOf(m) == 203);
    BOOST_TEST(m.params.at("id") == "\xC3\xA8");
}

BOOST_AUTO_TEST_CASE(an_empty_segment_does_not_fill_a_parameter) {
    auto router = appRouter();
    BOOST_TEST((router.match("GET", "/appointments//ics").kind == Kind::NotFound));
    // "/appointments/" has one empty segment after "appointments": it is not "/appointments/{id}".
    BOOST_TEST((router.match("GET", "/appointments/").kind == Kind::NotFound));
    BOOST_TEST((router.match("GET", "/doctors//slots/2026-03-01").kind == Kind::NotFound));
}

BOOST_AUTO_TEST_CASE(unknown_paths_are_not_found) {
    auto router = appRouter();
    for (const char* path : {"/nope", "/appointments/42/ics/extra", "/appointment", "/APPOINTMENTS", "/doctors/x"}) {
        auto m = router.match("GET", path);
        BOOST_TEST((m.kind == Kind::NotFound), path);
        BOOST_TEST(m.route == nullptr);
        BOOST_TEST(m.allow.empty());
    }
}

BOOST_AUTO_TEST_CASE(paths_that_do_not_start_with_a_slash_are_not_found) {
    auto router = appRouter();
    BOOST_TEST((router.match("GET", "").kind == Kind::NotFound));
    BOOST_TEST((router.match("GET", "appointments").kind == Kind::NotFound));
}

BOOST_AUTO_TEST_CASE(a_known_path_with_another_method_is_405_with_sorted_allow) {
    auto router = appRouter();
    auto m = router.match("PUT", "/appointments");
    BOOST_TEST((m.kind == Kind::MethodNotAllowed));
    BOOST_TEST(m.route == nullptr);
    BOOST_TEST(m.allow == "GET, HEAD, POST");
    BOOST_TEST(m.pattern == "/appointments");

    auto one = router.match("POST", "/appointments/42");
    BOOST_TEST((one.kind == Kind::MethodNotAllowed));
    BOOST_TEST(one.allow == "DELETE, GET, HEAD");
    BOOST_TEST(one.pattern == "/appointments/{id}");

    // A POST-only route offers neither GET nor HEAD.
    auto cancel = router.match("GET", "/appointments/42/cancel");
    BOOST_TEST((cancel.kind == Kind::MethodNotAllowed));
    BOOST_TEST(cancel.allow == "POST");
    BOOST_TEST(cancel.pattern == "/appointments/{id}/cancel");
}

BOOST_AUTO_TEST_CASE(methods_are_case_sensitive) {
    auto router = appRouter();
    auto m = router.match("get", "/appointments");
    BOOST_TEST((m.kind == Kind::MethodNotAllowed));
}

BOOST_AUTO_TEST_CASE(head_is_served_by_the_get_route) {
    auto router = appRouter();
    auto m = router.match("HEAD", "/appointments/7/ics");
    BOOST_TEST(statusOf(m) == 204);
    BOOST_TEST(m.params.at("id") == "7");

    // HEAD on a POST-only path is not allowed.
    auto cancel = router.match("HEAD", "/appointments/7/cancel");
    BOOST_TEST((cancel.kind == Kind::MethodNotAllowed));
    BOOST_TEST(cancel.allow == "POST");
}

BOOST_AUTO_TEST_CASE(a_trailing_slash_is_a_different_path) {
    Router router;
    router.get("/about", answer(200));
    BOOST_TEST(statusOf(router.match("GET", "/about")) == 200);
    BOOST_TEST((router.match("GET", "/about/").kind == Kind::NotFound));

    Router slashed;
    slashed.get("/about/", answer(200));
    BOOST_TEST(statusOf(slashed.match("GET", "/about/")) == 200);
    BOOST_TEST((slashed.match("GET", "/about").kind == Kind::NotFound));
}

BOOST_AUTO_TEST_CASE(literal_routes_and_parameter_routes_coexist) {
    Router router;
    router.get("/appointments/new", answer(200));
    router.get("/appointments/{id}", answer(201));
    auto literal = router.match("GET", "/appointments/new");
    BOOST_TEST(statusOf(literal) == 200);
    BOOST_TEST(literal.params.empty());
    auto param = router.match("GET", "/appointments/9");
    BOOST_TEST(statusOf(param) == 201);
    BOOST_TEST(param.params.at("id") == "9");
}

BOOST_AUTO_TEST_CASE(a_pattern_must_start_with_a_slash) {
    Router router;
    BOOST_CHECK_THROW(router.get("appointments", answer(200)), std::invalid_argument);
    BOOST_CHECK_THROW(router.get("", answer(200)), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
