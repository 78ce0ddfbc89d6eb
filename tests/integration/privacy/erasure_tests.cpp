// The right to be forgotten (issue 5): after erasure the patient cannot sign in, no row holds
// their data in plaintext or under a key that still exists, other patients are untouched,
// the freed slot can be booked, the same email registers again, a confirmation mail goes out
// and the audit chain still verifies.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "../account_pages/browser.hpp"
#include "../accounts/api_client.hpp"
#include "app_db.hpp"
#include "privacy_support.hpp"
#include "commands.hpp"
#include "scheduling/practice_time.hpp"
#include "smtp_server.hpp"

using namespace medassist::testing;

namespace {

medassist::storage::ConnectionPool& db() {
    static auto pool = appPool(2);
    return *pool;
}

long long count(const std::string& query, const std::string& arg) {
    return db().run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(query));
        st->setString(1, arg);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        rs->next();
        return static_cast<long long>(rs->getInt64(1));
    });
}

// Rows anywhere in the app's schema whose text or binary columns contain needle.
long long rowsContaining(const std::string& needle) {
    struct Column {
        std::string table, column;
    };
    std::vector<Column> columns = db().run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE() "
            "AND data_type IN ('char','varchar','text','mediumtext','longtext','binary','varbinary','blob',"
            "'mediumblob','longblob')"));
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        std::vector<Column> out;
        while (rs->next()) out.push_back({rs->getString(1).c_str(), rs->getString(2).c_str()});
        return out;
    });
    long long total = 0;
    for (const auto& c : columns)
        total += count("SELECT COUNT(*) FROM `" + c.table + "` WHERE LOCATE(CAST(? AS BINARY), `" + c.column + "`) > 0",
                       needle);
    return total;
}

using privacy_test::Slot;

Slot freeSlot(ApiClient& c) { return privacy_test::freeSlot(c, "dermatology", 20, 34); }
std::string book(const Slot& s, const std::string& reason) { return privacy_test::bookingBody(s, reason); }

std::string random(const std::string& prefix) {
    static std::mt19937_64 rng(std::random_device{}());
    return prefix + std::to_string(rng() % 1000000000000ULL);
}

}  // namespace

BOOST_AUTO_TEST_CASE(erasure_removes_everything_of_the_patient_and_nothing_of_anyone_else) {
    SmtpServer smtp(SmtpServer::testPort());
    const std::string email = uniqueEmail("forget");
    const std::string name = random("Zeb Forgetme");
    const std::string reason = random("Rash on elbow ");
    auto p = newPatient(email, name);
    const std::int64_t id =
        parseJson(p.call("GET", "/auth/me").body)->getObject("patient")->getValue<std::int64_t>("patient_id");
    Slot mine = freeSlot(p);
    BOOST_TEST_REQUIRE(p.call("POST", "/api/appointments", book(mine, reason)).status == 201);
    BOOST_TEST_REQUIRE(p.call("POST", "/api/caregivers", R"({"email":")" + uniqueEmail("helper") + R"("})").status == 201);

    auto other = newPatient(uniqueEmail("stays"), "Other Patient");
    const std::string otherReason = random("Other reason ");
    Slot theirs = freeSlot(other);
    BOOST_TEST_REQUIRE(other.call("POST", "/api/appointments", book(theirs, otherReason)).status == 201);
    BOOST_TEST(rowsContaining(reason) == 0);  // encrypted at rest even before erasure

    // Wrong password or confirmation: 422 naming the field, nothing changed.
    Browser b;
    b.setCookie("__Host-session", p.bearer);
    auto form = b.get("/account/delete");
    BOOST_TEST_REQUIRE(form.status == 200);
    // No completed visit: nothing of a medical record has to stay, and the page says all goes.
    BOOST_TEST(form.body.find("everything the practice keeps about you") != std::string::npos);
    BOOST_TEST(form.body.find("What the practice must keep") == std::string::npos);
    auto wrong = b.post("/account/delete", {{"csrf_token", csrfOf(form.body)}, {"password", "wrong password here"},
                                            {"confirmation", "delete my account"}});
    BOOST_TEST(wrong.status == 422);
    BOOST_TEST(wrong.body.find("The password is not correct.") != std::string::npos);
    auto unconfirmed = p.call("DELETE", "/api/me", R"({"password":")" + kGoodPassword + R"(","confirmation":"yes"})");
    BOOST_TEST(unconfirmed.status == 422);
    BOOST_TEST(unconfirmed.body.find("confirmation") != std::string::npos);
    BOOST_TEST(count("SELECT COUNT(*) FROM users WHERE id = ?", std::to_string(id)) == 1);

    smtp.clear();
    auto gone = b.post("/account/delete", {{"csrf_token", csrfOf(form.body)}, {"password", kGoodPassword},
                                           {"confirmation", "Delete my account"}});
    BOOST_TEST_REQUIRE(gone.status == 303);
    BOOST_TEST(gone.header("location") == "/account/deleted");
    // Nothing kept: the goodbye page may say everything was deleted.
    BOOST_TEST(b.get("/account/deleted").body.find("Everything the practice kept about you has been deleted") !=
               std::string::npos);

    // Signed out everywhere, and no sign-in any more.
    BOOST_TEST(p.call("GET", "/auth/me").status == 401);
    BOOST_TEST(ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword)).status == 401);

    // Nothing of theirs is left: no row, no key, no plaintext anywhere.
    const std::string sid = std::to_string(id);
    for (const char* q : {"SELECT COUNT(*) FROM users WHERE id = ?", "SELECT COUNT(*) FROM data_keys WHERE user_id = ?",
                          "SELECT COUNT(*) FROM appointments WHERE patient_id = ?",
                          "SELECT COUNT(*) FROM caregiver_links WHERE patient_id = ?",
                          "SELECT COUNT(*) FROM consents WHERE user_id = ?",
                          "SELECT COUNT(*) FROM access_log WHERE patient_id = ?"})
        BOOST_TEST(count(q, sid) == 0, q);
    BOOST_TEST(rowsContaining(email) == 0);
    BOOST_TEST(rowsContaining(name) == 0);

    // The other patient is untouched, and the freed slot can be booked by them.
    auto theirList = other.call("GET", "/api/appointments");
    BOOST_TEST(theirList.body.find(otherReason) != std::string::npos);
    BOOST_TEST(other.call("POST", "/api/appointments", book(mine, "Took the freed time")).status == 201);

    // A confirmation mail, and the same address may register again.
    // Other mails queued earlier (every registration mails) may arrive first: wait for this one.
    bool confirmed = false;
    std::string body;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (std::size_t seen = 1; !confirmed && std::chrono::steady_clock::now() < until; ++seen) {
        for (const auto& m : smtp.waitForMessages(seen, std::chrono::seconds(5)))
            if (m.find("Your account is deleted") != std::string::npos && m.find(email) != std::string::npos) {
                confirmed = true;
                body = parseMail(m).body;
            }
    }
    BOOST_TEST(confirmed);
    // Issue 22, item 9: written and signed in the practice's name (its setting), not the software's.
    const std::string practice = between(body, "your account at ", " and everything");
    BOOST_TEST_REQUIRE(!practice.empty(), body);
    BOOST_TEST(Browser().get("/").body.find(practice) != std::string::npos, practice);  // the name the site shows
    BOOST_TEST(body.size() > practice.size() + 3);
    BOOST_TEST(body.substr(body.size() - practice.size() - 3) == "\n\n" + practice + "\n", body);
    BOOST_TEST(body.find("MedAssist") == std::string::npos, body);
    // Nothing of a medical record was kept (no completed visit), and the mail says so.
    BOOST_TEST(body.find("visit notes") != std::string::npos);
    BOOST_TEST(body.find("kept until") == std::string::npos);
    newPatient(email, "Back Again");

    // The audit trail keeps only a pseudonymous tombstone, and its chain still verifies.
    BOOST_TEST(count("SELECT COUNT(*) FROM audit_log WHERE event = ?", "account_erased") >= 1);
    auto verified = adminCommand("audit-verify");
    BOOST_TEST(verified.exitCode == 0, verified.output);
}
