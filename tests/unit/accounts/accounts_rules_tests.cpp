// Pure parts of accounts: cookie attributes, which client address is believed, input
// validation, strict JSON bodies, and the Vault following a master-key rotation.
#include <filesystem>
#include <fstream>

#include <Poco/JSON/Parser.h>
#include <boost/test/unit_test.hpp>

#include "accounts/accounts_service.hpp"
#include "accounts/gate.hpp"
#include "http/errors.hpp"
#include "http/json_body.hpp"
#include "security/crypto_util.hpp"
#include "security/vault.hpp"
#include "../../support/temp_dir.hpp"

using namespace medassist;
using namespace medassist::accounts;

namespace {
http::Request requestFrom(const std::string& remote, const std::string& xff = "") {
    std::map<std::string, std::string> params{{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/"}, {"REMOTE_ADDR", remote}};
    if (!xff.empty()) params["HTTP_X_FORWARDED_FOR"] = xff;
    return http::Request(params, [](char*, std::size_t) { return std::size_t{0}; });
}

Poco::JSON::Object::Ptr json(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

std::string fields(const std::function<void()>& f) {
    try {
        f();
    } catch (const http::ValidationError& e) {
        std::string out;
        for (const auto& fe : e.errors()) out += fe.field + ";";
        return out;
    }
    return "(none)";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(cookies)

BOOST_AUTO_TEST_CASE(the_session_cookie_has_the_seeds_attributes) {
    const std::string c = cookieHeader(kSessionCookie, "abc");
    BOOST_TEST(c == "__Host-session=abc; Path=/; Secure; HttpOnly; SameSite=Strict");
    BOOST_TEST(c.find("Domain") == std::string::npos);
    BOOST_TEST(cookieHeader(kSessionCookie, "", 0) == "__Host-session=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
    BOOST_TEST(cookieHeader(kPendingCookie, "t", 300).find("Max-Age=300") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(client_address)

BOOST_AUTO_TEST_CASE(forwarded_for_is_believed_only_from_a_trusted_proxy) {
    const std::vector<std::string> trusted{"127.0.0.1", "::1"};
    BOOST_TEST(clientAddress(requestFrom("198.51.100.7", "10.9.9.9"), trusted) == "198.51.100.7");
    BOOST_TEST(clientAddress(requestFrom("127.0.0.1", "198.51.100.7"), trusted) == "198.51.100.7");
    // Right-most untrusted hop: a client cannot push its own fake address in front.
    BOOST_TEST(clientAddress(requestFrom("127.0.0.1", "1.2.3.4, 198.51.100.7, 127.0.0.1"), trusted) == "198.51.100.7");
    BOOST_TEST(clientAddress(requestFrom("::1", "2001:db8::5"), trusted) == "2001:db8::5");
    BOOST_TEST(clientAddress(requestFrom("127.0.0.1", "not-an-ip"), trusted) == "127.0.0.1");
    BOOST_TEST(clientAddress(requestFrom("127.0.0.1"), trusted) == "127.0.0.1");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(validation)

BOOST_AUTO_TEST_CASE(emails) {
    BOOST_TEST(normalizeEmail("  Maria.Bianchi@Example.COM ") == "maria.bianchi@example.com");
    BOOST_TEST(!emailProblem("maria@example.com"));
    for (const char* bad : {"", "maria", "@example.com", "maria@", "maria@example", "a@b@example.com", "ma ria@example.com",
                            "maria@example.com,eve@evil.example", "maria@example.com\r\nBcc: eve@evil.example",
                            "<maria@example.com>", "maria@.example.com"})
        BOOST_TEST(emailProblem(bad).has_value(), bad);
    BOOST_TEST(emailProblem(std::string(250, 'a') + "@x.io").has_value());
}

BOOST_AUTO_TEST_CASE(names_phones_and_dates_of_birth) {
    BOOST_TEST(!nameProblem("Maria Bianchi"));
    BOOST_TEST(!nameProblem("Zoë O'Brien-Łukasz"));
    BOOST_TEST(nameProblem("  ").has_value());
    BOOST_TEST(nameProblem(std::string(101, 'x')).has_value());
    BOOST_TEST(nameProblem("Maria\nBianchi").has_value());
    // Issue 16: characters that change how a name is shown on someone else's page, unseen.
    BOOST_TEST(!nameProblem("山田 太郎"));
    BOOST_TEST(!nameProblem("Ана Петрова"));
    BOOST_TEST(nameProblem("Giovanna \u202Eidranir").has_value());  // right-to-left override (Cf)
    BOOST_TEST(nameProblem("Giovanna\u2028Rinaldi").has_value());   // line separator (Zl)
    BOOST_TEST(nameProblem("Giovanna\u2029Rinaldi").has_value());   // paragraph separator (Zp)
    BOOST_TEST(nameProblem("Giovanna\u0085Rinaldi").has_value());   // next line, a C1 control
    BOOST_TEST(nameProblem("Gio\u200Bvanna").has_value());          // zero-width space (Cf)
    BOOST_TEST(nameProblem("Giovanna \u2066Rinaldi\u2069").has_value());  // isolates (Cf)
    BOOST_TEST(nameProblem("\xC3\x28").has_value());                // not UTF-8
    BOOST_TEST(nameProblem("Giovanna \u202Eidranir")->find("invisible formatting") != std::string::npos);
    BOOST_TEST(!phoneProblem(""));
    BOOST_TEST(!phoneProblem("+39 06 1234 5678"));
    BOOST_TEST(phoneProblem("call me").has_value());
    BOOST_TEST(phoneProblem("123").has_value());
    const std::int64_t nov2026 = 1795345866;
    BOOST_TEST(!dobProblem("", nov2026));
    BOOST_TEST(!dobProblem("1980-02-29", nov2026));
    BOOST_TEST(dobProblem("1981-02-29", nov2026).has_value());  // not a leap year
    BOOST_TEST(dobProblem("29/02/1980", nov2026).has_value());
    BOOST_TEST(dobProblem("2030-01-01", nov2026).has_value());
    BOOST_TEST(dobProblem("1850-01-01", nov2026).has_value());
}

BOOST_AUTO_TEST_CASE(roles) {
    for (const char* r : {"patient", "caregiver", "doctor", "admin"}) BOOST_TEST(isRole(r));
    BOOST_TEST(!isRole("root"));
    BOOST_TEST(!isRole(""));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(json_bodies)

BOOST_AUTO_TEST_CASE(every_bad_field_is_named_once) {
    const std::vector<http::JsonField> spec{{"email", true, 20}, {"password", true, 30}, {"role", false, 10}};
    auto ok = http::readJsonFields(json(R"({"email":"a@b.io","password":"pw"})"), spec);
    BOOST_TEST(ok["email"] == "a@b.io");
    BOOST_TEST(!ok.count("role"));
    BOOST_TEST(fields([&] { http::readJsonFields(json(R"({})"), spec); }) == "email;password;");
    BOOST_TEST(fields([&] { http::readJsonFields(json(R"({"email":1,"password":null})"), spec); }) == "email;password;");
    BOOST_TEST(fields([&] { http::readJsonFields(json(R"({"email":"a@b.io","password":"x","is_admin":true})"), spec); }) ==
               "is_admin;");
    BOOST_TEST(fields([&] { http::readJsonFields(json(R"({"email":"aaaaaaaaaaaaaaaaaaaaaaaaa","password":"x"})"), spec); }) ==
               "email;");
    BOOST_TEST(fields([&] { http::readJsonFields(json(R"({"email":"","password":"x"})"), spec); }) == "email;");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(vault_rotation)

BOOST_AUTO_TEST_CASE(a_vault_reads_a_key_added_while_it_runs) {
    medassist::testing::TempDir dir;
    auto writeKey = [&](int v) {
        std::ofstream(dir.path / ("master_key_v" + std::to_string(v)))
            << security::base64Encode(security::randomBytes(32)) << "\n";
    };
    writeKey(1);
    const std::string blind(32, 'b');
    security::Vault running(dir.path.string(), blind);
    const std::string dataKey = security::Vault::newDataKey();
    auto v1 = running.wrap(dataKey, "user:7");
    BOOST_TEST(v1.version == 1);

    // The admin tool adds v2 and re-wraps; the running vault meets a v2 key it never loaded.
    writeKey(2);
    security::Vault admin(dir.path.string(), blind);
    auto v2 = admin.wrap(admin.unwrap(v1, "user:7"), "user:7");
    BOOST_TEST(v2.version == 2);
    BOOST_TEST(running.unwrap(v2, "user:7") == dataKey);
    BOOST_TEST(running.currentVersion() == 2);  // and wraps new keys under it from now on
    BOOST_TEST(running.wrap(dataKey, "user:8").version == 2);
    BOOST_CHECK_THROW(running.unwrap(v2, "user:8"), security::CryptoError);  // bound to its owner
}

BOOST_AUTO_TEST_SUITE_END()
