// An account's language: a sign-in sets the language cookie from the saved choice (before the
// session cookie, which stays last), and what a clean start removed reads in the owner's
// language.
#include <boost/test/unit_test.hpp>

#include "accounts/accounts_service.hpp"
#include "accounts/gate.hpp"
#include "i18n/catalogs.hpp"

using namespace medassist;
using namespace medassist::accounts;

namespace {
const i18n::Catalogs& catalogs() {
    static const i18n::Catalogs c(MEDASSIST_LOCALE_DIR);
    return c;
}

SessionGrant grant(const std::string& language) {
    SessionGrant g;
    g.token = "tok";
    g.language = language;
    return g;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(account_language)

BOOST_AUTO_TEST_CASE(a_sign_in_sets_the_saved_language_before_the_session_cookie) {
    Context ctx;
    ctx.catalogs = &catalogs();
    ctx.lang = "en";  // the browser asked for English
    addSessionCookies(ctx, grant("it"));
    BOOST_REQUIRE_EQUAL(ctx.setCookies.size(), 2u);
    BOOST_TEST(ctx.setCookies[0].rfind("__Host-lang=it;", 0) == 0);
    BOOST_TEST(ctx.setCookies[1] == cookieHeader(kSessionCookie, "tok"));  // still the last one
    BOOST_TEST(ctx.lang == "it");  // this response already speaks it
}

BOOST_AUTO_TEST_CASE(no_saved_language_leaves_the_readers_cookie_alone) {
    Context ctx;
    ctx.catalogs = &catalogs();
    ctx.lang = "en";
    addSessionCookies(ctx, grant(""));
    BOOST_REQUIRE_EQUAL(ctx.setCookies.size(), 1u);
    BOOST_TEST(ctx.setCookies[0] == cookieHeader(kSessionCookie, "tok"));
    BOOST_TEST(ctx.lang == "en");

    Context other;
    other.catalogs = &catalogs();
    addSessionCookies(other, grant("xx"));  // a language the app no longer has
    BOOST_REQUIRE_EQUAL(other.setCookies.size(), 1u);
}

BOOST_AUTO_TEST_CASE(what_a_clean_start_removed_in_the_owners_language) {
    CleanSlate r;
    r.caregiverLinks = 2;
    r.mfa = true;
    r.phone = true;
    BOOST_TEST(describeRemoved(r, catalogs(), "en") == "2 caregiver links, two-step sign-in and the phone number");
    BOOST_TEST(describeRemoved(r, catalogs(), "it") ==
               "2 collegamenti con caregiver, la verifica in due passaggi e il numero di telefono");
    CleanSlate one;
    one.caregiverLinks = 1;
    BOOST_TEST(describeRemoved(one, catalogs(), "it") == "1 collegamento con un caregiver");
    one.dob = true;
    BOOST_TEST(describeRemoved(one, catalogs(), "en") == "1 caregiver link and the date of birth");
    BOOST_TEST(describeRemoved(CleanSlate{}, catalogs(), "it").empty());
}

BOOST_AUTO_TEST_SUITE_END()
