// Consent to store medical information (issue 5), through nginx and the real database:
// without it the account works but no reason for a visit is stored; agreeing, withdrawing
// and the registration box change that at once.
#include <boost/test/unit_test.hpp>

#include <random>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "../accounts/api_client.hpp"
#include "../account_pages/browser.hpp"
#include "app_db.hpp"
#include "privacy_support.hpp"
#include "http/encoding.hpp"
#include "scheduling/practice_time.hpp"

using namespace medassist::testing;

namespace {

using privacy_test::bookingBody;
using privacy_test::Slot;

// A free general-practice slot two to four weeks ahead.
Slot freeSlot(ApiClient& c) { return privacy_test::freeSlot(c, "general-practice", 15, 28); }

const std::string kPassword = "quiet lantern orbit pebble marsh";

// GET the register form (for its cookie and token), then post it as a patient.
HttpResult registerPatient(Browser& b, const std::string& name, const std::string& email, const Fields& extra = {}) {
    auto form = b.get("/register");
    BOOST_TEST_REQUIRE(form.status == 200);
    Fields fields{{"csrf_token", csrfOf(form.body)}, {"role", "patient"}, {"name", name}, {"email", email},
                  {"password", kPassword}};
    for (const auto& f : extra) fields.push_back(f);
    auto reg = b.post("/register", fields);
    if (reg.status != 303) return reg;
    // Confirmed as staff can (issue 16), then signed in on the same browser.
    auto confirmed = confirmEmailByStaff(email);
    BOOST_TEST_REQUIRE(confirmed.exitCode == 0, "confirm-email: " << confirmed.output);
    auto login = b.get("/login");
    auto in = b.post("/login", {{"csrf_token", csrfOf(login.body)}, {"email", email}, {"password", kPassword}});
    BOOST_TEST_REQUIRE(in.status == 303, "sign in: " << in.status);
    return reg;
}

std::string currentVersion() {
    auto r = ApiClient{}.call("GET", "/api/consent");
    BOOST_TEST_REQUIRE(r.status == 200);
    return jsonString(parseJson(r.body), "version");
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_consent_text_says_what_is_stored_why_and_how_long_to_anyone) {
    auto r = ApiClient{}.call("GET", "/api/consent");
    BOOST_TEST_REQUIRE(r.status == 200);
    auto o = parseJson(r.body);
    BOOST_TEST(!jsonString(o, "version").empty());
    const std::string text = jsonString(o, "text");
    BOOST_TEST(text.find("What we store") != std::string::npos);
    BOOST_TEST(text.find("Why") != std::string::npos);
    BOOST_TEST(text.find("90 days") != std::string::npos);
    auto page = Browser{}.get("/consent");
    BOOST_TEST(page.status == 200);
    BOOST_TEST(page.body.find("What we store") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_consent_a_booking_keeps_no_reason_and_agreeing_or_withdrawing_changes_that) {
    auto p = newPatient(uniqueEmail("noconsent"), "Consent Patient", false);

    // Without consent: a reason is refused with CONSENT_REQUIRED and nothing is booked...
    Slot s = freeSlot(p);
    auto refused = p.call("POST", "/api/appointments", bookingBody(s, "Sore knee"));
    BOOST_TEST(refused.status == 403);
    BOOST_TEST(jsonString(parseJson(refused.body), "code") == "CONSENT_REQUIRED");
    auto none = p.call("GET", "/api/appointments");
    BOOST_TEST(none.body.find(s.start) == std::string::npos);

    // ...but the account works: the same slot without a reason is booked.
    auto plain = p.call("POST", "/api/appointments", bookingBody(s, ""));
    BOOST_TEST_REQUIRE(plain.status == 201, plain.body);
    BOOST_TEST(parseJson(plain.body)->get("reason").isEmpty());

    // Agreeing needs the current version and a true "agree"; each mistake names its field.
    auto stale = p.call("POST", "/api/me/consent", R"({"version":"1999-01-01","agree":true})");
    BOOST_TEST(stale.status == 422);
    BOOST_TEST(stale.body.find("\"version\"") != std::string::npos);
    auto notAgreed = p.call("POST", "/api/me/consent", R"({"version":")" + currentVersion() + R"(","agree":false})");
    BOOST_TEST(notAgreed.status == 422);
    BOOST_TEST(notAgreed.body.find("\"agree\"") != std::string::npos);
    BOOST_TEST(p.call("POST", "/api/appointments", bookingBody(freeSlot(p), "Sore knee")).status == 403);

    agreeToConsent(p);
    auto withReason = p.call("POST", "/api/appointments", bookingBody(freeSlot(p), "Sore knee"));
    BOOST_TEST_REQUIRE(withReason.status == 201, withReason.body);
    BOOST_TEST(jsonString(parseJson(withReason.body), "reason") == "Sore knee");

    // Withdrawing stops storage at once.
    BOOST_TEST(p.call("DELETE", "/api/me/consent").status == 204);
    auto after = p.call("POST", "/api/appointments", bookingBody(freeSlot(p), "Follow-up"));
    BOOST_TEST(after.status == 403);
    BOOST_TEST(jsonString(parseJson(after.body), "code") == "CONSENT_REQUIRED");
    // Other roles have no consent of their own to give.
    BOOST_TEST(ApiClient{}.call("POST", "/api/me/consent", "{}").status == 401);
}

BOOST_AUTO_TEST_CASE(registration_asks_with_an_unticked_box_and_the_consent_page_shows_the_answer) {
    Browser ticked;
    auto form = ticked.get("/register");
    BOOST_TEST_REQUIRE(form.status == 200);
    BOOST_TEST(form.body.find(R"(id="consent" name="consent" value="1">)") != std::string::npos);  // not checked
    auto reg = registerPatient(ticked, "Ticked Patient", uniqueEmail("ticked"),
                               {{"consent", "1"}, {"consent_version", currentVersion()}});
    BOOST_TEST_REQUIRE(reg.status == 303);
    auto page = ticked.get("/account/consent");
    BOOST_TEST(page.status == 200);
    BOOST_TEST(page.body.find("You agreed to this text") != std::string::npos);
    BOOST_TEST(page.body.find("Withdraw my consent") != std::string::npos);

    Browser unticked;
    BOOST_TEST_REQUIRE(registerPatient(unticked, "Unticked Patient", uniqueEmail("unticked")).status == 303);
    auto open = unticked.get("/account/consent");
    BOOST_TEST(open.body.find("You have not agreed") != std::string::npos);
    // Posting the form without ticking the box: 422, the field named, nothing stored.
    auto bare = unticked.post("/account/consent", {{"csrf_token", csrfOf(open.body)}, {"version", currentVersion()}});
    BOOST_TEST(bare.status == 422);
    BOOST_TEST(bare.body.find("Tick the box to agree") != std::string::npos);
    auto agreed = unticked.post("/account/consent", {{"csrf_token", csrfOf(open.body)}, {"version", currentVersion()},
                                                     {"agree", "1"}});
    BOOST_TEST(agreed.status == 303);
    BOOST_TEST(unticked.get("/account/consent").body.find("You agreed to this text") != std::string::npos);
}

// Without consent the chat and the reason field are unavailable: the pages say why and link
// to the consent page, the API answers CONSENT_REQUIRED, nothing is stored; agreeing opens both.
BOOST_AUTO_TEST_CASE(without_consent_the_chat_and_the_reason_field_say_why_and_nothing_is_stored) {
    Browser b;
    BOOST_TEST_REQUIRE(registerPatient(b, "Chatless Patient", uniqueEmail("chatless")).status == 303);
    auto chat = b.get("/chat");
    BOOST_TEST_REQUIRE(chat.status == 200);
    BOOST_TEST(contains(chat.body, "The assistant needs your consent first"));
    BOOST_TEST(contains(chat.body, "href=\"/account/consent\""));
    BOOST_TEST(!contains(chat.body, "name=\"message\""));
    // Posting anyway: refused, nothing kept.
    auto posted = b.post("/chat", {{"csrf_token", csrfOf(chat.body)}, {"message", "I need a dermatologist"}});
    BOOST_TEST(posted.status == 403);
    BOOST_TEST(contains(posted.body, "/account/consent"));

    // The booking wizard's reason step has no field, only why and where to agree.
    auto finder = newPatient(uniqueEmail("slotfinder"), "Slot Finder", false);
    const Slot s = freeSlot(finder);
    const std::string doctorId = std::to_string(s.doctorId);
    const std::string slotStep = "/appointments/new?doctor_id=" + doctorId +
                                 "&step=slot&slot=" + medassist::http::percentEncode(doctorId + "|" + s.start);
    auto reason = b.get(slotStep);
    BOOST_TEST_REQUIRE(reason.status == 200);
    BOOST_TEST(contains(reason.body, "no reason for the visit can be kept"));
    BOOST_TEST(!contains(reason.body, "<textarea id=\"reason\""));
    // ...and booking without one works.
    auto confirm = b.post("/appointments/new/confirm",
                          {{"csrf_token", csrfOf(reason.body)}, {"doctor_id", doctorId}, {"start", s.start}});
    BOOST_TEST_REQUIRE(confirm.status == 200, confirm.body);
    BOOST_TEST(contains(confirm.body, "None given"));

    // The API says the same; no conversation or message exists for this patient.
    auto api = newPatient(uniqueEmail("chatlessapi"), "Chatless Api", false);
    auto refused = api.call("POST", "/api/chat", R"({"message":"hello"})");
    BOOST_TEST(refused.status == 403);
    BOOST_TEST(jsonString(parseJson(refused.body), "code") == "CONSENT_REQUIRED");
    const std::int64_t id =
        parseJson(api.call("GET", "/auth/me").body)->getObject("patient")->getValue<std::int64_t>("patient_id");
    auto pool = appPool(1);
    const long long stored = pool->run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(
            "SELECT (SELECT COUNT(*) FROM conversations WHERE owner_id = ?) + "
            "(SELECT COUNT(*) FROM chat_messages WHERE subject_id = ?)"));
        st->setInt64(1, id);
        st->setInt64(2, id);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        rs->next();
        return static_cast<long long>(rs->getInt64(1));
    });
    BOOST_TEST(stored == 0);

    // Agreeing opens both at once.
    agreeToConsent(api);
    BOOST_TEST(api.call("POST", "/api/chat", R"({"message":"hello"})").status == 200);
    auto open = b.get("/account/consent");
    BOOST_TEST_REQUIRE(b.post("/account/consent", {{"csrf_token", csrfOf(open.body)}, {"version", currentVersion()},
                                                   {"agree", "1"}})
                           .status == 303);
    BOOST_TEST(contains(b.get("/chat").body, "name=\"message\""));
    BOOST_TEST(contains(b.get(slotStep).body, "<textarea id=\"reason\""));
}
