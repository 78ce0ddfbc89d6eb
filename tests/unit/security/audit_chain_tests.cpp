#include <boost/test/unit_test.hpp>

#include "security/audit_chain.hpp"

using namespace medassist::security;

namespace {
std::vector<AuditRow> chain(int n) {
    std::vector<AuditRow> rows;
    std::string prev(64, '0');
    for (int i = 0; i < n; ++i) {
        AuditRow r;
        r.id = i + 1;
        r.time = "2026-11-22T10:00:0" + std::to_string(i) + "Z";
        r.event = i % 2 ? "sign_in_failed" : "sign_in";
        r.actor = pseudonym(std::string(32, 'k'), std::to_string(100 + i));
        r.network = "203.0.113.0/24";
        r.prevHash = prev;
        r.hash = auditHash(r, prev);
        prev = r.hash;
        rows.push_back(r);
    }
    return rows;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(audit)

BOOST_AUTO_TEST_CASE(pseudonyms_are_stable_keyed_and_not_the_id) {
    const std::string key(32, 'k');
    BOOST_TEST(pseudonym(key, "42") == pseudonym(key, "42"));
    BOOST_TEST(pseudonym(key, "42") != pseudonym(key, "43"));
    BOOST_TEST(pseudonym(key, "42") != pseudonym(std::string(32, 'x'), "42"));
    BOOST_TEST(pseudonym(key, "42").find("42") != 0u);
    BOOST_TEST(pseudonym(key, "42").size() == 32u);
}

BOOST_AUTO_TEST_CASE(addresses_are_truncated_to_a_network) {
    BOOST_TEST(truncateIp("203.0.113.77") == "203.0.113.0/24");
    BOOST_TEST(truncateIp("2001:db8:1:2:3:4:5:6") == "2001:db8:1::/48");
    BOOST_TEST(truncateIp("::ffff:198.51.100.9") == "198.51.100.0/24");
    BOOST_TEST(truncateIp("not an address") == "");
    BOOST_TEST(truncateIp("") == "");
}

BOOST_AUTO_TEST_CASE(an_intact_chain_verifies) {
    BOOST_TEST(firstBrokenRow(chain(5), std::string(64, '0')) == -1);
    BOOST_TEST(firstBrokenRow({}, std::string(64, '0')) == -1);
}

BOOST_AUTO_TEST_CASE(an_edited_row_is_found) {
    auto rows = chain(5);
    rows[2].event = "password_changed";
    BOOST_TEST(firstBrokenRow(rows, std::string(64, '0')) == 2);
}

BOOST_AUTO_TEST_CASE(a_removed_row_is_found) {
    auto rows = chain(5);
    rows.erase(rows.begin() + 3);
    BOOST_TEST(firstBrokenRow(rows, std::string(64, '0')) == 3);
}

BOOST_AUTO_TEST_CASE(a_rehashed_edit_still_breaks_the_next_row) {
    auto rows = chain(5);
    rows[1].actor = "someone-else";
    rows[1].hash = auditHash(rows[1], rows[1].prevHash);  // the forger fixes this row's hash
    BOOST_TEST(firstBrokenRow(rows, std::string(64, '0')) == 2);
}

BOOST_AUTO_TEST_SUITE_END()
