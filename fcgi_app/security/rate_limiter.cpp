#include "security/rate_limiter.hpp"

#include <algorithm>

#include <Poco/Net/IPAddress.h>

#include "security/crypto_util.hpp"

namespace medassist::security {

namespace {

RateRule rule(std::string id, int perMinute, int perHour, int minuteSeconds, int hourSeconds) {
    return RateRule{std::move(id), {{"minute", perMinute, minuteSeconds}, {"hour", perHour, hourSeconds}}};
}

// rate_counters.bucket is VARCHAR(190).
constexpr std::size_t kMaxBucket = 190;

}  // namespace

std::optional<RateRule> authRateRule(const std::string& method, const std::string& routePattern,
                                     int minuteSeconds, int hourSeconds) {
    if (method == "POST") {
        if (routePattern == "/auth/login") return rule("auth_login", 5, 25, minuteSeconds, hourSeconds);
        if (routePattern == "/auth/register") return rule("auth_register", 3, 15, minuteSeconds, hourSeconds);
        if (routePattern == "/auth/register/patient")
            return rule("auth_register_patient", 3, 15, minuteSeconds, hourSeconds);
        if (routePattern == "/auth/register/doctor")
            return rule("auth_register_doctor", 3, 15, minuteSeconds, hourSeconds);
        if (routePattern == "/auth/register/caregiver")
            return rule("auth_register_caregiver", 3, 15, minuteSeconds, hourSeconds);
        if (routePattern == "/auth/forgetpassword" || routePattern == "/auth/forget_password")
            return rule("auth_forgetpassword", 2, 8, minuteSeconds, hourSeconds);
        if (routePattern == "/auth/resetpassword" || routePattern == "/auth/reset_password")
            return rule("auth_resetpassword", 5, 15, minuteSeconds, hourSeconds);
        // Issue 16: the confirmation link's password is guessable only as slowly as a sign-in,
        // and a resend mails someone, so it is as scarce as a reset mail.
        if (routePattern == "/auth/confirm-email") return rule("auth_confirm_email", 5, 15, minuteSeconds, hourSeconds);
        if (routePattern == "/auth/resend-confirmation")
            return rule("auth_resend_confirmation", 2, 8, minuteSeconds, hourSeconds);
    }
    if ((method == "POST" || method == "PATCH") && routePattern == "/auth/updatemypassword")
        return rule("auth_updatemypassword", 5, 20, minuteSeconds, hourSeconds);
    return std::nullopt;
}

RateRule defaultRateRule(int perHour, int hourSeconds) {
    return RateRule{"default", {{"hour", perHour, hourSeconds}}};
}

std::string rateClientKey(const std::string& ip) {
    using Poco::Net::IPAddress;
    IPAddress addr;
    if (ip.empty() || !IPAddress::tryParse(ip, addr)) return "invalid";
    if (addr.family() == IPAddress::IPv4) return addr.toString();
    if (addr.isIPv4Mapped()) {
        // The last four bytes are the IPv4 address, whichever way it was written.
        const auto* bytes = static_cast<const unsigned char*>(addr.addr());
        return IPAddress(bytes + 12, 4).toString();
    }
    IPAddress net = addr & IPAddress(64, IPAddress::IPv6);
    std::string key = net.toString();
    key += "/64";
    return key;
}

RateDecision RateLimiter::check(const RateRule& rule, const std::string& clientKey, std::int64_t nowEpoch) {
    RateDecision decision;
    for (const Limit& limit : rule.limits) {
        const std::int64_t window = std::max(limit.windowSeconds, 1);
        std::int64_t offset = nowEpoch % window;
        if (offset < 0) offset += window;
        const std::int64_t windowStart = nowEpoch - offset;
        const std::int64_t windowEnd = windowStart + window;

        std::string bucket = rule.id;
        bucket += ':';
        bucket += limit.name;
        bucket += std::to_string(window);
        bucket += ':';
        bucket += clientKey;
        if (bucket.size() > kMaxBucket) {
            std::string hashed = "sha256:";
            hashed += hexEncode(sha256(bucket));
            bucket = std::move(hashed);
        }

        const std::uint32_t hits = store_.hit(bucket, windowStart, windowEnd);
        if (hits > static_cast<std::uint32_t>(std::max(limit.count, 0))) {
            decision.allowed = false;
            decision.retryAfterSeconds =
                std::max(decision.retryAfterSeconds, static_cast<int>(std::max<std::int64_t>(windowEnd - nowEpoch, 1)));
        }
    }
    return decision;
}

}  // namespace medassist::security
