#include <boost/test/unit_test.hpp>

#include "http/encoding.hpp"
#include "http/errors.hpp"
#include "http/request.hpp"

using namespace medassist::http;

namespace {
Request makeRequest(std::map<std::string, std::string> params, std::string body = "", RequestLimits limits = {}) {
    auto data = std::make_shared<std::string>(std::move(body));
    auto pos = std::make_shared<std::size_t>(0);
    return Request(std::move(params),
                   [data, pos](char* buf, std::size_t n) {
                       std::size_t take = std::min(n, data->size() - *pos);
                       std::copy_n(data->data() + *pos, take, buf);
                       *pos += take;
                       return take;
                   },
                   limits);
}

Request post(const std::string& contentType, std::string body, RequestLimits limits = {}) {
    return makeRequest({{"REQUEST_METHOD", "POST"},
                        {"REQUEST_URI", "/submit"},
                        {"CONTENT_TYPE", contentType},
                        {"CONTENT_LENGTH", std::to_string(body.size())}},
                       std::move(body), limits);
}

int statusOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const HttpError& e) {
        return e.status();
    } catch (const ValidationError&) {
        return 422;
    }
    return 0;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(percent_decoding)

BOOST_AUTO_TEST_CASE(decodes_escapes_and_plus_in_forms_only) {
    BOOST_TEST(*percentDecode("a%20b+c", true) == "a b c");
    BOOST_TEST(*percentDecode("a%20b+c", false) == "a b+c");
    BOOST_TEST(*percentDecode("%C3%A8", true) == "\xC3\xA8");
}

BOOST_AUTO_TEST_CASE(rejects_truncated_or_non_hex_escapes) {
    BOOST_TEST(!percentDecode("%", true));
    BOOST_TEST(!percentDecode("abc%4", true));
    BOOST_TEST(!percentDecode("%zz", true));
    BOOST_TEST(!percentDecode("%4g", true));
}

BOOST_AUTO_TEST_CASE(utf8_validation) {
    BOOST_TEST(isValidUtf8("plain ascii"));
    BOOST_TEST(isValidUtf8("caff\xC3\xA8 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // è € 😀
    BOOST_TEST(!isValidUtf8("\xC3"));            // truncated
    BOOST_TEST(!isValidUtf8("\xC0\xAF"));        // overlong '/'
    BOOST_TEST(!isValidUtf8("\xED\xA0\x80"));    // surrogate
    BOOST_TEST(!isValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    BOOST_TEST(!isValidUtf8("\xFF"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(forms_and_query)

BOOST_AUTO_TEST_CASE(parses_pairs_in_order_with_repeats) {
    auto f = parseUrlEncoded("name=Anna+Rossi&tag=a&tag=b&empty=&flag", {});
    BOOST_TEST(*f.get("name") == "Anna Rossi");
    BOOST_TEST(f.getAll("tag").size() == 2u);
    BOOST_TEST(f.getAll("tag")[1] == "b");
    BOOST_TEST(*f.get("empty") == "");
    BOOST_TEST(f.has("flag"));
    BOOST_TEST(!f.has("missing"));
}

BOOST_AUTO_TEST_CASE(non_ascii_text_survives) {
    auto f = parseUrlEncoded("city=K%C3%B8benhavn&note=%E6%97%A5%E6%9C%AC", {});
    BOOST_TEST(*f.get("city") == "K\xC3\xB8" "benhavn");
    BOOST_TEST(*f.get("note") == "\xE6\x97\xA5\xE6\x9C\xAC");
}

BOOST_AUTO_TEST_CASE(malformed_percent_encoding_is_400) {
    BOOST_TEST(statusOf([] { parseUrlEncoded("a=%E0%A4%A", {}); }) == 400);
    BOOST_TEST(statusOf([] { parseUrlEncoded("a%=1", {}); }) == 400);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_400) {
    BOOST_TEST(statusOf([] { parseUrlEncoded("a=%C3%28", {}); }) == 400);
    BOOST_TEST(statusOf([] { parseUrlEncoded("%FF=1", {}); }) == 400);
}

BOOST_AUTO_TEST_CASE(an_oversize_value_is_422_naming_the_field) {
    RequestLimits limits;
    limits.maxFieldBytes = 10;
    try {
        parseUrlEncoded("short=ok&long=" + std::string(11, 'x'), limits);
        BOOST_FAIL("expected ValidationError");
    } catch (const ValidationError& e) {
        BOOST_TEST(e.errors().size() == 1u);
        BOOST_TEST(e.errors()[0].field == "long");
        BOOST_TEST(e.errors()[0].reason.msgid.find("longer than 10") != std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(too_many_fields_is_413) {
    RequestLimits limits;
    limits.maxFields = 3;
    BOOST_TEST(statusOf([&] { parseUrlEncoded("a=1&b=2&c=3&d=4", limits); }) == 413);
}

BOOST_AUTO_TEST_CASE(request_query_comes_from_the_uri) {
    auto r = makeRequest({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/slots?from=2026-03-01&q=caf%C3%A9"}});
    BOOST_TEST(r.path() == "/slots");
    BOOST_TEST(*r.query().get("q") == "caf\xC3\xA9");
}

BOOST_AUTO_TEST_CASE(malformed_path_is_remembered_as_empty) {
    BOOST_TEST(makeRequest({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/a%zz"}}).path().empty());
    BOOST_TEST(makeRequest({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/a%FF"}}).path().empty());
    BOOST_TEST(makeRequest({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/a%00b"}}).path().empty());
    BOOST_TEST(makeRequest({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/appointments/%C3%A8"}}).path() ==
               "/appointments/\xC3\xA8");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cookies)

BOOST_AUTO_TEST_CASE(parses_pairs_trimmed_and_unquoted) {
    auto c = parseCookies("a=1; b = two ;c=\"quoted\"");
    BOOST_TEST(c.at("a") == "1");
    BOOST_TEST(c.at("b") == "two");
    BOOST_TEST(c.at("c") == "quoted");
}

BOOST_AUTO_TEST_CASE(first_occurrence_wins_and_garbage_is_skipped) {
    auto c = parseCookies("__Host-session=first; junk; =novalue; bad name=x; __Host-session=second");
    BOOST_TEST(c.at("__Host-session") == "first");
    BOOST_TEST(c.size() == 1u);
}

BOOST_AUTO_TEST_CASE(request_reads_the_cookie_header) {
    auto r = makeRequest({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/"}, {"HTTP_COOKIE", "x=1; y=2"}});
    BOOST_TEST(r.cookies().at("y") == "2");
    BOOST_TEST(*r.header("cookie") == "x=1; y=2");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(bodies)

BOOST_AUTO_TEST_CASE(form_body_is_parsed) {
    auto r = post("application/x-www-form-urlencoded; charset=UTF-8", "email=a%40b.example&name=Zo%C3%AB");
    BOOST_TEST(*r.form().get("email") == "a@b.example");
    BOOST_TEST(*r.form().get("name") == "Zo\xC3\xAB");
}

BOOST_AUTO_TEST_CASE(body_over_the_cap_is_413_by_length_or_by_bytes) {
    RequestLimits limits;
    limits.maxBodyBytes = 16;
    BOOST_TEST(statusOf([&] { post("application/x-www-form-urlencoded", std::string(17, 'a'), limits).form(); }) == 413);
    // A lying Content-Length does not get past the cap either.
    auto r = makeRequest({{"REQUEST_METHOD", "POST"}, {"REQUEST_URI", "/"},
                          {"CONTENT_TYPE", "application/json"}, {"CONTENT_LENGTH", "2"}},
                         std::string(100, ' '), limits);
    BOOST_TEST(statusOf([&] { r.body(); }) == 413);
}

BOOST_AUTO_TEST_CASE(wrong_content_type_is_415) {
    BOOST_TEST(statusOf([] { post("text/plain", "a=1").form(); }) == 415);
    BOOST_TEST(statusOf([] { post("application/x-www-form-urlencoded", "{}").json(); }) == 415);
}

BOOST_AUTO_TEST_CASE(json_object_is_parsed) {
    auto r = post("application/json", R"({"message":"Buongiorno, \u00e8 libero?","n":3})");
    auto obj = r.json();
    BOOST_TEST(obj->getValue<std::string>("message") == "Buongiorno, \xC3\xA8 libero?");
    BOOST_TEST(obj->getValue<int>("n") == 3);
}

BOOST_AUTO_TEST_CASE(malformed_json_is_400_and_non_object_is_422) {
    BOOST_TEST(statusOf([] { post("application/json", "{\"a\":").json(); }) == 400);
    BOOST_TEST(statusOf([] { post("application/json", "not json").json(); }) == 400);
    BOOST_TEST(statusOf([] { post("application/json", "[1,2]").json(); }) == 422);
    BOOST_TEST(statusOf([] { post("application/json", "[]").json(); }) == 422);
}

BOOST_AUTO_TEST_CASE(json_with_invalid_utf8_is_400) {
    BOOST_TEST(statusOf([] { post("application/json", "{\"a\":\"\xC3\x28\"}").json(); }) == 400);
}

BOOST_AUTO_TEST_CASE(deeply_nested_json_is_rejected) {
    std::string deep(1000, '[');
    deep = "{\"a\":" + deep + std::string(1000, ']') + "}";
    BOOST_TEST(statusOf([&] { post("application/json", deep).json(); }) == 400);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(request_identity)

BOOST_AUTO_TEST_CASE(request_id_from_nginx_is_kept_and_a_bad_one_replaced) {
    auto good = makeRequest({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/"}, {"REQUEST_ID", "0123abcd"}});
    BOOST_TEST(good.requestId() == "0123abcd");
    auto bad = makeRequest({{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/"}, {"REQUEST_ID", "<script>"}});
    BOOST_TEST(bad.requestId() != "<script>");
    BOOST_TEST(bad.requestId().size() == 36u);
}

BOOST_AUTO_TEST_SUITE_END()
