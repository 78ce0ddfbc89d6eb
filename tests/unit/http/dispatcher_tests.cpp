#include <boost/test/unit_test.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>

#include "common/unavailable.hpp"
#include "http/dispatcher.hpp"
#include "http/errors.hpp"
#include "http/router.hpp"
#include "http/view.hpp"

using namespace medassist::http;

namespace {

// Keeps every message text in memory instead of writing it anywhere.
class CaptureChannel : public Poco::Channel {
public:
    void log(const Poco::Message& msg) override {
        std::lock_guard<std::mutex> lock(mutex_);
        lines_.push_back(msg.getText());
    }
    std::vector<std::string> lines() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return lines_;
    }

private:
    mutable std::mutex mutex_;
    std::vector<std::string> lines_;
};

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

Request makeRequest(std::map<std::string, std::string> params, std::string body = "") {
    auto data = std::make_shared<std::string>(std::move(body));
    auto pos = std::make_shared<std::size_t>(0);
    return Request(std::move(params), [data, pos](char* buf, std::size_t n) {
        std::size_t take = std::min(n, data->size() - *pos);
        std::copy_n(data->data() + *pos, take, buf);
        *pos += take;
        return take;
    });
}

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
    Poco::JSON::Parser parser;
    return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

// A Dispatcher wired to a real View and to loggers that capture what they receive.
struct Fixture {
    medassist::i18n::Catalogs catalogs{MEDASSIST_LOCALE_DIR};
    View view{MEDASSIST_SOURCE_DIR "/templates", SiteInfo{"Test Practice", "112", "en"}, catalogs};
    Router router;
    Poco::AutoPtr<CaptureChannel> accessChannel{new CaptureChannel};
    Poco::AutoPtr<CaptureChannel> appChannel{new CaptureChannel};
    Poco::Logger& accessLog;
    Poco::Logger& appLog;
    Dispatcher dispatcher{router, view, accessLog, appLog};

    static std::string uniqueName(const char* base) {
        static std::atomic<int> counter{0};
        return std::string("test.") + base + "." + std::to_string(++counter);
    }

    Fixture()
        : accessLog(Poco::Logger::get(uniqueName("access"))), appLog(Poco::Logger::get(uniqueName("app"))) {
        accessLog.setChannel(accessChannel);
        accessLog.setLevel(Poco::Message::PRIO_INFORMATION);
        appLog.setChannel(appChannel);
        appLog.setLevel(Poco::Message::PRIO_INFORMATION);

        router.get("/", [](Request&) { return Response::html(200, "<p>home page body</p>"); });
        router.get("/appointments/{id}", [](Request& r) {
            return Response::html(200, "<p>appointment " + r.pathParam("id") + "</p>");
        });
        router.post("/appointments/{id}", [](Request&) { return Response::redirect("/appointments"); });
        router.get("/boom", [](Request&) -> Response { throw std::runtime_error("secret detail"); });
        router.get("/api/boom", [](Request&) -> Response { throw std::runtime_error("secret detail"); });
        router.get("/db", [](Request&) -> Response { throw medassist::Unavailable("db connection refused"); });
        router.get("/api/db", [](Request&) -> Response { throw medassist::Unavailable("db connection refused"); });
        router.post("/api/x", [](Request&) -> Response {
            throw ValidationError({{"email", "is not an email address"}, {"date", "is in the past"}});
        });
        // As the gate does once it knows the caller (the account's saved language first).
        router.post("/api/italian", [](Request& r) -> Response {
            r.setLanguage("it");
            throw ValidationError(std::vector<FieldError>{{"start", medassist::i18n::N_("This field is required.")}});
        });
        router.post("/api/english", [](Request&) -> Response {
            throw ValidationError(std::vector<FieldError>{{"start", medassist::i18n::N_("This field is required.")}});
        });
        router.get("/api/italian/missing", [](Request& r) -> Response {
            r.setLanguage("it");
            throw HttpError(404, medassist::i18n::N_("No such appointment."));
        });
        router.post("/form", [](Request&) -> Response { throw ValidationError(std::vector<FieldError>{{"email", "is not an email address"}}); });
        router.post("/upload", [](Request&) -> Response { throw HttpError(413, "body too large"); });
        router.post("/api/upload", [](Request&) -> Response { throw HttpError(413, "body too large"); });
        router.get("/throws-int", [](Request&) -> Response { throw 42; });
        router.get("/cached", [](Request&) {
            auto r = Response::html(200, "cached");
            r.setHeader("Cache-Control", "public, max-age=60");
            return r;
        });
    }

    Response send(const std::string& method, const std::string& uri, const std::string& requestId = "req-0001") {
        auto request = makeRequest({{"REQUEST_METHOD", method}, {"REQUEST_URI", uri}, {"REQUEST_ID", requestId}});
        return dispatcher.handle(request);
    }

    std::string appLogText() const {
        std::string all;
        for (const auto& l : appChannel->lines()) all += l + "\n";
        return all;
    }
};

std::string header(const Response& r, const std::string& name) {
    const std::string* v = r.findHeader(name);
    return v ? *v : std::string("<absent>");
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(dispatcher, Fixture)

BOOST_AUTO_TEST_CASE(a_found_route_answers_with_its_response) {
    auto r = send("GET", "/appointments/42");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body == "<p>appointment 42</p>");
}

BOOST_AUTO_TEST_CASE(an_unexpected_exception_is_a_500_page_with_the_reference_only) {
    auto r = send("GET", "/boom", "req-boom-1");
    BOOST_TEST(r.status == 500);
    BOOST_TEST(contains(header(r, "Content-Type"), "text/html"));
    BOOST_TEST(contains(r.body, "<!doctype html>"));
    BOOST_TEST(contains(r.body, "Something went wrong"));
    BOOST_TEST(contains(r.body, "Reference: req-boom-1"));
    BOOST_TEST(!contains(r.body, "secret detail"));

    auto log = appLogText();
    BOOST_TEST(contains(log, "req-boom-1"));
    BOOST_TEST(contains(log, "secret detail"));
}

BOOST_AUTO_TEST_CASE(an_unexpected_exception_under_api_is_json_without_the_detail) {
    auto r = send("GET", "/api/boom", "req-boom-2");
    BOOST_TEST(r.status == 500);
    BOOST_TEST(header(r, "Content-Type") == "application/json");
    BOOST_TEST(!contains(r.body, "secret detail"));
    auto obj = parseObject(r.body);
    BOOST_TEST(obj->getValue<std::string>("request_id") == "req-boom-2");
    BOOST_TEST(obj->getValue<std::string>("error") == "Something went wrong");
    BOOST_TEST(!obj->has("reason"));

    auto log = appLogText();
    BOOST_TEST(contains(log, "req-boom-2"));
    BOOST_TEST(contains(log, "secret detail"));
}

BOOST_AUTO_TEST_CASE(a_non_standard_exception_is_still_a_500_and_is_logged) {
    auto r = send("GET", "/throws-int", "req-int");
    BOOST_TEST(r.status == 500);
    BOOST_TEST(contains(r.body, "Reference: req-int"));
    BOOST_TEST(contains(appLogText(), "req-int"));
}

BOOST_AUTO_TEST_CASE(an_unavailable_dependency_is_503_with_retry_after) {
    auto r = send("GET", "/db", "req-db-1");
    BOOST_TEST(r.status == 503);
    BOOST_TEST(header(r, "Retry-After") == "5");
    BOOST_TEST(contains(r.body, "Service temporarily unavailable"));
    BOOST_TEST(contains(r.body, "Reference: req-db-1"));
    BOOST_TEST(contains(r.body, "Please try again in 5 seconds."));
    BOOST_TEST(!contains(r.body, "db connection refused"));
    BOOST_TEST(contains(appLogText(), "req-db-1"));

    auto api = send("GET", "/api/db", "req-db-2");
    BOOST_TEST(api.status == 503);
    BOOST_TEST(header(api, "Retry-After") == "5");
    BOOST_TEST(!contains(api.body, "db connection refused"));
    BOOST_TEST(parseObject(api.body)->getValue<std::string>("request_id") == "req-db-2");
}

BOOST_AUTO_TEST_CASE(a_validation_error_under_api_is_422_json_listing_each_field) {
    auto r = send("POST", "/api/x");
    BOOST_TEST(r.status == 422);
    BOOST_TEST(header(r, "Content-Type") == "application/json");
    auto obj = parseObject(r.body);
    auto errors = obj->getArray("errors");
    BOOST_REQUIRE(errors);
    BOOST_REQUIRE(errors->size() == 2u);
    auto first = errors->getObject(0);
    BOOST_TEST(first->getValue<std::string>("field") == "email");
    BOOST_TEST(first->getValue<std::string>("reason") == "is not an email address");
    auto second = errors->getObject(1);
    BOOST_TEST(second->getValue<std::string>("field") == "date");
    BOOST_TEST(second->getValue<std::string>("reason") == "is in the past");
}

// Issue 17: the JSON answer's words are in the reader's language (here the one the gate set on
// the request, as for a Bearer client whose account saved Italian); its code never changes.
BOOST_AUTO_TEST_CASE(a_json_error_says_its_words_in_the_readers_language_and_keeps_its_code) {
    auto it = send("POST", "/api/italian");
    BOOST_TEST(it.status == 422);
    auto obj = parseObject(it.body);
    BOOST_TEST(obj->getValue<std::string>("error") == "Controlli i dati inseriti");
    BOOST_TEST(obj->getValue<std::string>("code") == "INVALID_INPUT");
    BOOST_TEST(obj->getArray("errors")->getObject(0)->getValue<std::string>("field") == "start");
    BOOST_TEST(obj->getArray("errors")->getObject(0)->getValue<std::string>("reason") == "Questo campo è obbligatorio.");

    auto en = parseObject(send("POST", "/api/english").body);
    BOOST_TEST(en->getValue<std::string>("error") == "Please check your input");
    BOOST_TEST(en->getValue<std::string>("code") == "INVALID_INPUT");
    BOOST_TEST(en->getArray("errors")->getObject(0)->getValue<std::string>("reason") == "This field is required.");

    auto missing = send("GET", "/api/italian/missing");
    BOOST_TEST(missing.status == 404);
    auto m = parseObject(missing.body);
    BOOST_TEST(m->getValue<std::string>("code") == "NOT_FOUND");
    BOOST_TEST(m->getValue<std::string>("error") == "Pagina non trovata");
    BOOST_TEST(m->getValue<std::string>("reason") == "Appuntamento inesistente.");
}

// A path no route serves never reaches the gate: the dispatcher asks it for the caller's
// language (main.cpp wires Gate::readerLanguage: the account's saved choice first).
BOOST_AUTO_TEST_CASE(an_unknown_api_path_answers_in_the_language_the_reader_resolver_finds) {
    dispatcher.setReaderLanguage([](const Request&) { return std::string("it"); });
    auto r = send("GET", "/api/no/such/thing");
    BOOST_TEST(r.status == 404);
    auto obj = parseObject(r.body);
    BOOST_TEST(obj->getValue<std::string>("error") == "Pagina non trovata");
    BOOST_TEST(obj->getValue<std::string>("code") == "NOT_FOUND");
    BOOST_TEST(contains(send("GET", "/no/such/page").body, "<html lang=\"it\""));
}

// The faults suite caught it: during a database outage the reader's language cannot be read,
// and the 503 must still be answered (before, the exception ended both app processes).
BOOST_AUTO_TEST_CASE(a_reader_language_that_cannot_be_read_still_gives_the_503) {
    dispatcher.setReaderLanguage(
        [](const Request&) -> std::string { throw medassist::Unavailable("database unavailable (error 2006)"); });
    auto api = send("GET", "/api/db");
    BOOST_TEST(api.status == 503);
    BOOST_TEST(parseObject(api.body)->getValue<std::string>("code") == "UNAVAILABLE");
    auto page = send("GET", "/db");
    BOOST_TEST(page.status == 503);
    BOOST_TEST(contains(page.body, "<html lang="));
    BOOST_TEST(send("GET", "/api/no/such/thing").status == 404);
}

BOOST_AUTO_TEST_CASE(a_validation_error_on_a_page_is_a_422_page) {
    auto r = send("POST", "/form", "req-form");
    BOOST_TEST(r.status == 422);
    BOOST_TEST(contains(r.body, "Please check your input"));
    BOOST_TEST(contains(r.body, "Reference: req-form"));
}

BOOST_AUTO_TEST_CASE(an_http_error_keeps_its_status) {
    auto page = send("POST", "/upload");
    BOOST_TEST(page.status == 413);
    BOOST_TEST(contains(page.body, "Too much data"));

    auto api = send("POST", "/api/upload");
    BOOST_TEST(api.status == 413);
    auto obj = parseObject(api.body);
    BOOST_TEST(obj->getValue<std::string>("error") == "Too much data");
    BOOST_TEST(obj->getValue<std::string>("code") == "PAYLOAD_TOO_LARGE");
    BOOST_TEST(obj->getValue<std::string>("reason") == "body too large");
}

BOOST_AUTO_TEST_CASE(an_unknown_path_is_a_404_page) {
    auto r = send("GET", "/no/such/page", "req-404");
    BOOST_TEST(r.status == 404);
    BOOST_TEST(contains(r.body, "<!doctype html>"));
    BOOST_TEST(contains(r.body, "Page not found"));
    BOOST_TEST(contains(r.body, "Test Practice"));
    BOOST_TEST(contains(r.body, "Reference: req-404"));
}

BOOST_AUTO_TEST_CASE(a_malformed_path_is_400) {
    auto r = send("GET", "/a%zz");
    BOOST_TEST(r.status == 400);
    BOOST_TEST(contains(r.body, "Bad request"));
}

BOOST_AUTO_TEST_CASE(a_wrong_method_is_405_with_allow) {
    auto r = send("DELETE", "/appointments/42");
    BOOST_TEST(r.status == 405);
    BOOST_TEST(header(r, "Allow") == "GET, HEAD, POST");
    BOOST_TEST(contains(r.body, "Method not allowed"));
    BOOST_TEST(contains(r.body, "Allowed methods: GET, HEAD, POST"));

    auto api = send("GET", "/api/x");
    BOOST_TEST(api.status == 405);
    BOOST_TEST(header(api, "Allow") == "POST");
    BOOST_TEST(parseObject(api.body)->getValue<std::string>("error") == "Method not allowed");
}

BOOST_AUTO_TEST_CASE(head_has_the_get_status_and_an_empty_body) {
    auto get = send("GET", "/");
    BOOST_TEST(!get.body.empty());
    auto head = send("HEAD", "/");
    BOOST_TEST(head.status == 200);
    BOOST_TEST(head.body.empty());
    BOOST_TEST(header(head, "Content-Type") == header(get, "Content-Type"));

    auto missing = send("HEAD", "/no/such/page");
    BOOST_TEST(missing.status == 404);
    BOOST_TEST(missing.body.empty());
}

BOOST_AUTO_TEST_CASE(every_response_is_no_store_and_carries_the_request_id) {
    struct Case {
        const char* method;
        const char* uri;
    };
    const Case cases[] = {{"GET", "/"},          {"HEAD", "/"},         {"GET", "/appointments/42"},
                          {"POST", "/appointments/42"}, {"GET", "/boom"},     {"GET", "/api/boom"},
                          {"GET", "/db"},        {"POST", "/api/x"},    {"POST", "/upload"},
                          {"GET", "/nope"},      {"PUT", "/"},          {"GET", "/a%zz"}};
    int n = 0;
    for (const auto& c : cases) {
        const std::string id = "req-every-" + std::to_string(++n);
        auto r = send(c.method, c.uri, id);
        BOOST_TEST(header(r, "Cache-Control") == "no-store", c.method << " " << c.uri);
        BOOST_TEST(header(r, "X-Request-Id") == id, c.method << " " << c.uri);
    }
}

BOOST_AUTO_TEST_CASE(a_route_may_choose_its_own_cache_control) {
    auto r = send("GET", "/cached");
    BOOST_TEST(header(r, "Cache-Control") == "public, max-age=60");
    BOOST_TEST(header(r, "X-Request-Id") == "req-0001");
}

BOOST_AUTO_TEST_CASE(a_bad_request_id_is_replaced_everywhere) {
    auto r = send("GET", "/boom", "<script>");
    const std::string id = header(r, "X-Request-Id");
    BOOST_TEST(id != "<script>");
    BOOST_TEST(id.size() == 36u);
    BOOST_TEST(contains(r.body, "Reference: " + id));
    BOOST_TEST(!contains(r.body, "<script>"));
    auto lines = accessChannel->lines();
    BOOST_REQUIRE(lines.size() == 1u);
    BOOST_TEST(parseObject(lines[0])->getValue<std::string>("request_id") == id);
}

BOOST_AUTO_TEST_CASE(each_request_adds_one_json_access_line) {
    auto r = send("GET", "/appointments/42?email=someone@example.com", "req-log-1");
    BOOST_TEST(r.status == 200);
    auto lines = accessChannel->lines();
    BOOST_REQUIRE(lines.size() == 1u);
    const auto& line = lines[0];
    BOOST_TEST(!contains(line, "someone@example.com"));
    BOOST_TEST(!contains(line, "email="));
    BOOST_TEST(!contains(line, "/appointments/42"));

    auto obj = parseObject(line);
    for (const char* key : {"time", "request_id", "method", "route", "status", "latency_us"})
        BOOST_TEST(obj->has(key), "access log line lacks " << key);
    BOOST_TEST(obj->getValue<std::string>("request_id") == "req-log-1");
    BOOST_TEST(obj->getValue<std::string>("method") == "GET");
    BOOST_TEST(obj->getValue<std::string>("route") == "/appointments/{id}");
    BOOST_TEST(obj->getValue<int>("status") == 200);
    BOOST_TEST(obj->getValue<Poco::Int64>("latency_us") >= 0);
    BOOST_TEST(!obj->getValue<std::string>("time").empty());

    // Nothing about the request goes to the app log when all is well.
    BOOST_TEST(appChannel->lines().empty());
}

BOOST_AUTO_TEST_CASE(access_lines_record_the_final_status_and_route_of_each_outcome) {
    send("GET", "/boom", "req-a");
    send("DELETE", "/appointments/7", "req-b");
    send("GET", "/nope?token=abc123", "req-c");
    send("POST", "/api/x", "req-d");
    send("HEAD", "/appointments/7", "req-e");
    auto lines = accessChannel->lines();
    BOOST_REQUIRE(lines.size() == 5u);

    struct Expect {
        const char* id;
        const char* method;
        const char* route;
        int status;
    };
    const Expect expected[] = {{"req-a", "GET", "/boom", 500},
                               {"req-b", "DELETE", "/appointments/{id}", 405},
                               {"req-c", "GET", "(unmatched)", 404},
                               {"req-d", "POST", "/api/x", 422},
                               {"req-e", "HEAD", "/appointments/{id}", 200}};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto obj = parseObject(lines[i]);
        BOOST_TEST(obj->getValue<std::string>("request_id") == expected[i].id);
        BOOST_TEST(obj->getValue<std::string>("method") == expected[i].method);
        BOOST_TEST(obj->getValue<std::string>("route") == expected[i].route);
        BOOST_TEST(obj->getValue<int>("status") == expected[i].status);
        BOOST_TEST(!contains(lines[i], "secret detail"));
        BOOST_TEST(!contains(lines[i], "abc123"));
    }
}

BOOST_AUTO_TEST_SUITE_END()
