#include "stack_client.hpp"

#include <algorithm>
#include <memory>
#include <random>
#include <sstream>

#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/SSLManager.h>

namespace medassist::testing {

namespace {
Poco::Net::Context::Ptr testContext() {
    static Poco::Net::Context::Ptr ctx = [] {
        Poco::Net::Context::Params params;
        params.caLocation = env("MEDASSIST_TEST_CA");
        params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
        params.loadDefaultCAs = false;
        return Poco::Net::Context::Ptr(new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params));
    }();
    return ctx;
}
}  // namespace

HttpResult send(const std::string& baseUrl, const std::string& method, const std::string& pathAndQuery,
                const std::map<std::string, std::string>& headers, const std::string& body) {
    Poco::URI base(baseUrl);
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (base.getScheme() == "https")
        session = std::make_unique<Poco::Net::HTTPSClientSession>(base.getHost(), base.getPort(), testContext());
    else
        session = std::make_unique<Poco::Net::HTTPClientSession>(base.getHost(), base.getPort());
    session->setTimeout(Poco::Timespan(20, 0));
    Poco::Net::HTTPRequest req(method, pathAndQuery, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") req.setContentLength(body.size());
    std::ostream& out = session->sendRequest(req);
    out << body;
    Poco::Net::HTTPResponse resp;
    std::istream& in = session->receiveResponse(resp);
    HttpResult r;
    r.status = resp.getStatus();
    for (const auto& [k, v] : resp) {
        std::string lower = k;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        r.headers[lower] = v;
        if (lower == "set-cookie") r.setCookies.push_back(v);
    }
    if (method != "HEAD") Poco::StreamCopier::copyToString(in, r.body);
    return r;
}

std::string uniqueClientAddress() {
    // A random start per process (so runs a minute apart differ), then consecutive ones
    // (so no two calls in one run collide): 198.18.0.1 .. 198.19.255.254.
    constexpr unsigned kHosts = 2 * 65536 - 2;
    static unsigned next = std::random_device{}() % kHosts;
    unsigned n = 1 + next++ % kHosts;
    return "198." + std::to_string(18 + n / 65536) + "." + std::to_string((n / 256) % 256) + "." +
           std::to_string(n % 256);
}

}  // namespace medassist::testing
