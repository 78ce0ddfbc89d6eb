// The admins' security review (issue 5): pseudonymous events with filters, and a lockout
// flagged with its network, never with the account's email.
#include <boost/test/unit_test.hpp>

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

    auto filtered = admin.browser.get("/admin/security?event=lockout&network=198.51.100.0%2F24");
    BOOST_TEST(filtered.status == 200);
    BOOST_TEST(filtered.body.find("<td data-label=\"Event\">lockout</td>") != std::string::npos);
    BOOST_TEST(filtered.body.find("<td data-label=\"Event\">sign_in</td>") == std::string::npos);
    BOOST_TEST(admin.browser.get("/admin/security?from=yesterday").status == 422);

    // Patients never see it.
    Browser patient;
    patient.setCookie("__Host-session", newPatient(uniqueEmail("curious")).bearer);
    BOOST_TEST(patient.get("/admin/security").status == 403);
}
