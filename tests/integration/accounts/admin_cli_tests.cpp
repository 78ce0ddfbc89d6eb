// The operator's side of accounts: create-user (password on stdin), rotate-master-key
// while the app keeps serving, and the audit trail the flows leave behind.
#include <regex>

#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <boost/test/unit_test.hpp>

#include "api_client.hpp"
#include "app_db.hpp"
#include "commands.hpp"

using namespace medassist::testing;

namespace {
// The fields the tests read, named as before.
struct CliResult {
    int status = -1;
    std::string out;
};

CliResult admin(const std::string& args, const std::string& input = "") {
    auto r = adminCommand(args, input);
    return {r.exitCode, r.output};
}

int scalar(const std::string& query) {
    auto pool = appPool(1);
    return pool->run([&](sql::Connection& c) {
        std::unique_ptr<sql::Statement> st(c.createStatement());
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery(query));
        return rs->next() ? rs->getInt(1) : -1;
    });
}
}  // namespace

BOOST_AUTO_TEST_SUITE(admin_cli)

BOOST_AUTO_TEST_CASE(create_user_reads_the_password_from_stdin_and_applies_the_policy) {
    const std::string email = uniqueEmail("cli");
    auto weak = admin("create-user --role admin --email " + email + " --name 'Ops Person'", "password1234");
    BOOST_TEST(weak.status == 1);
    BOOST_TEST(weak.out.find("password:") != std::string::npos, weak.out);
    auto badRole = admin("create-user --role root --email " + email + " --name 'Ops Person'", kGoodPassword);
    BOOST_TEST(badRole.status == 1);
    BOOST_TEST(badRole.out.find("role:") != std::string::npos, badRole.out);
    auto usage = admin("create-user --role admin --email " + email, kGoodPassword);
    BOOST_TEST(usage.status == 64);

    auto ok = admin("create-user --role caregiver --email " + email + " --name 'Ops Person'", kGoodPassword);
    BOOST_TEST(ok.status == 0, ok.out);
    BOOST_TEST(std::regex_search(ok.out, std::regex("created caregiver account [0-9]+")), ok.out);
    BOOST_TEST(ok.out.find(kGoodPassword) == std::string::npos);
    auto again = admin("create-user --role caregiver --email " + email + " --name 'Ops Person'", kGoodPassword);
    BOOST_TEST(again.status == 1);
    // The account signs in through the API like any other.
    auto login = ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword));
    BOOST_TEST(login.status == 200);
    BOOST_TEST(parseJson(login.body)->has("caregiver"));
}

BOOST_AUTO_TEST_CASE(rotate_master_key_rewraps_every_data_key_while_the_app_serves) {
    const std::string email = uniqueEmail("rotate");
    auto patient = newPatient(email, "Rosa Rotation");
    const int before = scalar("SELECT MAX(key_version) FROM data_keys");
    auto rotated = admin("rotate-master-key");
    BOOST_TEST(rotated.status == 0, rotated.out);
    BOOST_TEST(rotated.out.find("master key v" + std::to_string(before + 1) + " added") != std::string::npos, rotated.out);
    BOOST_TEST(scalar("SELECT COUNT(*) FROM data_keys WHERE key_version <> " + std::to_string(before + 1)) == 0);
    // The running app meets a key version it never loaded and reads the new file itself.
    auto me = patient.call("GET", "/auth/me");
    BOOST_TEST(me.status == 200);
    BOOST_TEST(parseJson(me.body)->getObject("patient")->getValue<std::string>("name") == "Rosa Rotation");
    // New accounts are wrapped under the new key at once.
    newPatient(uniqueEmail("after-rotation"));
    BOOST_TEST(scalar("SELECT COUNT(*) FROM data_keys WHERE key_version <> " + std::to_string(before + 1)) == 0);
}

BOOST_AUTO_TEST_CASE(the_flows_leave_a_pseudonymous_intact_audit_trail) {
    const std::string email = uniqueEmail("audit");
    auto c = newPatient(email);
    ApiClient{}.call("POST", "/auth/login", loginBody(email, "wrong wrong wrong"));
    c.call("GET", "/api/admin/pending-doctors");
    c.call("POST", "/auth/forget_password", R"({"email":")" + email + R"("})");
    c.call("POST", "/auth/logout");

    for (const char* event : {"account_created", "sign_in", "sign_in_failed", "access_denied", "reset_requested", "sign_out"})
        BOOST_TEST(scalar(std::string("SELECT COUNT(*) FROM audit_log WHERE event = '") + event + "'") > 0, event);
    // Actors are 128-bit hex pseudonyms, networks truncated; never an address in full.
    BOOST_TEST(scalar("SELECT COUNT(*) FROM audit_log WHERE actor <> '' AND actor NOT REGEXP '^[0-9a-f]{32}$'") == 0);
    BOOST_TEST(scalar("SELECT COUNT(*) FROM audit_log WHERE network <> '' AND network NOT REGEXP '/(24|48)$'") == 0);

    auto verify = admin("audit-verify");
    BOOST_TEST(verify.status == 0, verify.out);
    BOOST_TEST(verify.out.find("audit chain intact") != std::string::npos, verify.out);
}

BOOST_AUTO_TEST_SUITE_END()
