#include "security/login_guard.hpp"

#include <algorithm>

namespace medassist::security {

LoginGuard::LoginGuard(LoginGuardStore& store, int failures, int minutes)
    : store_(store), failures_(std::max(failures, 1)), windowSeconds_(std::int64_t{std::max(minutes, 1)} * 60) {}

std::optional<int> LoginGuard::lockedFor(const std::string& emailBidx, std::int64_t nowEpoch) {
    auto record = store_.find(emailBidx);
    if (!record || !record->lockedUntil || *record->lockedUntil <= nowEpoch) return std::nullopt;
    return static_cast<int>(*record->lockedUntil - nowEpoch);
}

std::int64_t LoginGuard::delayAfter(int failures) const {
    if (failures < failures_) return 0;
    const int doublings = std::min(failures - failures_, 20);
    return std::min<std::int64_t>(windowSeconds_, kFirstDelaySeconds << doublings);
}

bool LoginGuard::recordFailure(const std::string& key, std::int64_t nowEpoch) {
    bool locks = false;
    store_.update(key, nowEpoch, [&](const std::optional<LoginFailures>& current) {
        locks = false;  // the store may call this again after a retry
        if (current && current->lockedUntil && *current->lockedUntil > nowEpoch) return *current;
        LoginFailures next;
        // Failures keep counting (so each delay is longer than the last) until a day has
        // passed since the first one, or a sign-in succeeds.
        const bool fresh = !current || nowEpoch - current->firstFailureAt >= kMemorySeconds;
        if (fresh) {
            next.failures = 1;
            next.firstFailureAt = nowEpoch;
        } else {
            next.failures = current->failures + 1;
            next.firstFailureAt = current->firstFailureAt;
        }
        if (const auto delay = delayAfter(next.failures); delay > 0) {
            next.lockedUntil = nowEpoch + delay;
            locks = true;
        }
        return next;
    });
    return locks;
}

void LoginGuard::clear(const std::string& emailBidx) { store_.remove(emailBidx); }

std::size_t LoginGuard::purgeExpired(std::int64_t nowEpoch) {
    return store_.purge(nowEpoch - kMemorySeconds, nowEpoch);
}

}  // namespace medassist::security
