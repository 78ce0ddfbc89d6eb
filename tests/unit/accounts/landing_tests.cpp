// Where each role lands after signing in without a page to return to (issue 22): the page
// of their work, never the account page's forms.
#include <boost/test/unit_test.hpp>

#include "accounts/landing.hpp"

using medassist::accounts::landingFor;

BOOST_AUTO_TEST_SUITE(landing)

BOOST_AUTO_TEST_CASE(each_role_lands_on_its_own_work) {
    BOOST_TEST(landingFor("patient", false) == "/welcome");  // consent first: the next steps
    BOOST_TEST(landingFor("patient", true) == "/appointments");
    BOOST_TEST(landingFor("caregiver", false) == "/appointments");
    BOOST_TEST(landingFor("doctor", false) == "/doctor/schedule");
    BOOST_TEST(landingFor("admin", false) == "/admin");
    BOOST_TEST(landingFor("someone", true) == "/account");  // a role added later: still somewhere safe
}

BOOST_AUTO_TEST_SUITE_END()
