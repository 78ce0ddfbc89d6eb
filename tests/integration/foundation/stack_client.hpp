#pragma once
// A tiny HTTPS client for integration tests: talks to the nginx of the stack scripts/test
// started, verifying its certificate against the instance's development CA.
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <boost/test/unit_test.hpp>

namespace medassist::testing {

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::vector<std::string> setCookies;         // every Set-Cookie, in order (headers keeps one)
    std::string body;
    std::string header(const std::string& lowerName) const {
        auto it = headers.find(lowerName);
        return it == headers.end() ? std::string{} : it->second;
    }
};

inline std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// Integration tests exit 77 (ctest: skipped) when scripts/test did not start a stack.
inline bool stackAvailable() { return !env("MEDASSIST_TEST_BASE_URL").empty(); }

// A global fixture for every integration test module: without the stack, exit 77 (skipped).
struct RequireStack {
    RequireStack() {
        if (!stackAvailable()) {
            std::fprintf(stderr, "integration tests need the stack: run scripts/test\n");
            std::exit(77);
        }
    }
};

HttpResult send(const std::string& baseUrl, const std::string& method, const std::string& pathAndQuery,
                const std::map<std::string, std::string>& headers = {}, const std::string& body = "");

// A client address of its own (198.18.0.0/15, the benchmarking range) for a test that must
// not share nginx's per-address rate limits with other tests or earlier runs: send it as
// X-Forwarded-For, which the test instance believes from 127.0.0.1 (nginx/nginx.conf).
std::string uniqueClientAddress();

inline HttpResult https(const std::string& method, const std::string& path,
                        const std::map<std::string, std::string>& headers = {}, const std::string& body = "") {
    return send(env("MEDASSIST_TEST_BASE_URL"), method, path, headers, body);
}

// Runs the start/stop helper an environment variable names (scripts/lib/dbctl, appctl);
// true when it succeeded.
inline bool stackctl(const char* envName, const std::string& action) {
    return std::system((env(envName) + " " + action).c_str()) == 0;
}

inline const std::string kCsp =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'";

// The headers every response must carry, whoever answered it (app, nginx's static files,
// nginx's own errors, redirects and preflights).
inline void expectSecurityHeaders(const HttpResult& r) {
    BOOST_TEST_CONTEXT("status " << r.status) {
        BOOST_TEST(r.header("content-security-policy") == kCsp);
        BOOST_TEST(r.header("x-content-type-options") == "nosniff");
        BOOST_TEST(r.header("referrer-policy") == "no-referrer");
        BOOST_TEST(r.header("permissions-policy") == "camera=(), microphone=(), geolocation=(), payment=()");
        BOOST_TEST(r.header("cross-origin-opener-policy") == "same-origin");
        BOOST_TEST(r.header("cross-origin-resource-policy") == "same-origin");
        BOOST_TEST(r.header("x-frame-options") == "DENY");
        BOOST_TEST(r.header("strict-transport-security") == "max-age=63072000; includeSubDomains");
        BOOST_TEST(r.header("server") == "nginx");  // server_tokens off: no version
    }
}

}  // namespace medassist::testing
