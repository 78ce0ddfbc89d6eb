#pragma once
// Doctors and admins for integration tests: made the way an operator makes them
// (medassist-admin create-user), enrolled in two-step sign-in through the real pages, then
// signed in to the API with the next TOTP code, as an API client would.
#include <cstdint>
#include <ctime>
#include <string>

#include "../integration/account_pages/browser.hpp"
#include "../integration/accounts/api_client.hpp"
#include "security/totp.hpp"

namespace medassist::testing {

struct StaffAccount {
    std::int64_t id = 0;
    std::string email;
    std::string totpKey;  // base32, as the set-up page shows it
    ApiClient api;        // bearer session
    Browser browser;      // cookie session (pages)
};

inline std::string totpAt(const std::string& base32Key, std::int64_t at) {
    auto raw = security::base32Decode(base32Key);
    BOOST_TEST_REQUIRE(raw.has_value());
    return security::totpCode(*raw, at);
}

inline StaffAccount newStaff(const std::string& role, const std::string& name) {
    StaffAccount s;
    s.email = uniqueEmail(role);
    auto made = adminCommand("create-user --role " + role + " --email '" + s.email + "' --name '" + name + "'",
                             kGoodPassword);
    BOOST_TEST_REQUIRE(made.exitCode == 0, "create-user: " << made.output);
    auto at = made.output.rfind("account ");
    BOOST_TEST_REQUIRE(at != std::string::npos);
    s.id = std::stoll(made.output.substr(at + 8));

    auto form = s.browser.get("/login");
    auto signIn = s.browser.post("/login", {{"csrf_token", csrfOf(form.body)}, {"email", s.email},
                                            {"password", kGoodPassword}});
    BOOST_TEST_REQUIRE(signIn.status == 303);
    BOOST_TEST_REQUIRE(signIn.header("location") == "/login/enroll");
    auto setup = s.browser.get("/login/enroll");
    std::string grouped = htmlUnescape(between(setup.body, "<p class=\"setup-key\"><code>", "</code>"));
    for (char c : grouped)
        if (c != ' ') s.totpKey += c;
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    auto enrolled = s.browser.post("/login/enroll", {{"csrf_token", csrfOf(setup.body)}, {"code", totpAt(s.totpKey, now)}});
    BOOST_TEST_REQUIRE(enrolled.status == 200, "enrollment: " << enrolled.status);

    // The enrollment used this time step's code; the next step's code is accepted once.
    auto login = s.api.call("POST", "/auth/login", loginBody(s.email, kGoodPassword, totpAt(s.totpKey, now + 30)));
    BOOST_TEST_REQUIRE(login.status == 200, "staff login: " << login.status << " " << login.body);
    s.api.bearer = jsonString(parseJson(login.body), "token");
    return s;
}

}  // namespace medassist::testing
