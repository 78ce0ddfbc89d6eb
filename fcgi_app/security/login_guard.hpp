#pragma once
// Growing delays after failed sign-ins (issue 16, as OWASP's authentication cheat sheet
// recommends instead of a hard lock): from the `failures`-th failure on, each failure makes
// the key wait 30 s, then 60, 120, ... up to `minutes`; failures are remembered for a day
// after the first one, or until a success clears them. The sign-in keys it by the account
// AND the client address (pairKey), so a stranger elsewhere cannot keep the owner out; the
// signed-in confirmations (password again, second factor) key it by the account alone. An
// unknown email behaves exactly like a known one. Times are epoch seconds (UTC).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "security/login_guard_store.hpp"

namespace medassist::security {

class LoginGuard {
public:
    explicit LoginGuard(LoginGuardStore& store, int failures = 5, int minutes = 15);

    // Seconds the key must still wait (>= 1), or nullopt when it need not.
    std::optional<int> lockedFor(const std::string& emailBidx, std::int64_t nowEpoch);

    // Counts one failure; true exactly when this failure makes the key wait. Failures while
    // waiting change nothing.
    bool recordFailure(const std::string& emailBidx, std::int64_t nowEpoch);

    // The wait after the n-th remembered failure (0 below the threshold).
    std::int64_t delayAfter(int failures) const;

    static constexpr std::int64_t kFirstDelaySeconds = 30;
    static constexpr std::int64_t kMemorySeconds = 24 * 3600;

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
