// Data export (issue 5), with the demo practice's Maria: appointments with reasons, visit
// notes, a caregiver (Luca) who reads her appointments first, her consent. The export holds
// every kind of her records, decrypted, and nothing of another patient.
#include <boost/test/unit_test.hpp>

#include <random>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

#include "../account_pages/browser.hpp"
#include "../accounts/api_client.hpp"
#include "app_db.hpp"
#include "privacy_support.hpp"

using namespace medassist::testing;

namespace {

// The demo sign-ins scripts/run made (role, email, password), from the stack's secrets.
std::map<std::string, std::string> demoPasswords() {
    std::ifstream in(env("MEDASSIST_TEST_VAR") + "/secrets/demo-accounts.txt");
    std::map<std::string, std::string> out;
    std::string role, email, password;
    while (in >> role >> email >> password) out[email] = password;
    return out;
}

ApiClient signedIn(const std::string& email, const std::string& password) {
    ApiClient c;
    auto r = c.call("POST", "/auth/login", loginBody(email, password));
    BOOST_TEST_REQUIRE(r.status == 200, "login " << r.status << " " << r.body);
    c.bearer = jsonString(parseJson(r.body), "token");
    return c;
}

long long count(const std::string& query, std::int64_t id) {
    static auto pool = appPool(2);
    return pool->run([&](sql::Connection& c) {
        std::unique_ptr<sql::PreparedStatement> st(c.prepareStatement(query));
        st->setInt64(1, id);
        std::unique_ptr<sql::ResultSet> rs(st->executeQuery());
        rs->next();
        return static_cast<long long>(rs->getInt64(1));
    });
}

const char* const kMaria = "maria.bianchi@example.com";

}  // namespace

BOOST_AUTO_TEST_CASE(an_export_holds_every_kind_of_record_of_the_patient_and_nothing_of_another) {
    auto passwords = demoPasswords();
    BOOST_TEST_REQUIRE(passwords.count(kMaria) == 1u);
    // Luca, her caregiver, reads her appointments: that lands in her access log.
    auto luca = signedIn("luca.bianchi@example.com", passwords["luca.bianchi@example.com"]);
    auto maria = signedIn(kMaria, passwords[kMaria]);
    const std::int64_t mariaId =
        parseJson(maria.call("GET", "/auth/me").body)->getObject("patient")->getValue<std::int64_t>("patient_id");
    BOOST_TEST(luca.call("GET", "/api/appointments?patient_id=" + std::to_string(mariaId)).status == 200);
    // Both chat with the assistant about her; another patient chats too.
    const std::string tag = std::to_string(std::random_device{}() % 1000000);
    const std::string mariaSays = "Is there parking near the practice, ref " + tag + "?";
    const std::string lucaSays = "What are the opening hours on Saturday, ref " + tag + "?";
    const std::string otherSays = "Do you accept my insurance, ref " + tag + "?";
    BOOST_TEST_REQUIRE(maria.call("POST", "/api/chat", R"({"message":")" + mariaSays + R"("})").status == 200);
    BOOST_TEST_REQUIRE(luca.call("POST", "/api/chat", R"({"message":")" + lucaSays + R"("})").status == 200);
    auto other = newPatient(uniqueEmail("otherchat"), "Other Chatter");
    BOOST_TEST_REQUIRE(other.call("POST", "/api/chat", R"({"message":")" + otherSays + R"("})").status == 200);

    auto r = maria.call("GET", "/api/me/export");
    BOOST_TEST_REQUIRE(r.status == 200, r.body);
    BOOST_TEST(r.header("content-disposition").find("attachment") != std::string::npos);
    BOOST_TEST(r.header("cache-control") == "no-store");
    auto doc = parseJson(r.body);
    BOOST_TEST(jsonString(doc, "schema") == "medassist-export/1");
    BOOST_TEST(doc->getObject("profile")->getValue<std::string>("email") == kMaria);
    BOOST_TEST(doc->getObject("profile")->getValue<std::string>("name") == "Maria Bianchi");
    BOOST_TEST(doc->getArray("consents")->size() >= 1u);

    auto appointments = doc->getArray("appointments");
    BOOST_TEST(static_cast<long long>(appointments->size()) ==
               count("SELECT COUNT(*) FROM appointments WHERE patient_id = ?", mariaId));
    std::size_t withReason = 0;
    for (std::size_t i = 0; i < appointments->size(); ++i)
        if (!appointments->getObject(static_cast<unsigned>(i))->get("reason").isEmpty()) ++withReason;
    BOOST_TEST(withReason > 0u);  // decrypted, not ciphertext
    auto notes = doc->getArray("visit_notes");
    BOOST_TEST(static_cast<long long>(notes->size()) ==
               count("SELECT COUNT(*) FROM visit_notes WHERE patient_id = ?", mariaId));
    BOOST_TEST_REQUIRE(notes->size() > 0u);
    BOOST_TEST(!notes->getObject(0)->getValue<std::string>("text").empty());
    auto links = doc->getArray("caregiver_links");
    BOOST_TEST_REQUIRE(links->size() >= 1u);
    BOOST_TEST(r.body.find("luca.bianchi@example.com") != std::string::npos);
    auto access = doc->getArray("access_log");
    bool lucaRead = false;
    for (std::size_t i = 0; i < access->size(); ++i) {
        auto e = access->getObject(static_cast<unsigned>(i));
        if (e->getValue<std::string>("role") == "caregiver" && e->getValue<std::string>("data") == "appointments")
            lucaRead = true;
    }
    BOOST_TEST(lucaRead);
    // Her conversations, decrypted, saying who typed what; nothing of anyone else's.
    auto conversations = doc->getArray("conversations");
    BOOST_TEST_REQUIRE(conversations->size() >= 2u);
    bool hers = false, caregivers = false, replies = false;
    for (std::size_t i = 0; i < conversations->size(); ++i) {
        auto messages = conversations->getObject(static_cast<unsigned>(i))->getArray("messages");
        for (std::size_t j = 0; j < messages->size(); ++j) {
            auto m = messages->getObject(static_cast<unsigned>(j));
            const auto from = m->getValue<std::string>("from");
            const auto text = m->getValue<std::string>("text");
            if (text == mariaSays && from == "you") hers = true;
            if (text == lucaSays && from == "your caregiver") caregivers = true;
            if (from == "assistant" && !text.empty()) replies = true;
        }
    }
    BOOST_TEST(hers);
    BOOST_TEST(caregivers);
    BOOST_TEST(replies);
    BOOST_TEST(r.body.find(otherSays) == std::string::npos);

    // Nothing of the other demo patients.
    for (const char* other : {"giovanni.russo@example.com", "Giovanni Russo", "anna.ferrari@example.com", "Anna Ferrari"})
        BOOST_TEST(r.body.find(other) == std::string::npos, other);
}

BOOST_AUTO_TEST_CASE(the_page_asks_for_the_password_again_and_the_api_for_a_fresh_sign_in) {
    auto p = newPatient(uniqueEmail("exporter"), "Export Patient");
    // A session signed in just now may export through the API (older ones get REAUTH_REQUIRED).
    auto fresh = p.call("GET", "/api/me/export");
    BOOST_TEST(fresh.status == 200);
    BOOST_TEST(jsonString(parseJson(fresh.body)->getObject("profile"), "name") == "Export Patient");

    Browser b;
    b.setCookie("__Host-session", p.bearer);
    auto form = b.get("/account/export");
    BOOST_TEST_REQUIRE(form.status == 200);
    auto wrong = b.post("/account/export", {{"csrf_token", csrfOf(form.body)}, {"password", "not my password"}});
    BOOST_TEST(wrong.status == 422);
    BOOST_TEST(wrong.body.find("The password is not correct.") != std::string::npos);
    BOOST_TEST(wrong.body.find("name=\"grant\"") == std::string::npos);

    // Issue 22, item 9: the right password replaces the error with the data as a readable page
    // (no stale "not correct"), times in the practice's zone, with the JSON file one click away.
    const std::string reason = "Checkup " + std::to_string(std::random_device{}() % 1000000);
    const auto slot = privacy_test::freeSlot(p, "dermatology", 20, 34);
    BOOST_TEST_REQUIRE(p.call("POST", "/api/appointments", privacy_test::bookingBody(slot, reason)).status == 201);
    auto ok = b.post("/account/export", {{"csrf_token", csrfOf(form.body)}, {"password", kGoodPassword}});
    BOOST_TEST_REQUIRE(ok.status == 200);
    BOOST_TEST(ok.header("content-type").find("text/html") != std::string::npos);
    BOOST_TEST(ok.header("cache-control") == "no-store");
    BOOST_TEST(ok.body.find("not correct") == std::string::npos);
    BOOST_TEST(ok.body.find("<h1>My data</h1>") != std::string::npos);
    BOOST_TEST(ok.body.find("Export Patient") != std::string::npos);
    BOOST_TEST(ok.body.find(reason) != std::string::npos);
    BOOST_TEST(ok.body.find(" at " + slot.start.substr(11, 5)) != std::string::npos, slot.start);  // practice time
    BOOST_TEST(ok.body.find("Status: Booked.") != std::string::npos);
    BOOST_TEST(ok.body.find("\"schema\"") == std::string::npos);

    const std::string grant = between(ok.body, "name=\"grant\" value=\"", "\"");
    BOOST_TEST_REQUIRE(!grant.empty());
    auto file = b.post("/account/export/file", {{"csrf_token", csrfOf(ok.body)}, {"grant", grant}});
    BOOST_TEST_REQUIRE(file.status == 200);
    BOOST_TEST(file.header("content-disposition").find("medassist-export-") != std::string::npos);
    BOOST_TEST(file.body.find("\"schema\":\"medassist-export/1\"") != std::string::npos);
    BOOST_TEST(file.body.find(reason) != std::string::npos);
    // A grant changed by a byte, or one from another session, downloads nothing.
    std::string forged = grant;
    forged.back() = forged.back() == '0' ? '1' : '0';
    auto refused = b.post("/account/export/file", {{"csrf_token", csrfOf(ok.body)}, {"grant", forged}});
    BOOST_TEST(refused.status == 403);
    BOOST_TEST(refused.body.find("\"schema\":") == std::string::npos);
    BOOST_TEST(refused.body.find("confirm your password again") != std::string::npos);
    Browser other;
    other.setCookie("__Host-session", newPatient(uniqueEmail("grantthief"), "Grant Thief").bearer);
    auto otherForm = other.get("/account/export");
    BOOST_TEST(other.post("/account/export/file", {{"csrf_token", csrfOf(otherForm.body)}, {"grant", grant}}).status ==
               403);

    // In the reader's language (the switcher saves it on the account, which comes first).
    BOOST_TEST_REQUIRE(b.get("/language?to=it&next=/").status == 303);
    auto italian = b.post("/account/export", {{"csrf_token", csrfOf(form.body)}, {"password", kGoodPassword}});
    BOOST_TEST_REQUIRE(italian.status == 200);
    BOOST_TEST(italian.body.find("<h1>I miei dati</h1>") != std::string::npos);
    BOOST_TEST(italian.body.find("Stato: Prenotato.") != std::string::npos);
    BOOST_TEST(italian.body.find(" alle " + slot.start.substr(11, 5)) != std::string::npos);
}
