// What a stolen database would show: no email or name in plaintext anywhere, and every
// password hash bcrypt $2b$ at cost 12.
#include <regex>

#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <boost/test/unit_test.hpp>

#include "app_db.hpp"
#include "api_client.hpp"

using namespace medassist::testing;

BOOST_AUTO_TEST_SUITE(data_at_rest)

BOOST_AUTO_TEST_CASE(no_table_holds_an_email_or_a_name_in_plaintext) {
    const std::string email = uniqueEmail("plaintext");
    const std::string name = "Zebedeo Quintavalle";
    auto c = newPatient(email, name);
    BOOST_TEST(c.call("POST", "/auth/forget_password", R"({"email":")" + email + R"("})").status == 200);
    ApiClient{}.call("POST", "/auth/login", loginBody(email, "wrong wrong wrong"));

    auto pool = appPool(1);
    std::vector<std::string> hits;
    std::size_t cells = 0;
    pool->run([&](sql::Connection& c) {
        std::unique_ptr<sql::Statement> st(c.createStatement());
        std::vector<std::string> tables;
        {
            std::unique_ptr<sql::ResultSet> rs(st->executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"));
            while (rs->next()) tables.push_back(rs->getString(1));
        }
        for (const auto& t : tables) {
            std::unique_ptr<sql::ResultSet> rs(st->executeQuery("SELECT * FROM `" + t + "`"));
            const auto cols = rs->getMetaData()->getColumnCount();
            while (rs->next())
                for (unsigned i = 1; i <= cols; ++i) {
                    if (rs->isNull(i)) continue;
                    sql::SQLString v = rs->getString(i);
                    std::string s(v.c_str(), v.length());
                    ++cells;
                    if (s.find(email) != std::string::npos || s.find("Zebedeo") != std::string::npos ||
                        s.find("example.org") != std::string::npos || s.find("example.com") != std::string::npos)
                        hits.push_back(t);
                }
        }
    });
    BOOST_TEST(cells > 0u);
    // The app's rate counters name clients by a keyed hash, never the address itself (the
    // security suite's own rules use raw test addresses and are not the app's).
    const int clearAddresses = pool->run([](sql::Connection& c) {
        std::unique_ptr<sql::Statement> st(c.createStatement());
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery(
            "SELECT COUNT(*) FROM rate_counters WHERE (bucket LIKE 'auth\\_%' OR bucket LIKE 'default%') AND "
            "(bucket LIKE '%198.18.%' OR bucket LIKE '%203.0.113.%' OR bucket LIKE '%2001:db8%')"));
        return rs->next() ? rs->getInt(1) : -1;
    });
    BOOST_TEST(clearAddresses == 0);
    BOOST_TEST(hits.empty(), "plaintext personal data in: " << (hits.empty() ? "" : hits.front()));
}

BOOST_AUTO_TEST_CASE(every_password_hash_is_bcrypt_2b_cost_12) {
    newPatient(uniqueEmail("hash"));
    auto pool = appPool(1);
    std::vector<std::string> hashes;
    pool->run([&](sql::Connection& c) {
        std::unique_ptr<sql::Statement> st(c.createStatement());
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery("SELECT password_hash FROM users"));
        while (rs->next()) hashes.push_back(rs->getString(1));
    });
    BOOST_TEST(hashes.size() >= 5u);  // the four demo accounts and this one
    const std::regex bcrypt(R"(^\$2b\$12\$[./A-Za-z0-9]{53}$)");
    for (const auto& h : hashes) BOOST_TEST(std::regex_match(h, bcrypt), h.substr(0, 7));
}

BOOST_AUTO_TEST_SUITE_END()
