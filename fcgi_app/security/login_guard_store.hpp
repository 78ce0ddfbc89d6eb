#pragma once
// Failed sign-ins per account, keyed by the email's blind index (never the email itself).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "storage/pool.hpp"

namespace medassist::security {

struct LoginFailures {
    int failures = 0;
    std::int64_t firstFailureAt = 0;           // epoch seconds
    std::optional<std::int64_t> lockedUntil;   // epoch seconds
};

class LoginGuardStore {
public:
    explicit LoginGuardStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // The account's record; nullopt when it has none.
    std::optional<LoginFailures> find(const std::string& emailBidx);

    // Replaces the account's record with change(current) while holding its row lock, so
    // concurrent failures (from any process) are applied one after the other. change may be
    // called more than once (a deadlock or a concurrent purge makes the store retry).
    void update(const std::string& emailBidx, std::int64_t nowEpoch,
                const std::function<LoginFailures(const std::optional<LoginFailures>&)>& change);

    void remove(const std::string& emailBidx);

    // Deletes records whose first failure is older than firstFailureBefore and that are not
    // locked at nowEpoch; returns how many.
    std::size_t purge(std::int64_t firstFailureBefore, std::int64_t nowEpoch);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::security
