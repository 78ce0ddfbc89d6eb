// The audit trail: what a row holds (nothing personal), and that editing or removing rows
// by hand is found, by AuditLog::verify and by `medassist-admin audit-verify`. Every test
// puts back what it broke: the database is shared with the other suites.
#include <boost/test/unit_test.hpp>

#include <functional>
#include <thread>
#include <vector>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "security/audit_log.hpp"
#include "app_db.hpp"

using namespace medassist;
using namespace medassist::security;
using namespace medassist::testing;

namespace {

const std::string kKey(32, 'p');

struct AdminResult {
    int exitCode = -1;
    std::string out, err;
};

AdminResult auditVerifyCommand() {
    Poco::Pipe outPipe, errPipe;
    const std::string props = std::string(MEDASSIST_SOURCE_DIR) + "/fcgi_app/config/medassist.properties";
    auto handle = Poco::Process::launch(std::string(MEDASSIST_BINARY_DIR) + "/medassist-admin",
                                        {"--config", props, "audit-verify"}, MEDASSIST_SOURCE_DIR, nullptr, &outPipe,
                                        &errPipe, {{"MEDASSIST_VAR_DIR", env("MEDASSIST_TEST_VAR")}});
    Poco::PipeInputStream out(outPipe), err(errPipe);
    AdminResult r;
    Poco::StreamCopier::copyToString(out, r.out);
    Poco::StreamCopier::copyToString(err, r.err);
    r.exitCode = handle.wait();
    return r;
}

// Tampering by hand, as someone with the database password could.
void execute(storage::ConnectionPool& pool, const std::string& sql,
             const std::function<void(sql::PreparedStatement&)>& bind) {
    pool.run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(sql));
        bind(*st);
        st->executeUpdate();
    });
}

void restoreRow(storage::ConnectionPool& pool, const AuditRow& r) {
    execute(pool,
            "INSERT INTO audit_log (id, at, event, actor, network, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON DUPLICATE KEY UPDATE at = VALUES(at), event = VALUES(event), actor = VALUES(actor), "
            "network = VALUES(network), detail = VALUES(detail), prev_hash = VALUES(prev_hash), hash = VALUES(hash)",
            [&](sql::PreparedStatement& st) {
                st.setInt64(1, r.id);
                st.setString(2, r.time);
                st.setString(3, r.event);
                st.setString(4, r.actor);
                st.setString(5, r.network);
                st.setString(6, r.detail);
                st.setString(7, r.prevHash);
                st.setString(8, r.hash);
            });
}

void deleteRow(storage::ConnectionPool& pool, std::int64_t id) {
    execute(pool, "DELETE FROM audit_log WHERE id = ?", [&](sql::PreparedStatement& st) { st.setInt64(1, id); });
}

// Puts a row back as it was, even when a check fails half-way.
struct RestoreOnExit {
    storage::ConnectionPool& pool;
    AuditRow row;
    ~RestoreOnExit() {
        try {
            restoreRow(pool, row);
        } catch (...) {
        }
    }
};

// Appends n events and returns them as stored, oldest first.
std::vector<AuditRow> appendEvents(AuditLog& log, AuditStore& store, int n) {
    for (int i = 0; i < n; ++i) log.record("sign_in_failed", std::to_string(1000 + i), "203.0.113.77", "bad_password");
    auto rows = store.recent(static_cast<std::size_t>(n));
    return std::vector<AuditRow>(rows.rbegin(), rows.rend());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(audit)

BOOST_AUTO_TEST_CASE(rows_hold_a_pseudonym_and_a_network_never_the_id_or_address) {
    auto pool = appPool();
    AuditStore store(*pool);
    AuditLog log(store, kKey);
    log.record("sign_in", std::string("4242"), "198.51.100.23", "password");
    log.record("sign_in_failed", std::nullopt, "2001:db8:1:2:3:4:5:6", std::string(250, 'x'));
    log.record("access_denied", std::string("4242"), "not an address");
    auto rows = store.recent(3);
    BOOST_REQUIRE(rows.size() == 3u);
    const AuditRow& denied = rows[0];
    const AuditRow& failed = rows[1];
    const AuditRow& signedIn = rows[2];
    BOOST_TEST(signedIn.event == "sign_in");
    BOOST_TEST(signedIn.actor == pseudonym(kKey, "4242"));
    BOOST_TEST(signedIn.actor.size() == 32u);
    BOOST_TEST(signedIn.network == "198.51.100.0/24");
    BOOST_TEST(signedIn.detail == "password");
    BOOST_TEST(failed.actor == "");
    BOOST_TEST(failed.network == "2001:db8:1::/48");
    BOOST_TEST(failed.detail.size() == 200u);
    BOOST_TEST(denied.actor == signedIn.actor);  // one user's events can be followed
    BOOST_TEST(denied.network == "");
    // Consecutive ids, each linked to the one before, in time order.
    BOOST_TEST(failed.id == signedIn.id + 1);
    BOOST_TEST(denied.id == failed.id + 1);
    BOOST_TEST(failed.prevHash == signedIn.hash);
    BOOST_TEST(denied.prevHash == failed.hash);
    BOOST_TEST(signedIn.time.size() == 27u);  // 2026-01-02T03:04:05.123456Z
    BOOST_TEST(signedIn.time.back() == 'Z');
    BOOST_TEST(signedIn.time <= failed.time);
    BOOST_CHECK_THROW(log.record("", std::nullopt, "198.51.100.23"), std::invalid_argument);
    BOOST_CHECK_THROW(log.record(std::string(41, 'e'), std::nullopt, "198.51.100.23"), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(an_intact_chain_verifies_and_the_admin_command_says_so) {
    auto pool = appPool();
    AuditStore store(*pool);
    AuditLog log(store, kKey);
    appendEvents(log, store, 5);
    auto result = log.verify();
    BOOST_TEST(result.intact());
    BOOST_TEST(result.rows >= 5u);
    BOOST_TEST(store.all().size() == result.rows);
    auto cli = auditVerifyCommand();
    BOOST_TEST(cli.exitCode == 0, cli.err);
    BOOST_TEST(cli.out.find("audit chain intact: ") == 0u, cli.out);
}

BOOST_AUTO_TEST_CASE(an_edited_row_is_named_by_verify_and_by_the_admin_command) {
    auto pool = appPool();
    AuditStore store(*pool);
    AuditLog log(store, kKey);
    const auto rows = appendEvents(log, store, 3);
    const AuditRow& victim = rows[1];
    {
        RestoreOnExit restore{*pool, victim};
        execute(*pool, "UPDATE audit_log SET detail = 'password' WHERE id = ?",
                [&](sql::PreparedStatement& st) { st.setInt64(1, victim.id); });
        auto result = log.verify();
        BOOST_TEST(!result.intact());
        BOOST_TEST(result.firstBrokenId.value_or(-1) == victim.id);
        BOOST_TEST(!result.lastRowRemoved);
        auto cli = auditVerifyCommand();
        BOOST_TEST(cli.exitCode == 1, cli.err);
        BOOST_TEST(cli.out == "audit chain broken at row " + std::to_string(victim.id) + "\n");
    }
    BOOST_TEST(log.verify().intact());
    auto cli = auditVerifyCommand();
    BOOST_TEST(cli.exitCode == 0, cli.out << cli.err);
}

BOOST_AUTO_TEST_CASE(a_removed_row_is_found_at_the_first_row_after_the_gap) {
    auto pool = appPool();
    AuditStore store(*pool);
    AuditLog log(store, kKey);
    const auto rows = appendEvents(log, store, 3);
    {
        RestoreOnExit restore{*pool, rows[1]};
        deleteRow(*pool, rows[1].id);
        auto result = log.verify();
        BOOST_TEST(result.firstBrokenId.value_or(-1) == rows[2].id);
        auto cli = auditVerifyCommand();
        BOOST_TEST(cli.exitCode == 1, cli.err);
        BOOST_TEST(cli.out.find("audit chain broken at row " + std::to_string(rows[2].id)) == 0u, cli.out);
    }
    BOOST_TEST(log.verify().intact());
}

BOOST_AUTO_TEST_CASE(a_removed_last_row_is_found_through_the_head) {
    auto pool = appPool();
    AuditStore store(*pool);
    AuditLog log(store, kKey);
    const auto rows = appendEvents(log, store, 2);
    {
        RestoreOnExit restore{*pool, rows[1]};
        deleteRow(*pool, rows[1].id);
        auto result = log.verify();
        BOOST_TEST(result.firstBrokenId.value_or(-1) == rows[1].id);
        BOOST_TEST(result.lastRowRemoved);
        auto cli = auditVerifyCommand();
        BOOST_TEST(cli.exitCode == 1, cli.err);
        BOOST_TEST(cli.out.find("audit chain broken at row " + std::to_string(rows[1].id)) == 0u, cli.out);
        BOOST_TEST(cli.out.find("the last row was removed") != std::string::npos, cli.out);
    }
    BOOST_TEST(log.verify().intact());
}

BOOST_AUTO_TEST_CASE(concurrent_writers_in_two_processes_keep_one_chain) {
    auto poolA = appPool(4), poolB = appPool(4);
    AuditStore storeA(*poolA), storeB(*poolB);
    AuditLog logA(storeA, kKey), logB(storeB, kKey);
    const auto before = storeA.head();
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            storage::ConnectionPool::threadInit();
            AuditLog& log = t % 2 ? logA : logB;
            for (int i = 0; i < 5; ++i) log.record("sign_in", std::to_string(t), "192.0.2.1", "password");
            storage::ConnectionPool::threadEnd();
        });
    }
    for (auto& t : threads) t.join();
    BOOST_TEST(storeA.head().lastId == before.lastId + 40);
    BOOST_TEST(logA.verify().intact());
}

BOOST_AUTO_TEST_SUITE_END()
