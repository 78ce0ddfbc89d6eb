#pragma once
// What several account-page tests do on the way to what they check: make an account
// through the register form, sign in through the sign-in form, make an administrator with
// medassist-admin, and compute a TOTP code from the key a set-up page shows.
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include "browser.hpp"
#include "commands.hpp"
#include "security/totp.hpp"

namespace medassist::testing {

inline const std::string kPassword = "quiet lantern orbit pebble marsh";
inline const std::string kOtherPassword = "velvet canyon drizzle anchor tulip";

inline std::string uniqueEmail(const std::string& who) {
    static std::mt19937_64 rng{std::random_device{}()};
    std::string e = who;
    e += '.';
    e += std::to_string(rng() % 1000000000000ULL);
    e += "@pages.example.org";
    return e;
}

// GET the register form (for its cookie and token), then post it. The account is then
// unconfirmed: see registerAs.
inline HttpResult registerOnly(Browser& b, const std::string& role, const std::string& name, const std::string& email,
                               const std::string& password = kPassword, const Fields& extra = {}) {
    auto form = b.get("/register");
    BOOST_TEST_REQUIRE(form.status == 200);
    Fields fields{{"csrf_token", csrfOf(form.body)}, {"role", role}, {"name", name}, {"email", email},
                  {"password", password}};
    for (const auto& f : extra) fields.push_back(f);
    return b.post("/register", fields);
}

inline HttpResult signIn(Browser& b, const std::string& email, const std::string& password, const std::string& next);

// Registers, has the address confirmed by staff (medassist-admin confirm-email: the mailed
// link is tested on its own) and, for a patient or caregiver, signs in on the same browser.
// Returns the registration's answer.
inline HttpResult registerAs(Browser& b, const std::string& role, const std::string& name, const std::string& email,
                             const std::string& password = kPassword, const Fields& extra = {}) {
    auto reg = registerOnly(b, role, name, email, password, extra);
    if (reg.status != 303) return reg;
    auto confirmed = confirmEmailByStaff(email);
    BOOST_TEST_REQUIRE(confirmed.exitCode == 0, "confirm-email: " << confirmed.output);
    if (role != "doctor") {
        auto in = signIn(b, email, password, "");
        BOOST_TEST_REQUIRE(in.status == 303, "sign in after confirming: " << in.status);
    }
    return reg;
}

// GET the sign-in form, then post it.
inline HttpResult signIn(Browser& b, const std::string& email, const std::string& password = kPassword,
                         const std::string& next = "") {
    auto form = b.get("/login");
    BOOST_TEST_REQUIRE(form.status == 200);
    Fields fields{{"csrf_token", csrfOf(form.body)}, {"email", email}, {"password", password}};
    if (!next.empty()) fields.emplace_back("next", next);
    return b.post("/login", fields);
}

// The token of the forms on a page this browser gets now.
inline std::string tokenFrom(Browser& b, const std::string& path) {
    auto page = b.get(path);
    BOOST_TEST_REQUIRE(page.status == 200);
    return csrfOf(page.body);
}

// An active account made the way an operator makes one: medassist-admin create-user, the
// password on stdin.
inline void createUserWithCli(const std::string& role, const std::string& name, const std::string& email,
                              const std::string& password = kPassword) {
    Poco::Pipe inPipe, outPipe, errPipe;
    const std::string props = std::string(MEDASSIST_SOURCE_DIR) + "/fcgi_app/config/medassist.properties";
    auto handle = Poco::Process::launch(std::string(MEDASSIST_BINARY_DIR) + "/medassist-admin",
                                        {"--config", props, "create-user", "--role", role, "--email", email, "--name", name},
                                        MEDASSIST_SOURCE_DIR, &inPipe, &outPipe, &errPipe,
                                        {{"MEDASSIST_VAR_DIR", env("MEDASSIST_TEST_VAR")}});
    {
        Poco::PipeOutputStream in(inPipe);
        in << password << "\n";
        in.close();
    }
    Poco::PipeInputStream out(outPipe), err(errPipe);
    std::string o, e;
    Poco::StreamCopier::copyToString(out, o);
    Poco::StreamCopier::copyToString(err, e);
    const int rc = handle.wait();
    BOOST_TEST_REQUIRE(rc == 0, "medassist-admin create-user failed: " << e);
}

// The setup key as a set-up page shows it (groups of four), without the spaces.
inline std::string setupKeyOf(const std::string& html) {
    std::string grouped = htmlUnescape(between(html, "<p class=\"setup-key\"><code>", "</code>"));
    std::string key;
    for (char c : grouped)
        if (c != ' ') key += c;
    return key;
}

// The code an authenticator app holding this key shows at `at` (default: now).
inline std::string totpFor(const std::string& base32Key, std::int64_t at = 0) {
    auto raw = security::base32Decode(base32Key);
    BOOST_TEST_REQUIRE(raw.has_value(), "the setup key is not base32: " << base32Key);
    return security::totpCode(*raw, at ? at : static_cast<std::int64_t>(std::time(nullptr)));
}

// The recovery codes a page lists.
inline std::vector<std::string> recoveryCodesOf(const std::string& html) {
    std::vector<std::string> codes;
    const std::string list = between(html, "<ol class=\"recovery-codes\">", "</ol>");
    for (auto pos = list.find("<code>"); pos != std::string::npos; pos = list.find("<code>", pos + 1)) {
        auto end = list.find("</code>", pos);
        codes.push_back(list.substr(pos + 6, end - pos - 6));
    }
    return codes;
}

}  // namespace medassist::testing
