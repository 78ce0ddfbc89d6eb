// An account's language: saved at registration from the page's language, by the switcher
// while signed in and on the account page; a sign-in starts in it; every mail is in it.
// (The test stack's practice default is English: scripts/test.)
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "pages_support.hpp"
#include "smtp_server.hpp"

using namespace medassist::testing;
namespace fs = std::filesystem;

namespace {

// The first mail to `to` whose subject contains `subject`, over SMTP (the test port) or in
// <var>/mail; an empty ParsedMail after a minute.
ParsedMail waitForMail(const SmtpServer* smtp, const std::string& to, const std::string& subject) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    const fs::path dir = fs::path(env("MEDASSIST_TEST_VAR")) / "mail";
    while (std::chrono::steady_clock::now() < deadline) {
        std::vector<std::string> raws;
        if (smtp)
            for (const auto& m : smtp->received()) raws.push_back(m.raw);
        std::error_code ec;
        if (fs::is_directory(dir, ec))
            for (const auto& entry : fs::directory_iterator(dir, ec))
                if (entry.path().extension() == ".eml") {
                    std::ifstream in(entry.path(), std::ios::binary);
                    std::stringstream ss;
                    ss << in.rdbuf();
                    raws.push_back(ss.str());
                }
        for (const auto& raw : raws) {
            auto mail = parseMail(raw);
            if (contains(mail.to, to) && contains(mail.subject, subject)) return mail;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return {};
}

std::unique_ptr<SmtpServer> startSmtp() {
    try {
        return std::make_unique<SmtpServer>(SmtpServer::testPort());
    } catch (const std::exception& e) {
        BOOST_TEST_MESSAGE("no SMTP server for this test (" << e.what() << "); looking in the mail folder only");
        return nullptr;
    }
}

HttpResult me(Browser& b) { return b.get("/auth/me", {{"Accept", "application/json"}}); }

}  // namespace

BOOST_AUTO_TEST_SUITE(account_language)

BOOST_AUTO_TEST_CASE(a_registration_from_an_italian_page_gets_italian_mails_and_sign_ins) {
    auto smtp = startSmtp();
    const std::string email = uniqueEmail("italo");
    Browser b;
    b.setCookie("__Host-lang", "it");  // the switcher's cookie: nothing chosen on the account
    BOOST_TEST_REQUIRE(registerOnly(b, "patient", "Italo Svevo", email).status == 303);
    auto confirm = waitForMail(smtp.get(), email, "Confermi il suo indirizzo email");
    BOOST_TEST_REQUIRE(!confirm.subject.empty(), "no Italian confirmation mail reached " << email);
    BOOST_TEST(contains(confirm.body, "Buongiorno,"));
    BOOST_TEST(contains(confirm.body, "/confirm-email?token="));
    BOOST_TEST(!contains(confirm.body, "Hello"));
    BOOST_TEST_REQUIRE(confirmEmailByStaff(email).exitCode == 0);

    // Another browser, English by default: the sign-in switches it to the account's language.
    Browser other;
    auto in = signIn(other, email);
    BOOST_TEST_REQUIRE(in.status == 303);
    BOOST_TEST(other.cookie("__Host-lang").value_or("") == "it");
    auto profile = me(other);
    BOOST_TEST(profile.status == 200);
    BOOST_TEST(contains(profile.body, "\"language\":\"it\""));

    // The reset mail is Italian too, whoever asks for it and in whatever language.
    Browser asker;
    auto sent = asker.post("/forgot-password", {{"csrf_token", tokenFrom(asker, "/forgot-password")}, {"email", email}});
    BOOST_TEST_REQUIRE(sent.status == 303);
    auto reset = waitForMail(smtp.get(), email, "Reimpostare la password");
    BOOST_TEST_REQUIRE(!reset.subject.empty(), "no Italian reset mail reached " << email);
    BOOST_TEST(contains(reset.body, "qualcuno ha chiesto di reimpostare la password"));
}

BOOST_AUTO_TEST_CASE(the_account_page_saves_a_language_with_post_redirect_get) {
    Browser b;
    const std::string email = uniqueEmail("grazia");
    BOOST_TEST_REQUIRE(registerAs(b, "patient", "Grazia Deledda", email).status == 303);
    auto page = b.get("/account");
    BOOST_TEST_REQUIRE(page.status == 200);
    BOOST_TEST(contains(page.body, "action=\"/account/language\""));
    BOOST_TEST(contains(page.body, "<option value=\"it\" lang=\"it\">Italiano</option>"));
    BOOST_TEST(contains(page.body, "<option value=\"en\" lang=\"en\" selected>English</option>"));
    BOOST_TEST(contains(me(b).body, "\"language\":\"en\""));  // English pages: registered in English

    auto bad = b.post("/account/language", {{"csrf_token", csrfOf(page.body)}, {"language", "xx"}});
    BOOST_TEST(bad.status == 422);
    BOOST_TEST(contains(bad.body, "<a href=\"#language\">Choose one of the languages in the list.</a>"));

    auto forged = b.post("/account/language", {{"csrf_token", "nope"}, {"language", "it"}});
    BOOST_TEST(forged.status == 403);

    auto ok = b.post("/account/language", {{"csrf_token", csrfOf(bad.body)}, {"language", "it"}});
    BOOST_TEST_REQUIRE(ok.status == 303);
    BOOST_TEST(ok.header("location") == "/account?saved=language");
    BOOST_TEST(b.cookie("__Host-lang").value_or("") == "it");
    auto saved = b.follow(ok);
    BOOST_TEST(contains(saved.body, "La lingua è stata salvata."));
    BOOST_TEST(contains(saved.body, "<option value=\"it\" lang=\"it\" selected>Italiano</option>"));
    BOOST_TEST(contains(me(b).body, "\"language\":\"it\""));
}

BOOST_AUTO_TEST_CASE(the_switcher_saves_the_choice_on_the_signed_in_account_only) {
    Browser b;
    const std::string email = uniqueEmail("primo");
    BOOST_TEST_REQUIRE(registerAs(b, "patient", "Primo Levi", email).status == 303);
    auto sw = b.get("/language?to=it&next=/account");
    BOOST_TEST(sw.status == 303);
    BOOST_TEST(b.cookie("__Host-lang").value_or("") == "it");
    BOOST_TEST(contains(me(b).body, "\"language\":\"it\""));

    // A visitor who is not signed in only gets the cookie.
    Browser visitor;
    BOOST_TEST(visitor.get("/language?to=en&next=/").status == 303);
    BOOST_TEST(contains(me(b).body, "\"language\":\"it\""));

    // The next sign-in elsewhere starts in Italian.
    Browser other;
    BOOST_TEST_REQUIRE(signIn(other, email).status == 303);
    BOOST_TEST(other.cookie("__Host-lang").value_or("") == "it");
}

BOOST_AUTO_TEST_SUITE_END()
