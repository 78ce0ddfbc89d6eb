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

bool LoginGuard::recordFailure(const std::string& emailBidx, std::int64_t nowEpoch) {
    bool locks = false;
    store_.update(emailBidx, nowEpoch, [&](const std::optional<LoginFailures>& current) {
        locks = false;  // the store may call this again after a retry
        if (current && current->lockedUntil && *current->lockedUntil > nowEpoch) return *current;
        LoginFailures next;
        const bool fresh = !current || current->lockedUntil  // a lock that has passed starts over
                           || nowEpoch - current->firstFailureAt >= windowSeconds_;
        if (fresh) {
            next.failures = 1;
            next.firstFailureAt = nowEpoch;
        } else {
            next.failures = current->failures + 1;
            next.firstFailureAt = current->firstFailureAt;
        }
        if (next.failures >= failures_) {
            next.lockedUntil = nowEpoch + windowSeconds_;
            locks = true;
        }
        return next;
    });
    return locks;
}

void LoginGuard::clear(const std::string& emailBidx) { store_.remove(emailBidx); }

std::size_t LoginGuard::purgeExpired(std::int64_t nowEpoch) {
    return store_.purge(nowEpoch - windowSeconds_, nowEpoch);
}

}  // namespace medassist::security
