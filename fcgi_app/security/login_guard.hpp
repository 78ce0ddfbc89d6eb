#pragma once
// Account lockout: `failures` failed sign-ins within `minutes` of the first lock the account
// for `minutes`, whichever addresses they came from (per-address limits are the rate
// limiter's job). Keyed by the email's blind index, so an unknown email behaves exactly
// like a known one. Times are epoch seconds (UTC).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "security/login_guard_store.hpp"

namespace medassist::security {

class LoginGuard {
public:
    explicit LoginGuard(LoginGuardStore& store, int failures = 5, int minutes = 15);

    // Seconds the account stays locked (>= 1), or nullopt when it is not locked.
    std::optional<int> lockedFor(const std::string& emailBidx, std::int64_t nowEpoch);

    // Counts one failed sign-in; true exactly when this failure locks the account. Failures
    // while locked change nothing; once the window (or a lock) has passed, counting restarts.
    bool recordFailure(const std::string& emailBidx, std::int64_t nowEpoch);

    // After a successful sign-in: earlier failures no longer count.
    void clear(const std::string& emailBidx);

    // Drops records that can no longer lock anything; returns how many.
    std::size_t purgeExpired(std::int64_t nowEpoch);

private:
    LoginGuardStore& store_;
    int failures_;
    std::int64_t windowSeconds_;
};

}  // namespace medassist::security
