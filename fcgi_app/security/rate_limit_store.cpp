#include "security/rate_limit_store.hpp"

#include "storage/statement_cache.hpp"

#include <memory>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::security {

namespace {

// A DATETIME literal in UTC computed here, so the server's own time zone never matters.
std::string utcDateTime(std::int64_t epochSeconds) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epochSeconds)),
                                           "%Y-%m-%d %H:%M:%S.%F");
}

}  // namespace

std::uint32_t RateLimitStore::hit(const std::string& bucket, std::int64_t windowStart, std::int64_t expiresAtEpoch) {
    return pool_.run([&](sql::Connection& c) {
        // LAST_INSERT_ID(expr) hands the new count back to this connection alone, so the
        // increment and the read are one atomic statement: no lost or shared counts.
        storage::Prepared up(storage::prepare(c, 
            "INSERT INTO rate_counters (bucket, window_start, hits, expires_at) VALUES (?, ?, LAST_INSERT_ID(1), ?) "
            "ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)"));
        up->setString(1, bucket);
        up->setInt64(2, windowStart);
        up->setString(3, utcDateTime(expiresAtEpoch));
        up->executeUpdate();
        storage::Prepared get(storage::prepare(c, "SELECT LAST_INSERT_ID()"));
        std::unique_ptr<sql::ResultSet> rs(get->executeQuery());
        rs->next();
        return static_cast<std::uint32_t>(rs->getUInt64(1));
    });
}

std::size_t RateLimitStore::purgeExpired(std::int64_t nowEpoch) {
    return pool_.run([&](sql::Connection& c) {
        // In batches, so a large purge never holds many row locks at once.
        std::unique_ptr<sql::PreparedStatement> st(
            c.prepareStatement("DELETE FROM rate_counters WHERE expires_at <= ? LIMIT 5000"));
        st->setString(1, utcDateTime(nowEpoch));
        std::size_t total = 0;
        while (true) {
            const int n = st->executeUpdate();
            total += static_cast<std::size_t>(n);
            if (n < 5000) return total;
        }
    });
}

}  // namespace medassist::security
