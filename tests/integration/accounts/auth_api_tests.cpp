// The seed's auth API through nginx over HTTPS, as a client would use it.
#include <regex>
#include <thread>

#include <Poco/JSON/Array.h>
#include <boost/test/unit_test.hpp>

#include "api_client.hpp"
#include "security/session_tokens.hpp"
#include "security/totp.hpp"
#include "temp_dir.hpp"
#include "smtp_server.hpp"

using namespace medassist::testing;

namespace {
std::string fieldsOf(const HttpResult& r) {
    auto body = parseJson(r.body);
    std::string out;
    if (!body->has("errors")) return out;
    auto errors = body->getArray("errors");
    for (std::size_t i = 0; i < errors->size(); ++i) {
        out += errors->getObject(static_cast<unsigned>(i))->getValue<std::string>("field");
        out += ';';
    }
    return out;
}

// The mails that reached one address. Another test's mail may arrive late (the app's
// outbox retries when no SMTP server was listening), so a test reads only its own.
std::vector<ParsedMail> mailsTo(const SmtpServer& smtp, const std::string& to, std::size_t atLeast,
                                const std::string& subject = "") {
    std::vector<ParsedMail> mine;
    // Long enough for mails queued before this test (every registration mails; they retry) to go first.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    do {
        mine.clear();
        for (const auto& raw : smtp.messages())
            if (auto m = parseMail(raw); m.to == to && (subject.empty() || m.subject == subject)) mine.push_back(m);
        if (mine.size() >= atLeast) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } while (std::chrono::steady_clock::now() < deadline);
    return mine;
}

std::string cookieValue(const HttpResult& r, const std::string& name) {
    const std::string h = r.header("set-cookie");
    const std::string prefix = name + "=";
    if (h.rfind(prefix, 0) != 0) return "";
    return h.substr(prefix.size(), h.find(';') - prefix.size());
}
}  // namespace

BOOST_AUTO_TEST_SUITE(auth_api)

BOOST_AUTO_TEST_CASE(register_confirm_by_the_mailed_link_me_logout_then_the_old_token_is_refused) {
    SmtpServer smtp(SmtpServer::testPort());
    const std::string email = uniqueEmail("ahmed");
    ApiClient c;
    auto reg = c.call("POST", "/auth/register", registerBody("Ahmed Ali", email));
    // The seed's shape, pending: no token and no id until the address is confirmed.
    BOOST_TEST(reg.status == 202);
    auto body = parseJson(reg.body);
    BOOST_TEST(body->has("token"));
    BOOST_TEST(body->get("token").isEmpty());
    auto patient = body->getObject("patient");
    BOOST_REQUIRE(patient);
    BOOST_TEST(patient->getValue<std::string>("status") == "unconfirmed");
    BOOST_TEST(!patient->has("email"));  // nothing that could differ for a known address
    BOOST_TEST(patient->get("patient_id").isEmpty());
    BOOST_TEST(!patient->has("password"));
    BOOST_TEST(reg.header("set-cookie").empty());
    expectSecurityHeaders(reg);

    // Until the link is opened, the right password does not sign in (and says why).
    auto early = ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword));
    BOOST_TEST(early.status == 403);
    BOOST_TEST(jsonString(parseJson(early.body), "code") == "EMAIL_UNCONFIRMED");

    auto mails = mailsTo(smtp, email, 1);
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    BOOST_TEST(mails[0].subject == "Confirm your email address");
    std::smatch m;
    BOOST_REQUIRE(std::regex_search(mails[0].body, m, std::regex(R"(/confirm-email\?token=([A-Za-z0-9_-]{43}))")));
    const std::string token = m[1].str();

    // The link alone confirms nothing: the password chosen at registration is asked too.
    auto wrong = ApiClient{}.call("POST", "/auth/confirm-email",
                                  R"({"token":")" + token + R"(","password":"not the one chosen at all"})");
    BOOST_TEST(wrong.status == 422);
    BOOST_TEST(fieldsOf(wrong) == "password;");
    auto ok = c.call("POST", "/auth/confirm-email", R"({"token":")" + token + R"(","password":")" + kGoodPassword + R"("})");
    BOOST_TEST_REQUIRE(ok.status == 200, ok.body);
    auto confirmed = parseJson(ok.body);
    BOOST_TEST(!jsonString(confirmed, "token").empty());
    BOOST_TEST(confirmed->getObject("patient")->getValue<std::int64_t>("patient_id") > 0);
    BOOST_TEST(!confirmed->has("removed"));  // nothing could be set up before
    // Single use.
    auto twice = ApiClient{}.call("POST", "/auth/confirm-email",
                                  R"({"token":")" + token + R"(","password":")" + kGoodPassword + R"("})");
    BOOST_TEST(twice.status == 422);
    BOOST_TEST(fieldsOf(twice) == "token;");

    c.bearer = jsonString(confirmed, "token");
    auto me = c.call("GET", "/auth/me");
    BOOST_TEST(me.status == 200);
    BOOST_TEST(parseJson(me.body)->getObject("patient")->getValue<std::string>("email") == email);

    auto out = c.call("POST", "/auth/logout");
    BOOST_TEST(out.status == 200);
    BOOST_TEST(out.header("clear-site-data") == "\"cookies\"");
    auto again = c.call("GET", "/auth/me");
    BOOST_TEST(again.status == 401);
    BOOST_TEST(jsonString(parseJson(again.body), "code") == "UNAUTHENTICATED");
}

BOOST_AUTO_TEST_CASE(the_session_cookie_has_the_seeds_attributes_and_works_alone) {
    const std::string email = uniqueEmail("cookie");
    newPatient(email);
    ApiClient c;
    auto login = c.call("POST", "/auth/login", loginBody(email, kGoodPassword));
    BOOST_REQUIRE(login.status == 200);
    const std::string setCookie = login.header("set-cookie");
    BOOST_TEST(setCookie.rfind("__Host-session=", 0) == 0);
    BOOST_TEST(setCookie.find("; HttpOnly") != std::string::npos);
    BOOST_TEST(setCookie.find("; Secure") != std::string::npos);
    BOOST_TEST(setCookie.find("; SameSite=Strict") != std::string::npos);
    BOOST_TEST(setCookie.find("; Path=/") != std::string::npos);
    BOOST_TEST(setCookie.find("Domain") == std::string::npos);
    BOOST_TEST(setCookie.size() < 4096u);

    c.cookie = "__Host-session=" + cookieValue(login, "__Host-session");
    auto me = c.call("GET", "/auth/me");
    BOOST_TEST(me.status == 200);
    const std::string csrf = jsonString(parseJson(me.body), "csrf_token");
    BOOST_TEST(!csrf.empty());

    // Cookie sessions need the CSRF header on unsafe requests; a foreign origin never passes.
    BOOST_TEST(c.call("POST", "/auth/logout").status == 403);
    c.csrf = "not-the-token";
    BOOST_TEST(c.call("POST", "/auth/logout").status == 403);
    c.csrf = csrf;
    BOOST_TEST(c.call("POST", "/auth/logout", "", {{"Origin", "https://evil.example"}}).status == 403);
    BOOST_TEST(c.call("POST", "/auth/logout", "", {{"Sec-Fetch-Site", "cross-site"}}).status == 403);
    auto out = c.call("POST", "/auth/logout");
    BOOST_TEST(out.status == 200);
    BOOST_TEST(out.header("set-cookie").find("__Host-session=;") == 0);
    BOOST_TEST(out.header("set-cookie").find("Max-Age=0") != std::string::npos);
    BOOST_TEST(c.call("GET", "/auth/me").status == 401);
}

BOOST_AUTO_TEST_CASE(unknown_email_and_wrong_password_get_the_same_answer) {
    const std::string email = uniqueEmail("same");
    newPatient(email);
    ApiClient a, b;
    auto wrong = a.call("POST", "/auth/login", loginBody(email, "not the password at all"));
    auto unknown = b.call("POST", "/auth/login", loginBody(uniqueEmail("nobody"), "not the password at all"));
    BOOST_TEST(wrong.status == 401);
    BOOST_TEST(unknown.status == 401);
    BOOST_TEST(wrong.body == unknown.body);
    BOOST_TEST(jsonString(parseJson(wrong.body), "code") == "INVALID_CREDENTIALS");
}

BOOST_AUTO_TEST_CASE(strict_validation_names_every_bad_field) {
    ApiClient c;
    auto missing = c.call("POST", "/auth/register", R"({"name":"A B"})");
    BOOST_TEST(missing.status == 422);
    BOOST_TEST(fieldsOf(missing) == "email;password;");

    auto wrongType = c.call("POST", "/auth/login", R"({"email":42,"password":["x"]})");
    BOOST_TEST(wrongType.status == 422);
    BOOST_TEST(fieldsOf(wrongType) == "email;password;");

    auto unknown = c.call("POST", "/auth/forget_password", R"({"email":"a@example.org","admin":true})");
    BOOST_TEST(unknown.status == 422);
    BOOST_TEST(fieldsOf(unknown) == "admin;");

    const std::string longName(101, 'n');
    auto tooLong = ApiClient{}.call("POST", "/auth/register",
                                    registerBody(longName, uniqueEmail("long"), "short"));
    BOOST_TEST(tooLong.status == 422);
    BOOST_TEST(fieldsOf(tooLong).find("name;") != std::string::npos);

    auto weak = ApiClient{}.call("POST", "/auth/register", registerBody("Ada Lovelace", uniqueEmail("weak"), "password1234"));
    BOOST_TEST(weak.status == 422);
    BOOST_TEST(fieldsOf(weak) == "password;");
    BOOST_TEST(weak.body.find("guess") != std::string::npos);

    auto hasEmail = ApiClient{}.call("POST", "/auth/register",
                                     registerBody("Rosa Verdi", "rosa.verdi.77@example.org", "rosa.verdi.77 orbit lantern"));
    BOOST_TEST(hasEmail.status == 422);
    BOOST_TEST(fieldsOf(hasEmail) == "password;");
}

BOOST_AUTO_TEST_CASE(a_doctor_stays_pending_until_an_admin_approves) {
    const std::string email = uniqueEmail("dr");
    ApiClient c;
    auto reg = c.call("POST", "/auth/register/doctor", registerBody("Dr. Pending Person", email));
    BOOST_TEST(reg.status == 202);
    BOOST_TEST(parseJson(reg.body)->get("token").isEmpty());
    BOOST_TEST_REQUIRE(confirmEmailByStaff(email).exitCode == 0);
    auto login = ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword));
    BOOST_TEST(login.status == 403);
    BOOST_TEST(jsonString(parseJson(login.body), "code") == "ACCOUNT_PENDING");
}

BOOST_AUTO_TEST_CASE(a_patient_cannot_reach_admin_routes) {
    auto patient = newPatient(uniqueEmail("nosy"));
    auto r = patient.call("GET", "/api/admin/pending-doctors");
    BOOST_TEST(r.status == 403);
    BOOST_TEST(jsonString(parseJson(r.body), "code") == "FORBIDDEN");
    auto approve = patient.call("POST", "/api/admin/doctors/1/approve");
    BOOST_TEST(approve.status == 403);
    BOOST_TEST(ApiClient{}.call("GET", "/api/admin/pending-doctors").status == 401);
}

BOOST_AUTO_TEST_CASE(forged_tokens_are_refused) {
    const std::string email = uniqueEmail("forge");
    auto c = newPatient(email);
    const std::string token = c.bearer;
    const auto dot1 = token.find('.'), dot2 = token.rfind('.');
    // alg none, with the same claims and no signature
    ApiClient none = c;
    none.bearer = medassist::security::base64UrlEncode(R"({"alg":"none","typ":"JWT"})") + token.substr(dot1, dot2 - dot1) + ".";
    BOOST_TEST(none.call("GET", "/auth/me").status == 401);
    // a changed claim (role) with the old signature
    ApiClient changed = c;
    changed.bearer = token.substr(0, dot1 + 1) + medassist::security::base64UrlEncode(R"({"role":"admin","sub":"1"})") +
                     token.substr(dot2);
    BOOST_TEST(changed.call("GET", "/auth/me").status == 401);
    ApiClient garbage = c;
    garbage.bearer = "abc.def.ghi";
    BOOST_TEST(garbage.call("GET", "/auth/me").status == 401);
    BOOST_TEST(c.call("GET", "/auth/me").status == 200);
}

BOOST_AUTO_TEST_CASE(a_password_change_revokes_older_tokens_and_mails_the_user) {
    SmtpServer smtp(SmtpServer::testPort());
    const std::string email = uniqueEmail("change");
    auto c = newPatient(email, "Chiara Neri");
    ApiClient other = c;  // the same account signed in elsewhere
    auto login = ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword));
    other.bearer = jsonString(parseJson(login.body), "token");

    auto wrong = c.call("PATCH", "/auth/updatemypassword",
                        R"({"current_password":"nope nope nope","password":"velvet harbor compass 9","confirm_password":"velvet harbor compass 9"})");
    BOOST_TEST(wrong.status == 422);
    BOOST_TEST(fieldsOf(wrong) == "current_password;");

    auto ok = c.call("PATCH", "/auth/updatemypassword",
                     R"({"current_password":")" + kGoodPassword +
                         R"(","password":"velvet harbor compass 9","confirm_password":"velvet harbor compass 9"})");
    BOOST_TEST(ok.status == 200);
    const std::string fresh = jsonString(parseJson(ok.body), "token");
    BOOST_TEST(!fresh.empty());
    BOOST_TEST(c.call("GET", "/auth/me").status == 401);
    BOOST_TEST(other.call("GET", "/auth/me").status == 401);
    c.bearer = fresh;
    BOOST_TEST(c.call("GET", "/auth/me").status == 200);
    BOOST_TEST(ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword)).status == 401);
    BOOST_TEST(ApiClient{}.call("POST", "/auth/login", loginBody(email, "velvet harbor compass 9")).status == 200);

    auto mails = mailsTo(smtp, email, 1, "Your password was changed");
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
}

BOOST_AUTO_TEST_CASE(a_reset_through_a_real_smtp_server_works_once) {
    SmtpServer smtp(SmtpServer::testPort());
    const std::string email = uniqueEmail("reset");
    auto c = newPatient(email, "Paolo Gialli");

    ApiClient a, b;
    auto known = a.call("POST", "/auth/forget_password", R"({"email":")" + email + R"("})");
    auto unknown = b.call("POST", "/auth/forgetpassword", R"({"email":")" + uniqueEmail("ghost") + R"("})");
    BOOST_TEST(known.status == 200);
    BOOST_TEST(unknown.status == 200);
    BOOST_TEST(known.body == unknown.body);

    auto mails = mailsTo(smtp, email, 1, "Reset your password");
    BOOST_REQUIRE_EQUAL(mails.size(), 1u);
    const auto& mail = mails[0];
    for (const auto& raw : smtp.messages())  // none for the unknown address
        BOOST_TEST(parseMail(raw).to.find("ghost.") == std::string::npos);
    std::smatch m;
    const std::string base = env("MEDASSIST_TEST_BASE_URL");
    BOOST_REQUIRE(std::regex_search(mail.body, m, std::regex(R"((https://\S+)/reset-password\?token=([A-Za-z0-9_-]{43}))")));
    BOOST_TEST(m[1].str() == base);  // built from the configured public URL
    const std::string token = m[2].str();

    // The mailed link opens the reset page without any cookie.
    auto page = https("GET", "/reset-password?token=" + token, {{"X-Forwarded-For", uniqueClientAddress()}});
    BOOST_TEST(page.status == 200);

    const std::string body = R"({"token":")" + token +
                             R"(","password":"granite meadow falcon 31","confirm_password":"granite meadow falcon 31"})";
    auto mismatch = ApiClient{}.call("POST", "/auth/reset_password",
                                     R"({"token":")" + token + R"(","password":"granite meadow falcon 31","confirm_password":"other"})");
    BOOST_TEST(mismatch.status == 422);
    BOOST_TEST(fieldsOf(mismatch) == "confirm_password;");
    auto reset = ApiClient{}.call("POST", "/auth/reset_password", body);
    BOOST_TEST(reset.status == 200);
    BOOST_TEST(!jsonString(parseJson(reset.body), "token").empty());
    auto reused = ApiClient{}.call("POST", "/auth/resetpassword", body);
    BOOST_TEST(reused.status == 422);
    BOOST_TEST(fieldsOf(reused) == "token;");
    BOOST_TEST(c.call("GET", "/auth/me").status == 401);  // the reset ended the old session
    BOOST_TEST(ApiClient{}.call("POST", "/auth/login", loginBody(email, "granite meadow falcon 31")).status == 200);
}

BOOST_AUTO_TEST_CASE(totp_sign_in_with_codes_from_liboath) {
    const std::string email = uniqueEmail("totp");
    auto c = newPatient(email);
    auto begin = c.call("POST", "/api/me/mfa");
    BOOST_REQUIRE(begin.status == 200);
    const std::string secretText = jsonString(parseJson(begin.body), "secret");
    BOOST_TEST(jsonString(parseJson(begin.body), "otpauth_uri").rfind("otpauth://totp/", 0) == 0);
    auto raw = medassist::security::base32Decode(secretText);
    BOOST_REQUIRE(raw);
    const auto now = static_cast<std::int64_t>(std::time(nullptr));

    BOOST_TEST(c.call("POST", "/api/me/mfa/confirm", R"({"code":"000000"})").status == 422);
    auto confirm = c.call("POST", "/api/me/mfa/confirm", R"({"code":")" + medassist::security::totpCode(*raw, now) + R"("})");
    BOOST_REQUIRE(confirm.status == 200);
    auto codes = parseJson(confirm.body)->getArray("recovery_codes");
    BOOST_REQUIRE(codes);
    BOOST_TEST(codes->size() == 10u);

    auto noCode = ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword));
    BOOST_TEST(noCode.status == 401);
    BOOST_TEST(jsonString(parseJson(noCode.body), "code") == "MFA_REQUIRED");
    auto badCode = ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword, "123456"));
    BOOST_TEST(jsonString(parseJson(badCode.body), "code") == "MFA_INVALID");
    // The next step's code (one step of drift is allowed) signs in once; the same code again does not.
    const std::string next = medassist::security::totpCode(*raw, now + 30);
    BOOST_TEST(ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword, next)).status == 200);
    BOOST_TEST(ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword, next)).status == 401);
    // A recovery code works exactly once.
    const std::string recovery = codes->getElement<std::string>(0);
    BOOST_TEST(ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword, recovery)).status == 200);
    BOOST_TEST(ApiClient{}.call("POST", "/auth/login", loginBody(email, kGoodPassword, recovery)).status == 401);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(session_lifetime)

// Tokens signed with the test stack's own key, to place iat and auth_time in the past.
BOOST_AUTO_TEST_CASE(idle_and_absolute_limits_and_renewal_on_use) {
    auto key = readFile(std::filesystem::path(env("MEDASSIST_TEST_VAR")) / "secrets" / "secret_key");
    key = key.substr(0, key.find('\n'));
    const medassist::security::SessionTokens signer(key, std::chrono::minutes(60));
    auto c = newPatient(uniqueEmail("lifetime"));
    auto me = parseJson(c.call("GET", "/auth/me").body);
    const std::string id = std::to_string(me->getObject("patient")->getValue<long>("patient_id"));
    const auto now = static_cast<std::int64_t>(std::time(nullptr));

    auto cookieCall = [](const std::string& token) {
        ApiClient b;
        b.cookie = "__Host-session=" + token;
        return b.call("GET", "/auth/me");
    };
    // Used 2 minutes after issue: accepted and renewed, with the same session id.
    medassist::security::SessionClaims first;
    auto fresh = cookieCall(signer.issue(id, "patient", 1, now - 120, now - 120, &first));
    BOOST_TEST(fresh.status == 200);
    const std::string renewed = cookieValue(fresh, "__Host-session");
    BOOST_REQUIRE(!renewed.empty());
    auto check = signer.verify(renewed, now);
    BOOST_REQUIRE(check.claims);
    BOOST_TEST(check.claims->jti == first.jti);
    BOOST_TEST(check.claims->authTime == now - 120);
    BOOST_TEST(check.claims->issuedAt >= now);
    // Idle for 31 minutes (not yet expired by exp): refused, and the cookie is cleared.
    auto idle = cookieCall(signer.issue(id, "patient", 1, now - 31 * 60, now - 31 * 60));
    BOOST_TEST(idle.status == 401);
    BOOST_TEST(idle.header("set-cookie").find("Max-Age=0") != std::string::npos);
    // Active all along but signed in 12 h 1 min ago: refused.
    BOOST_TEST(cookieCall(signer.issue(id, "patient", 1, now - 60, now - 12 * 3600 - 60)).status == 401);
    // A stale password version or another role: refused.
    BOOST_TEST(cookieCall(signer.issue(id, "patient", 0, now, now)).status == 401);
    BOOST_TEST(cookieCall(signer.issue(id, "admin", 1, now, now)).status == 401);
    // Signed with another key: refused.
    const medassist::security::SessionTokens other(std::string(48, 'k') + "x", std::chrono::minutes(60));
    BOOST_TEST(cookieCall(other.issue(id, "patient", 1, now, now)).status == 401);
}

BOOST_AUTO_TEST_SUITE_END()
