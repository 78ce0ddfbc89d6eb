#pragma once
// The one place a Request becomes a Response: routing, 404/405, HEAD, and the boundary
// where exceptions are caught and turned into error pages or JSON, with an access-log
// line for every request.
#include <functional>
#include <string>

#include <Poco/Logger.h>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "http/view.hpp"

namespace medassist::http {

class Dispatcher {
public:
    Dispatcher(const Router& router, const View& view, Poco::Logger& accessLog, Poco::Logger& appLog);

    Response handle(Request& request);

    // Who the caller is is known only past the gate: for an answer no route gave (a 404 or
    // 405 of a path nobody serves) this finds the reader's language the gate's way (the
    // account's saved choice first). Without it: the cookie, Accept-Language, the default.
    void setReaderLanguage(std::function<std::string(const Request&)> find) { readerLanguage_ = std::move(find); }

    // An error response in the shape the client asked for (JSON for the API, else a page).
    Response errorResponse(const Request& request, int status, const std::string& reason = "",
                           const std::string& retryAfter = "") const;

private:
    Response route(Request& request, std::string& pattern);
    std::string languageFor(const Request& request) const;

    const Router& router_;
    const View& view_;
    Poco::Logger& access_;
    Poco::Logger& app_;
    std::function<std::string(const Request&)> readerLanguage_;
};

}  // namespace medassist::http
