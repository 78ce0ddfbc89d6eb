// Forgotten passwords through the pages: the request answers alike for every address, the
// mailed link opens the reset form on its own (no cookies come with a link from a mail),
// and a link works once.
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

std::string tokenIn(const std::string& text) {
    const std::string marker = "/reset-password?token=";
    auto pos = text.find(marker);
    if (pos == std::string::npos) return "";
    pos += marker.size();
    std::string token;
    while (pos < text.size() && (std::isalnum(static_cast<unsigned char>(text[pos])) || text[pos] == '-' || text[pos] == '_'))
        token += text[pos++];
    return token;
}

// The stack sends mail over SMTP to the test port, or (without an SMTP host) writes .eml
// files to <var>/mail: look in both for the reset link sent to `to`.
std::string waitForResetToken(const SmtpServer* smtp, const std::string& to) {
    // Long enough for mails queued before this test (every registration mails; they retry) to go first.
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
            if (contains(mail.to, to) && contains(mail.subject, "Reset")) {
                auto token = tokenIn(mail.body);
                if (!token.empty()) return token;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "";
}

std::unique_ptr<SmtpServer> startSmtp() {
    try {
        return std::make_unique<SmtpServer>(SmtpServer::testPort());
    } catch (const std::exception& e) {
        BOOST_TEST_MESSAGE("no SMTP server for this test (" << e.what() << "); looking in the mail folder only");
        return nullptr;
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(password_reset_pages)

BOOST_AUTO_TEST_CASE(forgot_password_answers_alike_for_known_and_unknown_addresses) {
    Browser owner;
    const std::string known = uniqueEmail("known");
    BOOST_TEST_REQUIRE(registerAs(owner, "patient", "Known Person", known).status == 303);

    // One browser, so the pages differ in nothing but what the server might give away; two
    // addresses, because the request is limited to two a minute per address.
    Browser first;
    auto form = first.get("/forgot-password");
    BOOST_TEST_REQUIRE(form.status == 200);
    BOOST_TEST(contains(inputTag(form.body, "email"), "autocomplete=\"email\""));
    const std::string token = csrfOf(form.body);
    const std::string pre = *first.cookie("__Host-pre");

    auto a = first.post("/forgot-password", {{"csrf_token", token}, {"email", known}});
    Browser second;
    second.setCookie("__Host-pre", pre);
    auto b = second.post("/forgot-password", {{"csrf_token", token}, {"email", uniqueEmail("unknown")}});
    BOOST_TEST(a.status == 303);
    BOOST_TEST(b.status == 303);
    BOOST_TEST(a.header("location") == "/forgot-password?sent=1");
    BOOST_TEST(a.header("location") == b.header("location"));
    BOOST_TEST(a.body == b.body);
    BOOST_TEST(a.setCookies == b.setCookies);

    auto pageA = first.follow(a);
    auto pageB = second.follow(b);
    BOOST_TEST(pageA.status == 200);
    BOOST_TEST(pageA.status == pageB.status);
    BOOST_TEST(pageA.body == pageB.body);
    BOOST_TEST(contains(pageA.body, "If an account uses this email, we have sent it a link"));

    Browser third;
    auto empty = third.post("/forgot-password", {{"csrf_token", tokenFrom(third, "/forgot-password")}, {"email", "  "}});
    BOOST_TEST(empty.status == 422);
    BOOST_TEST(contains(inputTag(empty.body, "email"), "aria-invalid=\"true\""));
    BOOST_TEST(contains(empty.body, "<a href=\"#email\">Enter your email address.</a>"));
}

BOOST_AUTO_TEST_CASE(a_bogus_or_missing_reset_token_shows_the_expired_page) {
    Browser b;
    for (const char* path : {"/reset-password?token=bogus-token-that-was-never-issued", "/reset-password"}) {
        auto r = b.get(path);
        BOOST_TEST(r.status == 200, path);
        BOOST_TEST(contains(r.body, "This link no longer works"), path);
        BOOST_TEST(contains(r.body, "href=\"/forgot-password\""), path);
        BOOST_TEST(!contains(r.body, "name=\"password\""), path);
        expectSecurityHeaders(r);
    }
    // The expired page has no form; a token from another of this browser's pages.
    auto post = b.post("/reset-password", {{"csrf_token", tokenFrom(b, "/forgot-password")},
                                           {"token", "bogus"},
                                           {"password", kPassword},
                                           {"confirm_password", kPassword}});
    BOOST_TEST(post.status == 422);
    BOOST_TEST(contains(post.body, "This link no longer works"));
}

BOOST_AUTO_TEST_CASE(the_mailed_link_alone_resets_the_password_once) {
    auto smtp = startSmtp();
    Browser owner;
    const std::string email = uniqueEmail("barbara");
    BOOST_TEST_REQUIRE(registerAs(owner, "patient", "Barbara McClintock", email).status == 303);

    Browser asker;
    auto sent = asker.post("/forgot-password", {{"csrf_token", tokenFrom(asker, "/forgot-password")}, {"email", email}});
    BOOST_TEST_REQUIRE(sent.status == 303);
    const std::string token = waitForResetToken(smtp.get(), email);
    BOOST_TEST_REQUIRE(!token.empty(), "no reset mail reached " << email);

    // Opened from the mail: a browser that sends no cookies on that navigation.
    Browser mailLink;
    const std::string link = "/reset-password?token=" + token;
    auto form = mailLink.get(link);
    BOOST_TEST_REQUIRE(form.status == 200);
    BOOST_TEST(inputValue(form.body, "token").value_or("") == token);
    BOOST_TEST(contains(inputTag(form.body, "password"), "autocomplete=\"new-password\""));
    BOOST_TEST(mailLink.cookie("__Host-pre").has_value());

    auto weak = mailLink.post("/reset-password", {{"csrf_token", csrfOf(form.body)},
                                                  {"token", token},
                                                  {"password", "short"},
                                                  {"confirm_password", "short"}});
    BOOST_TEST(weak.status == 422);
    BOOST_TEST(contains(inputTag(weak.body, "password"), "aria-invalid=\"true\""));
    BOOST_TEST(inputValue(weak.body, "token").value_or("") == token);  // a weak password does not burn the link

    auto done = mailLink.post("/reset-password", {{"csrf_token", csrfOf(weak.body)},
                                                  {"token", token},
                                                  {"password", kOtherPassword},
                                                  {"confirm_password", kOtherPassword}});
    BOOST_TEST_REQUIRE(done.status == 303);
    BOOST_TEST(done.header("location") == "/account?saved=password");
    BOOST_TEST(setCookieFor(done, "__Host-session").has_value());
    BOOST_TEST(mailLink.follow(done).status == 200);

    // Once only; and every earlier session is gone.
    Browser later;
    BOOST_TEST(contains(later.get(link).body, "This link no longer works"));
    BOOST_TEST(owner.get("/account").status == 303);
    Browser c;
    BOOST_TEST(signIn(c, email, kPassword).status == 401);
    BOOST_TEST(signIn(c, email, kOtherPassword).status == 303);
}

BOOST_AUTO_TEST_SUITE_END()
