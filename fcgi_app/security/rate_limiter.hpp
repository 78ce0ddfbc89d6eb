#pragma once
// Per-client request limits (fixed windows), with the seed application's table for the
// authentication routes (as Flask-Limiter had them) and one hourly limit for the rest.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "security/rate_limit_store.hpp"

namespace medassist::security {

struct Limit {
    std::string name;   // "minute", "hour": part of the counter's name
    int count = 0;      // requests allowed per window
    int windowSeconds = 0;
};

struct RateRule {
    std::string id;  // names the counters; routes that share an id share counters
    std::vector<Limit> limits;
};

// The seed's rule for an authentication route (method and router pattern, e.g. "POST",
// "/auth/login"), or nullopt for every other route. Aliases (/auth/forget_password,
// /auth/reset_password) share their route's counters; each registration route has its own.
// The window lengths come from configuration (tests shorten them; the counts never change).
std::optional<RateRule> authRateRule(const std::string& method, const std::string& routePattern,
                                     int minuteSeconds, int hourSeconds);

// RATE_LIMIT_PER_HOUR for every route without a rule of its own. Its id is "default", so one
// counter per client covers all those routes together (Flask-Limiter's default_limits counted
// per route: give each route its own counters by appending the route pattern to the id).
RateRule defaultRateRule(int perHour, int hourSeconds);

// The client part of a counter's name: an IPv4 address as is, an IPv6 address by its /64
// (one host usually owns a whole /64 and could rotate through it), an IPv4-mapped IPv6
// address as the IPv4 address. Anything unparseable becomes "invalid", so garbage cannot be
// used to get fresh counters.
std::string rateClientKey(const std::string& ip);

struct RateDecision {
    bool allowed = true;
    int retryAfterSeconds = 0;  // when refused: seconds until the refusing window ends (>= 1)
};

class RateLimiter {
public:
    explicit RateLimiter(RateLimitStore& store) : store_(store) {}

    // Counts this request in every limit of the rule (a refused request counts too, so
    // hammering while refused does not help) and allows it when no limit is exceeded.
    // clientKey is normally rateClientKey(client address); nowEpoch is in seconds (UTC).
    RateDecision check(const RateRule& rule, const std::string& clientKey, std::int64_t nowEpoch);

private:
    RateLimitStore& store_;
};

}  // namespace medassist::security
