#pragma once
// Two loggers: "access" writes one JSON line per request to access.log; "app" writes
// operational events to app.log and stderr. Neither ever receives bodies, query strings,
// cookies, tokens or personal data: callers log ids, route patterns and counts only.
#include <string>

#include <Poco/Logger.h>

namespace medassist {

void setupLogging(const std::string& logDir, bool alsoStderr);
Poco::Logger& accessLogger();
Poco::Logger& appLogger();

}  // namespace medassist
