// Retention (issue 5): `medassist-admin purge` removes exactly what is past its time (signed-out
// sessions past their expiry, used or expired reset tokens, expired rate counters, sign-in
// failures that can no longer lock) and keeps everything else; it prints counts only. The
// audit trail is trimmed from the start of its chain and still verifies. (The chat part of
// the purge is tested with the assistant: integration_assistant_chat.)
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "app_db.hpp"
#include "commands.hpp"
#include "security/audit_log.hpp"
#include "security/audit_store.hpp"
#include "security/crypto_util.hpp"

using namespace medassist::testing;

namespace {

medassist::storage::ConnectionPool& db() {
    static auto pool = appPool(2);
    return *pool;
}

void exec(const std::string& statement, const std::vector<std::string>& args = {}) {
    db().run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(statement));
        for (std::size_t i = 0; i < args.size(); ++i) st->setString(static_cast<unsigned>(i + 1), args[i]);
        st->executeUpdate();
        return 0;
    });
}

long long count(const std::string& query, const std::vector<std::string>& args = {}) {
    return db().run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(query));
        for (std::size_t i = 0; i < args.size(); ++i) st->setString(static_cast<unsigned>(i + 1), args[i]);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        rs->next();
        return static_cast<long long>(rs->getInt64(1));
    });
}

std::string hex(std::size_t bytes) { return medassist::security::hexEncode(medassist::security::randomBytes(bytes)); }

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(retention)

BOOST_AUTO_TEST_CASE(purge_removes_exactly_what_is_past_its_time) {
    BOOST_TEST_REQUIRE(count("SELECT COUNT(*) FROM users") > 0);
    const std::string user = std::to_string(count("SELECT MIN(id) FROM users"));

    // Signed-out sessions: one whose token has expired, one that could still be presented.
    const std::string jtiOld = hex(16), jtiLive = hex(16);
    exec("INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, UTC_TIMESTAMP(6) - INTERVAL 1 HOUR)", {jtiOld});
    exec("INSERT INTO revoked_tokens (jti, expires_at) VALUES (?, UTC_TIMESTAMP(6) + INTERVAL 1 HOUR)", {jtiLive});
    // Reset tokens: expired, used, and one still usable.
    const std::string resetExpired = hex(32), resetUsed = hex(32), resetLive = hex(32);
    exec("INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (UNHEX(?), ?, UTC_TIMESTAMP(6) - "
         "INTERVAL 1 MINUTE)",
         {resetExpired, user});
    exec("INSERT INTO password_resets (token_hash, user_id, expires_at, used_at) VALUES (UNHEX(?), ?, "
         "UTC_TIMESTAMP(6) + INTERVAL 20 MINUTE, UTC_TIMESTAMP(6))",
         {resetUsed, user});
    exec("INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (UNHEX(?), ?, UTC_TIMESTAMP(6) + "
         "INTERVAL 20 MINUTE)",
         {resetLive, user});
    // Rate counters: a window that has passed and one still counting.
    const std::string bucketOld = "retention-test:" + hex(8), bucketLive = "retention-test:" + hex(8);
    exec("INSERT INTO rate_counters (bucket, window_start, hits, expires_at) VALUES (?, 0, 3, UTC_TIMESTAMP(6) - "
         "INTERVAL 1 SECOND)",
         {bucketOld});
    exec("INSERT INTO rate_counters (bucket, window_start, hits, expires_at) VALUES (?, 0, 3, UTC_TIMESTAMP(6) + "
         "INTERVAL 1 HOUR)",
         {bucketLive});
    // Sign-in failures: a day old and unlocked (can no longer lock anything); a recent one;
    // an old one whose lock still holds.
    const std::string failOld = hex(32), failRecent = hex(32), failLocked = hex(32);
    exec("INSERT INTO login_failures (email_bidx, failures, first_failure_at) VALUES (UNHEX(?), 2, UTC_TIMESTAMP(6) - "
         "INTERVAL 2 DAY)",
         {failOld});
    exec("INSERT INTO login_failures (email_bidx, failures, first_failure_at) VALUES (UNHEX(?), 2, UTC_TIMESTAMP(6))",
         {failRecent});
    exec("INSERT INTO login_failures (email_bidx, failures, first_failure_at, locked_until) VALUES (UNHEX(?), 5, "
         "UTC_TIMESTAMP(6) - INTERVAL 2 DAY, UTC_TIMESTAMP(6) + INTERVAL 10 MINUTE)",
         {failLocked});
    // Issue 16: a registration never confirmed goes a day after it was made, a newer one stays.
    // Made as the app makes them (the rows' ciphertexts do not matter to the purge).
    const std::string staleUser = hex(32), freshUser = hex(32);
    exec("INSERT INTO users (role, status, email_bidx, email_ct, name_ct, password_hash, created_at) VALUES "
         "('patient', 'unconfirmed', UNHEX(?), 'x', 'x', 'x', UTC_TIMESTAMP(6) - INTERVAL 25 HOUR)", {staleUser});
    exec("INSERT INTO users (role, status, email_bidx, email_ct, name_ct, password_hash, created_at) VALUES "
         "('patient', 'unconfirmed', UNHEX(?), 'x', 'x', 'x', UTC_TIMESTAMP(6) - INTERVAL 23 HOUR)", {freshUser});

    auto run = adminCommand("purge");
    BOOST_TEST_REQUIRE(run.exitCode == 0, run.output);
    BOOST_TEST(contains(run.output, "purge: chats older than 90 days, audit rows older than 365 days, kept medical "
                                    "records 10 years after their last visit; deleted"),
               run.output);
    BOOST_TEST(contains(run.output, "signed-out sessions"), run.output);
    // Counts only: none of the purged keys appears.
    BOOST_TEST(!contains(run.output, jtiOld));
    BOOST_TEST(!contains(run.output, bucketOld));

    BOOST_TEST(count("SELECT COUNT(*) FROM users WHERE email_bidx = UNHEX(?)", {staleUser}) == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM users WHERE email_bidx = UNHEX(?)", {freshUser}) == 1);
    BOOST_TEST(contains(run.output, "unconfirmed accounts"), run.output);
    exec("DELETE FROM users WHERE email_bidx = UNHEX(?)", {freshUser});
    BOOST_TEST(count("SELECT COUNT(*) FROM revoked_tokens WHERE jti = ?", {jtiOld}) == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM revoked_tokens WHERE jti = ?", {jtiLive}) == 1);
    BOOST_TEST(count("SELECT COUNT(*) FROM password_resets WHERE token_hash = UNHEX(?)", {resetExpired}) == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM password_resets WHERE token_hash = UNHEX(?)", {resetUsed}) == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM password_resets WHERE token_hash = UNHEX(?)", {resetLive}) == 1);
    BOOST_TEST(count("SELECT COUNT(*) FROM rate_counters WHERE bucket = ?", {bucketOld}) == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM rate_counters WHERE bucket = ?", {bucketLive}) == 1);
    BOOST_TEST(count("SELECT COUNT(*) FROM login_failures WHERE email_bidx = UNHEX(?)", {failOld}) == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM login_failures WHERE email_bidx = UNHEX(?)", {failRecent}) == 1);
    BOOST_TEST(count("SELECT COUNT(*) FROM login_failures WHERE email_bidx = UNHEX(?)", {failLocked}) == 1);

    // A second run finds nothing more of these.
    auto again = adminCommand("purge");
    BOOST_TEST_REQUIRE(again.exitCode == 0, again.output);
    BOOST_TEST(count("SELECT COUNT(*) FROM revoked_tokens WHERE jti = ?", {jtiLive}) == 1);
    BOOST_TEST(count("SELECT COUNT(*) FROM password_resets WHERE token_hash = UNHEX(?)", {resetLive}) == 1);

    // The rows this test left are removed, so nothing of it lingers for other suites.
    exec("DELETE FROM revoked_tokens WHERE jti = ?", {jtiLive});
    exec("DELETE FROM password_resets WHERE token_hash = UNHEX(?)", {resetLive});
    exec("DELETE FROM rate_counters WHERE bucket = ?", {bucketLive});
    exec("DELETE FROM login_failures WHERE email_bidx IN (UNHEX(?), UNHEX(?))", {failRecent, failLocked});
}

BOOST_AUTO_TEST_CASE(purge_refuses_arguments_and_a_bad_retention_setting) {
    auto extra = adminCommand("purge now");
    BOOST_TEST(extra.exitCode != 0);
    auto tooShort = runQuietly("cd '" MEDASSIST_SOURCE_DIR "' && MEDASSIST_VAR_DIR='" + env("MEDASSIST_TEST_VAR") +
                               "' AUDIT_RETENTION_DAYS=3 '" MEDASSIST_BINARY_DIR
                               "/medassist-admin' --config fcgi_app/config/medassist.properties purge");
    BOOST_TEST(tooShort.exitCode != 0);
    BOOST_TEST(contains(tooShort.output, "audit_retention_days"), tooShort.output);
}

// Audit rows past their retention go from the start of the chain; the rest still verifies,
// also for `medassist-admin audit-verify`. (Rows cannot be back-dated without breaking the
// chain, so the purge is asked about a later "now" instead.)
BOOST_AUTO_TEST_CASE(the_audit_trail_is_trimmed_from_its_start_and_still_verifies) {
    medassist::security::AuditStore store(db());
    medassist::security::AuditLog log(store, std::string(32, 'k'));
    const std::string oldMark = "retention-old-" + hex(6), newMark = "retention-new-" + hex(6);
    log.record("retention_probe", std::nullopt, "127.0.0.1", oldMark);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const std::int64_t between = epochNow();
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    log.record("retention_probe", std::nullopt, "127.0.0.1", newMark);

    const int days = 365;
    const std::size_t removed = log.purgeOlderThan(days, between + static_cast<std::int64_t>(days) * 86400);
    BOOST_TEST(removed >= 1u);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE detail = ?", {oldMark}) == 0);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE detail = ?", {newMark}) == 1);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE at < (SELECT at FROM audit_log WHERE detail = ?)",
                     {newMark}) == 0);

    const auto verified = log.verify();
    BOOST_TEST(!verified.firstBrokenId.has_value());
    auto cli = adminCommand("audit-verify");
    BOOST_TEST(cli.exitCode == 0, cli.output);

    // Nothing newer than the cut goes on a second purge with the same cut.
    BOOST_TEST(log.purgeOlderThan(days, between + static_cast<std::int64_t>(days) * 86400) == 0u);
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE detail = ?", {newMark}) == 1);
}

BOOST_AUTO_TEST_SUITE_END()
