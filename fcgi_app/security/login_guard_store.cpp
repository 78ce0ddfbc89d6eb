#include "security/login_guard_store.hpp"

#include "storage/statement_cache.hpp"

#include <memory>
#include <sstream>
#include <stdexcept>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace medassist::security {

namespace {

// A DATETIME literal in UTC computed here, so the server's own time zone never matters.
std::string utcDateTime(std::int64_t epochSeconds) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(epochSeconds)),
                                           "%Y-%m-%d %H:%M:%S.%F");
}

// Plain DATETIME arithmetic (no time zone conversion, unlike UNIX_TIMESTAMP): the columns
// hold UTC, so this is epoch seconds.
constexpr const char* kSelect =
    "SELECT failures, TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', first_failure_at), "
    "TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', locked_until) FROM login_failures WHERE email_bidx = ?";

// The blind index is raw bytes: bound as a blob, never through the connection's character set.
struct BinaryParam {
    std::istringstream stream;
    explicit BinaryParam(const std::string& bytes) : stream(bytes) {}
};

std::optional<LoginFailures> readRow(sql::ResultSet& rs) {
    if (!rs.next()) return std::nullopt;
    LoginFailures f;
    f.failures = static_cast<int>(rs.getUInt(1));
    f.firstFailureAt = rs.getInt64(2);
    if (!rs.isNull(3)) f.lockedUntil = rs.getInt64(3);
    return f;
}

bool retryable(const sql::SQLException& e) {
    return e.getErrorCode() == 1213 /* deadlock */ || e.getErrorCode() == 1205 /* lock wait timeout */;
}

}  // namespace

std::optional<LoginFailures> LoginGuardStore::find(const std::string& emailBidx) {
    return pool_.run([&](sql::Connection& c) {
        storage::Prepared st(storage::prepare(c, kSelect));
        BinaryParam bidx(emailBidx);
        st->setBlob(1, &bidx.stream);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        return readRow(*rs);
    });
}

void LoginGuardStore::update(const std::string& emailBidx, std::int64_t nowEpoch,
                             const std::function<LoginFailures(const std::optional<LoginFailures>&)>& change) {
    constexpr int kAttempts = 5;
    for (int attempt = 1;; ++attempt) {
        try {
            const bool done = pool_.run([&](sql::Connection& c) {
                // Make sure the row exists before locking it, outside the transaction: locking
                // a missing row takes a gap lock, and two of those deadlock on the insert.
                // A row with failures = 0 stands for "no record".
                {
                    storage::Prepared ins(storage::prepare(c, 
                        "INSERT INTO login_failures (email_bidx, failures, first_failure_at, locked_until) "
                        "VALUES (?, 0, ?, NULL) ON DUPLICATE KEY UPDATE email_bidx = email_bidx"));
                    BinaryParam bidx(emailBidx);
                    ins->setBlob(1, &bidx.stream);
                    ins->setString(2, utcDateTime(nowEpoch));
                    ins->executeUpdate();
                }
                storage::Transaction tx(c);
                std::optional<LoginFailures> current;
                {
                    std::unique_ptr<sql::PreparedStatement> sel(
                        c.prepareStatement(std::string(kSelect) + " FOR UPDATE"));
                    BinaryParam bidx(emailBidx);
                    sel->setBlob(1, &bidx.stream);
                    std::unique_ptr<sql::ResultSet> rs(sel->executeQuery());
                    current = readRow(*rs);
                }
                if (!current) return false;  // cleared or purged in between: start again
                if (current->failures == 0) current.reset();
                const LoginFailures next = change(current);
                storage::Prepared up(storage::prepare(c, 
                    "UPDATE login_failures SET failures = ?, first_failure_at = ?, locked_until = ? "
                    "WHERE email_bidx = ?"));
                up->setUInt(1, static_cast<unsigned>(next.failures < 0 ? 0 : next.failures));
                up->setString(2, utcDateTime(next.firstFailureAt));
                if (next.lockedUntil) up->setString(3, utcDateTime(*next.lockedUntil));
                else up->setNull(3, sql::DataType::TIMESTAMP);
                BinaryParam bidx(emailBidx);
                up->setBlob(4, &bidx.stream);
                up->executeUpdate();
                tx.commit();
                return true;
            });
            if (done) return;
        } catch (const sql::SQLException& e) {
            if (!retryable(e) || attempt >= kAttempts) throw;
            continue;
        }
        if (attempt >= kAttempts) throw std::runtime_error("login_failures: the row kept disappearing");
    }
}

void LoginGuardStore::remove(const std::string& emailBidx) {
    pool_.run([&](sql::Connection& c) {
        storage::Prepared st(storage::prepare(c, "DELETE FROM login_failures WHERE email_bidx = ?"));
        BinaryParam bidx(emailBidx);
        st->setBlob(1, &bidx.stream);
        st->executeUpdate();
    });
}

std::size_t LoginGuardStore::purge(std::int64_t firstFailureBefore, std::int64_t nowEpoch) {
    return pool_.run([&](sql::Connection& c) {
        storage::Prepared st(storage::prepare(c, 
            "DELETE FROM login_failures WHERE first_failure_at < ? AND (locked_until IS NULL OR locked_until <= ?)"));
        st->setString(1, utcDateTime(firstFailureBefore));
        st->setString(2, utcDateTime(nowEpoch));
        return static_cast<std::size_t>(st->executeUpdate());
    });
}

}  // namespace medassist::security
