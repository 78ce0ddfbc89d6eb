#pragma once
// The one place a Request becomes a Response: routing, 404/405, HEAD, and the boundary
// where exceptions are caught and turned into error pages or JSON, with an access-log
// line for every request.
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

    // An error response in the shape the client asked for (JSON for the API, else a page).
    Response errorResponse(const Request& request, int status, const std::string& reason = "",
                           const std::string& retryAfter = "") const;

private:
    Response route(Request& request, std::string& pattern);

    const Router& router_;
    const View& view_;
    Poco::Logger& access_;
    Poco::Logger& app_;
};

}  // namespace medassist::http
