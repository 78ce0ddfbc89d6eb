// A newcomer's first steps (issue 22, item 7): the register form that keeps what was typed
// when the rate limit stops it, the welcome page with the next steps, the page each role
// lands on after signing in, and the home page's way to book.
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <thread>

#include "pages_support.hpp"

using namespace medassist::testing;

namespace {
// Registers a patient who agreed to the consent text on the register form.
void registerConsentingPatient(Browser& b, const std::string& name, const std::string& email) {
    const std::string version = inputValue(b.get("/register").body, "consent_version").value_or("");
    BOOST_TEST_REQUIRE(!version.empty());
    BOOST_TEST_REQUIRE(registerAs(b, "patient", name, email, kPassword, {{"consent_version", version}, {"consent", "1"}})
                           .status == 303);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(first_steps)

BOOST_AUTO_TEST_CASE(registering_too_often_keeps_what_was_typed_and_says_how_long_to_wait) {
    Browser b;
    const std::string email = uniqueEmail("hasty");
    std::string token = tokenFrom(b, "/register");
    const std::string version = inputValue(b.get("/register").body, "consent_version").value_or("");
    auto typed = [&](const std::string& password) {
        return Fields{{"csrf_token", token},         {"role", "patient"},        {"name", "Giovanni Fretta"},
                      {"email", email},               {"password", password},     {"phone", "+39 06 1234 5678"},
                      {"date_of_birth", "1970-01-31"}, {"consent_version", version}, {"consent", "1"}};
    };
    // Tries with a password that is too short (refused without hashing anything) use up the
    // address's budget: 3 a minute (the minute is 4 s in tests). The app, not nginx, refuses
    // the fourth: nginx lets the form through so that the page can keep what was typed. A
    // refusal with under 2 s left in its window is passed over, so the next post surely
    // falls in the same window.
    HttpResult refused;
    int sent = 0;
    // nginx lets 15 form posts through at once from one address (then 3 a real minute), so
    // a refusal too close to its window's end waits that window out instead of posting on:
    // at most two windows of 4 posts, well inside nginx's allowance.
    for (; sent < 12; ++sent) {
        refused = b.post("/register", typed("short"));
        BOOST_TEST_REQUIRE((refused.status == 422 || refused.status == 429), "try " << sent + 1 << ": " << refused.status);
        if (refused.status == 429) {
            const int left = std::stoi(refused.header("retry-after"));
            if (left >= 2) break;
            std::this_thread::sleep_for(std::chrono::seconds(left));
        }
        token = csrfOf(refused.body);
    }
    BOOST_TEST_REQUIRE(refused.status == 429);
    // And a complete, valid registration now is refused the same way, registering nothing.
    refused = b.post("/register", typed(kPassword));
    BOOST_TEST_REQUIRE(refused.status == 429);
    BOOST_TEST(!refused.header("x-request-id").empty());  // the app's page, not nginx's
    const int wait = std::stoi(refused.header("retry-after"));
    BOOST_TEST((wait >= 1 && wait <= 4));
    expectSecurityHeaders(refused);
    BOOST_TEST(titleOf(refused.body).rfind("Error: Register", 0) == 0);
    BOOST_TEST(contains(refused.body, "<form method=\"post\" action=\"/register\""));
    BOOST_TEST(contains(refused.body, "role=\"alert\""));
    BOOST_TEST(contains(refused.body, "Please wait " + std::to_string(wait) + " second"));
    BOOST_TEST(contains(refused.body, "What you typed is still here"));
    BOOST_TEST(inputValue(refused.body, "name").value_or("") == "Giovanni Fretta");
    BOOST_TEST(inputValue(refused.body, "email").value_or("") == email);
    BOOST_TEST(inputValue(refused.body, "phone").value_or("") == "+39 06 1234 5678");
    BOOST_TEST(inputValue(refused.body, "date_of_birth").value_or("") == "1970-01-31");
    BOOST_TEST(contains(refused.body, "value=\"patient\" checked"));
    BOOST_TEST(contains(inputTag(refused.body, "consent"), "checked"));
    BOOST_TEST(!inputValue(refused.body, "password").has_value());  // never sent back
    BOOST_TEST(!contains(refused.body, kPassword));
    BOOST_TEST(!csrfOf(refused.body).empty());  // the form can be sent again as it is
    BOOST_TEST(confirmEmailByStaff(email).exitCode != 0);  // no registration was made

    // In Italian too.
    auto italian = b.post("/register", typed(kPassword), {{"Accept-Language", "it-IT"}});
    BOOST_TEST_REQUIRE(italian.status == 429);
    BOOST_TEST(contains(italian.body, "Quello che ha scritto è ancora qui"));
    BOOST_TEST(inputValue(italian.body, "name").value_or("") == "Giovanni Fretta");

    // An API client still gets the API's JSON answer.
    auto api = b.post("/register", typed(kPassword), {{"Accept", "application/json"}});
    BOOST_TEST(api.status == 429);
    BOOST_TEST(contains(api.body, "RATE_LIMIT_EXCEEDED"));
}

BOOST_AUTO_TEST_CASE(a_patient_without_consent_lands_on_the_welcome_page_and_its_next_steps) {
    // The way there right after registering (the mailed link) is in sign_in_tests.
    Browser owner;
    const std::string email = uniqueEmail("grazia");
    BOOST_TEST_REQUIRE(registerAs(owner, "patient", "Grazia Deledda", email).status == 303);
    Browser b;
    auto in = signIn(b, email);
    BOOST_TEST_REQUIRE(in.status == 303);
    BOOST_TEST(in.header("location") == "/welcome");
    auto welcome = b.follow(in);
    BOOST_TEST_REQUIRE(welcome.status == 200);
    BOOST_TEST(titleOf(welcome.body).rfind("Welcome", 0) == 0);
    BOOST_TEST(contains(welcome.body, "<h1>Welcome to "));
    BOOST_TEST(contains(welcome.body, "Here is what you can do next."));
    for (const char* href : {"/account/consent", "/appointments/new", "/chat", "/account/caregivers", "/account/mfa"})
        BOOST_TEST(contains(welcome.body, std::string("href=\"") + href + "\""), href);
    BOOST_TEST(contains(welcome.body, "Read and give consent"));
    BOOST_TEST(inputTag(welcome.body, "password").empty());  // not a page of password forms
    // Signed in already, the sign-in page sends on to the same place.
    auto login = b.get("/login");
    BOOST_TEST(login.status == 303);
    BOOST_TEST(login.header("location") == "/welcome");
    // In Italian (the language switcher, which saves the choice of a signed-in visitor).
    BOOST_TEST_REQUIRE(b.get("/language?to=it&next=/").status == 303);
    auto italian = b.get("/welcome");
    BOOST_TEST(contains(italian.body, "Il suo account è pronto."));
}

BOOST_AUTO_TEST_CASE(patients_and_caregivers_land_on_their_appointments_once_they_can_book) {
    Browser patient;
    const std::string email = uniqueEmail("consenting");
    registerConsentingPatient(patient, "Rita Levi-Montalcini", email);
    Browser again;
    auto in = signIn(again, email);
    BOOST_TEST_REQUIRE(in.status == 303);
    BOOST_TEST(in.header("location") == "/appointments");
    // The welcome page stays reachable, its consent step done.
    auto welcome = again.get("/welcome");
    BOOST_TEST(welcome.status == 200);
    BOOST_TEST(contains(welcome.body, "Done: you have given your consent."));
    BOOST_TEST(!contains(welcome.body, "Read and give consent"));
    // A page asked for before signing in still wins.
    Browser asked;
    auto back = signIn(asked, email, kPassword, "/account/caregivers");
    BOOST_TEST(back.header("location") == "/account/caregivers");

    Browser carer;
    const std::string carerEmail = uniqueEmail("carer.lands");
    BOOST_TEST_REQUIRE(registerAs(carer, "caregiver", "Matilde Serao", carerEmail).status == 303);
    Browser carerAgain;
    auto carerIn = signIn(carerAgain, carerEmail);
    BOOST_TEST(carerIn.header("location") == "/appointments");
}

BOOST_AUTO_TEST_CASE(the_home_page_has_a_way_to_book) {
    Browser visitor;
    auto home = visitor.get("/");
    BOOST_TEST_REQUIRE(home.status == 200);
    BOOST_TEST(contains(home.body, "<a class=\"button\" href=\"/login?next=%2Fappointments%2Fnew\">Book a visit</a>"));
    BOOST_TEST(contains(home.body, "href=\"/register\">Create an account</a>"));
    auto italian = visitor.get("/", {{"Accept-Language", "it-IT"}});
    BOOST_TEST(contains(italian.body, ">Prenotare una visita</a>"));

    // The link signs in and goes on to the booking pages.
    Browser owner;
    const std::string email = uniqueEmail("booker");
    BOOST_TEST_REQUIRE(registerAs(owner, "patient", "Elsa Morante", email).status == 303);
    auto form = visitor.get("/login?next=%2Fappointments%2Fnew");
    BOOST_TEST(inputValue(form.body, "next").value_or("") == "/appointments/new");
    auto in = visitor.post("/login",
                           {{"csrf_token", csrfOf(form.body)}, {"email", email}, {"password", kPassword}, {"next", "/appointments/new"}});
    BOOST_TEST_REQUIRE(in.status == 303);
    BOOST_TEST(in.header("location") == "/appointments/new");

    // Signed in, the link goes straight to the booking pages.
    auto signedIn = visitor.get("/");
    BOOST_TEST(contains(signedIn.body, "<a class=\"button\" href=\"/appointments/new\">Book a visit</a>"));
    BOOST_TEST(!contains(signedIn.body, "href=\"/login?next="));
}

BOOST_AUTO_TEST_SUITE_END()
