#pragma once
// Fixed-window request counters in the database, so every app process (on any host)
// counts against the same limits.
#include <cstddef>
#include <cstdint>
#include <string>

#include "storage/pool.hpp"

namespace medassist::security {

class RateLimitStore {
public:
    explicit RateLimitStore(storage::ConnectionPool& pool) : pool_(pool) {}

    // Counts one hit in (bucket, windowStart) and returns the count including it. Atomic:
    // concurrent callers, in any process, each get a different count. bucket is at most
    // 190 characters; expiresAtEpoch is when the row may be purged.
    std::uint32_t hit(const std::string& bucket, std::int64_t windowStart, std::int64_t expiresAtEpoch);

    // Deletes the counters that expired at or before nowEpoch; returns how many.
    std::size_t purgeExpired(std::int64_t nowEpoch);

private:
    storage::ConnectionPool& pool_;
};

}  // namespace medassist::security
