// The edge as a browser, an API client, an attacker and a TLS scanner meet it: nginx of the
// stack scripts/test started, in front of the real app. Every response kind carries the
// whole header set (the add_header inheritance trap is checked, not assumed), CORS follows
// the allowlist, the limits answer like the app, and old TLS is refused by the server.
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "stack_client.hpp"
#include "../../support/commands.hpp"
#include "../../support/temp_dir.hpp"

using namespace medassist::testing;
namespace fs = std::filesystem;

namespace {

using medassist::testing::readFile;
using medassist::testing::TempDir;

// Everything but a successful static file must never be stored by a browser or proxy.
void expectEdgeHeaders(const HttpResult& r) {
    expectSecurityHeaders(r);
    BOOST_TEST_CONTEXT("status " << r.status) { BOOST_TEST(r.header("cache-control") == "no-store"); }
}

void expectNoCorsHeaders(const HttpResult& r) {
    for (const auto& [name, value] : r.headers)
        BOOST_TEST(name.rfind("access-control-", 0) != 0, "unexpected " << name << ": " << value);
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string httpsPort() {
    std::string base = env("MEDASSIST_TEST_BASE_URL");
    return base.substr(base.rfind(':') + 1);
}

std::string ownOrigin() { return env("MEDASSIST_TEST_BASE_URL"); }

std::string varDir() { return env("MEDASSIST_TEST_VAR"); }

std::string shellQuote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

CommandResult run(const std::string& command) {
    auto r = runQuietly(command);
    BOOST_REQUIRE_MESSAGE(r.exitCode != -1, "cannot run " << command << ": " << r.output);
    return r;
}

// curl, for what the Poco client cannot do: HTTP/2, a chosen source address, more than 20 s.
// Writes the response's headers and body into dir, for curlResult to read.
std::string curlCommand(const TempDir& dir, const std::string& args, const std::string& path, int maxSeconds = 20) {
    std::string cmd = "curl -sS --max-time ";
    cmd += std::to_string(maxSeconds);
    for (const auto& [option, value] :
         std::vector<std::pair<std::string, std::string>>{{" --cacert ", env("MEDASSIST_TEST_CA")},
                                                          {" -D ", (dir.path / "headers").string()},
                                                          {" -o ", (dir.path / "body").string()}}) {
        cmd += option;
        cmd += shellQuote(value);
    }
    cmd += ' ';
    cmd += args;
    cmd += ' ';
    cmd += shellQuote(env("MEDASSIST_TEST_BASE_URL") + path);
    return cmd;
}

HttpResult curlResult(const TempDir& tmp) {
    HttpResult r;
    std::istringstream headers(readFile(tmp.path / "headers"));
    std::string line;
    while (std::getline(headers, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("HTTP/", 0) == 0) {
            r.status = std::stoi(line.substr(line.find(' ') + 1, 3));
            r.headers.clear();  // only the last response's headers
            continue;
        }
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        r.headers[name] = value;
    }
    r.body = readFile(tmp.path / "body");
    return r;
}

HttpResult curl(const std::string& args, const std::string& path, int maxSeconds = 20) {
    TempDir tmp;
    auto out = run(curlCommand(tmp, args, path, maxSeconds));
    BOOST_REQUIRE_MESSAGE(out.exitCode == 0, "curl failed: " << out.output);
    return curlResult(tmp);
}

// The value of a directive in one of the snippets the running nginx includes (found
// through its rendered nginx.conf), so the tests follow the configuration: e.g.
// snippetValue("limits.conf", "limit_conn medassist_conn") is "32".
std::string snippetValue(const std::string& snippet, const std::string& directive) {
    const auto conf = readFile(fs::path(varDir()) / "run" / "nginx" / "nginx.conf");
    std::string pattern = "include\\s+(\\S+/nginx/snippets/";
    pattern += std::regex_replace(snippet, std::regex("\\."), "\\.");
    pattern += ")\\s*;";
    const std::regex include(pattern);
    std::smatch m;
    BOOST_REQUIRE_MESSAGE(std::regex_search(conf, m, include), "the running nginx.conf does not include " << snippet);
    std::istringstream lines(readFile(m[1].str()));
    for (std::string line; std::getline(lines, line);) {
        auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line.compare(start, directive.size() + 1, directive + " ") != 0) continue;
        auto value = line.substr(start + directive.size() + 1);
        value = value.substr(0, value.find(';'));
        value.erase(0, value.find_first_not_of(' '));
        return value;
    }
    BOOST_FAIL(snippet << " has no " << directive);
    return "";
}

// A duration directive's value ("10s") in seconds.
int snippetSeconds(const std::string& snippet, const std::string& directive) {
    auto value = snippetValue(snippet, directive);
    BOOST_REQUIRE_MESSAGE(value.size() >= 2 && value.back() == 's', directive << " is " << value << ", not N s");
    return std::stoi(value.substr(0, value.size() - 1));
}

// A raw TLS connection to nginx, for clients no HTTP library plays: slow, silent or many.
Poco::Net::SecureStreamSocket rawTls() {
    Poco::Net::Context::Params params;
    params.verificationMode = Poco::Net::Context::VERIFY_NONE;
    static Poco::Net::Context::Ptr ctx(new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params));
    return Poco::Net::SecureStreamSocket(Poco::Net::SocketAddress("127.0.0.1", std::stoi(httpsPort())), ctx);
}

void sendAll(Poco::Net::SecureStreamSocket& socket, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        int n = socket.sendBytes(bytes.data() + sent, static_cast<int>(bytes.size() - sent));
        BOOST_REQUIRE(n > 0);
        sent += static_cast<std::size_t>(n);
    }
}

// Waits (up to timeout) for nginx to answer or drop a connection. What it answered, if
// anything; closed tells whether the connection ended (a close or a reset) after that.
struct RawOutcome {
    std::string received;
    bool closed = false;
    std::chrono::milliseconds waited{0};
};

RawOutcome awaitServer(Poco::Net::SecureStreamSocket& socket, int timeoutSeconds) {
    RawOutcome out;
    const auto started = std::chrono::steady_clock::now();
    const auto deadline = started + std::chrono::seconds(timeoutSeconds);
    char buf[4096];
    while (std::chrono::steady_clock::now() < deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        socket.setReceiveTimeout(Poco::Timespan(std::max<long>(1, left.count()) * 1000));
        int n = 0;
        try {
            n = socket.receiveBytes(buf, sizeof buf);
        } catch (const Poco::TimeoutException&) {
            break;
        } catch (const Poco::Exception&) {
            n = 0;  // reset_timedout_connection: a reset, not a polite close
        }
        if (n <= 0) {
            out.closed = true;
            break;
        }
        out.received.append(buf, static_cast<std::size_t>(n));
    }
    out.waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    return out;
}

// Polls nginx's error log for a line containing all of the needles (it is written just
// after the response went out).
bool errorLogHas(const std::vector<std::string>& needles) {
    const auto log = fs::path(varDir()) / "log" / "nginx-error.log";
    for (int i = 0; i < 50; ++i) {
        if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::istringstream lines(readFile(log));
        for (std::string line; std::getline(lines, line);) {
            bool all = true;
            for (const auto& n : needles) all = all && contains(line, n);
            if (all) return true;
        }
    }
    return false;
}

// A signed-in visitor of its own: a new patient registered through the JSON API from its
// own client address (the sign-up limits are per address).
struct SignedIn {
    std::string client;   // X-Forwarded-For
    std::string cookie;   // "__Host-session=..."

    std::map<std::string, std::string> headers(std::map<std::string, std::string> extra = {}) const {
        extra["X-Forwarded-For"] = client;
        extra["Cookie"] = cookie;
        return extra;
    }
};

SignedIn signUp() {
    SignedIn who{uniqueClientAddress(), ""};
    std::string email = "edge.";
    email += std::to_string(std::random_device{}());
    email += std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    email += "@example.org";
    std::string body = R"({"name":"Edge Tester","email":")";
    body += email;
    body += R"(","password":"orbit lantern meadow quietly 42"})";
    auto r = https("POST", "/auth/register", {{"Content-Type", "application/json"}, {"X-Forwarded-For", who.client}},
                   body);
    BOOST_REQUIRE_MESSAGE(r.status == 202, "registering gave " << r.status << ": " << r.body);
    auto confirmed = confirmEmailByStaff(email);
    BOOST_REQUIRE_MESSAGE(confirmed.exitCode == 0, "confirm-email: " << confirmed.output);
    r = https("POST", "/auth/login", {{"Content-Type", "application/json"}, {"X-Forwarded-For", who.client}},
              R"({"email":")" + email + R"(","password":"orbit lantern meadow quietly 42"})");
    BOOST_REQUIRE_MESSAGE(r.status == 200, "signing in gave " << r.status << ": " << r.body);
    for (const auto& c : r.setCookies)
        if (c.rfind("__Host-session=", 0) == 0 && c.rfind("__Host-session=;", 0) != 0) who.cookie = c.substr(0, c.find(';'));
    BOOST_REQUIRE_MESSAGE(!who.cookie.empty(), "no session cookie after signing in");
    return who;
}

// The CSRF token of the forms on a page the visitor sees.
std::string csrfTokenOf(const std::string& html) {
    const std::string marker = R"(name="csrf_token" value=")";
    auto at = html.find(marker);
    if (at == std::string::npos) return "";
    at += marker.size();
    return html.substr(at, html.find('"', at) - at);
}

void waitForTheApp() {
    for (int i = 0; i < 100; ++i) {
        try {
            if (https("GET", "/healthz").status == 200) return;
        } catch (...) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

// Freezes the app (SIGSTOP): its socket still accepts connections, so nginx waits for an
// answer until fastcgi_read_timeout. Thawed (SIGCONT) however the test ends.
struct FrozenApp {
    pid_t pid = 0;
    FrozenApp() {
        auto text = readFile(fs::path(varDir()) / "run" / "medassist.pid");
        pid = static_cast<pid_t>(std::atol(text.c_str()));
        BOOST_REQUIRE_MESSAGE(pid > 1, "no app pid in " << varDir() << "/run/medassist.pid");
        std::string procComm = "/proc/";
        procComm += std::to_string(pid);
        procComm += "/comm";
        auto comm = readFile(procComm);
        BOOST_REQUIRE_MESSAGE(comm.rfind("medassist-fcgi", 0) == 0, "pid " << pid << " is " << comm);
        BOOST_REQUIRE(::kill(pid, SIGSTOP) == 0);
    }
    ~FrozenApp() {
        if (::kill(pid, SIGCONT) != 0) std::fprintf(stderr, "could not SIGCONT the app (pid %d)\n", static_cast<int>(pid));
        waitForTheApp();
    }
    FrozenApp(const FrozenApp&) = delete;
    FrozenApp& operator=(const FrozenApp&) = delete;
};

void appctl(const std::string& action) {
    BOOST_REQUIRE_MESSAGE(!env("MEDASSIST_TEST_APPCTL").empty(), "MEDASSIST_TEST_APPCTL is not set");
    BOOST_REQUIRE_MESSAGE(stackctl("MEDASSIST_TEST_APPCTL", action), "appctl " << action << " failed");
}

// Stops the app, and starts it again however the test ends, so later tests have it.
struct StoppedApp {
    StoppedApp() { appctl("stop"); }
    ~StoppedApp() {
        if (!stackctl("MEDASSIST_TEST_APPCTL", "start")) std::fprintf(stderr, "appctl start failed\n");
        for (int i = 0; i < 50; ++i) {
            try {
                if (https("GET", "/healthz").status == 200) return;
            } catch (...) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
};

}  // namespace

BOOST_TEST_GLOBAL_FIXTURE(RequireStack);

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(headers)

BOOST_AUTO_TEST_CASE(app_200_has_every_header) {
    auto r = https("GET", "/");
    BOOST_TEST(r.status == 200);
    expectEdgeHeaders(r);
}

// The app's redirects: a signed-in visitor opening the sign-in page is sent on to where they
// land (a new patient without consent: the welcome page), and signing out (a form POST)
// lands on the sign-in page.
BOOST_AUTO_TEST_CASE(app_303_has_every_header) {
    const auto who = signUp();
    auto login = https("GET", "/login", who.headers({{"Accept", "text/html"}}));
    BOOST_TEST(login.status == 303);
    BOOST_TEST(login.header("location") == "/welcome");
    expectEdgeHeaders(login);

    auto account = https("GET", "/account", who.headers({{"Accept", "text/html"}}));
    BOOST_TEST_REQUIRE(account.status == 200);
    const auto token = csrfTokenOf(account.body);
    BOOST_TEST_REQUIRE(!token.empty());
    auto out = https("POST", "/logout",
                     who.headers({{"Accept", "text/html"},
                                  {"Content-Type", "application/x-www-form-urlencoded"},
                                  {"Origin", ownOrigin()},
                                  {"Sec-Fetch-Site", "same-origin"}}),
                     "csrf_token=" + token);
    BOOST_TEST(out.status == 303);
    BOOST_TEST(out.header("location") == "/login?signed_out=1");
    expectEdgeHeaders(out);
}

// nginx's own 403 (a write from a foreign origin) is the rendered page for a browser; the
// JSON form is in the cors suite.
BOOST_AUTO_TEST_CASE(nginx_403_is_the_friendly_page_with_every_header) {
    auto r = https("POST", "/",
                   {{"Accept", "text/html"},
                    {"Content-Type", "application/x-www-form-urlencoded"},
                    {"Origin", "https://evil.example"},
                    {"Sec-Fetch-Site", "cross-site"},
                    {"X-Forwarded-For", uniqueClientAddress()}},
                   "a=b");
    BOOST_TEST(r.status == 403);
    BOOST_TEST(r.header("x-request-id").empty());  // nginx answered; the app never saw it
    BOOST_TEST(r.header("content-type") == "text/html");
    BOOST_TEST(contains(r.body, "<!doctype html>"));
    BOOST_TEST(contains(r.body, "Error 403"));
    BOOST_TEST(contains(r.body, "Access denied"));
    expectNoCorsHeaders(r);
    expectEdgeHeaders(r);
}

// The app's own 403 (a form posted with a wrong CSRF token, from the site itself).
BOOST_AUTO_TEST_CASE(app_403_has_every_header) {
    const auto who = signUp();
    auto r = https("POST", "/logout",
                   who.headers({{"Accept", "text/html"},
                                {"Content-Type", "application/x-www-form-urlencoded"},
                                {"Origin", ownOrigin()},
                                {"Sec-Fetch-Site", "same-origin"}}),
                   "csrf_token=not-the-token");
    BOOST_TEST(r.status == 403);
    BOOST_TEST(!r.header("x-request-id").empty());  // the app answered
    BOOST_TEST(r.header("content-type").rfind("text/html", 0) == 0);
    BOOST_TEST(contains(r.body, "Access denied"));
    expectEdgeHeaders(r);
}

BOOST_AUTO_TEST_CASE(app_404_has_every_header) {
    auto r = https("GET", "/no/such/page", {{"Accept", "text/html"}});
    BOOST_TEST(r.status == 404);
    BOOST_TEST(contains(r.body, "Page not found"));
    expectEdgeHeaders(r);
}

BOOST_AUTO_TEST_CASE(nginx_413_is_the_friendly_page_or_json_with_every_header) {
    const std::string big = "note=" + std::string(70 * 1024, 'x');
    auto page = https("POST", "/", {{"Content-Type", "application/x-www-form-urlencoded"}}, big);
    BOOST_TEST(page.status == 413);
    BOOST_TEST(page.header("content-type") == "text/html");
    BOOST_TEST(contains(page.body, "Too much data"));
    expectEdgeHeaders(page);

    auto api = https("POST", "/api/notes", {{"Content-Type", "application/json"}}, std::string(70 * 1024, ' '));
    BOOST_TEST(api.status == 413);
    BOOST_TEST(api.header("content-type") == "application/json");
    BOOST_TEST(contains(api.body, R"("error":"Too much data")"));
    BOOST_TEST(contains(api.body, R"("request_id":")"));
    expectEdgeHeaders(api);
}

// Over HTTP/2 nginx re-checks the body size on the way to the error page; without the
// fix in error-pages.conf it answered its bare built-in page instead.
BOOST_AUTO_TEST_CASE(nginx_413_over_http2_is_the_friendly_page_too) {
    TempDir tmp;
    std::ofstream(tmp.path / "big") << std::string(70 * 1024, 'x');
    auto r = curl("--http2 -X POST --data-binary @" + shellQuote((tmp.path / "big").string()), "/");
    BOOST_TEST(r.status == 413);
    BOOST_TEST(contains(r.body, "Too much data"));
    expectEdgeHeaders(r);
}

BOOST_AUTO_TEST_CASE(static_file_has_every_header_and_a_public_cache_lifetime) {
    auto r = https("GET", "/static/css/site.css");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("content-type") == "text/css");
    BOOST_TEST(r.header("x-request-id").empty());  // served by nginx, never reached the app
    expectSecurityHeaders(r);
    BOOST_TEST(r.header("cache-control") == "public, max-age=3600");
}

BOOST_AUTO_TEST_CASE(missing_static_file_is_the_friendly_404_and_not_cacheable) {
    auto r = https("GET", "/static/css/no-such.css", {{"Accept", "text/html"}});
    BOOST_TEST(r.status == 404);
    BOOST_TEST(r.header("x-request-id").empty());  // nginx's own 404
    BOOST_TEST(r.header("content-type") == "text/html");
    BOOST_TEST(contains(r.body, "Page not found"));
    expectEdgeHeaders(r);
}

BOOST_AUTO_TEST_CASE(plain_http_is_a_308_to_https_with_the_headers) {
    auto r = send(env("MEDASSIST_TEST_HTTP_URL"), "GET", "/static/css/site.css?v=1");
    BOOST_TEST(r.status == 308);
    BOOST_TEST(r.header("location") == ownOrigin() + "/static/css/site.css?v=1");
    expectEdgeHeaders(r);
}

BOOST_AUTO_TEST_CASE(app_down_gives_nginx_502_page_or_json_with_every_header) {
    StoppedApp stopped;
    auto page = https("GET", "/", {{"Accept", "text/html"}});
    BOOST_TEST(page.status == 502);
    BOOST_TEST(page.header("content-type") == "text/html");
    BOOST_TEST(contains(page.body, "Service temporarily unavailable"));
    BOOST_TEST(contains(page.body, "restarting"));
    expectEdgeHeaders(page);

    // JSON as the app would answer it: by path, or by Accept.
    for (const auto& [path, accept] : std::vector<std::pair<std::string, std::string>>{{"/healthz", ""},
                                                                                     {"/", "application/json"}}) {
        BOOST_TEST_CONTEXT(path << " Accept: " << accept) {
            std::map<std::string, std::string> h;
            if (!accept.empty()) h["Accept"] = accept;
            auto api = https("GET", path, h);
            BOOST_TEST(api.status == 502);
            BOOST_TEST(api.header("content-type") == "application/json");
            BOOST_TEST(contains(api.body, R"({"error":"Service temporarily unavailable","request_id":")"));
            expectEdgeHeaders(api);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_app_is_back_after_the_502_test) {
    auto r = https("GET", "/healthz");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body == R"({"status":"ok","db":"ok"})");
}

// Slow: waits out fastcgi_read_timeout (30 s) once, for a page and an API call at the same
// time. The app is frozen with SIGSTOP, the only way to make it stall from outside.
BOOST_AUTO_TEST_CASE(app_too_slow_gives_nginx_504_page_or_json_with_every_header) {
    const int timeout = snippetSeconds("fastcgi.conf", "fastcgi_read_timeout");
    if (timeout >= 60) {  // not worth a minute of every test run
        BOOST_TEST_MESSAGE("fastcgi_read_timeout is " << timeout << " s: the 504 case is skipped");
        return;
    }
    const auto client = uniqueClientAddress();
    const std::string xff = shellQuote("X-Forwarded-For: " + client);
    TempDir jsonDir;
    const auto jsonCommand = curlCommand(jsonDir, "-H " + xff, "/healthz", timeout + 15);

    FrozenApp frozen;
    const auto started = std::chrono::steady_clock::now();
    auto jsonCall = std::async(std::launch::async, [&jsonCommand] { return runQuietly(jsonCommand); });
    auto page = curl("-H 'Accept: text/html' -H " + xff, "/", timeout + 15);
    const auto waited = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
    const auto jsonOut = jsonCall.get();

    BOOST_TEST(page.status == 504);
    BOOST_TEST(page.header("content-type") == "text/html");
    BOOST_TEST(contains(page.body, "The service is slow to respond"));
    expectEdgeHeaders(page);
    BOOST_TEST(waited.count() >= timeout - 1);
    BOOST_TEST(waited.count() <= timeout + 10);

    BOOST_TEST_REQUIRE(jsonOut.exitCode == 0, "curl failed: " << jsonOut.output);
    auto api = curlResult(jsonDir);
    BOOST_TEST(api.status == 504);
    BOOST_TEST(api.header("content-type") == "application/json");
    BOOST_TEST(contains(api.body, R"({"error":"The service is slow to respond","request_id":")"));
    expectEdgeHeaders(api);
}

BOOST_AUTO_TEST_CASE(the_app_answers_again_after_the_504_test) {
    auto r = https("GET", "/healthz");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.body == R"({"status":"ok","db":"ok"})");
}

// nginx never answers 503 by itself here: limit_req_status and limit_conn_status are 429,
// and an app that is down or slow is a 502 or 504. A 503 comes from the app (its database
// is down), with its own page; the foundation suite tests that one.

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(limits)

BOOST_AUTO_TEST_CASE(sixth_quick_login_is_429_json_from_nginx_with_every_header) {
    const auto client = uniqueClientAddress();
    const std::map<std::string, std::string> h{{"X-Forwarded-For", client}, {"Content-Type", "application/json"}};
    // The bucket refills one sign-in every 12 s, so the five before must be quick whatever
    // the machine's load: an empty body is refused by the app before any password hashing
    // (a real attempt with a password costs a bcrypt, about 3 s each on a busy CI machine,
    // and five of those refilled the bucket once). nginx counts the path, not the body.
    for (int i = 1; i <= 5; ++i) {
        auto r = https("POST", "/auth/login", h, "{}");
        BOOST_TEST(r.status != 429, "request " << i << " was limited");
        BOOST_TEST(!r.header("x-request-id").empty(), "request " << i << " should have reached the app");
    }
    auto r = https("POST", "/auth/login", h, R"({"email":"a@example.com","password":"x"})");
    BOOST_TEST(r.status == 429);
    BOOST_TEST(r.header("content-type") == "application/json");
    BOOST_TEST(r.body == R"({"code":"RATE_LIMIT_EXCEEDED"})");
    BOOST_TEST(r.header("retry-after") == "30");
    BOOST_TEST(r.header("x-request-id").empty());  // nginx answered; the app never saw it
    expectEdgeHeaders(r);

    // Another client is not affected.
    auto other = https("POST", "/auth/login", {{"X-Forwarded-For", uniqueClientAddress()}}, "{}");
    BOOST_TEST(other.status != 429);
}

BOOST_AUTO_TEST_CASE(each_sign_in_route_has_its_per_minute_budget) {
    struct Case {
        std::vector<std::string> paths;  // sharing one zone, used in turn
        int allowed;
    };
    const std::vector<Case> cases{
        {{"/auth/register", "/auth/register/patient", "/auth/register/doctor", "/auth/register/caregiver"}, 3},
        {{"/auth/forgetpassword", "/auth/forget_password"}, 2},
        {{"/auth/resetpassword", "/auth/reset_password", "/auth/resetpassword/sometoken"}, 5},
        {{"/auth/updatemypassword"}, 5},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.paths.front()) {
            const std::map<std::string, std::string> h{{"X-Forwarded-For", uniqueClientAddress()}};
            for (int i = 0; i < c.allowed; ++i)
                BOOST_TEST(https("POST", c.paths[i % c.paths.size()], h, "{}").status != 429, "request " << i + 1);
            auto r = https("POST", c.paths[c.allowed % c.paths.size()], h, "{}");
            BOOST_TEST(r.status == 429);
            BOOST_TEST(r.body == R"({"code":"RATE_LIMIT_EXCEEDED"})");
        }
    }
}

BOOST_AUTO_TEST_CASE(viewing_a_sign_in_route_is_not_limited) {
    const std::map<std::string, std::string> h{{"X-Forwarded-For", uniqueClientAddress()}};
    for (int i = 0; i < 8; ++i) BOOST_TEST(https("GET", "/auth/login", h).status != 429);
}

BOOST_AUTO_TEST_CASE(hammering_the_site_gets_the_429_page_with_every_header) {
    const auto client = uniqueClientAddress();
    // 60 requests on one kept-alive connection take milliseconds, so the burst of 40 (on
    // top of 10 per second) runs out however slow this machine is.
    std::string cmd = "curl -sS --max-time 30 --http1.1 --cacert " + shellQuote(env("MEDASSIST_TEST_CA")) +
                      " -H " + shellQuote("X-Forwarded-For: " + client) + " -w '%{http_code}\\n'";
    for (int i = 0; i < 60; ++i) cmd += " -o /dev/null " + shellQuote(ownOrigin() + "/static/css/site.css");
    auto blast = run(cmd);
    BOOST_REQUIRE_MESSAGE(blast.exitCode == 0, blast.output);
    std::istringstream codes(blast.output);
    int passed = 0, limited = 0;
    for (std::string code; std::getline(codes, code);) {
        if (code == "200" && limited == 0) ++passed;
        if (code == "429") ++limited;
    }
    BOOST_TEST_MESSAGE("general limit: " << passed << " passed, then " << limited << " of 60 limited");
    BOOST_TEST(passed >= 41);  // burst 40, plus the first
    BOOST_TEST(limited > 0);

    // The bucket refills at 10 per second; a few more quick requests find it still empty.
    HttpResult r;
    for (int i = 0; i < 20 && r.status != 429; ++i)
        r = https("GET", "/static/css/site.css", {{"X-Forwarded-For", client}, {"Accept", "text/html"}});
    BOOST_TEST(r.status == 429);
    BOOST_TEST(r.header("content-type") == "text/html");
    BOOST_TEST(contains(r.body, "Too many requests"));
    BOOST_TEST(r.header("retry-after") == "30");
    expectEdgeHeaders(r);  // no-store even though the path is under /static/
}

BOOST_AUTO_TEST_CASE(client_address_comes_from_x_forwarded_for_only_via_a_trusted_proxy) {
    const auto log = fs::path(varDir()) / "log" / "nginx-access.log";
    const auto nonce = std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    const auto client = uniqueClientAddress();

    // 127.0.0.1 is the test instance's trusted proxy.
    https("GET", "/edge-realip-trusted-" + nonce, {{"X-Forwarded-For", "203.0.113.9, " + client}});
    // 127.0.0.2 is not: its X-Forwarded-For is ignored.
    curl("--interface 127.0.0.2 -H " + shellQuote("X-Forwarded-For: " + client), "/edge-realip-untrusted-" + nonce);

    // nginx writes the line just after the response has gone out: wait for it briefly.
    std::string trustedLine, untrustedLine;
    for (int i = 0; i < 50 && (trustedLine.empty() || untrustedLine.empty()); ++i) {
        if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::istringstream lines(readFile(log));
        for (std::string line; std::getline(lines, line);) {
            if (contains(line, "/edge-realip-trusted-" + nonce + "\"")) trustedLine = line;
            if (contains(line, "/edge-realip-untrusted-" + nonce + "\"")) untrustedLine = line;
        }
    }
    // real_ip_recursive: the last address not a trusted proxy is the client.
    BOOST_TEST(trustedLine.rfind(client + " ", 0) == 0, trustedLine);
    BOOST_TEST(untrustedLine.rfind("127.0.0.2 ", 0) == 0, untrustedLine);
}

// A client that sends its headers slower than client_header_timeout (10 s) is cut off.
BOOST_AUTO_TEST_CASE(a_slow_client_is_disconnected) {
    auto socket = rawTls();
    std::string partial = "GET / HTTP/1.1\r\nHost: localhost\r\n";  // and never the blank line
    socket.sendBytes(partial.data(), static_cast<int>(partial.size()));
    socket.setReceiveTimeout(Poco::Timespan(20, 0));
    const auto started = std::chrono::steady_clock::now();
    char buf[512];
    int n = 0;
    try {
        n = socket.receiveBytes(buf, sizeof buf);
    } catch (const Poco::TimeoutException&) {
        BOOST_FAIL("nginx kept a slow client for 20 s");
    } catch (const Poco::Exception&) {
        n = 0;  // reset_timedout_connection: a reset, not a polite close
    }
    const auto waited = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
    BOOST_TEST(n <= 0);
    BOOST_TEST(waited.count() >= 8);
    BOOST_TEST(waited.count() <= 15);
}

// Slow (client_body_timeout, 10 s): a client that announces a body and never sends it is
// dropped (nginx logs a 408 and resets the connection, or answers 408), instead of holding
// a connection and one of its open-request slots for good.
BOOST_AUTO_TEST_CASE(a_client_that_never_sends_its_body_is_disconnected) {
    const int timeout = snippetSeconds("limits.conf", "client_body_timeout");
    auto socket = rawTls();
    std::string request = "POST /api/notes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";
    request += "X-Forwarded-For: ";
    request += uniqueClientAddress();
    request += "\r\n";
    request += "Content-Length: 1000\r\n\r\n";
    sendAll(socket, request);  // and not one byte of the body

    auto outcome = awaitServer(socket, timeout + 10);
    const auto waited = std::chrono::duration_cast<std::chrono::seconds>(outcome.waited);
    BOOST_TEST(outcome.closed, "still open after " << waited.count() << " s");
    BOOST_TEST((outcome.received.empty() || outcome.received.rfind("HTTP/1.1 408", 0) == 0), outcome.received);
    BOOST_TEST(waited.count() >= timeout - 2);
    BOOST_TEST(waited.count() <= timeout + 5);
}

// limit_conn: requests in progress per client address. Requests waiting for their body
// stay in progress (counted once their headers are in), so holding that many open from
// one address fills its slots; the next request from it is refused, others are not.
BOOST_AUTO_TEST_CASE(more_open_requests_than_limit_conn_allows_get_429) {
    const int limit = std::stoi(snippetValue("limits.conf", "limit_conn medassist_conn"));
    BOOST_TEST_REQUIRE(limit > 0);
    BOOST_TEST_REQUIRE(limit <= 40);  // the holders must fit in the general limit's burst
    const auto client = uniqueClientAddress();
    const std::map<std::string, std::string> probeHeaders{{"X-Forwarded-For", client}};

    std::vector<Poco::Net::SecureStreamSocket> held;
    std::string request = "POST /api/notes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";
    request += "X-Forwarded-For: " + client + "\r\n";
    request += "Content-Length: 1000\r\n\r\n";
    for (int i = 0; i < limit; ++i) {
        held.push_back(rawTls());
        sendAll(held.back(), request);
    }
    // nginx takes the held requests in asynchronously: ask until it has (a few tries).
    HttpResult r;
    for (int i = 0; i < 20 && r.status != 429; ++i) {
        if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(200));
        r = https("GET", "/healthz", probeHeaders);
    }
    BOOST_TEST(r.status == 429);
    BOOST_TEST(r.header("content-type") == "application/json");
    BOOST_TEST(r.body == R"({"code":"RATE_LIMIT_EXCEEDED"})");
    BOOST_TEST(r.header("retry-after") == "30");
    BOOST_TEST(r.header("x-request-id").empty());
    expectEdgeHeaders(r);
    // limit_conn refused it, not a rate limit.
    BOOST_TEST(errorLogHas({"limiting connections by zone \"medassist_conn\"", "client: " + client + ","}));

    // Another address is not affected.
    BOOST_TEST(https("GET", "/healthz", {{"X-Forwarded-For", uniqueClientAddress()}}).status == 200);

    // One slot freed: the address is let in again.
    held.back().close();
    held.pop_back();
    for (int i = 0; i < 20 && r.status == 429; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        r = https("GET", "/healthz", probeHeaders);
    }
    BOOST_TEST(r.status == 200);
    for (auto& s : held) s.close();
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(cors)

BOOST_AUTO_TEST_CASE(the_site_own_origin_gets_cors_headers) {
    auto r = https("GET", "/healthz", {{"Origin", ownOrigin()}});
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("access-control-allow-origin") == ownOrigin());
    BOOST_TEST(r.header("access-control-allow-credentials") == "true");
    BOOST_TEST(r.header("vary") == "Origin");
    expectEdgeHeaders(r);
}

BOOST_AUTO_TEST_CASE(a_foreign_origin_gets_no_cors_header) {
    for (const auto& origin : std::vector<std::string>{"https://evil.example", "https://localhost",
                                                       "http://localhost:" + httpsPort(), ownOrigin() + ".evil.example"}) {
        BOOST_TEST_CONTEXT(origin) {
            auto r = https("GET", "/healthz", {{"Origin", origin}});
            BOOST_TEST(r.status == 200);  // reading is not refused; the browser hides the answer
            expectNoCorsHeaders(r);
            expectEdgeHeaders(r);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_null_origin_gets_no_cors_header) {
    auto r = https("GET", "/healthz", {{"Origin", "null"}});
    BOOST_TEST(r.status == 200);
    expectNoCorsHeaders(r);
}

BOOST_AUTO_TEST_CASE(an_allowed_preflight_is_answered_by_nginx) {
    auto r = https("OPTIONS", "/api/appointments",
                   {{"Origin", ownOrigin()},
                    {"Access-Control-Request-Method", "POST"},
                    {"Access-Control-Request-Headers", "content-type"}});
    BOOST_TEST(r.status == 204);
    BOOST_TEST(r.header("x-request-id").empty());  // the app never saw it
    BOOST_TEST(r.header("access-control-allow-origin") == ownOrigin());
    BOOST_TEST(r.header("access-control-allow-credentials") == "true");
    BOOST_TEST(r.header("access-control-allow-methods") == "GET, POST, PUT, PATCH, DELETE");
    BOOST_TEST(r.header("access-control-allow-headers") == "Authorization, Content-Type");
    BOOST_TEST(r.header("access-control-max-age") == "600");
    BOOST_TEST(r.header("vary") == "Origin");
    expectEdgeHeaders(r);
}

BOOST_AUTO_TEST_CASE(a_foreign_or_null_preflight_is_refused_without_cors_headers) {
    for (const std::string origin : {"https://evil.example", "null"}) {
        BOOST_TEST_CONTEXT(origin) {
            auto r = https("OPTIONS", "/api/appointments",
                           {{"Origin", origin}, {"Access-Control-Request-Method", "DELETE"}});
            BOOST_TEST(r.status == 403);
            BOOST_TEST(r.header("x-request-id").empty());
            expectNoCorsHeaders(r);
            expectEdgeHeaders(r);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_unsafe_request_from_a_foreign_or_null_origin_never_reaches_the_app) {
    struct Case {
        std::string method, path, origin, fetchSite;
    };
    for (const auto& c : std::vector<Case>{{"POST", "/", "https://evil.example", "cross-site"},
                                           {"POST", "/", "https://evil.example", ""},
                                           {"DELETE", "/api/appointments/1", "https://evil.example", ""},
                                           {"POST", "/", "null", "cross-site"},  // a sandboxed frame
                                           {"PUT", "/api/appointments/1", "null", ""},
                                           {"POST", "/", "", "cross-site"}}) {
        BOOST_TEST_CONTEXT(c.method << " " << c.path << " Origin=" << c.origin << " Sec-Fetch-Site=" << c.fetchSite) {
            std::map<std::string, std::string> h{{"Content-Type", "application/x-www-form-urlencoded"}};
            if (!c.origin.empty()) h["Origin"] = c.origin;
            if (!c.fetchSite.empty()) h["Sec-Fetch-Site"] = c.fetchSite;
            auto r = https(c.method, c.path, h, "a=b");
            BOOST_TEST(r.status == 403);
            BOOST_TEST(r.header("x-request-id").empty());
            expectNoCorsHeaders(r);
            expectEdgeHeaders(r);
        }
    }
    auto api = https("POST", "/api/appointments", {{"Origin", "https://evil.example"}}, "{}");
    BOOST_TEST(api.header("content-type") == "application/json");
    BOOST_TEST(contains(api.body, R"("error":"Access denied")"));
}

BOOST_AUTO_TEST_CASE(the_site_own_writes_reach_the_app) {
    struct Case {
        std::string origin, fetchSite;
    };
    // With Referrer-Policy no-referrer, browsers send "Origin: null" on the site's own
    // form posts; Sec-Fetch-Site: same-origin tells those apart.
    for (const auto& c : std::vector<Case>{{ownOrigin(), "same-origin"}, {"null", "same-origin"}, {"", ""}}) {
        BOOST_TEST_CONTEXT("Origin=" << c.origin << " Sec-Fetch-Site=" << c.fetchSite) {
            std::map<std::string, std::string> h{{"Content-Type", "application/x-www-form-urlencoded"}};
            if (!c.origin.empty()) h["Origin"] = c.origin;
            if (!c.fetchSite.empty()) h["Sec-Fetch-Site"] = c.fetchSite;
            auto r = https("POST", "/", h, "a=b");
            BOOST_TEST(r.status == 405);  // the app's answer: POST / is not a route
            BOOST_TEST(!r.header("x-request-id").empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(nginx_errors_carry_cors_headers_for_an_allowed_origin) {
    auto r = https("POST", "/api/notes", {{"Origin", ownOrigin()}, {"Content-Type", "application/json"}},
                   std::string(70 * 1024, ' '));
    BOOST_TEST(r.status == 413);
    BOOST_TEST(r.header("access-control-allow-origin") == ownOrigin());
    BOOST_TEST(r.header("access-control-allow-credentials") == "true");
}

BOOST_AUTO_TEST_SUITE_END()

// ---------------------------------------------------------------------------------------
BOOST_AUTO_TEST_SUITE(tls)

std::string sClient(const std::string& options) {
    auto r = run("timeout 20 openssl s_client -connect 127.0.0.1:" + httpsPort() + " -servername localhost " + options +
                 " </dev/null");
    return std::to_string(r.exitCode) + "\n" + r.output;
}

BOOST_AUTO_TEST_CASE(tls_1_0_and_1_1_are_refused_by_the_server) {
    // SECLEVEL=0 lets this client offer the old protocols (Debian's OpenSSL refuses them by
    // default), so the refusal seen is the server's: a protocol_version alert (70) read
    // from the server, after the client's hello went out.
    for (const std::string flag : {"-tls1", "-tls1_1"}) {
        BOOST_TEST_CONTEXT(flag) {
            auto out = sClient(flag + " -cipher 'DEFAULT:@SECLEVEL=0'");
            BOOST_TEST(out.rfind("0\n", 0) != 0, out);
            BOOST_TEST(contains(out, "alert protocol version"), out);
            BOOST_TEST(contains(out, "SSL alert number 70"), out);
            BOOST_TEST(!contains(out, "no protocols available"), out);
        }
    }
}

BOOST_AUTO_TEST_CASE(tls_1_2_and_1_3_are_accepted_with_a_valid_certificate) {
    const auto verify = " -CAfile " + shellQuote(env("MEDASSIST_TEST_CA")) + " -verify_return_error -verify_hostname localhost";
    auto tls12 = sClient("-tls1_2" + verify);
    BOOST_TEST(tls12.rfind("0\n", 0) == 0, tls12);
    BOOST_TEST(contains(tls12, "Verify return code: 0 (ok)"), tls12);
    BOOST_TEST(!contains(tls12, "TLS session ticket"), tls12);  // ssl_session_tickets off
    const std::string prefix = "New, TLSv1.2, Cipher is ";
    auto at = tls12.find(prefix);
    BOOST_TEST_REQUIRE(at != std::string::npos, tls12);
    auto cipher = tls12.substr(at + prefix.size(), tls12.find('\n', at) - at - prefix.size());
    const std::set<std::string> allowed{"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
                                        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
                                        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305"};
    BOOST_TEST(allowed.count(cipher) == 1u, "negotiated " << cipher);

    auto tls13 = sClient("-tls1_3" + verify);
    BOOST_TEST(tls13.rfind("0\n", 0) == 0, tls13);
    BOOST_TEST(contains(tls13, "New, TLSv1.3, Cipher is TLS_"), tls13);
    BOOST_TEST(contains(tls13, "Verify return code: 0 (ok)"), tls13);
}

BOOST_AUTO_TEST_CASE(tls_1_2_without_forward_secrecy_or_aead_is_refused) {
    for (const std::string cipher : {"ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384", "AES128-GCM-SHA256"}) {
        BOOST_TEST_CONTEXT(cipher) {
            auto out = sClient("-tls1_2 -cipher " + cipher + ":@SECLEVEL=0");
            BOOST_TEST(out.rfind("0\n", 0) != 0, out);
            BOOST_TEST(contains(out, "alert handshake failure"), out);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
