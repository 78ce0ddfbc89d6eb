// The admins' security review (issue 5): pseudonymous events with filters, and a lockout
// flagged with its network, never with the account's email.
#include <boost/test/unit_test.hpp>

#include <regex>
#include <string>

#include "../accounts/api_client.hpp"
#include "staff_client.hpp"

using namespace medassist::testing;

BOOST_AUTO_TEST_CASE(a_lockout_is_flagged_with_its_network_and_events_filter_without_personal_data) {
    const std::string email = uniqueEmail("locked");
    newPatient(email, "Locked Patient");
    // Five wrong passwords for one account from one address (straight to the app, as nginx
    // would pass them), which locks the account.
    for (int i = 0; i < 5; ++i)
        direct("POST", "/auth/login", "198.51.100.9", loginBody(email, "wrong password number " + std::to_string(i)));

    auto admin = newStaff("admin", "Review Admin");
    auto page = admin.browser.get("/admin/security");
    BOOST_TEST_REQUIRE(page.status == 200);
    BOOST_TEST(page.body.find("Accounts locked") != std::string::npos);
    BOOST_TEST(page.body.find("198.51.100.0/24") != std::string::npos);
    BOOST_TEST(page.body.find(email) == std::string::npos);  // pseudonymous only

    // Readable by a practice manager (issue 22): plain words, no raw codes, the practice's
    // local time, the five failures and the lockout as one incident of one account.
    BOOST_TEST(page.body.find(">sign_in_failed") == std::string::npos);  // a code only as a filter value
    BOOST_TEST(page.body.find("Sign-in failed: wrong email address or password (5 times)") != std::string::npos);
    BOOST_TEST(page.body.find("Account locked after repeated failed sign-ins") != std::string::npos);
    BOOST_TEST(page.body.find("Rome time") != std::string::npos);  // the zone in words (issue 17)
    BOOST_TEST(page.body.find("Europe/Rome") == std::string::npos);
    BOOST_TEST(!std::regex_search(page.body, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:")));  // no ISO times
    const auto incident = page.body.find("Sign-in failed: wrong email address or password (5 times)");
    BOOST_TEST_REQUIRE(incident != std::string::npos);
    const auto start = page.body.rfind("<li class=\"incident", incident);
    BOOST_TEST_REQUIRE(start != std::string::npos);
    auto stop = page.body.find("<li class=\"incident", start + 1);
    if (stop == std::string::npos) stop = page.body.find("</ol>", start);
    const std::string block = page.body.substr(start, stop - start);
    BOOST_TEST(block.find("Worth a look") != std::string::npos);
    BOOST_TEST(block.find("Account locked after repeated failed sign-ins") != std::string::npos);
    BOOST_TEST(block.find("198.51.100.0/24") != std::string::npos);
    // The raw trail is one click away, with the codes and UTC times.
    const std::string rawHref = between(block, "<a href=\"/admin/security/raw", "\"");
    auto raw = admin.browser.get("/admin/security/raw" + htmlUnescape(rawHref));
    BOOST_TEST_REQUIRE(raw.status == 200);
    BOOST_TEST(raw.body.find(">sign_in_failed</td>") != std::string::npos);
    BOOST_TEST(raw.body.find(">lockout</td>") != std::string::npos);

    auto filtered = admin.browser.get("/admin/security/raw?event=lockout&network=198.51.100.0%2F24");
    BOOST_TEST(filtered.status == 200);
    BOOST_TEST(filtered.body.find("<td data-label=\"Event\">lockout</td>") != std::string::npos);
    BOOST_TEST(filtered.body.find("<td data-label=\"Event\">sign_in</td>") == std::string::npos);
    BOOST_TEST(admin.browser.get("/admin/security?from=yesterday").status == 422);
    BOOST_TEST(admin.browser.get("/admin/security?page=0").status == 422);

    // Paged: failed sign-ins from 21 networks are 21 incidents, more than one page holds.
    for (int n = 1; n <= 21; ++n)
        direct("POST", "/auth/login", "10.77." + std::to_string(n) + ".9", loginBody(uniqueEmail("nobody"), "wrong"));
    auto first = admin.browser.get("/admin/security");
    BOOST_TEST_REQUIRE(first.status == 200);
    BOOST_TEST(first.body.find("Older incidents") != std::string::npos);
    BOOST_TEST(first.body.find("Newer incidents") == std::string::npos);
    auto second = admin.browser.get("/admin/security?page=2");
    BOOST_TEST_REQUIRE(second.status == 200);
    BOOST_TEST(second.body.find("Newer incidents") != std::string::npos);
    BOOST_TEST(first.body.find("10.77.21.0/24") != std::string::npos);  // the newest first
    BOOST_TEST(second.body.find("10.77.21.0/24") == std::string::npos);

    // Patients never see it.
    Browser patient;
    patient.setCookie("__Host-session", newPatient(uniqueEmail("curious")).bearer);
    BOOST_TEST(patient.get("/admin/security").status == 403);
}
